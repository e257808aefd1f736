#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed VXLAN and GENEVE frames to nvo from the underlay, and
malformed frames from ports, with the accounting and isolation checks.

Runs as root in the topology of selftests/85-fuzz.sh (pkt_setup), whose
namespaces start with --prefix:

  vm1 (VNI 100, MTU 9000) --+                        +-- vm3 (VNI 100, MTU 9000)
  vm2 (VNI 200, MTU 1450) --+- hv1 nvo0 ===== nvo0 hv2 -+-- vm4 (VNI 200, MTU 1450)
                             ul-hv2             ul-hv1
    10.99.0.1, 2001:db8:99::1  (underlay MTU 9000)  10.99.0.2, 2001:db8:99::2

  hv1: VNI 300 has no port; static FDB: vm3's MAC (VNI 100) and vm4's (200)
  behind hv2, PORT_MAC (VNI 100) on vm1's port; VNI 100 floods to hv2 over
  IPv4, VNI 200 (GENEVE) over IPv6. Learning is off and the VMs have no
  address: nothing but the fuzzer sends a frame.

--phase tunnel: frames from hv2's underlay interface to hv1's VXLAN and
GENEVE ports, over IPv4 and IPv6 (fragmented now and then), every outer
header valid so that each one reaches nvo. Checks on hv1:
  stack      the kernel's IP/UDP counters show no drop before nvo (so
             every frame sent reached nvo: the rest relies on it);
  accounting frames sent == drops by reason + frames delivered to ports
             (one port per VNI: one delivery per frame at most), and nothing
             went back to the underlay (split horizon);
  model      the same per reason and per port, as a model of nvo's parser
             in this file predicts each frame's fate;
  isolation  every frame carries a tag naming the VNI of its header; a VM
             sees tags of its own VNI only.
--phase ports: frames from vm1 and vm2. Checks: nvo saw every frame sent
(port rx); hv1's port rx == its drops + tunnel tx; hv1's tunnel tx == hv2's
drops + deliveries; isolation as above.

