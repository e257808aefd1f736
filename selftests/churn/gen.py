#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Configuration churn for `nvctl -b`, and the state it must leave (86-churn.sh).

  gen.py [options] BATCH EXPECT

writes OPS commands to BATCH, every one valid in the state the ones before
it leave, so that a batch without -f must run through; and the state at the
end to EXPECT.fdb ("VNI MAC remote ADDR" or "VNI MAC dev PORT"),
EXPECT.flood ("VNI ADDR"), EXPECT.ports ("PORT VNI") and EXPECT.vnis (the
--own VNIs that exist at the end), sorted, in the words the test turns
`nvctl -j` output into.

Several generators with different --id touch disjoint MACs, remotes, ports
and own VNIs, so that their batches can run at the same time on one device
and still leave one exact state: the union of their EXPECT files.
"""
import argparse
import ipaddress
import random


def vni_list(s):
    out = []
    for part in filter(None, s.split(",")):
        a, _, b = part.partition("-")
        out += range(int(a), int(b or a) + 1)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dev", default="nvo0")
    ap.add_argument("--id", type=int, default=0, help="0..255")
    ap.add_argument("--shared", type=vni_list, default=[],
                    help="VNIs that exist before and are never deleted")
    ap.add_argument("--own", type=vni_list, default=[],
                    help="VNIs this batch adds, deletes and adds again")
    ap.add_argument("--ports", default="", help="comma-separated veths")
    ap.add_argument("--macs", type=int, default=256, help="MACs per VNI")
    ap.add_argument("--remotes", type=int, default=16)
    ap.add_argument("batch")
    ap.add_argument("expect")
    a = ap.parse_args()

    r = random.Random(a.seed * 256 + a.id)
    dev = a.dev
    macs = ["02:%02x:00:00:%02x:%02x" % (a.id, m >> 8, m & 255)
            for m in range(a.macs)]
    # IPv6 remotes as well: nvctl prints them as inet_ntop does, which is
    # what str() of ipaddress gives for these.
    remotes = ["10.%d.%d.%d" % (100 + a.id // 64, a.id % 64, i + 1)
               for i in range(a.remotes)]
    remotes += [str(ipaddress.IPv6Address("2001:db8:%x::%x" % (a.id, i + 1)))
                for i in range(a.remotes // 4)]
    ports = [p for p in a.ports.split(",") if p]

    vnis = set(a.shared)
    fdb = {}        # (vni, mac) -> "remote ADDR" | "dev PORT"
    flood = set()   # (vni, addr)
    attached = {}   # port -> vni
    out = []

    def cmd(s):
        out.append(s)

    def vni_add(v):
        vnis.add(v)
        cmd("vni add %s vni %d" % (dev, v))

    def vni_del(v):
        vnis.discard(v)
        for k in [k for k in fdb if k[0] == v]:
            del fdb[k]
        for k in [k for k in flood if k[0] == v]:
            flood.discard(k)
        cmd("vni del %s vni %d" % (dev, v))

    def port_op(p):
        if p in attached:
            del attached[p]
            # The kernel drops the entries that point to a port it detaches.
            for k in [k for k, d in fdb.items() if d == "dev " + p]:
                del fdb[k]
            cmd("port del %s dev %s" % (dev, p))
        else:
            v = r.choice(sorted(vnis))
            attached[p] = v
            cmd("port add %s dev %s vni %d" % (dev, p, v))

    def fdb_op():
        v = r.choice(sorted(vnis))
        mac = r.choice(macs)
        here = [p for p, pv in attached.items() if pv == v]
        if here and r.random() < 0.15:
            dest = "dev " + r.choice(sorted(here))
        else:
            dest = "remote " + r.choice(remotes)
        key = (v, mac)
        x = r.random()
        if key in fdb and x < 0.5:
            del fdb[key]
            cmd("fdb del %s vni %d mac %s" % (dev, v, mac))
            return
        verb = "replace" if key in fdb or x > 0.8 else "add"
        fdb[key] = dest
        cmd("fdb %s %s vni %d mac %s %s" % (verb, dev, v, mac, dest))

    def flood_op():
        v = r.choice(sorted(vnis))
        key = (v, r.choice(remotes))
        verb = "del" if key in flood else "add"
        flood.symmetric_difference_update([key])
        cmd("flood %s %s vni %d remote %s" % (verb, dev, v, key[1]))

    for v in a.own:
        vni_add(v)
    while len(out) < a.ops:
        x = r.random()
        if x < 0.004 and ports:
            port_op(r.choice(ports))
        elif x < 0.006 and a.own:
            v = r.choice(a.own)
            if v not in vnis:
                vni_add(v)
            elif v not in attached.values() and len(vnis) > 1:
                vni_del(v)
        elif x < 0.15:
            flood_op()
        elif vnis:
            fdb_op()

    with open(a.batch, "w") as f:
        f.write("\n".join(out) + "\n")

    def save(ext, lines):
        with open(a.expect + "." + ext, "w") as f:
            f.writelines(sorted(s + "\n" for s in lines))

    save("fdb", ["%d %s %s" % (v, m, d) for (v, m), d in fdb.items()])
    save("flood", ["%d %s" % k for k in flood])
    save("ports", ["%s %d" % kv for kv in attached.items()])
    save("vnis", ["%d" % v for v in vnis if v in a.own])


if __name__ == "__main__":
    main()
