#!/usr/bin/env python3
"""HTTP server on 127.0.0.1 for the fetch engine tests (standard library only).

Prints its port on the first line of stdout (then, with --tls-cert/--tls-key, the port
of the same server behind TLS with that certificate), then serves until stdin closes (the test
process ended) or --max-seconds pass.

  /ok                       200 "ok"
  /latency?ms=N             200 after N ms
  /etag                     200 with ETag "v1" and Last-Modified; 304 when either matches
  /gzip                     gzip-encoded body when accepted
  /echo                     200, body lists the request line and headers
  /redirect?n=N             N redirects, then /ok
  /loop                     redirects to itself
  /tofile                   redirects to file:///etc/passwd
  /trickle                  announces 100000 bytes, sends 10 bytes a second
  /big?bytes=N[&chunked=1]  N bytes (with Content-Length, or chunked without)
  /bomb?mb=N                N MB of zeros, gzip-encoded (a few KB on the wire)
  /flaky?key=K&fails=F&code=C   status C (default 500) F times for key K, then 200
  /ratelimit?key=K&after=S  429 with Retry-After: S the first time, then 200
  /hold?s=S                 sends nothing for S seconds, then 200
  /status?code=C            status C
  /count?key=K              how many requests key K got (for retry tests)
  /connections              how many connections the server accepted so far
"""
import argparse
import gzip
import http.server
import os
import ssl
import sys
import threading
import time
import urllib.parse
from email.utils import formatdate

ETAG = '"v1"'
LAST_MODIFIED = formatdate(1700000000, usegmt=True)
COUNTS = {}
LOCK = threading.Lock()


def bump(key):
    with LOCK:
        COUNTS[key] = COUNTS.get(key, 0) + 1
        return COUNTS[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = -1  # headers and body in one write: no Nagle stalls
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        bump("connections")

    def reply(self, code, body=b"", headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        split = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(split.query))
        path = split.path
        if self.path.startswith("http://"):  # absolute form: we are used as a proxy
            return self.reply(200, ("via proxy " + self.path).encode())
        if path == "/ok":
            return self.reply(200, b"ok")
        if path == "/latency":
            time.sleep(int(q.get("ms", "200")) / 1000)
            return self.reply(200, b"late")
        if path == "/etag":
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            validators = [("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)]
            if inm == ETAG or (inm is None and ims == LAST_MODIFIED):
                return self.reply(304, b"", validators)
            return self.reply(200, b"fresh", validators)
        if path == "/gzip":
            body = b"compressed hello " * 100
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                return self.reply(200, gzip.compress(body), [("Content-Encoding", "gzip")])
            return self.reply(200, body)
        if path == "/echo":
            text = self.requestline + "\n" + "".join("%s: %s\n" % kv for kv in self.headers.items())
            return self.reply(200, text.encode())
        if path == "/redirect":
            n = int(q.get("n", "1"))
            target = "/ok" if n <= 1 else "/redirect?n=%d" % (n - 1)
            return self.reply(302, b"", [("Location", target)])
        if path == "/loop":
            return self.reply(302, b"", [("Location", "/loop")])
        if path == "/tofile":
            return self.reply(302, b"", [("Location", "file:///etc/passwd")])
        if path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.flush()
            try:
                for _ in range(30):
                    self.wfile.write(b"x" * 10)
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            self.close_connection = True
            return
        if path == "/big":
            n = int(q.get("bytes", "1000"))
            if q.get("chunked") == "1":
                self.send_response(200)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    sent = 0
                    while sent < n:
                        part = min(65536, n - sent)
                        self.wfile.write(b"%x\r\n" % part + b"y" * part + b"\r\n")
                        sent += part
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:
                    self.close_connection = True
                return
            return self.reply(200, b"y" * n)
        if path == "/bomb":
            body = gzip.compress(b"\0" * (int(q.get("mb", "20")) << 20), 9)
            return self.reply(200, body, [("Content-Encoding", "gzip")])
        if path == "/flaky":
            n = bump("flaky:" + q.get("key", ""))
            if n <= int(q.get("fails", "1")):
                return self.reply(int(q.get("code", "500")), b"failing")
            return self.reply(200, b"recovered after %d" % (n - 1))
        if path == "/ratelimit":
            n = bump("ratelimit:" + q.get("key", ""))
            if n == 1:
                return self.reply(429, b"slow down", [("Retry-After", q.get("after", "1"))])
            return self.reply(200, b"thanks for waiting")
        if path == "/hold":
            time.sleep(float(q.get("s", "5")))
            return self.reply(200, b"held")
        if path == "/status":
            return self.reply(int(q.get("code", "500")), b"status")
        if path == "/connections":
            with LOCK:
                n = COUNTS.get("connections", 0)
            return self.reply(200, str(n).encode())
        if path == "/count":
            with LOCK:
                n = COUNTS.get(q.get("key", ""), 0)
            return self.reply(200, str(n).encode())
        return self.reply(404, b"no such test path")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    args = ap.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    ports = [str(server.server_address[1])]
    if args.tls_cert and args.tls_key:
        tls = Server(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        tls.socket = context.wrap_socket(tls.socket, server_side=True)
        ports.append(str(tls.server_address[1]))
        threading.Thread(target=tls.serve_forever, daemon=True).start()
    print(" ".join(ports), flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