Exit status 1 if a check failed. Determined by --seed.
"""

import argparse
import ctypes
import json
import os
import random
import re
import socket
import struct
import subprocess
import sys
import time

# The layers alone: "scapy.all" takes seconds longer to import under TCG.
from scapy.layers.l2 import ARP, Ether
from scapy.layers.inet import IP, UDP, fragment
from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, fragment6
from scapy.layers.dhcp import BOOTP, DHCP
from scapy.packet import Raw

HV = {"hv1": ("10.99.0.1", "2001:db8:99::1", "ul-hv2"),
      "hv2": ("10.99.0.2", "2001:db8:99::2", "ul-hv1")}
VMS = {"vm1": ("hv1", 100, 9000), "vm2": ("hv1", 200, 1450),
       "vm3": ("hv2", 100, 9000), "vm4": ("hv2", 200, 1450)}
HV1_VNIS = {100: "vm1", 200: "vm2", 300: None}
PORT_MAC = bytes.fromhex("02000000aa01")
VXLAN_PORT, GENEVE_PORT = 4789, 6081
UNDERLAY_MTU = 9000
TAG_RE = re.compile(rb"<<NVOFZ:V(\d+):(\d+)>>")
# Drops after the device counted the frame received (nvo_tunnel_rcv()).
POST_RX = {"bad_src_mac", "no_dest", "not_local", "port_down", "mtu", "xmit",
           "nomem"}

libc = ctypes.CDLL(None, use_errno=True)


def enter(ns):
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    try:
        if libc.setns(fd, 0x40000000) != 0:  # CLONE_NEWNET
            raise OSError(ctypes.get_errno(), "setns " + ns)
    finally:
        os.close(fd)


def mac(b):
    return ":".join("%02x" % x for x in b)


class Rig:
    """Sockets in the namespaces, counters, captures."""

    def __init__(self, prefix, nvctl):
        self.prefix, self.nvctl = prefix, nvctl
        self.tx, self.cap, self.mac = {}, {}, {}
        # One socket per VM sends and captures: what it sent itself shows
        # as PACKET_OUTGOING, and drain() skips that. A socket stays in the
        # namespace it was made in.
        for vm in VMS:
            enter(prefix + vm)
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
            s.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)  # SO_RCVBUFFORCE
            s.bind(("eth0", 3))
            s.setblocking(False)
            self.cap[vm] = s
            self.mac[vm] = s.getsockname()[4]
            self.tx[vm] = s
        for hv, (_, _, ul) in HV.items():
            enter(prefix + hv)
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((ul, 0))
            self.tx[hv] = s
            self.mac[hv] = s.getsockname()[4]
        self.seen = {vm: [] for vm in VMS}

    def stats(self, hv):
        out = subprocess.run(["ip", "netns", "exec", self.prefix + hv, self.nvctl,
                              "-j", "stats"], check=True, capture_output=True).stdout
        dev = [d for d in json.loads(out) if d["ifname"] == "nvo0"][0]
        return {"rx": dev["rx_packets"], "tx": dev["tx_packets"],
                "drops": dict(dev.get("drops", {})),
                "port_rx": {p["ifname"]: p["rx_packets"] for p in dev["ports"]},
                "port_tx": {p["ifname"]: p["tx_packets"] for p in dev["ports"]}}

    def snmp(self, hv):
        """IP and UDP error counters of hv's namespace."""
        enter(self.prefix + hv)
        c = {}
        for path in ("/proc/self/net/snmp", "/proc/self/net/snmp6"):
            lines = open(path).read().splitlines()
            if path.endswith("6"):
                c.update({k: int(v) for k, v in (l.split() for l in lines)})
                continue
            for head, vals in zip(lines[::2], lines[1::2]):
                proto = head.split(":")[0]
                for k, v in zip(head.split()[1:], vals.split()[1:]):
                    c[proto + k] = int(v)
        keys = ("IpInHdrErrors", "IpInAddrErrors", "IpInDiscards", "IpReasmFails",
                "UdpInErrors", "UdpNoPorts", "UdpRcvbufErrors", "UdpInCsumErrors",
                "Ip6InHdrErrors", "Ip6InDiscards", "Ip6ReasmFails", "Udp6InErrors",
                "Udp6NoPorts", "Udp6InCsumErrors", "Udp6RcvbufErrors")
        return {k: c.get(k, 0) for k in keys}

    def drain(self):
        for vm, s in self.cap.items():
            while True:
                try:
                    data, addr = s.recvfrom(65535)
                except BlockingIOError:
                    break
                if addr[2] != socket.PACKET_OUTGOING:
                    self.seen[vm].extend(TAG_RE.findall(data))

    def cap_drops(self):
        n = 0
        for s in self.cap.values():
            # PACKET_STATISTICS: tp_packets, tp_drops
            n += struct.unpack("II", s.getsockopt(263, 6, 8))[1]
        return n


def tag(vni, seq):
    return b"<<NVOFZ:V%d:%d>>" % (vni, seq)


# --- inner frames (tenant Ethernet frames) ----------------------------------

def ipv4_udp(r, t, size=0):
    pad = b"\0" * max(0, size - 28 - len(t))
    return bytes(IP(src="10.0.0.%d" % r.randrange(1, 255), dst="10.0.0.1",
                    tos=r.choice([0, 0, 1, 2, 3, 0xb8]),
                    flags=r.choice([0, "DF"]), ttl=r.choice([0, 1, 64])) /
                 UDP(sport=r.randrange(1024, 65536), dport=9) / Raw(t + pad))


def bad_ipv4(r, t):
    b = bytearray(ipv4_udp(r, t))
    how = r.randrange(6)
    if how == 0:
        b[0] = 0x40 | r.randrange(5)            # IHL < 5
    elif how == 1:
        b[0] = r.choice([0x65, 0x05, 0xf5])      # not version 4
    elif how == 2:
        b[2:4] = struct.pack("!H", r.choice([0, 1, 19, 0xffff]))
    elif how == 3:
        b[10:12] = b"\xde\xad"                   # checksum
    elif how == 4:
        b[0] = 0x4f                              # 40 bytes of options...
        b[20:20] = bytes([0x44, 0xff, 1, 0]) + bytes(r.randrange(256) for _ in range(36))
    else:
        b = b[:r.randrange(20)]                  # shorter than a header
    return bytes(b)


