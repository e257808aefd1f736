#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A UDP flow whose losses can be counted exactly (86-churn.sh).

  flow.py send IP PORT RATE STOP RESULT
      datagrams numbered 0, 1, ... to IP:PORT, RATE a second (0: as fast
      as it can), until the file STOP exists; then RESULT gets
      "sent N errors E". The file RESULT.started appears once the first
      datagram is sent.
  flow.py recv PORT STOP RESULT
      counts the numbered datagrams that arrive on PORT; once STOP exists
      and nothing has come for a second, writes RESULT:
      "received N duplicates D highest H missing A-B,C,..." (the numbers
      never seen below the highest one, "-" if none). The file
      RESULT.ready appears once the socket is bound.

ping could count too, but it cannot be told to stop at a moment of the
test's choosing without counting the replies in flight as lost.
"""
import errno
import os
import socket
import struct
import sys
import time


def write(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text + "\n")
    os.rename(path + ".tmp", path)


def send(ip, port, rate, stop, result):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    pad = b"\0" * 56
    n = errors = 0
    start = time.monotonic()
    while not os.path.exists(stop):
        # A whole flood between two looks at STOP: stat costs a syscall.
        for _ in range(1 if rate else 64):
            try:
                s.sendto(struct.pack("!Q", n) + pad, (ip, port))
                n += 1
            except OSError:
                errors += 1
        if n + errors <= 64:
            write(result + ".started", "")
        if rate:
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    write(result, "sent %d errors %d" % (n, errors))


def ranges(missing):
    out = []
    for m in missing:
        if out and out[-1][1] == m - 1:
            out[-1][1] = m
        else:
            out.append([m, m])
    return ",".join("%d" % a if a == b else "%d-%d" % (a, b) for a, b in out)


def recv(port, stop, result):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind(("0.0.0.0", port))
    write(result + ".ready", "")
    seen = bytearray()
    got = dups = 0
    s.settimeout(0.2)
    stopping = False
    i = 0
    while True:
        i += 1
        try:
            d = s.recv(2048)
        except socket.timeout:
            if stopping:
                break
            d = b""
        except OSError as e:
            if e.errno == errno.EINTR:
                continue
            raise
        # Frames may still be on their way (a slow kernel, queues): done
        # after a second without any.
        if not stopping and (not d or i % 1024 == 0) and os.path.exists(stop):
            stopping = True
            s.settimeout(1)
        if len(d) < 8:
            continue
        n = struct.unpack_from("!Q", d)[0]
        if n > 100000000:
            continue
        if n >= len(seen):
            seen.extend(bytes(n + 1 - len(seen) + 4096))
        if seen[n]:
            dups += 1
        else:
            seen[n] = 1
            got += 1
    high = len(seen.rstrip(b"\0")) - 1
    missing = [i for i in range(high) if not seen[i]]
    write(result, "received %d duplicates %d highest %d missing %s" %
          (got, dups, high, ranges(missing) or "-"))


def main(argv):
    if len(argv) == 7 and argv[1] == "send":
        send(argv[2], int(argv[3]), float(argv[4]), argv[5], argv[6])
    elif len(argv) == 5 and argv[1] == "recv":
        recv(int(argv[2]), argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
