#!/usr/bin/env python3
"""Loopback HTTPS targets for probe-check.sh, several in one process: each answers every GET with 200 "ok".

Usage: probe_targets.py PORT:CERT:KEY:DELAY...
DELAY is how long, in seconds, each connection waits before its TLS handshake: a server slow to handshake, which the
community's slow-probe rules should catch. Each connection runs in its own thread, so a slow one holds up no other.
"""
import http.server
import ssl
import sys
import threading
import time

from tls_server import Handler  # beside this file: 200 "ok" to every GET


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, context, delay):
        super().__init__(("127.0.0.1", port), Handler)
        self.context = context
        self.delay = delay

    def get_request(self):
        sock, address = self.socket.accept()
        sock.settimeout(10)
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address

    def finish_request(self, request, client_address):
        # On the connection's own thread: the client has sent its ClientHello and waits for the answer.
        time.sleep(self.delay)
        try:
            request.do_handshake()
        except (OSError, ssl.SSLError):
            return
        super().finish_request(request, client_address)


def main():
    servers = []
    for spec in sys.argv[1:]:
        port, cert, key, delay = spec.split(":")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        servers.append(Server(int(port), context, float(delay)))
    for server in servers[1:]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    servers[0].serve_forever()


if __name__ == "__main__":
    main()
