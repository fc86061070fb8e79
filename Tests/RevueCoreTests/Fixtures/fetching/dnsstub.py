#!/usr/bin/env python3
"""A DNS server on 127.0.0.1:53 that never answers names under hang.test and answers
NXDOMAIN to every other name, then runs a command with /etc/resolv.conf pointing at it
(10 s per query, so that a stuck lookup lasts long enough to be seen).

Meant for fresh network and mount namespaces, so that nothing outside sees the server or
the resolv.conf (util-linux's unshare makes the new mounts private):

  unshare --net --mount python3 dnsstub.py -- revue build --config revue.toml ...

Exits with the command's status.
"""
import fcntl
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up():
    """A new network namespace starts with lo down."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    request = struct.pack("16sH", b"lo", 0)
    flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | IFF_UP))
    s.close()


def question(packet):
    """The queried name and where the question ends (after QTYPE and QCLASS)."""
    labels, i = [], 12
    while i < len(packet) and packet[i]:
        labels.append(packet[i + 1:i + 1 + packet[i]].decode("ascii", "replace"))
        i += 1 + packet[i]
    return ".".join(labels).lower(), i + 5


def serve(sock):
    while True:
        packet, peer = sock.recvfrom(512)
        if len(packet) < 12:
            continue
        name, end = question(packet)
        if name == "hang.test" or name.endswith(".hang.test"):
            continue
        # Same id; a response, recursion desired and available, NXDOMAIN; the question echoed.
        sock.sendto(packet[:2] + struct.pack(">HHHHH", 0x8183, 1, 0, 0, 0) + packet[12:end], peer)


def main():
    command = sys.argv[sys.argv.index("--") + 1:]
    loopback_up()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    threading.Thread(target=serve, args=(sock,), daemon=True).start()
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as conf:
        conf.write("nameserver 127.0.0.1\noptions timeout:10 attempts:1\n")
    try:
        subprocess.run(["mount", "--bind", conf.name, "/etc/resolv.conf"], check=True)
        sys.exit(subprocess.run(command).returncode)
    finally:
        os.unlink(conf.name)


if __name__ == "__main__":
    main()