def ipv6_udp(r, t):
    p = IPv6(src="2001:db8::%x" % r.randrange(1, 65536), dst="2001:db8::1",
             tc=r.choice([0, 1, 2, 3]))
    if r.random() < 0.3:
        p = p / IPv6ExtHdrHopByHop(options=[])
    b = bytearray(bytes(p / UDP(sport=r.randrange(1024, 65536), dport=9) / Raw(t)))
    how = r.randrange(5)
    if how == 1:
        b[4:6] = struct.pack("!H", r.choice([0, 0xffff, len(b)]))   # payload length
    elif how == 2:
        b = b[:r.randrange(40)]
    elif how == 3 and len(b) > 41:
        b[40], b[41] = r.randrange(256), 0xff    # extension header lengths
    return bytes(b)


def arp(r, t):
    b = bytearray(bytes(ARP(op=r.choice([1, 2, 3, 0xffff]), hwsrc="02:00:00:00:99:99",
                            psrc="10.0.0.99", pdst="10.0.0.1")))
    how = r.randrange(4)
    if how == 1:
        b[4], b[5] = r.randrange(256), r.randrange(256)   # hlen, plen
    elif how == 2:
        b = b[:r.randrange(len(b))]
    return bytes(b) + t


def dhcp(r, t):
    opts = [("message-type", r.choice(["discover", "request"])), "end"]
    b = bytes(IP(src="0.0.0.0", dst="255.255.255.255") / UDP(sport=68, dport=67) /
              BOOTP(chaddr=b"\x02" * 6, xid=r.getrandbits(32)) / DHCP(options=opts))
    b = bytearray(b)
    how = r.randrange(4)
    if how == 1:
        b = b[:28 + r.randrange(240)]            # BOOTP cut short
    elif how == 2:
        b += bytes([53, 200]) + bytes(3)          # option longer than the frame
    elif how == 3:
        b[28 + 2] = 255                          # hlen
    return bytes(b) + t


def inner_payload(r, t, depth=0):
    """Ethertype and what follows, tag included."""
    k = r.randrange(11 if depth == 0 else 9)
    if k == 0:
        return b"\x08\x00" + ipv4_udp(r, t)
    if k == 1:
        return b"\x08\x00" + bad_ipv4(r, t)
    if k == 2:
        return b"\x86\xdd" + ipv6_udp(r, t)
    if k == 3:
        return b"\x08\x06" + arp(r, t)
    if k == 4:
        return b"\x08\x00" + dhcp(r, t)
    if k == 5:
        et = r.choice([0x0000, 0x0001, 0x05dc, 0x0600, 0x88cc, 0x8809, 0x88e5,
                       0x6558, 0x8847, 0xffff])
        return struct.pack("!H", et) + t
    if k in (6, 7):
        tags = b"".join(struct.pack("!HH", tpid, r.randrange(65536)) for tpid in
                        r.choice([[0x8100], [0x88a8, 0x8100], [0x8100, 0x8100, 0x8100]]))
        return tags + inner_payload(r, t, depth + 1)
    if k == 8:
        return b"\x08\x00" + ipv4_udp(r, t)[:r.randrange(20, 40)]
    # nested encapsulation: a VXLAN or GENEVE packet inside the tenant frame
    inner = ether(r, t, depth + 1)
    hdr = vxlan_hdr(r, r.choice([100, 200]), True) if k == 9 else \
        geneve_hdr(r, r.choice([100, 200]), True)
    return b"\x08\x00" + bytes(IP(src="10.0.0.5", dst="10.0.0.1") /
                               UDP(sport=4242, dport=VXLAN_PORT if k == 9 else GENEVE_PORT) /
                               Raw(hdr + inner + t))


