package dev.vigil.agent;

import dev.vigil.alert.Notification;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CertTracker;
import dev.vigil.config.ProbeConfig;
import dev.vigil.fleet.AgentIdentity;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.StatePart;
import dev.vigil.state.VigilState;
import dev.vigil.web.CertView;
import dev.vigil.web.DnsSeen;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Listed;
import dev.vigil.web.Overview;
import dev.vigil.web.PeerRow;
import dev.vigil.web.ProbePage;
import dev.vigil.web.ProbeRow;
import dev.vigil.web.ProbeState;
import dev.vigil.web.RecentRuns;
import dev.vigil.web.RunBuckets;
import dev.vigil.web.SeenFrom;
import dev.vigil.web.Site;
import dev.vigil.web.Where;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What the status pages show of each scheduled probe: its config, its recent runs and its last result, fed by every
 * run the agent records, with the certificate status it left. Its piece of the state file is the recent runs, so a
 * restart does not blank the bars. The pages read it without a lock of the agent's: a probe's list and entries are replaced
 * whole on a reload, and a run's result is one volatile write.
 */
final class StatusBoard implements StatusPages, StatePart {
    /** One probe: a probe whose config changes keeps its runs, as a person reading the page expects. */
    private static final class Entry implements Listed {
        final ProbeConfig config;
        final RecentRuns runs;
        /** The last run and what was known of its certificate after it, written together. */
        volatile Recorded last;

        Entry(ProbeConfig config, RecentRuns runs, Recorded last) {
            this.config = config;
            this.runs = runs;
            this.last = last;
        }

        @Override
        public String name() {
            return config.name();
        }

        @Override
        public String url() {
            return config.spec().url().toString();
        }

        @Override
        public ProbeState state() {
            Recorded recorded = last;
            return ProbeState.of(recorded == null ? null : recorded.result().success());
        }

        @Override
        public Map<String, String> labels() {
            return config.labels();
        }
    }

    private record Recorded(ProbeResult result, CertStatus cert) {
    }

    private final Clock clock;
    private final Supplier<List<Notification>> incidents;
    private final BiFunction<ProbeConfig, ProbeResult, CertTracker.Reached> histories;
    private volatile Map<String, Entry> entries = Map.of();
    private volatile List<Entry> ordered = List.of();
    private volatile AgentIdentity agent = AgentIdentity.single("vigil");
    /** The other agents whose probes the list shows too; null for none. */
    private volatile Peers peers;
    /** The rings the state file held, each taken by its probe when the config first names it. */
    private final Map<String, String> loaded;
    private final AtomicLong runsRecorded = new AtomicLong();

    /**
     * @param incidents the last message of every alert firing now, oldest first
     * @param histories the certificate histories of the endpoints a probe reached, the one its run ended at first
     * @param loaded    each probe's recent runs as the state file held them
     */
    StatusBoard(Clock clock, Supplier<List<Notification>> incidents,
            BiFunction<ProbeConfig, ProbeResult, CertTracker.Reached> histories, Map<String, String> loaded) {
        this.clock = clock;
        this.incidents = incidents;
        this.histories = histories;
        this.loaded = new ConcurrentHashMap<>(loaded);
    }

    /** Follows a config applied: these probes, in this order, on behalf of {@code identity}. */
    synchronized void configured(List<ProbeConfig> probes, AgentIdentity identity) {
        Map<String, Entry> next = new LinkedHashMap<>();
        for (ProbeConfig probe : probes) {
            Entry kept = entries.get(probe.name());
            next.put(probe.name(), kept == null ? new Entry(probe, restored(probe.name()), null)
                    : kept.config.equals(probe) ? kept : new Entry(probe, kept.runs, kept.last));
        }
        entries = next;
        ordered = List.copyOf(next.values());
        agent = identity;
    }

    private RecentRuns restored(String probe) {
        String saved = loaded.remove(probe);
        return saved == null ? new RecentRuns() : RecentRuns.restore(saved);
    }

    /**
     * Takes a run's result and what was known of its certificate after it; the agent calls it only for a run of a
     * probe still scheduled as it ran.
     */
    void recorded(ProbeConfig probe, ProbeResult result, CertStatus cert) {
        Entry entry = entries.get(probe.name());
        if (entry != null) {
            entry.runs.add(result.startedAt(), result.success(), result.duration());
            entry.last = new Recorded(result, cert);
            runsRecorded.incrementAndGet();
        }
    }

    /**
     * The recent runs of the probes scheduled now, and those loaded for probes not scheduled yet (discovery may
     * bring them a little later) while they hold a run of the last day. A probe removed from the config is not kept.
     */
    @Override
    public VigilState addTo(VigilState state) {
        Map<String, String> runs = new HashMap<>();
        Instant now = clock.instant();
        loaded.forEach((probe, saved) -> {
            RunBuckets left = RecentRuns.restore(saved).snapshot(now);
            if (left.totalUp() + left.totalDown() > 0) {
                runs.put(probe, saved);
            }
        });
        for (Entry entry : ordered) {
            String saved = entry.runs.saved();
            if (saved != null) {
                runs.put(entry.name(), saved);
            }
        }
        return state.withRecentRuns(runs);
    }

