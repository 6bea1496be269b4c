#!/usr/bin/env python3
"""An Alertmanager webhook receiver for fleet/run.sh: records every notification.

Usage: receiver.py ADDRESS PORT OUT_FILE

Every POST is answered 200 and its JSON body (Alertmanager's webhook payload: status, groupLabels, alerts with their
labels and annotations) appended to OUT_FILE as one line. GET /-/ready answers 200 unrecorded, so the suite can wait
for it. Bodies over 1 MiB are refused with 413 and not recorded.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ADDRESS, PORT, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
LIMIT = 1 << 20
LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        self._answer(200 if self.path == "/-/ready" else 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        if length > LIMIT:
            self._answer(413)
            self.close_connection = True
            return
        body = self.rfile.read(length)
        try:
            line = json.dumps(json.loads(body), ensure_ascii=False, sort_keys=True)
        except ValueError:
            line = json.dumps({"unparsed": body.decode("utf-8", "replace")})
        with LOCK, open(OUT, "a", encoding="utf-8") as out:
            out.write(line + "\n")
        self._answer(200)

    def log_message(self, *args):
        pass


ThreadingHTTPServer((ADDRESS, PORT), Handler).serve_forever()
