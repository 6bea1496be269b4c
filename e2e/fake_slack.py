#!/usr/bin/env python3
"""A fake Slack incoming webhook over HTTPS on loopback, for e2e/run.sh.

Usage: fake_slack.py PORT CERT_PEM KEY_PEM OUT_FILE

Every POST (whatever its path) is answered 200 "ok", as Slack does, and appended to OUT_FILE as one JSON line:
{"path": "/services/...", "text": <the message's "text">, "body": <the JSON body, or its text when it is not JSON>},
non-ASCII characters as they are, so that the suite can grep for "text": "🔴 Firing.
GET /-/ready answers 200 without being recorded, so the suite can wait for the server without polluting OUT_FILE.
Nothing is printed per request (the suite asserts on OUT_FILE, and on the agent's log never holding the secret path).
"""
import json
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, CERT, KEY, OUT = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, status, text):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()  # the CRLF after each chunk
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        self._answer(200 if self.path == "/-/ready" else 404, "ok" if self.path == "/-/ready" else "no")

    def do_POST(self):
        raw = self._body().decode("utf-8", "replace")
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw
        text = body.get("text", "") if isinstance(body, dict) else ""
        line = json.dumps({"path": self.path, "text": text, "body": body}, ensure_ascii=False)
        with LOCK, open(OUT, "a", encoding="utf-8") as out:
            out.write(line + "\n")
        self._answer(200, "ok")

    def log_message(self, fmt, *args):
        pass  # quiet: the request line holds the webhook's secret path


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERT, KEY)
server.socket = context.wrap_socket(server.socket, server_side=True)
server.daemon_threads = True
server.serve_forever()