    /** Runs are saved with the next periodic save, never in a hurry: losing a minute of them costs a sliver of a bar. */
    @Override
    public Revision revision() {
        return new Revision(runsRecorded.get(), 0);
    }

    /** Lists the probes of these peers too, as their last answers tell them. */
    void peers(Peers collector) {
        peers = collector;
    }

    @Override
    public String overview(String rawQuery, String prefix) {
        Site site = site(prefix);
        Map<String, String> causes = causes();
        PeerListing fleet = peerListing(site);
        return Overview.render(site, ListQuery.parse(rawQuery), PeerListing.concat(ordered, fleet.rows()),
                listed -> listed instanceof PeerRow peer ? peer.row(fleet.stale().get(peer.where()), site.now())
                        : row((Entry) listed, causes.get(listed.name()), site.now()), fleet.fleet());
    }

    /** The firing incident's cause of each probe that has one. */
    private Map<String, String> causes() {
        Map<String, String> causes = new HashMap<>();
        incidents.get().forEach(incident -> causes.putIfAbsent(incident.probe(), incident.summary()));
        return causes;
    }

    private PeerListing peerListing(Site site) {
        Peers collector = peers;
        return collector == null ? PeerListing.NONE
                : PeerListing.of(collector.views(), site.now(), collector.staleAfter(), site.agent());
    }

    /**
     * The agent and its probes for {@code GET /api/v1/status} ({@link StatusJson}); with {@code probe=NAME} in the
     * raw query, that probe only, and empty when there is none of that name.
     */
    @Override
    public Optional<String> status(String rawQuery) {
        Site site = site("");
        String only = ListQuery.parameter(rawQuery, "probe");
        List<Entry> probes = only == null ? ordered : Optional.ofNullable(entries.get(only)).map(List::of)
                .orElse(List.of());
        if (only != null && probes.isEmpty()) {
            return Optional.empty();
        }
        Where own = Where.of(site);
        Map<String, String> causes = causes();
        return Optional.of(StatusJson.write(own, probes.stream().map(entry -> {
            Recorded last = entry.last;
            ProbeResult result = last == null ? null : last.result();
            return new PeerRow(own, entry.name(), entry.url(), entry.state(), causes.get(entry.name()),
                    result == null ? null : result.duration(), entry.labels(), entry.runs.saved(),
                    result == null || result.dns() == null ? null : DnsSeen.of(result.dns(), result.startedAt()));
        }).toList()));
    }

    /** What DNS answered the probe here and at each peer that runs one of the same name; empty without peers. */
    private List<SeenFrom> elsewhere(Entry entry, Site site) {
        PeerListing fleet = peerListing(site);
        List<SeenFrom> peersSeen = fleet.seen(entry.name());
        if (peersSeen.isEmpty()) {
            return List.of();
        }
        Recorded last = entry.last;
        List<SeenFrom> seen = new ArrayList<>(peersSeen.size() + 1);
        seen.add(new SeenFrom(Where.of(site), null, last == null || last.result().dns() == null ? null
                : DnsSeen.of(last.result().dns(), last.result().startedAt())));
        seen.addAll(peersSeen);
        return seen;
    }

    @Override
    public Optional<String> probe(String name, String prefix) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        Site site = site(prefix);
        List<Notification> firing = incidents.get().stream().filter(incident -> incident.probe().equals(name))
                .toList();
        ProbeRow row = row(entry, firing.isEmpty() ? null : firing.getFirst().summary(), site.now())
                .withElsewhere(elsewhere(entry, site));
        Recorded last = entry.last;
        if (last == null) {
            return Optional.of(ProbePage.render(site, row, firing, null, null));
        }
        CertTracker.Reached reached = histories.apply(entry.config, last.result());
        return Optional.of(ProbePage.render(site, row, firing, last.result(), new CertView(reached.shown(),
                reached.total() - reached.shown().size(), last.cert(), entry.config.cert().exactSet())));
    }

    private Site site(String prefix) {
        AgentIdentity identity = agent;
        return new Site(prefix, identity.name(), identity.location(),
                identity.shard().count() > 1 ? identity.shard().toString() : null, clock.instant());
    }

    private static ProbeRow row(Entry entry, String cause, Instant now) {
        Recorded last = entry.last;
        return new ProbeRow(entry.name(), entry.url(), entry.state(), cause,
                last == null ? null : last.result().duration(), entry.labels(), entry.runs.snapshot(now));
    }
}
