#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""An FDB dump held open across deletions (86-churn.sh).

  dump.py IFNAME PORT GO RESULT

starts a dump of IFNAME's FDB (NVO_CMD_FDB_GET) on a socket with a small
receive buffer, so that the kernel stops after each buffer it fills and
resumes when it is read, and reads the first buffer: the kernel fills the
second one then. It writes RESULT.held and waits for the file GO. If GO
says "close", it closes the socket there, leaving the kernel to end the
dump; otherwise it reads the dump to its end and writes RESULT:

  entries N error E stale S intr I

N entries in all, E the error that ended the dump (0: NLMSG_DONE), S the
entries pointing to port PORT in the buffers the kernel filled after GO
(from the third on), which must not exist once PORT is detached, and I the
messages flagged NLM_F_DUMP_INTR (the reader is told to dump again).

libnvo cannot do this: it reads a dump whole before returning.
"""
import os
import re
import socket
import struct
import sys
import time

NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP_INTR, NLM_F_DUMP = 1, 4, 0x10, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "../../uapi/linux/nvo.h")


def uapi_enum(name):
    """The values of enum NAME of <linux/nvo.h>, which starts at 0."""
    text = open(UAPI).read()
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    names = [w.split("=")[0].strip() for w in body.split(",")]
    return {n: i for i, n in enumerate(n for n in names if n)}


CMD = uapi_enum("nvo_cmd")
ATTR = uapi_enum("nvo_attr")


def attr(kind, data):
    return struct.pack("HH", 4 + len(data), kind) + data + \
        b"\0" * (-len(data) % 4)


def attrs(data):
    out = {}
    while len(data) >= 4:
        n, kind = struct.unpack_from("HH", data)
        out[kind & 0x3fff] = data[4:n]
        data = data[(n + 3) & ~3:]
    return out


def request(s, family, cmd, flags, payload, seq):
    body = struct.pack("BBH", cmd, 1, 0) + payload
    s.send(struct.pack("IHHII", 16 + len(body), family,
                       NLM_F_REQUEST | flags, seq, 0) + body)


def messages(buf):
    while len(buf) >= 16:
        n, kind, flags, _, _ = struct.unpack_from("IHHII", buf)
        yield kind, flags, buf[16:n]
        buf = buf[(n + 3) & ~3:]


def family_id(s):
    request(s, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, NLM_F_ACK,
            attr(CTRL_ATTR_FAMILY_NAME, b"nvo\0"), 1)
    for kind, _, data in messages(s.recv(65536)):
        if kind == NLMSG_ERROR:
            sys.exit("dump.py: no nvo family: error %d" %
                     struct.unpack_from("i", data)[0])
        return struct.unpack_from(
            "H", attrs(data[4:])[CTRL_ATTR_FAMILY_ID])[0]


def main(ifname, port, go, result):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)
    family = family_id(s)
    # Drain the ACK of the family request before the dump starts.
    s.recv(65536)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    request(s, family, CMD["NVO_CMD_FDB_GET"], NLM_F_DUMP,
            attr(ATTR["NVO_A_IFNAME"], ifname.encode() + b"\0"), 2)
    entries = stale = error = intr = 0
    buffers = 0
    done = False
    port = port.encode() + b"\0"
    while not done:
        buf = s.recv(1 << 20)
        buffers += 1
        for kind, flags, data in messages(buf):
            intr += bool(flags & NLM_F_DUMP_INTR)
            if kind in (NLMSG_DONE, NLMSG_ERROR):
                error = -struct.unpack_from("i", data)[0]
                done = True
                break
            entries += 1
            if buffers > 2 and attrs(data[4:]).get(
                    ATTR["NVO_A_PORT_IFNAME"]) == port:
                stale += 1
        if buffers == 1:
            # Renamed into place: the shell polls for the name, and must
            # never read it empty.
            with open(result + ".held.tmp", "w") as f:
                f.write("held %d\n" % entries)
            os.rename(result + ".held.tmp", result + ".held")
            while not os.path.exists(go):
                time.sleep(0.05)
            if open(go).read().strip() == "close":
                s.close()
                return
    with open(result, "w") as f:
        f.write("entries %d error %d stale %d intr %d\n" %
                (entries, error, stale, intr))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
