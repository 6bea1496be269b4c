#!/usr/bin/env python3
"""A loopback HTTPS server for check.sh: answers every GET with 200 "ok".

Usage: tls_server.py PORT CERT KEY
Each connection's TLS handshake runs in its own thread, so a client that connects and says nothing holds up no other.
"""
import http.server
import ssl
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port, context):
        super().__init__(("127.0.0.1", port), Handler)
        self.context = context

    def get_request(self):
        sock, address = self.socket.accept()
        sock.settimeout(5)
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address


def main():
    port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    Server(port, context).serve_forever()


if __name__ == "__main__":
    main()