def rand_mac(r, group=False):
    b = bytearray(r.getrandbits(8) for _ in range(6))
    b[0] = (b[0] | 1) if group else ((b[0] & 0xfe) | 2)
    return bytes(b)


def ether(r, t, depth=0, dst=None, src=None):
    if src is None:
        src = r.choice([rand_mac(r)] * 8 + [rand_mac(r, True), bytes(6)])
    if dst is None:
        dst = rand_mac(r)
    return dst + src + inner_payload(r, t, depth)


# --- encapsulation headers ----------------------------------------------------

def vxlan_hdr(r, vni, valid=False):
    flags, rsvd = 0x08, 0
    if not valid:
        how = r.randrange(10)
        if how == 0:
            flags = r.randrange(256)
        elif how == 1:
            flags = 0
        elif how == 2:
            return struct.pack("!B3xI", 8, vni << 8 | r.randrange(256))  # reserved byte
        elif how == 3:
            return struct.pack("!BBHI", 8, r.randrange(256), r.randrange(65536), vni << 8)
    return struct.pack("!B3xI", flags, vni << 8 | rsvd)


def geneve_opt(r, crit=None):
    kind = r.randrange(5)
    if kind == 0:
        return struct.pack("!HBBI", 0xfff0, 1, 1, r.getrandbits(32))  # nvo's own
    if kind == 1:
        return struct.pack("!HBB", 0xfff0, 1, 2) + bytes(8)          # nvo's, wrong length
    n = r.randrange(4)
    typ = r.randrange(128) | (0x80 if (crit if crit is not None else r.random() < 0.2) else 0)
    return struct.pack("!HBB", r.getrandbits(16), typ, n | (r.randrange(8) << 5)) + \
        bytes(r.getrandbits(8) for _ in range(4 * n))


def geneve_hdr(r, vni, valid=False):
    opts = b"".join(geneve_opt(r, crit=False if valid else None)
                    for _ in range(r.randrange(3)))
    ver, flags, proto, optlen = 0, r.choice([0, 0, 0x40]), 0x6558, len(opts) // 4
    if not valid:
        how = r.randrange(10)
        if how == 0:
            ver = r.randrange(1, 4)
        elif how == 1:
            flags |= 0x80                        # OAM
        elif how == 2:
            proto = r.choice([0x0800, 0x86dd, 0, 0x6559])
        elif how == 3:
            optlen = min(63, optlen + r.randrange(1, 64))   # past the options
        elif how == 4 and opts:
            optlen = r.randrange(optlen)          # cuts an option
        elif how == 5:
            flags |= r.randrange(64)             # reserved bits
    return struct.pack("!BBHI", ver << 6 | optlen, flags, proto,
                       vni << 8 | (r.randrange(256) if not valid and r.random() < 0.1 else 0)) + opts


# --- what nvo does with a frame from the tunnel (the model) -------------------

