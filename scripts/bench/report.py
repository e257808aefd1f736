#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: the report, from what scripts/bench/run.sh recorded in DIR.

report.py --dir DIR ID=NAME...
report.py --dir DIR --fw RULE_COUNTS
report.py --dir DIR --routes ROUTE_COUNTS

Reads DIR/samples.tsv (run, datapath, metric, value or NA),
DIR/status.tsv (datapath, "ok" or why it was not measured), DIR/meta.json
and DIR/failures.tsv; writes DIR/bench.json, DIR/bench.txt (the table
printed at the end) and DIR/bench.rst (the same table for
Documentation/performance.rst). The IDs, in order, are the datapaths that
were to be measured.

A figure is the median of a datapath's samples of one metric (samples that
failed are left out and counted); a ratio is the median of the datapath
divided by the median of the reference, (a) or (b). For CPU per Gbit,
lower is better, so a ratio below 1 is the good side.

With --fw (run.sh --fw), the firewall series instead: samples labelled
fw-none and fw-N (N of RULE_COUNTS, e.g. 1,1000,10000), DIR/fw-load.tsv
(N, seconds to load the group, seconds of an nvctl -b of one "sg show"
line just before: the part of a batch that is not its rules); bench.json has them under "firewall", with
the ratios to no firewall and to 1 rule and the issue's targets.

With --routes (run.sh --routes), the route table series instead: samples
labelled routes-connected and routes-N (N of ROUTE_COUNTS, e.g.
1000,100000), the status of each configuration's rig under r0 and rN,
DIR/routes-load.tsv (N, hypervisor, seconds to load the routes, seconds
of an nvctl -b of one "router show" line just before, kB of kernel memory
the load took); bench.json has them under "routes", with the ratios to
the connected routes only.
"""

import argparse
import json
import os
import statistics
import sys

# (key, title, unit, format of the figure)
METRICS = [
    ("tcp1_gbps", "TCP 1 stream", "Gbit/s", "{:.2f}"),
    ("tcp4_gbps", "TCP 4 streams", "Gbit/s", "{:.2f}"),
    ("udp64_kpps", "UDP 64 B rx", "kpps", "{:.1f}"),
    ("rr_tps", "TCP RR 1 B", "trans/s", "{:.0f}"),
    ("cpu_s_per_gbit", "CPU, TCP 1 st.", "s/Gbit", "{:.2f}"),
]
# Also kept in the JSON, not in the table.
EXTRA = ["tcp1_retrans", "tcp4_retrans", "cpu_busy"]
REFS = ["a", "b"]

# The targets for nvo VXLAN, as (metric, datapath, reference,
# minimum ratio).
TARGETS = [
    ("tcp1_gbps", "e", "a", 0.95),
    ("udp64_kpps", "e", "a", 0.80),
    ("udp64_kpps", "e", "b", 1.35),
    ("udp64_kpps", "e", "d", 1.50),
]


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


# The firewall series: (key, title, unit, format, references of the ratios).
FW_METRICS = [
    ("tcp1_gbps", "TCP 1 stream", "Gbit/s", "{:.2f}", ["none"]),
    ("rr_tps", "TCP RR 1 B", "trans/s", "{:.0f}", ["none"]),
    ("crr_tps", "TCP CRR 1 B", "conn/s", "{:.0f}", ["none", "1"]),
    ("cpu_s_per_gbit", "CPU, TCP 1 st.", "s/Gbit", "{:.2f}", ["none"]),
]
FW_EXTRA = ["tcp1_retrans", "cpu_busy", "ct_entries"]
# The targets: established throughput with any number of rules
# >= 0.95 x no firewall; new connections at the most rules (10,000)
# >= 0.8 x 1 rule.
FW_TCP_MIN = 0.95
FW_CRR_MIN = 0.80


def group_span(widths, start, n):
    """Width of n columns from start, with the two spaces between them."""
    return sum(widths[start:start + n]) + 2 * (n - 1)


def table_widths(head, groups, rows):
    """Each column as wide as its widest cell; a group's first column wider
    when the group's title (groups: (start, n, title)) needs it."""
    widths = [max(len(head[i]), max(len(r[i]) for r in rows)) for i in range(len(head))]
    for start, n, title in groups:
        span = group_span(widths, start, n)
        if len(title) > span:
            widths[start] += len(title) - span
    return widths


