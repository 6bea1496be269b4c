package dev.vigil.web;

/**
 * The frame every page shares: the head with its inline style (light and dark following the browser, readable at
 * phone width), the header naming the agent, and the end. No script and no external asset.
 */
final class Frame {
    private static final String STYLE = """
            :root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--up:#1a7f37;\
            --down:#cf222e;--unknown:#8c959f;--link:#0969da;--band:#f6f8fa}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;\
            --up:#3fb950;--down:#f85149;--unknown:#6e7681;--link:#4493f8;--band:#161b22}}
            body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.4 system-ui,sans-serif}
            header,main{padding:.5rem 1rem;max-width:80rem;margin:auto}
            header{border-bottom:1px solid var(--line)}
            h1{font-size:1.3rem;margin:.3rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
            a{color:var(--link)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible\
            {outline:2px solid var(--link);outline-offset:2px}
            .muted,.url,.labels{color:var(--muted);font-size:.85rem;overflow-wrap:anywhere}
            form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}
            label{display:flex;flex-direction:column;font-size:.85rem}
            input,select,button{font:inherit;color:inherit;background:var(--band);border:1px solid var(--line);\
            border-radius:4px;padding:.2rem .4rem}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
            thead th{background:var(--band);font-size:.85rem}tbody th{font-weight:normal}tbody th a{font-weight:600}
            .state{font-weight:600}.up .state,.up.state{color:var(--up)}.down .state,.down.state{color:var(--down)}
            .unknown .state,.unknown.state{color:var(--unknown)}
            .cause{overflow-wrap:anywhere}section{overflow-x:auto}
            svg{display:block;max-width:100%}svg .up{fill:var(--up)}svg .down{fill:var(--down)}\
            svg .none{fill:var(--band)}svg .now{stroke:var(--fg)}svg .change{stroke:var(--link)}\
            svg .phase{fill:var(--link)}svg .phase.odd{opacity:.55}
            svg text{font-size:11px;fill:var(--fg)}svg text.axis,svg text.note{fill:var(--muted)}\
            svg line.tick{stroke:var(--line)}svg rect.ct{fill:none;stroke:var(--link);stroke-dasharray:3 2}\
            svg line.base{stroke:var(--muted)}svg line.capacity{stroke:var(--down);stroke-dasharray:4 3}\
            svg line.used{stroke:var(--fg);stroke-width:2}svg .issued{fill:var(--link)}\
            svg line.next{stroke:var(--up);stroke-width:2;stroke-dasharray:2 2}svg.limit{margin:.5rem 0}\
            table.limits td{overflow-wrap:anywhere}
            .skip{position:absolute;left:-999px;top:.5em;padding:.3em .6em;background:var(--bg);z-index:1}.skip:focus{left:.5em}
            nav.pages{display:flex;gap:1rem;margin:.7rem 0}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:var(--muted)}dd{margin:0}
            @media (max-width:40rem){.wide{display:none}th,td{padding:.3rem}}
            """;

    private Frame() {
    }

    /**
     * The page up to the start of {@code <main>}: first of all a link past the header to the element {@code skipTo}
     * (an id), which a keyboard's first Tab reaches, saying {@code skipLabel}.
     */
    static void open(StringBuilder page, Site site, String title, String skipTo, String skipLabel) {
        page.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head>\n<body><a class=\"skip\" href=\"#").append(skipTo).append("\">")
                .append(Html.escape(skipLabel)).append("</a><header><h1><a href=\"").append(Html.escape(site.link("/")))
                .append("\">Vigil</a></h1><p class=\"muted\">agent ").append(Html.escape(site.agent()));
        if (site.location() != null) {
            page.append(" · location ").append(Html.escape(site.location()));
        }
        if (site.shard() != null) {
            page.append(" · shard ").append(Html.escape(site.shard()));
        }
        page.append(" · ").append(site.now()).append("</p></header>\n<main>");
    }

    static String close(StringBuilder page) {
        return page.append("</main></body></html>\n").toString();
    }
}
