#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A sampling profiler for a TCG guest, from the host.

Under TCG the guest's own samplers (perf's cpu-clock) are biased: their
timer interrupt is taken where the emulator checks for one, and most
samples land in the idle loop or where interrupts are enabled again. This
reads the instruction pointer of every vCPU from QEMU's monitor instead
("info registers -a"), at a fixed rate of host time: QEMU stores it in the
CPU state at the end of every translated block, so a sample is the block
the vCPU was in, whatever it was doing.

  tcgprof.py sample --monitor SOCK --dir DIR [--hz N]
      Connects to QEMU's human monitor at the Unix socket SOCK (retrying
      until it is there) and, until QEMU goes away, watches DIR: for each
      NAME.start that the guest writes there, samples until NAME.stop
      appears, into NAME.rips ("cpu rip cpl halted" lines).
  tcgprof.py report --kallsyms FILE RIPS [--top N]
      The samples by function: the guest's /proc/kallsyms (read as root)
      names the addresses, with the module in brackets; user space is one
      line, and so are halted vCPUs.
"""

import argparse
import bisect
import glob
import os
import re
import socket
import sys
import time

PROMPT = b"(qemu) "
CPU_RE = re.compile(rb"^CPU#(\d+)", re.M)
RIP_RE = re.compile(rb"RIP=([0-9a-f]+) RFL=\S+ \[[^\]]*\] CPL=(\d) .*HLT=(\d)")


def connect(path, deadline):
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                return None
            time.sleep(0.5)


def until_prompt(s):
    buf = b""
    while not buf.endswith(PROMPT):
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def command(s, line):
    s.sendall(line + b"\n")
    return until_prompt(s)


def parse(out):
    """[(cpu, rip, cpl, halted)] from one "info registers -a"."""
    samples = []
    parts = CPU_RE.split(out)
    # parts: [before, cpu, text, cpu, text, ...]
    for i in range(1, len(parts) - 1, 2):
        m = RIP_RE.search(parts[i + 1])
        if m:
            samples.append((int(parts[i]), int(m.group(1), 16),
                            int(m.group(2)), int(m.group(3))))
    return samples


def sample(args):
    s = connect(args.monitor, time.monotonic() + args.wait)
    if s is None:
        print(f"tcgprof: no monitor at {args.monitor}", file=sys.stderr)
        return 1
    period = 1.0 / args.hz
    try:
        s.settimeout(30)
        until_prompt(s)
        while True:
            starts = [p for p in glob.glob(os.path.join(args.dir, "*.start"))
                      if not os.path.exists(p[:-6] + ".rips")]
            if not starts:
                # QEMU still there? An empty command answers with a prompt.
                command(s, b"")
                time.sleep(0.2)
                continue
            window(s, starts[0][:-6], period)
    except (EOFError, OSError):
        return 0


def window(s, name, period):
    """Samples into NAME.rips until NAME.stop, or until QEMU goes away."""
    n = 0
    try:
        with open(name + ".rips.tmp", "w") as f:
            nxt = time.monotonic()
            while not os.path.exists(name + ".stop"):
                for cpu, rip, cpl, hlt in parse(command(s, b"info registers -a")):
                    f.write(f"{cpu} {rip:x} {cpl} {hlt}\n")
                    n += 1
                nxt += period
                delay = nxt - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                else:
                    nxt = time.monotonic()
    finally:
        os.rename(name + ".rips.tmp", name + ".rips")
        print(f"tcgprof: {os.path.basename(name)}: {n} samples",
              file=sys.stderr)


def load_kallsyms(path):
    addrs, names = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3 or parts[1] not in "tTwW":
                continue
            name = parts[2] + (" " + parts[3] if len(parts) > 3 else "")
            addrs.append(int(parts[0], 16))
            names.append(name)
    order = sorted(range(len(addrs)), key=addrs.__getitem__)
    return [addrs[i] for i in order], [names[i] for i in order]


def report(args):
    addrs, names = load_kallsyms(args.kallsyms)
    counts = {}
    total = 0
    with open(args.rips) as f:
        for line in f:
            _cpu, rip, cpl, hlt = line.split()
            if hlt == "1":
                key = "(halted: idle)"
            elif cpl != "0":
                key = "(user space)"
            else:
                i = bisect.bisect_right(addrs, int(rip, 16)) - 1
                key = names[i] if i >= 0 and addrs[i] else "(unknown)"
            counts[key] = counts.get(key, 0) + 1
            total += 1
    if not total:
        print("no samples")
        return 0
    busy = total - counts.get("(halted: idle)", 0)
    print(f"{total} samples of the vCPUs, {busy} not halted; "
          f"% of all, % of those not halted")
    for key, n in sorted(counts.items(), key=lambda kv: -kv[1])[:args.top]:
        share = f"{100 * n / busy:6.2f}%" if key != "(halted: idle)" and busy else "      -"
        print(f"{100 * n / total:6.2f}% {share}  {key}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("sample")
    sp.add_argument("--monitor", required=True)
    sp.add_argument("--dir", required=True)
    sp.add_argument("--hz", type=float, default=200)
    sp.add_argument("--wait", type=float, default=120,
                    help="seconds to wait for the monitor socket")
    rp = sub.add_parser("report")
    rp.add_argument("--kallsyms", required=True)
    rp.add_argument("--top", type=int, default=40)
    rp.add_argument("rips")
    args = ap.parse_args()
    return sample(args) if args.cmd == "sample" else report(args)


if __name__ == "__main__":
    sys.exit(main())
