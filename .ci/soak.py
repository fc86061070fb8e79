#!/usr/bin/env python3
"""A soak of the morning run: 30 consecutive `revue build` runs against feeds served on
127.0.0.1 that fail in every way a morning can bring, with runs killed by SIGKILL at
random moments, the state damaged once and a file-size limit once. After each run it
checks that

  - a run that exits 0 leaves a whole, valid digest (text, HTML, mail, status);
  - after any failed or killed run, the next run succeeds;
  - every source whose server answered (200 or 304) is read in the digest's status;
  - no temporary file is left beside the digest after a run that succeeded.

Run from the repository root (needs python3 and ../shared/bench/feedserver.py):

    .ci/soak.py [--runs 30] [--feeds 100] [--seed 1]

It builds the release binary first, prints one line per run and a summary, and exits 1
if any check failed.
"""
import argparse, datetime, gzip, http.server, json, os, random, signal, socketserver, subprocess, sys, tempfile
import threading, time, zoneinfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))


class Hostile(http.server.BaseHTTPRequestHandler):
    """What feedserver.py does not serve: a trickle, a gzip bomb, a redirect loop."""
    bomb = gzip.compress(b"<rss>" + b"\0" * (64 << 20), 9)

    def do_GET(self):
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        elif self.path == "/bomb":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(self.bomb)))
            self.end_headers()
            try:
                self.wfile.write(self.bomb)
            except OSError:
                pass
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "revue"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    revue = os.path.join(ROOT, ".build", "release", "revue")
    work = tempfile.mkdtemp(prefix="revue-soak-")
    out, state = os.path.join(work, "Digests"), os.path.join(work, "state")

    # Items anchored at yesterday's 07:00 in Casablanca and yesterday's digest built, as in
    # .ci/bench-build.sh: every item is in the window whatever the time of day.
    tz = zoneinfo.ZoneInfo("Africa/Casablanca")
    day = datetime.datetime.now(tz).date() - datetime.timedelta(days=1)
    epoch = int(datetime.datetime(day.year, day.month, day.day, 7, tzinfo=tz).timestamp())
    access_log = os.path.join(work, "access.log")
    port_file = os.path.join(work, "port")
    server = subprocess.Popen(
        [sys.executable, os.path.join(SHARED, "bench", "feedserver.py"), "--feeds", str(args.feeds), "--items", "30",
         "--latency-ms", "50", "--fault-rate", "0.08", "--fault-kinds", "500,timeout,garbage", "--timeout-hold-s", "6",
         "--epoch", str(epoch), "--max-seconds", "3600", "--port-file", port_file, "--access-log", access_log],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hostile = ThreadingServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=hostile.serve_forever, daemon=True).start()
    try:
        for _ in range(100):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.1)
        port = int(open(port_file).read().strip())
        feeds = [(f"Feed {k}", f"http://127.0.0.1:{port}/feed/{k}.xml") for k in range(args.feeds)]
        extra = [(f"Hostile {p}", f"http://127.0.0.1:{hostile.server_address[1]}/{p}") for p in ("trickle", "bomb", "loop")]
        config = os.path.join(work, "revue.toml")
        with open(config, "w") as f:
            f.write(f'[digest]\noutput = "Digests"\nstate = "state"\n\n[fetch]\ntimeout_s = 3\ndeadline_s = 5\n\n'
                    '[alert]\nfailed_share = 0\nfailing_days = 0\n')
            for name, url in feeds + extra:
                f.write(f'\n[[source]]\nname = "{name}"\nurl = "{url}"\n')
        return soak(args, rng, revue, config, out, state, day, access_log, dict((u, n) for n, u in feeds + extra))
    finally:
        server.kill()
        hostile.shutdown()


