#!/usr/bin/env python3
"""Asks a Prometheus' HTTP API what check.sh needs to know. Standard library only.

Usage:
  promql.py URL has QUERY                 exit 0 when QUERY returns at least one sample, else 1
  promql.py URL rules                     exit 0 when every loaded rule evaluates without error; prints the others
  promql.py URL alerts NAME…              exit 0 when each alert NAME is pending or firing
  promql.py URL dashboard FILE SECONDS    every query of the Grafana dashboard FILE returns data within SECONDS
"""
import json
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# What Grafana puts in for its own variables when it sends a panel's query: a range covering the check's whole run.
GRAFANA_VARIABLES = {"__range": "1h", "__rate_interval": "1m", "__interval": "15s"}


def api(url, path, **params):
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{url}/api/v1/{path}?{query}", timeout=5) as answer:
        body = json.load(answer)
    if body.get("status") != "success":
        raise RuntimeError(f"{path}: {body.get('error', body)}")
    return body["data"]


def samples(url, query):
    try:
        return api(url, "query", query=query)["result"]
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{e} for {query}: {e.read(2000).decode(errors='replace')}") from e


def rules(url):
    bad = [f"{rule['name']}: {rule.get('lastError')}" for group in api(url, "rules")["groups"]
           for rule in group["rules"] if rule.get("health") != "ok"]
    loaded = sum(len(group["rules"]) for group in api(url, "rules")["groups"])
    print(f"{loaded} rules loaded, {len(bad)} not evaluating cleanly")
    for line in bad:
        print(f"  {line}")
    return 0 if loaded and not bad else 1


def alerts(url, names):
    active = {alert["labels"]["alertname"] for alert in api(url, "alerts")["alerts"]
              if alert["state"] in ("pending", "firing")}
    missing = [name for name in names if name not in active]
    if missing:
        print(f"not pending nor firing: {', '.join(missing)} (active: {', '.join(sorted(active)) or 'none'})")
    return 0 if not missing else 1


def template_values(url, dashboard):
    """Each query variable's values as Grafana would offer them (label_values(METRIC, LABEL) only)."""
    values = {}
    for variable in dashboard.get("templating", {}).get("list", []):
        if variable.get("type") != "query":
            continue
        definition = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
        match = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", definition.strip())
        if not match:
            raise RuntimeError(f"variable {variable['name']}: check.sh reads only label_values(…): {definition}")
        series = api(url, "series", **{"match[]": match.group(1)})
        found = sorted({s[match.group(2)] for s in series if match.group(2) in s})
        if not found:
            raise RuntimeError(f"variable {variable['name']}: {definition} has no values")
        values[variable["name"]] = found
    return values


def regex_literal(value):
    """value as a regex matching itself, inside a PromQL string: a regex escape's backslash is itself escaped."""
    return re.sub(r"([.\\+*?()|\[\]{}^$])", r"\\\\\1", value)


def substitute(expr, values):
    """expr with $name and ${name} replaced: All of a multi-value variable, as Grafana sends it, (a|b)."""
    def value(match):
        name = match.group(1) or match.group(2)
        if name in GRAFANA_VARIABLES:
            return GRAFANA_VARIABLES[name]
        if name not in values:
            raise RuntimeError(f"unknown variable ${name} in {expr}")
        found = values[name]
        return "(" + "|".join(regex_literal(v) for v in found) + ")"
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", value, expr)


def panels(dashboard):
    for panel in dashboard["panels"]:
        yield panel
        yield from panel.get("panels", [])   # those of a collapsed row


def dashboard(url, file, seconds):
    with open(file) as f:
        board = json.load(f)
    values = template_values(url, board)
    queries = [(panel["title"], target.get("refId", "?"), substitute(target["expr"], values))
               for panel in panels(board) for target in panel.get("targets", []) if target.get("expr")]
    deadline = time.monotonic() + seconds
    pending = list(queries)
    while True:
        pending = [q for q in pending if not samples(url, q[2])]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    # Those without data last, where a log's tail shows them.
    for title, ref, expr in sorted(queries, key=lambda q: q in pending):
        print(f"{'NO DATA' if (title, ref, expr) in pending else 'data   '}  {title} [{ref}]: {expr}")
    print(f"{len(queries) - len(pending)} of {len(queries)} dashboard queries return data"
          f" (variables: {json.dumps(values)})")
    return 0 if not pending else 1


def main():
    url, command, args = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3:]
    try:
        if command == "has":
            return 0 if samples(url, args[0]) else 1
        if command == "rules":
            return rules(url)
        if command == "alerts":
            return alerts(url, args)
        if command == "dashboard":
            return dashboard(url, args[0], float(args[1]))
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        print(f"promql.py {command}: {e}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