def table_text(head, groups, rows, widths):
    """The plain table's lines: group titles, header, rows; the first column
    left-aligned, the others right-aligned."""
    def line(cells):
        out = cells[0].ljust(widths[0])
        for i in range(1, len(cells)):
            out += "  " + cells[i].rjust(widths[i])
        return out.rstrip()

    titles = "  ".join(t.center(group_span(widths, s0, n)) for s0, n, t in groups)
    return [titles.rstrip(), line(head)] + [line(r) for r in rows]


def table_rst(head, groups, rows, widths, titles):
    """A reStructuredText simple table's lines: the groups' titles line as
    given, their spans, the header and the rows."""
    border = "  ".join("=" * w for w in widths)
    spans = "  ".join("-" * group_span(widths, s0, n) for s0, n, _ in groups)

    def rst_line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return ([border, titles.rstrip(), spans, rst_line(head), border] +
            [rst_line(r) for r in rows] + [border])


def fw_report(d, counts):
    """The firewall series: writes DIR/bench.{json,txt,rst}."""
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    status = {r[0]: r[1] for r in read_tsv(os.path.join(d, "status.tsv"))}
    failures = read_tsv(os.path.join(d, "failures.tsv"))
    load = {r[0]: [num(x) for x in r[1:3]] for r in read_tsv(os.path.join(d, "fw-load.tsv"))}
    cfgs = ["none"] + counts
    samples = {}
    for run, label, metric, value in read_tsv(os.path.join(d, "samples.tsv")):
        if label.startswith("fw-"):
            samples.setdefault(label[3:], {}).setdefault(metric, []).append(num(value))

    def median(c, metric):
        vals = [v for v in samples.get(c, {}).get(metric, []) if v is not None]
        return statistics.median(vals) if vals else None

    def ratio(c, metric, ref):
        v, r = median(c, metric), median(ref, metric)
        if v is None or r is None or r == 0:
            return None
        return v / r

    st = status.get("e", "not set up")
    kind = meta.get("firewall", {}).get("kind", "ports")
    rules = {
        "ports": "N single-port TCP ingress rules (ports 10001.. and, last, the service port)",
        "peers": "N TCP ingress rules for the service port, each from another remote prefix "
                 "(first vm1's /32, then /32, /24, /16 in turn)",
        "ranges": "N TCP ingress port-range rules (ranges of 3 to 5 ports, one starting "
                  "at each port from 10001 on, and, last, the service port - 3 to + 3)",
    }[kind]
    fw = {
        "datapath": "e",
        "measured": st == "ok",
        "kind": kind,
        "setup": "nvo VXLAN (e); VNI 100 of tenant 1; vm2's port on hv2 in one "
                 "security group of " + rules + ", loaded with nvctl -b; "
                 "vm1's port not firewalled; 'none': vm2's port in no group",
        "rule_counts": [int(c) for c in counts],
        "configs": {},
        "targets": [],
    }
    if st != "ok":
        fw["reason"] = st
    for c in cfgs:
        e = {"rules": 0 if c == "none" else int(c)}
        secs, base = (load.get(c, []) + [None, None])[:2]
        if secs is not None:
            e["load_seconds"] = secs
            e["load_rules_per_second"] = int(c) / secs if secs > 0 else None
        if base is not None:
            e["load_baseline_seconds"] = base
        metrics = {}
        for key in [m[0] for m in FW_METRICS] + FW_EXTRA:
            vals = samples.get(c, {}).get(key)
            if vals is None:
                continue
            m = {"samples": vals, "median": median(c, key),
                 "failed": sum(v is None for v in vals)}
            for mk in FW_METRICS:
                if mk[0] == key:
                    for ref in mk[4]:
                        m["vs_" + ref] = ratio(c, key, ref)
            metrics[key] = m
        e["metrics"] = metrics
        e["failures"] = [{"run": int(r[0]), "metric": r[2], "reason": r[3]}
                         for r in failures if r[1] == "fw-" + c]
        fw["configs"][c] = e

    def target(metric, c, ref, minimum, text):
        r = ratio(c, metric, ref)
        t = {"metric": metric, "config": c, "reference": ref, "minimum": minimum,
             "ratio": r, "text": text}
        if r is None:
            t["met"] = None
            t["why"] = "not measured: " + ", ".join(
                x for x in (c, ref) if median(x, metric) is None)
        else:
            t["met"] = r >= minimum
        fw["targets"].append(t)

    for c in counts:
        target("tcp1_gbps", c, "none", FW_TCP_MIN,
               "TCP 1 stream, %s rule%s >= %.2f x no firewall"
               % (c, "s" if c != "1" else "", FW_TCP_MIN))
    most = max(counts, key=int)
    if most != "1":
        target("crr_tps", most, "1", FW_CRR_MIN,
               "TCP CRR, %s rules >= %.2f x 1 rule" % (most, FW_CRR_MIN))

    # --- the table ---------------------------------------------------------
    head = ["rules", "load s", "rules/s"]
    units = ["", "", ""]
    groups = [(0, 3, "")]
    for key, title, unit, _, refs in FW_METRICS:
        groups.append((len(head), 1 + len(refs), title))
        head += [unit] + ["x(%s)" % r for r in refs]
    rows = []
    for c in cfgs:
        row = [c]
        ls = fw["configs"][c].get("load_seconds")
        row.append("%.2f" % ls if ls is not None else "-")
        rps = fw["configs"][c].get("load_rules_per_second")
        row.append("%.0f" % rps if rps is not None else "-")
        for key, _, _, fmt, refs in FW_METRICS:
            v = median(c, key)
            row.append(fmt.format(v) if v is not None else "-")
            for ref in refs:
                r = ratio(c, key, ref)
                row.append("%.2f" % r if r is not None else "-")
        rows.append(row)
    widths = table_widths(head, groups, rows)

    m = meta
    lines = ["make bench --fw: median of %d run%s of %d s per test; kernel %s, %d CPUs, "
             "virtualization %s" % (m["runs"], "s" if m["runs"] > 1 else "", m["seconds"],
                                    m["kernel"], m["cpus"], m["virtualization"]),
             "nvo VXLAN (e), vm2's port firewalled by %s (--fw-kind %s; none: no group); "
             "every veth: GRO %s, TSO/GSO on"
             % ({"ports": "N single-port TCP ingress rules",
                 "peers": "N TCP rules for the service port from N remote prefixes",
                 "ranges": "N TCP port-range ingress rules"}[kind], kind, m["gro"]),
             "x(none), x(1): ratio to no firewall, to 1 rule; load: nvctl -b of N "
             "\"sg rule add\" lines", ""]
    if st != "ok":
        lines.append("not measured: " + st)
    else:
        lines += table_text(head, groups, rows, widths)
        ct = [median(c, "ct_entries") for c in counts]
        ct = [x for x in ct if x is not None]
        base = [fw["configs"][c].get("load_baseline_seconds") for c in counts]
        base = [x for x in base if x is not None]
        if base or ct:
            lines.append("")
        if base:
            lines.append("an nvctl -b of one \"sg show\" line, before each load: %.2f to %.2f s"
                         % (min(base), max(base)))
        if ct:
            lines.append("conntrack entries on hv2 after TCP CRR: up to %d (nf_conntrack_max %s)"
                         % (max(ct), (m.get("firewall") or {}).get("nf_conntrack_max", "?")))
    nfail = len([r for r in failures if r[1].startswith("fw-")])
    if nfail:
        lines.append("")
        lines.append("%d measurement%s failed and %s left out of the medians (failures.tsv)"
                     % (nfail, "s" if nfail > 1 else "", "is" if nfail == 1 else "are"))
    lines.append("")
    lines.append("targets (a benchmark: reported, never failed):")
    tw = max([len(t["text"]) for t in fw["targets"]] + [0])
    for t in fw["targets"]:
        if t["met"] is None:
            verdict = "n/a, " + t["why"]
        else:
            verdict = "%.2f  %s" % (t["ratio"], "met" if t["met"] else "NOT met")
        lines.append("  %s  %s" % (t["text"].ljust(tw), verdict))
    if m.get("kernel_log_reports"):
        lines.append("")
        lines.append("note: %d warning/BUG line(s) in the kernel log during the run"
                     % m["kernel_log_reports"])
    text = "\n".join(lines) + "\n"
    fw["table"] = text

    # --- reStructuredText: a simple table, the groups spanned ------------
    rst = table_rst(head, groups, rows, widths,
                    "\\".ljust(widths[0] + 2 + sum(widths[1:3]) + 4) +
                    "  ".join(t.ljust(group_span(widths, s0, n)) for s0, n, t in groups[1:]))
    rst_text = "\n".join(rst) + "\n"

    result = {
        "schema": 1,
        "meta": meta,
        "method": {
            "figure": "median of the runs' samples",
            "ratio": "median of the configuration / median of the reference "
                     "configuration (none: no firewall; 1: one rule)",
            "crr_tps": "rr crr: a new TCP connection per 1-byte request/response, "
                       "closed by the client with a reset (SO_LINGER 0); "
                       "transactions per second",
            "load_seconds": "wall time of one nvctl -b of the group's N "
                            "'sg rule add' lines, nvctl's start-up included",
            "load_baseline_seconds": "wall time of an nvctl -b of one 'sg show' "
                                     "line, just before the load",
            "ct_entries": "nf_conntrack_count of hv2's namespace right after "
                          "the CRR test",
        },
        "firewall": fw,
        "table": text,
    }
    with open(os.path.join(d, "bench.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    with open(os.path.join(d, "bench.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(d, "bench.rst"), "w") as f:
        f.write(rst_text)
    sys.stdout.write("\n" + text)
    return 0


# The route table series: (key, title, unit, format).
RT_METRICS = [
    ("udp64_kpps", "UDP 64 B rx", "kpps", "{:.1f}"),
    ("tcp1_gbps", "TCP 1 stream", "Gbit/s", "{:.2f}"),
    ("rr_tps", "TCP RR 1 B", "trans/s", "{:.0f}"),
    ("cpu_s_per_gbit", "CPU, TCP 1 st.", "s/Gbit", "{:.2f}"),
    ("lookup_us", "lookup", "us", "{:.2f}"),
]
RT_EXTRA = ["tcp1_retrans", "cpu_busy", "lookups"]
RT_REF = "connected"
RT_HOSTS = ["hv1", "hv2"]


def routes_report(d, counts):
    """The route table series: writes DIR/bench.{json,txt,rst}."""
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    status = {r[0]: r[1] for r in read_tsv(os.path.join(d, "status.tsv"))}
    failures = read_tsv(os.path.join(d, "failures.tsv"))
    # N, host, seconds, seconds of the baseline, kernel memory in kB
    load = {}
    for r in read_tsv(os.path.join(d, "routes-load.tsv")):
        load.setdefault(r[0], {})[r[1]] = [num(x) for x in r[2:5]]
    cfgs = [RT_REF] + counts
    ids = {c: "r0" if c == RT_REF else "r" + c for c in cfgs}
    samples = {}
    for run, label, metric, value in read_tsv(os.path.join(d, "samples.tsv")):
        if label.startswith("routes-"):
            samples.setdefault(label[7:], {}).setdefault(metric, []).append(num(value))

    def median(c, metric):
        vals = [v for v in samples.get(c, {}).get(metric, []) if v is not None]
        return statistics.median(vals) if vals else None

    def ratio(c, metric):
        v, r = median(c, metric), median(RT_REF, metric)
        if v is None or r is None or r == 0:
            return None
        return v / r

    rt = {
        "datapath": "nvo VXLAN, routed",
        "setup": "nvo VXLAN; tenant 1's router 1 on hv1 and hv2 with interfaces "
                 "on VNI 100 (10.0.1.1/24, fd00:1::1/64) and VNI 200 (10.0.2.1/24, "
                 "fd00:2::1/64); vm1 10.0.1.10 on hv1 (VNI 100), vm2 10.0.2.10 on "
                 "hv2 (VNI 200); every frame routed once, by the sending VM's "
                 "hypervisor, by the connected route. 'connected': the interfaces' "
                 "routes only; N: N static routes more on both routers (none "
                 "covering 10.0.2.0/24; IPv4 /8 to /32 and a tenth IPv6 /32 to "
                 "/128, via 10.0.2.254 and fd00:2::254), loaded with nvctl -b. "
                 "One rig (namespaces) per configuration, side by side.",
        "route_counts": [int(c) for c in counts],
        "configs": {},
    }
    for c in cfgs:
        st = status.get(ids[c], "not set up")
        e = {"static_routes": 0 if c == RT_REF else int(c), "measured": st == "ok"}
        if st != "ok":
            e["reason"] = st
        hosts = load.get(c, {})
        if hosts:
            e["load"] = {}
        for h in RT_HOSTS:
            if h not in hosts:
                continue
            secs, base, kb = hosts[h]
            e["load"][h] = {"seconds": secs, "baseline_seconds": base,
                            "routes_per_second": int(c) / secs if secs else None,
                            "kernel_memory_kb": kb,
                            "bytes_per_route": kb * 1024 / int(c) if kb is not None else None}
        metrics = {}
        for key in [m[0] for m in RT_METRICS] + RT_EXTRA:
            vals = samples.get(c, {}).get(key)
            if vals is None:
                continue
            m = {"samples": vals, "median": median(c, key),
                 "failed": sum(v is None for v in vals)}
            if key not in RT_EXTRA:
                m["vs_" + RT_REF] = ratio(c, key)
            metrics[key] = m
        e["metrics"] = metrics
        e["failures"] = [{"run": int(r[0]), "metric": r[2], "reason": r[3]}
                         for r in failures if r[1] == "routes-" + c]
        rt["configs"][c] = e

    def load_of(c, h, i):
        v = load.get(c, {}).get(h)
        return v[i] if v else None

    # --- the table ---------------------------------------------------------
    head = ["routes", "hv1 s", "hv2 s", "routes/s", "B/route"]
    groups = [(0, 1, ""), (1, 4, "load (nvctl -b)")]
    for key, title, unit, _ in RT_METRICS:
        groups.append((len(head), 2, title))
        head += [unit, "x(conn)"]
    rows = []
    for c in cfgs:
        row = [c]
        secs = [load_of(c, h, 0) for h in RT_HOSTS]
        kbs = [load_of(c, h, 2) for h in RT_HOSTS]
        row += ["%.2f" % s if s is not None else "-" for s in secs]
        if c != RT_REF and None not in secs and sum(secs) > 0:
            row.append("%.0f" % (len(RT_HOSTS) * int(c) / sum(secs)))
        else:
            row.append("-")
        if c != RT_REF and None not in kbs:
            row.append("%.0f" % (sum(kbs) * 1024 / (len(RT_HOSTS) * int(c))))
        else:
            row.append("-")
        if status.get(ids[c]) != "ok":
            row += ["n/m", "-"] + ["-", "-"] * (len(RT_METRICS) - 1)
        else:
            for key, _, _, fmt in RT_METRICS:
                v = median(c, key)
                row.append(fmt.format(v) if v is not None else "-")
                r = ratio(c, key)
                row.append("%.2f" % r if r is not None else "-")
        rows.append(row)
    widths = table_widths(head, groups, rows)

    m = meta
    lines = ["make bench --routes: median of %d run%s of %d s per test; kernel %s, "
             "%d CPUs, virtualization %s" % (m["runs"], "s" if m["runs"] > 1 else "",
                                             m["seconds"], m["kernel"], m["cpus"],
                                             m["virtualization"]),
             "nvo VXLAN, vm1 to vm2 routed by tenant 1's router on each hypervisor "
             "(connected route); every veth: GRO %s, TSO/GSO on" % m["gro"],
             "routes: static routes besides the 4 connected ones, on both routers; "
             "x(conn): ratio to connected routes only",
             "load: one nvctl -b of N \"route add\" lines per hypervisor; routes/s of "
             "both; B/route: kernel memory (slab + vmalloc) it took",
             "lookup: median time of nvo_route_lookup() under the function_graph "
             "tracer (its overhead included), flood pings after each run", ""]
    lines += table_text(head, groups, rows, widths)
    base = [load_of(c, h, 1) for c in counts for h in RT_HOSTS]
    base = [x for x in base if x is not None]
    notes = ["(%s) not measured: %s" % (c, status.get(ids[c], "not set up"))
             for c in cfgs if status.get(ids[c]) != "ok"]
    if base or notes:
        lines.append("")
    if base:
        lines.append("an nvctl -b of one \"router show\" line, before each load: "
                     "%.2f to %.2f s" % (min(base), max(base)))
    lines += notes
    nfail = len([r for r in failures if r[1].startswith("routes-")])
    if nfail:
        lines.append("")
        lines.append("%d measurement%s failed and %s left out of the medians (failures.tsv)"
                     % (nfail, "s" if nfail > 1 else "", "is" if nfail == 1 else "are"))
    if m.get("kernel_log_reports"):
        lines.append("")
        lines.append("note: %d warning/BUG line(s) in the kernel log during the run"
                     % m["kernel_log_reports"])
    text = "\n".join(lines) + "\n"
    rt["table"] = text

    # --- reStructuredText: a simple table, the groups spanned ------------
    rst = table_rst(head, groups, rows, widths,
                    "\\".ljust(widths[0]) + "".join(
                        "  " + t.ljust(group_span(widths, s0, n)) for s0, n, t in groups[1:]))
    rst_text = "\n".join(rst) + "\n"
    if notes:
        rst_text += "\n" + "\n".join("| " + n for n in notes) + "\n"

    result = {
        "schema": 1,
        "meta": meta,
        "method": {
            "figure": "median of the runs' samples",
            "ratio": "median of the configuration / median of 'connected' "
                     "(the interfaces' routes only)",
            "udp64_kpps": "datagrams of 64 bytes of payload received per second "
                          "by vm2, over a window that starts 1 s after the first one",
            "load_seconds": "wall time of one nvctl -b of the N 'route add' lines, "
                            "per hypervisor, nvctl's start-up included",
            "load_baseline_seconds": "wall time of an nvctl -b of one 'router show' "
                                     "line, just before the load",
            "kernel_memory_kb": "Slab + VmallocUsed of /proc/meminfo after the load "
                                "minus before it (the whole VM)",
            "lookup_us": "median duration of nvo_route_lookup() as the function_graph "
                         "tracer reports it (only that function traced, its return "
                         "hook's cost included), over the lookups of flood pings from "
                         "vm1 to vm2 (both routers), after each run's measurements; "
                         "lookups: how many were traced",
        },
        "routes": rt,
        "table": text,
    }
    with open(os.path.join(d, "bench.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    with open(os.path.join(d, "bench.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(d, "bench.rst"), "w") as f:
        f.write(rst_text)
    sys.stdout.write("\n" + text)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--fw", metavar="RULE_COUNTS",
                    help="the firewall series, e.g. 1,1000,10000")
    ap.add_argument("--routes", metavar="ROUTE_COUNTS",
                    help="the route table series, e.g. 1000,100000")
    ap.add_argument("datapaths", nargs="*", help="ID=NAME")
    args = ap.parse_args()
    d = args.dir
    if args.fw:
        return fw_report(d, args.fw.split(","))
    if args.routes:
        return routes_report(d, args.routes.split(","))
    if not args.datapaths:
        ap.error("datapaths (ID=NAME...), --fw or --routes")

    names = dict(x.split("=", 1) for x in args.datapaths)
    ids = [x.split("=", 1)[0] for x in args.datapaths]
    with open(os.path.join(d, "meta.json")) as f:
        meta = json.load(f)
    status = {r[0]: r[1] for r in read_tsv(os.path.join(d, "status.tsv"))}
    failures = read_tsv(os.path.join(d, "failures.tsv"))

    samples = {}
    for run, dp, metric, value in read_tsv(os.path.join(d, "samples.tsv")):
        samples.setdefault(dp, {}).setdefault(metric, []).append(num(value))

    def median(dp, metric):
        vals = [v for v in samples.get(dp, {}).get(metric, []) if v is not None]
        return statistics.median(vals) if vals else None

    def ratio(dp, metric, ref):
        v, r = median(dp, metric), median(ref, metric)
        if v is None or r is None or r == 0:
            return None
        return v / r

    result = {
        "schema": 1,
        "meta": meta,
        "method": {
            "figure": "median of the runs' samples",
            "ratio": "median of the datapath / median of the reference datapath",
            "cpu_s_per_gbit": "busy jiffies of /proc/stat (user+nice+system+irq+"
                              "softirq+steal, all CPUs) over a window inside the "
                              "1-stream TCP transfer, in seconds, divided by the Gbit "
                              "received in that window at the test's average rate",
            "udp64_kpps": "datagrams of 64 bytes of payload received per second "
                          "by the receiving VM, over a window that starts 1 s "
                          "after the first one",
        },
        "datapaths": {},
        "targets": [],
    }
    for dp in ids:
        st = status.get(dp, "not set up")
        entry = {"name": names[dp], "measured": st == "ok"}
        if st != "ok":
            entry["reason"] = st
        metrics = {}
        for key in [m[0] for m in METRICS] + EXTRA:
            vals = samples.get(dp, {}).get(key)
            if vals is None:
                continue
            m = {"samples": vals, "median": median(dp, key),
                 "failed": sum(v is None for v in vals)}
            if key not in EXTRA:
                for ref in REFS:
                    m["vs_" + ref] = ratio(dp, key, ref)
            metrics[key] = m
        entry["metrics"] = metrics
        entry["failures"] = [{"run": int(r[0]), "metric": r[2], "reason": r[3]}
                             for r in failures if r[1] == dp]
        result["datapaths"][dp] = entry

    title = {m[0]: m[1] for m in METRICS}
    for metric, dp, ref, minimum in TARGETS:
        r = ratio(dp, metric, ref)
        t = {"metric": metric, "datapath": dp, "reference": ref,
             "minimum": minimum, "ratio": r}
        if r is None:
            missing = [x for x in (dp, ref) if median(x, metric) is None]
            t["met"] = None
            t["why"] = "not measured: " + ", ".join("(%s)" % x for x in missing)
        else:
            t["met"] = r >= minimum
        t["text"] = "(%s) %s: %s >= %.2f x (%s)" % (dp, names.get(dp, dp), title[metric],
                                                  minimum, ref)
        result["targets"].append(t)

    # --- the table --------------------------------------------------------
    def cells(dp):
        """The row of a measured datapath: for each metric, figure, x(a), x(b)."""
        row = []
        for key, _, _, fmt in METRICS:
            v = median(dp, key)
            row.append(fmt.format(v) if v is not None else "-")
            for ref in REFS:
                r = ratio(dp, key, ref)
                row.append("%.2f" % r if r is not None else "-")
        return row

    label = {dp: "(%s) %s" % (dp, names[dp]) for dp in ids}
    # Each metric is a group of three columns: the figure, x(a), x(b).
    rows = {dp: cells(dp) for dp in ids if status.get(dp) == "ok"}
    rw = max([4] + [len(c) for r in rows.values() for i, c in enumerate(r) if i % 3])
    fig_ws, group_w = [], []
    for i, (key, t, unit, _) in enumerate(METRICS):
        w = max([len(unit)] + [len(r[3 * i]) for r in rows.values()])
        w = max(w, len(t) - 2 * (rw + 2))
        fig_ws.append(w)
        group_w.append(w + 2 * (rw + 2))
    first_w = max(len("datapath"), max(len(s) for s in label.values()))

    def fig_w(i):
        return fig_ws[i]

    def fmt_row(first, row):
        out = first.ljust(first_w)
        for i in range(len(METRICS)):
            f, ra, rb = row[3 * i:3 * i + 3]
            out += "  " + f.rjust(fig_w(i)) + "  " + ra.rjust(rw) + "  " + rb.rjust(rw)
        return out.rstrip()

    lines = []
    m = meta
    lines.append("make bench: median of %d run%s of %d s per test; kernel %s, %d CPUs, "
                 "virtualization %s" % (m["runs"], "s" if m["runs"] > 1 else "", m["seconds"],
                                        m["kernel"], m["cpus"], m["virtualization"]))
    lines.append("every veth: GRO %s, TSO/GSO on; inner MTU %d; x(a), x(b): ratio to (a), "
                 "to (b)" % (m["gro"], m["inner_mtu"]))
    lines.append("")
    head1 = " " * first_w
    for i, (key, t, unit, _) in enumerate(METRICS):
        head1 += "  " + t.center(group_w[i])
    lines.append(head1.rstrip())
    lines.append(fmt_row("datapath", sum([[u, "x(a)", "x(b)"] for _, _, u, _ in METRICS], [])))
    for dp in ids:
        if status.get(dp) == "ok":
            lines.append(fmt_row(label[dp], cells(dp)))
        else:
            lines.append(label[dp].ljust(first_w) + "  not measured: " +
                         status.get(dp, "not set up"))
    nfail = len(failures)
    if nfail:
        lines.append("")
        lines.append("%d measurement%s failed and %s left out of the medians (failures.tsv)"
                     % (nfail, "s" if nfail > 1 else "", "is" if nfail == 1 else "are"))
    lines.append("")
    lines.append("targets (a benchmark: reported, never failed):")
    for t in result["targets"]:
        if t["met"] is None:
            verdict = "n/a, " + t["why"]
        else:
            verdict = "%.2f  %s" % (t["ratio"], "met" if t["met"] else "NOT met")
        lines.append("  %-44s %s" % (t["text"], verdict))
    if m.get("kernel_log_reports"):
        lines.append("")
        lines.append("note: %d warning/BUG line(s) in the kernel log during the run"
                     % m["kernel_log_reports"])
    text = "\n".join(lines) + "\n"
    result["table"] = text

    # --- the same as reStructuredText (simple table, spanned headers) ------
    cols = [max(first_w, len("datapath"))]
    for i in range(len(METRICS)):
        cols += [fig_w(i), rw, rw]

    def rst_line(parts):
        return "  ".join(p.ljust(w) for p, w in zip(parts, cols)).rstrip()

    border = "  ".join("=" * w for w in cols)
    spans = ["-" * cols[0]]
    for i in range(len(METRICS)):
        spans.append("-" * group_w[i])
    rst = [border]
    rst.append(("\\".ljust(cols[0]) + "".join("  " + t.ljust(group_w[i])
                                               for i, (_, t, _, _) in enumerate(METRICS))).rstrip())
    rst.append("  ".join(spans))
    rst.append(rst_line(["datapath"] + sum([[u, "x(a)", "x(b)"] for _, _, u, _ in METRICS], [])))
    rst.append(border)
    for dp in ids:
        if status.get(dp) == "ok":
            rst.append(rst_line([label[dp]] + cells(dp)))
        else:
            rst.append(rst_line([label[dp], "n/m"] + ["-"] * (len(cols) - 2)))
    rst.append(border)
    notes = [("(%s) not measured: %s" % (dp, status.get(dp, "not set up")))
             for dp in ids if status.get(dp) != "ok"]
    rst_text = "\n".join(rst) + "\n"
    if notes:
        rst_text += "\n" + "\n".join("| " + n for n in notes) + "\n"

    with open(os.path.join(d, "bench.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    with open(os.path.join(d, "bench.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(d, "bench.rst"), "w") as f:
        f.write(rst_text)
    sys.stdout.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