def soak(args, rng, revue, config, out, state, day, access_log, names_by_url):
    base = os.path.join(out, str(day))
    command = [revue, "build", "--config", config, "--date", str(day)]
    kill_runs = set(rng.sample(range(2, args.runs), 4))
    damage_run, limit_run = rng.choice([r for r in range(3, args.runs) if r not in kill_runs]), None
    limit_run = rng.choice([r for r in range(3, args.runs) if r not in kill_runs and r != damage_run])
    problems, summary = [], {"ok": 0, "killed": 0, "refused": 0}
    previous_failed = False
    for run in range(1, args.runs + 1):
        event = ""
        if run == damage_run:
            with open(os.path.join(state, "state.sqlite"), "r+b") as db:
                db.seek(4096)
                db.write(os.urandom(8192))
            event = "state damaged"
        log_start = os.path.getsize(access_log) if os.path.exists(access_log) else 0
        before = snapshot(base)
        started = time.monotonic()
        if run in kill_runs:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(rng.uniform(0.05, 3.0))
            process.send_signal(signal.SIGKILL)
            process.wait()
            stderr, status = b"", -9
            event = "killed with SIGKILL"
        elif run == limit_run:
            largest = max(len(v) for v in before.values())
            limit = max(1, largest // 1024 - 1)
            result = subprocess.run(["bash", "-c", f'ulimit -f {limit}; exec "$0" "$@"'] + command, capture_output=True)
            stderr, status = result.stderr, result.returncode
            event = f"file size limited to {limit} KiB"
        else:
            result = subprocess.run(command, capture_output=True)
            stderr, status = result.stderr, result.returncode
        seconds = time.monotonic() - started

        found, read = [], ""
        if status == 0:
            found += check_digest(base)
            answered, lost = check_answered(base, access_log, log_start, names_by_url)
            found += lost
            report = json.loads(open(f"{base}.status.json").read())
            read = f"{report['sources_ok']}/{report['sources_total']} read, {answered} served whole"
            found += [f"temporary file left: {name}" for name in os.listdir(out) if ".revue-" in name]
            if run == damage_run and b"state was damaged" not in stderr:
                found.append("damaged state not reported on stderr")
            summary["ok"] += 1
        elif status == -9:
            summary["killed"] += 1
        elif run == limit_run:
            summary["refused"] += 1
            if status != 73:
                found.append(f"file-size limit: exit {status}, expected 73")
            if snapshot(base) != before:
                found.append("file-size limit: the previous digest changed")
        else:
            found.append(f"exit {status}: {stderr.decode(errors='replace').strip()}")
        if previous_failed and status != 0 and run not in kill_runs and run != limit_run:
            found.append("a run after a failure did not succeed")
        previous_failed = status != 0
        problems += [f"run {run}: {p}" for p in found]
        print(f"run {run:2}: exit {status:3}  {seconds:5.1f} s  {event:28} {read:28} {'OK' if not found else '; '.join(found)}",
              flush=True)

    print(f"\n{args.runs} runs: {summary['ok']} wrote their digest, {summary['killed']} killed with SIGKILL, "
          f"{summary['refused']} refused at the file-size limit (exit 73); {len(problems)} problem(s)")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


def snapshot(base):
    files = {}
    for ext in ("txt", "html", "eml", "status.json"):
        if os.path.exists(f"{base}.{ext}"):
            files[ext] = open(f"{base}.{ext}", "rb").read()
    return files


def check_digest(base):
    files, found = snapshot(base), []
    if set(files) != {"txt", "html", "eml", "status.json"}:
        return [f"digest files missing: {sorted({'txt', 'html', 'eml', 'status.json'} - set(files))}"]
    try:
        status = json.loads(files["status.json"])
        if status.get("sources_total") != len(status.get("sources", [])):
            found.append("status.json counts disagree")
    except ValueError as e:
        found.append(f"status.json is not JSON: {e}")
    if not files["html"].rstrip().endswith(b"</html>"):
        found.append("HTML digest is cut")
    if b"Subject: " not in files["eml"] or not files["eml"].rstrip().endswith(b"--"):
        found.append("mail is cut")
    if b"Sources" not in files["txt"]:
        found.append("text digest has no footer")
    return found


def check_answered(base, access_log, start, names_by_url):
    """Every feed served whole (200 or 304, no fault) in this run is read (ok or not-modified).
    Returns how many were served whole, and the lost ones."""
    status = json.loads(open(f"{base}.status.json").read())
    by_name = {s["name"]: s for s in status["sources"]}
    with open(access_log) as log:
        log.seek(start)
        lines = log.read().splitlines()
    answered = set()
    for line in lines:
        fields = line.split()
        path = next((f for f in fields if f.startswith("/feed/")), None)
        code = next((f for f in fields if f in ("200", "304")), None)
        if path and code and "fault=-" in fields:
            answered.add(path)
    found = []
    for url, name in names_by_url.items():
        path = url[url.index("/", 8):]
        report = by_name.get(name, {})
        # A transient fault retried answers on a later try, and the source is read then: a
        # source reported failed although its feed was served whole is a lost source. (One
        # whose answer came after the fetch deadline is cut on purpose: "cancelled".)
        if path in answered and report.get("status") == "failed" and report.get("reason") != "cancelled":
            found.append(f"{name} answered but is reported failed ({report.get('reason')}: {report.get('detail')})")
    return len(answered), found


if __name__ == "__main__":
    sys.exit(main())
