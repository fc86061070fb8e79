#!/usr/bin/env python3
"""HTTP server on 127.0.0.1 for the fetch engine tests (standard library only).

Prints its port on the first line of stdout, then for each --tls CERT KEY the port of the
same server behind TLS with that certificate, then for --h2 CERT KEY the port of a bare
HTTP/2 server (below); then serves until stdin closes (the test process ended) or
--max-seconds pass.

  /ok                       200 "ok"
  /latency?ms=N             200 after N ms
  /etag                     200 with ETag "v1" and Last-Modified; 304 when either matches
  /gzip                     gzip-encoded body when accepted
  /echo                     200, body lists the request line and headers
  /redirect?n=N             N redirects, then /ok
  /loop                     redirects to itself
  /tofile                   redirects to file:///etc/passwd
  /goto?url=U               redirects to U
  /trickle                  announces 100000 bytes, sends 10 bytes a second
  /big?bytes=N[&chunked=1]  N bytes (with Content-Length, or chunked without)
  /bomb?mb=N                N MB of zeros, gzip-encoded (a few KB on the wire)
  /flaky?key=K&fails=F&code=C   status C (default 500) F times for key K, then 200
  /ratelimit?key=K&after=S  429 with Retry-After: S the first time (none for after=none), then 200
  /hold?s=S                 sends nothing for S seconds, then 200
  /status?code=C            status C
  /count?key=K              how many requests key K got (for retry tests)
  /connections              how many connections the server accepted so far
  absolute-form request     200 "via proxy URL": the server is used as a proxy

The HTTP/2 server (TLS, ALPN h2) answers every request 200 "ok" and counts its
connections: /count?key=h2-connections on the first port.
"""
import argparse
import gzip
import http.server
import os
import socket
import ssl
import struct
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
        if path == "/goto":
            return self.reply(302, b"", [("Location", q.get("url", "/ok"))])
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
                after = q.get("after", "1")
                return self.reply(429, b"slow down", [] if after == "none" else [("Retry-After", after)])
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


def tls_context(cert, key, alpn=None):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if alpn:
        context.set_alpn_protocols(alpn)
    return context


H2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def h2_frame(kind, flags, stream, payload=b""):
    return len(payload).to_bytes(3, "big") + bytes([kind, flags]) + struct.pack(">I", stream) + payload


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def serve_h2_connection(conn, context):
    """Just enough HTTP/2 for a client that only sends GETs: every stream gets 200 "ok"."""
    try:
        conn = context.wrap_socket(conn, server_side=True)
        bump("h2-connections")
        if read_exact(conn, len(H2_PREFACE)) != H2_PREFACE:
            return
        conn.sendall(h2_frame(4, 0, 0))  # our SETTINGS: the defaults
        while True:
            header = read_exact(conn, 9)
            kind, flags = header[3], header[4]
            stream = struct.unpack(">I", header[5:9])[0] & 0x7FFFFFFF
            payload = read_exact(conn, int.from_bytes(header[:3], "big"))
            if kind == 4 and not flags & 1:  # the client's SETTINGS: acknowledged
                conn.sendall(h2_frame(4, 1, 0))
            elif kind == 6 and not flags & 1:  # PING
                conn.sendall(h2_frame(6, 1, 0, payload))
            elif kind == 7:  # GOAWAY
                return
            elif kind == 1 and flags & 1:  # HEADERS that end the stream: a GET
                # 0x88 is ":status: 200" in HPACK's static table.
                conn.sendall(h2_frame(1, 4, stream, b"\x88") + h2_frame(0, 1, stream, b"ok"))
    except (OSError, ConnectionError, ssl.SSLError):
        pass
    finally:
        conn.close()


def serve_h2(listener, context):
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve_h2_connection, args=(conn, context), daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--tls", nargs=2, action="append", default=[], metavar=("CERT", "KEY"))
    ap.add_argument("--h2", nargs=2, metavar=("CERT", "KEY"))
    args = ap.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    ports = [str(server.server_address[1])]
    for cert, key in args.tls:
        tls = Server(("127.0.0.1", 0), Handler)
        tls.socket = tls_context(cert, key).wrap_socket(tls.socket, server_side=True)
        ports.append(str(tls.server_address[1]))
        threading.Thread(target=tls.serve_forever, daemon=True).start()
    if args.h2:
        listener = socket.create_server(("127.0.0.1", 0), backlog=256)
        ports.append(str(listener.getsockname()[1]))
        threading.Thread(target=serve_h2, args=(listener, tls_context(*args.h2, alpn=["h2"])), daemon=True).start()
    print(" ".join(ports), flush=True)

    def watch_stdin():
        sys.stdin.read()
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(args.max_seconds, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
