#!/usr/bin/env python3
"""Holds loopback ports chosen by the kernel, so that scripts never guess a free port (issue 13, item 10).

Usage: hold-ports.py COUNT [ADDRESS...]        (default ADDRESS: 127.0.0.1)

Binds COUNT different ports, each one on TCP and UDP at every ADDRESS, prints them on one line ("41234 41236 …"), then
holds them until its parent process exits or it gets SIGTERM. The first socket of each port is bound to port 0 (the
kernel picks a port nobody has); the others bind that port explicitly, and a port where one of them fails is given up
for another (at most 100 tries).

Why holding works for the scripts:
- Every socket is bound *without* SO_REUSEADDR, so the bind is exclusive, and gets SO_REUSEADDR only afterwards. Linux
  lets a socket with SO_REUSEADDR bind and listen on a port held by SO_REUSEADDR sockets that do not listen: nginx,
  dnsmasq, Go (the Pushgateway) and Python's http.server all set it, so they start on a held port. A client's outgoing
  connection (no SO_REUSEADDR) or any other program cannot take it meanwhile, and a restarted server gets it back.
- A held TCP port does not listen, so connecting to it is refused: a held port nothing else listens on is the
  "closed port" of a connect_refused check, for as long as the holder lives.
- The UDP sockets are connected to port 9 (discard) of their own address, so the kernel delivers them nothing from
  anywhere else: a DNS server bound to the port gets every query, and with no server a query is refused (ICMP port
  unreachable), as on a closed port.
"""
import os
import signal
import socket
import sys
import time


def hold(port, addresses):
    """The sockets holding port at every address over TCP and UDP; port 0 binds the first to a port the kernel picks."""
    held = []
    try:
        for address in addresses:
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                s = socket.socket(socket.AF_INET, kind)
                held.append(s)
                s.bind((address, port))
                port = s.getsockname()[1]
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if kind == socket.SOCK_DGRAM:
                    s.connect((address, 9))
        return port, held
    except OSError:
        for s in held:
            s.close()
        return None, []


def main():
    count = int(sys.argv[1])
    addresses = sys.argv[2:] or ["127.0.0.1"]
    parent = os.getppid()
    ports, sockets = [], []
    for _ in range(100):
        if len(ports) == count:
            break
        port, held = hold(0, addresses)
        if port is not None:
            ports.append(port)
            sockets.extend(held)
    if len(ports) < count:
        sys.exit(f"hold-ports.py: only {len(ports)} of {count} ports could be held on {' '.join(addresses)}")
    print(" ".join(map(str, ports)), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Bounded by the parent's life: a script killed with SIGKILL leaves no holder behind.
    while os.getppid() == parent:
        time.sleep(0.5)


if __name__ == "__main__":
    main()