def model_tunnel(rig, encap, udp, outer_tos):
    """('drop', reason) or ('port', vm) for a UDP payload reaching hv1."""
    if len(udp) < 8:
        return ("drop", "truncated")
    if encap == "vxlan":
        if udp[:4] != b"\x08\0\0\0":
            return ("drop", "bad_flags")
        vni, hlen = struct.unpack("!I", udp[4:8])[0] >> 8, 8
        if vni not in HV1_VNIS:
            return ("drop", "unknown_vni")
    else:
        if udp[0] >> 6 or udp[1] & 0x80:
            return ("drop", "bad_flags")
        if udp[2:4] != b"\x65\x58":
            return ("drop", "bad_proto")
        hlen = 8 + (udp[0] & 0x3f) * 4
        if len(udp) < hlen:
            return ("drop", "truncated")
        vni = struct.unpack("!I", udp[4:8])[0] >> 8
        if vni not in HV1_VNIS:
            return ("drop", "unknown_vni")
        p, left = 8, hlen - 8
        while left:
            if left < 4:
                return ("drop", "truncated")
            olen = 4 + (udp[p + 3] & 0x1f) * 4
            if olen > left:
                return ("drop", "truncated")
            known = udp[p:p + 3] == b"\xff\xf0\x01" and olen == 8
            if not known and udp[p + 2] & 0x80:
                return ("drop", "critical_opt")
            p, left = p + olen, left - olen
    f = udp[hlen:]
    if len(f) < 14:
        return ("drop", "truncated")
    # The network header: behind up to 8 VLAN tags (then "not IP"), and
    # whole if IP.
    et, off = struct.unpack("!H", f[12:14])[0], 14
    for n in range(9):
        if et not in (0x8100, 0x88a8):
            break
        if n == 8:
            et = 0
            break
        if len(f) < off + 4:
            return ("drop", "truncated")
        et, off = struct.unpack("!H", f[off + 2:off + 4])[0], off + 4
    if len(f) < off + {0x0800: 20, 0x86dd: 40}.get(et, 0):
        return ("drop", "truncated")
    if outer_tos & 3 == 3:
        # RFC 6040: CE outside, not-ECT inside (anything not IP is) drops.
        inner = f[off + 1] if et == 0x0800 else \
            (f[off] & 15) << 4 | f[off + 1] >> 4 if et == 0x86dd else 0
        if inner & 3 == 0:
            return ("drop", "ecn")
    dst, src = f[:6], f[6:12]
    if src[0] & 1 or src == bytes(6):
        return ("rx", "bad_src_mac")
    port = HV1_VNIS[vni]
    if not dst[0] & 1:
        if (vni, dst) in rig.fdb_remote:
            return ("rx", "not_local")
        if vni == 100 and dst == PORT_MAC:
            port = "vm1"
    if port is None:
        return ("rx", "no_dest")
    if len(f) > VMS[port][2] + 14 + 4:
        return ("rx", "mtu")
    return ("port", port)


# --- the phases ---------------------------------------------------------------

def tunnel_frame(rig, r, seq):
    """(bytes to send, encap, UDP payload, outer TOS): one datagram to hv1."""
    encap = "vxlan" if r.random() < 0.55 else "geneve"
    vni = r.choice([100, 100, 200, 200, 300, 4242, r.randrange(1 << 24)])
    valid = r.random() < 0.5
    hdr = vxlan_hdr(r, vni, valid) if encap == "vxlan" else geneve_hdr(r, vni, valid)
    # The tag names the VNI the header carries, whatever the mutations did.
    t = tag(struct.unpack("!I", hdr[4:8])[0] >> 8, seq)
    dst = r.choice([rig.mac["vm1"], rig.mac["vm2"], b"\xff" * 6, rand_mac(r),
                    rand_mac(r, True), b"\x01\x80\xc2\0\0\0", rig.mac["vm3"],
                    rig.mac["vm4"], PORT_MAC])
    f = ether(r, t, dst=dst)
    shape = r.randrange(20)
    if shape == 0:
        udp = hdr[:r.randrange(8)]                      # truncated header
    elif shape == 1:
        udp = hdr + f[:r.randrange(14)]                 # truncated frame
    elif shape == 2:
        udp = hdr + f + t * r.randrange(100, 600)       # jumbo (maybe fragmented)
    elif shape == 3:
        udp = b""
    else:
        udp = hdr + f
    v6 = r.random() < 0.3
    tos = r.choice([0] * 16 + [1, 2, 3, 3])
    src, dst_ip = HV["hv2"][1 if v6 else 0], HV["hv1"][1 if v6 else 0]
    port = VXLAN_PORT if encap == "vxlan" else GENEVE_PORT
    u = UDP(sport=r.randrange(1024, 65536), dport=port) / Raw(udp)
    if not v6 and r.random() < 0.3:
        u[UDP].chksum = 0                                # none: allowed over IPv4
    if v6:
        ip = IPv6(src=src, dst=dst_ip, tc=tos, hlim=64)
    else:
        ip = IP(src=src, dst=dst_ip, tos=tos, id=r.randrange(65536),
                flags=r.choice([0, "DF"]))
    eth = Ether(src=mac(rig.mac["hv2"]), dst=mac(rig.mac["hv1"]))
    pkt = ip / u
    size = len(bytes(pkt))
    if size > UNDERLAY_MTU or r.random() < 0.05:
        fs = min(UNDERLAY_MTU - 100, r.choice([512, 1000, 1400, 8000]))
        if v6:
            pkt = IPv6(src=src, dst=dst_ip, tc=tos) / IPv6ExtHdrFragment(id=r.getrandbits(32)) / u
            frames = [bytes(eth / x) for x in fragment6(pkt, fs)]
        else:
            pkt = IP(bytes(pkt))
            pkt.flags = 0
            frames = [bytes(eth / x) for x in fragment(pkt, fs)]
    else:
        frames = [bytes(eth / pkt)]
    return frames, encap, udp, tos


