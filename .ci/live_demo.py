"""The live demo of issue 13: `bench monitor` watching a service that slows down and breaks.

A small HTTP service (this script) answers `/` and serves Prometheus text at `/metrics`. Its
state follows the number of requests to `/`, so the demo does not depend on timing: requests
1-4 are healthy, 5-10 slow (150 ms), 11-16 fail with 503, and from 17 on it is healthy again.
Its `/metrics` gauge `demo_queue_depth` reads 5 when healthy, 50 when slow, 500 when broken.

`bench monitor --http` watches `/` and `--scrape` the gauge, with `--threshold` bands on both,
twice: once posting to a Slack-format receiver from `warning` up, once to a PagerDuty-format
receiver for `critical` only. Checked: the queue goes warning, then critical, then resolves;
Slack gets those three messages; PagerDuty gets only critical triggers, each resolved with the
same dedup_key and the routing key; and the monitor ends with nothing active (exit 0).

Usage: python3 .ci/live_demo.py BENCH WORKDIR
"""
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

bench, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)


class Service(BaseHTTPRequestHandler):
    requests = 0
    lock = threading.Lock()

    @classmethod
    def phase(cls):
        n = cls.requests
        return "healthy" if n <= 4 or n >= 17 else "slow" if n <= 10 else "broken"

    def do_GET(self):
        if self.path == "/metrics":
            depth = {"healthy": 5, "slow": 50, "broken": 500}[Service.phase()]
            body = f"# HELP demo_queue_depth Jobs waiting.\n# TYPE demo_queue_depth gauge\ndemo_queue_depth {depth}\n"
            self.answer(200, body, "text/plain; version=0.0.4")
            return
        with Service.lock:
            Service.requests += 1
        phase = Service.phase()
        if phase == "slow":
            time.sleep(0.15)
        self.answer(503 if phase == "broken" else 200, phase + "\n", "text/plain")

    def answer(self, status, body, content_type):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *arguments):
        pass


class Receiver(BaseHTTPRequestHandler):
    received = {}

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.setdefault(self.path, []).append(json.loads(body))
        self.send_response(202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *arguments):
        pass


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


service, receiver = serve(Service), serve(Receiver)


def monitor(run, webhook, fmt, environment):
    Service.requests = 0
    arguments = [
        bench, "monitor", "--quiet", "--no-baseline",
        "--http", f"svc={service}/@200ms", "--http-timeout", "2s",
        "--scrape", f"svc-metrics={service}/metrics@200ms",
        "--series", "queue=svc-metrics:demo_queue_depth",
        "--threshold", "queue:warning>20,critical>200",
        "--threshold", "svc.latency:warning>100ms,critical>1s",
        "--fire-after", "2", "--resolve-after", "2", "--interval", "200ms", "--count", "26",
        "--webhook", webhook, "--webhook-format", fmt,
        "--dashboard", f"{work}/{run}.json", "--metrics", f"{work}/{run}.prom",
    ]
    started = time.monotonic()
    result = subprocess.run(arguments, capture_output=True, text=True, env={**os.environ, **environment}, timeout=60)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"{run}: bench monitor exited {result.returncode}, expected 0 (all resolved):\n{result.stderr}")
    print(f"{run}: bench monitor took {seconds:.1f} s; its alerts on standard error:")
    for line in result.stderr.splitlines():
        print("   ", line)


started = time.monotonic()
monitor("slack", f"warning={receiver}/slack", "slack", {})
messages = [message["text"] for message in Receiver.received.get("/slack", [])]
queue = [text for text in messages if "queue" in text]
expected = ["WARNING fired", "CRITICAL escalated", "RESOLVED"]
positions = [next((i for i, text in enumerate(queue) if marker in text), None) for marker in expected]
if None in positions or positions != sorted(positions):
    raise SystemExit(f"slack: the queue did not go warning, critical, resolved in order: {queue}")
if any("blocks" not in message for message in Receiver.received["/slack"]):
    raise SystemExit("slack: a message without blocks")
print(f"slack: {len(messages)} messages; the queue's, in order: {[queue[i] for i in positions]}")

monitor("pagerduty", f"critical={receiver}/pagerduty", "pagerduty", {"YARDSTICK_PAGERDUTY_ROUTING_KEY": "demo-routing-key"})
events = Receiver.received.get("/pagerduty", [])
triggers = [event for event in events if event["event_action"] == "trigger"]
resolves = [event for event in events if event["event_action"] == "resolve"]
if not triggers or any(event["payload"]["severity"] != "critical" for event in triggers):
    raise SystemExit(f"pagerduty: expected critical triggers only: {triggers}")
if {event["dedup_key"] for event in triggers} != {event["dedup_key"] for event in resolves}:
    raise SystemExit(f"pagerduty: every trigger must be resolved with its dedup_key: {events}")
if any(event["routing_key"] != "demo-routing-key" for event in events):
    raise SystemExit("pagerduty: an event without the routing key")
print(f"pagerduty: {len(triggers)} critical triggers, each resolved with its dedup_key: {sorted(e['dedup_key'] for e in triggers)}")
print(f"live demo: passed in {time.monotonic() - started:.1f} s")