def port_frame(rig, r, vm, seq):
    vni = VMS[vm][1]
    t = tag(vni, seq)
    other = "vm3" if vni == 100 else "vm4"
    dst = r.choice([b"\xff" * 6, rand_mac(r), rand_mac(r, True), rig.mac[other],
                    PORT_MAC, bytes([1, 0x80, 0xc2, 0, 0, r.randrange(16)]),
                    b"\x33\x33\0\0\0\x01", rig.mac[vm]])
    src = r.choice([rig.mac[vm]] * 6 + [rand_mac(r), rand_mac(r, True), bytes(6)])
    kind = r.randrange(6)
    if kind == 0:                                        # runt
        f = dst + src + struct.pack("!H", r.choice([0x0800, 0x0806, 0x86dd, 0x1234])) + \
            t[:r.randrange(46)]
    elif kind == 1:                                      # as big as the MTU allows
        et, body = r.choice([(0x0800, ipv4_udp(r, t, VMS[vm][2])), (0x9999, t * 800)])
        f = (dst + src + struct.pack("!H", et) + body)[:VMS[vm][2] + 14]
    else:
        f = ether(r, t, dst=dst, src=src)
    if len(f) < 20 and f[12:14] in (b"\x81\x00", b"\x88\xa8"):
        # The kernel drops a VLAN header it cannot read before nvo sees it.
        f += t
    return f[:VMS[vm][2] + 14]


def delta(a, b):
    d = {k: b["drops"].get(k, 0) - a["drops"].get(k, 0) for k in b["drops"]}
    return {"rx": b["rx"] - a["rx"], "tx": b["tx"] - a["tx"],
            "drops": {k: v for k, v in d.items() if v},
            "port_rx": {k: v - a["port_rx"].get(k, 0) for k, v in b["port_rx"].items()},
            "port_tx": {k: v - a["port_tx"].get(k, 0) for k, v in b["port_tx"].items()}}


class Checks:
    def __init__(self):
        self.failed = []

    def eq(self, name, want, got, what):
        ok = want == got
        print("pktfuzz: %s %s: %s (expected %s, got %s)" %
              ("ok  " if ok else "FAIL", name, what, want, got))
        if not ok:
            self.failed.append(name)


def isolation(rig, c, phase_vms):
    rig.drain()
    leaks = []
    for vm, tags in rig.seen.items():
        for vni, seq in tags:
            if int(vni) != VMS[vm][1] or vm not in phase_vms:
                leaks.append((vm, int(vni), int(seq)))
    n = sum(len(t) for t in rig.seen.values())
    c.eq("isolation", 0, len(leaks), "tagged frames seen where they do not belong (of %d seen)" % n)
    for vm, vni, seq in leaks[:20]:
        print("pktfuzz:   %s (VNI %d) saw frame %d tagged VNI %d" % (vm, VMS[vm][1], seq, vni))
    if rig.cap_drops():
        print("pktfuzz: warning: the captures lost %d frames" % rig.cap_drops())
    return leaks


def phase_tunnel(rig, r, count, c, log):
    rig.fdb_remote = {(100, rig.mac["vm3"]), (200, rig.mac["vm4"])}
    s0, n0 = rig.stats("hv1"), rig.snmp("hv1")
    want = {}
    sent = 0
    for seq in range(count):
        frames, encap, udp, tos = tunnel_frame(rig, r, seq)
        for f in frames:
            rig.tx["hv2"].send(f)
        sent += 1
        fate = model_tunnel(rig, encap, udp, tos)
        key = fate[1] if fate[0] != "port" else "->" + fate[1]
        want[key] = want.get(key, 0) + 1
        log.write("%d %s tos=%d %s %s\n" % (seq, encap, tos, key, udp[:64].hex()))
        if seq % 32 == 31:
            rig.drain()
    time.sleep(0.5)
    rig.drain()
    s1, n1 = rig.stats("hv1"), rig.snmp("hv1")
    d = delta(s0, s1)
    lost = {k: n1[k] - n0[k] for k in n0 if n1[k] != n0[k]}
    c.eq("stack", {}, lost, "IP/UDP drops on hv1 before nvo (outer headers must be valid)")
    drops = sum(d["drops"].values())
    delivered = d["port_tx"].get("v-vm1", 0) + d["port_tx"].get("v-vm2", 0)
    print("pktfuzz: %d datagrams sent to hv1; its drops: %s; delivered: %s; rx %d" %
          (sent, d["drops"], {k: v for k, v in d["port_tx"].items() if v}, d["rx"]))
    c.eq("accounting", sent, drops + delivered, "datagrams == drops + deliveries")
    c.eq("accounting_rx", d["rx"], delivered + sum(v for k, v in d["drops"].items() if k in POST_RX),
         "device rx == deliveries + drops after rx")
    c.eq("split_horizon", 0, d["tx"], "frames hv1 sent to the underlay")
    got = dict(d["drops"])
    for p in ("vm1", "vm2"):
        if d["port_tx"].get("v-" + p):
            got["->" + p] = d["port_tx"]["v-" + p]
    c.eq("model", dict(sorted(want.items())), dict(sorted(got.items())), "fates by reason and port")
    isolation(rig, c, ("vm1", "vm2"))


def phase_ports(rig, r, count, c, log):
    h1, h2 = rig.stats("hv1"), rig.stats("hv2")
    sent = {"vm1": 0, "vm2": 0}
    for seq in range(count):
        vm = r.choice(["vm1", "vm2"])
        f = port_frame(rig, r, vm, seq)
        rig.tx[vm].send(f)
        sent[vm] += 1
        log.write("%d %s %s\n" % (seq, vm, f[:64].hex()))
        if seq % 32 == 31:
            rig.drain()
    time.sleep(0.5)
    rig.drain()
    d1, d2 = delta(h1, rig.stats("hv1")), delta(h2, rig.stats("hv2"))
    print("pktfuzz: frames sent: %s; hv1 drops %s, tx %d; hv2 drops %s, delivered %s" %
          (sent, d1["drops"], d1["tx"], d2["drops"], {k: v for k, v in d2["port_tx"].items() if v}))
    rx = {vm: d1["port_rx"].get("v-" + vm, 0) for vm in sent}
    c.eq("port_rx", sent, rx, "frames sent == frames nvo received from each port")
    c.eq("accounting", sum(rx.values()), sum(d1["drops"].values()) + d1["tx"],
         "hv1: port rx == drops + tunnel tx")
    c.eq("accounting_hv2", d1["tx"], sum(d2["drops"].values()) + sum(d2["port_tx"].values()),
         "hv1 tunnel tx == hv2 drops + deliveries")
    isolation(rig, c, ("vm1", "vm2", "vm3", "vm4"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--nvctl", required=True)
    ap.add_argument("--phase", choices=("tunnel", "ports"), required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--log", default=os.devnull)
    a = ap.parse_args()
    r = random.Random(a.seed)
    rig = Rig(a.prefix, a.nvctl)
    c = Checks()
    t0 = time.time()
    with open(a.log, "w") as log:
        if a.phase == "tunnel":
            phase_tunnel(rig, r, a.count, c, log)
        else:
            phase_ports(rig, r, a.count, c, log)
    print("pktfuzz: seed %d, %d frames, phase %s, %.1f s%s" %
          (a.seed, a.count, a.phase, time.time() - t0,
           ", failed: " + " ".join(c.failed) if c.failed else ""))
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
