"""End-to-end check of `bench monitor` through a real process and a real HTTP receiver.

Usage: monitor_e2e.py BENCH WORKDIR

1. Measures the fixture's `quick` benchmark once and writes a baseline of it whose every
   percentile, of all samples and of every round, is a thousandth of what was measured, so
   that the monitor must breach it (its bands scale the baseline's round medians).
2. Starts an HTTP receiver on 127.0.0.1 (standard library only) and runs
   `BENCH monitor --count 3 --fire-after 2` with the receiver as its webhook.
3. Asserts: exit code 1 (an alert is active at the end); the receiver got the critical alert
   as JSON; the JSON-lines file holds the same event; the dashboard says critical;
   monitor.prom parses with prometheus_client's text parser and carries the state.
4. Runs again with a webhook that refuses connections: the monitor still samples three times
   and writes its dashboard.
"""
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

bench, work = sys.argv[1], Path(sys.argv[2])
work.mkdir(parents=True, exist_ok=True)
received = []


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        received.append((self.path, self.headers.get("Content-Type"), json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def run(*arguments):
    return subprocess.run([bench, *arguments], capture_output=True, text=True, timeout=300)


def fail(message, process=None):
    print(f"monitor e2e: FAILED: {message}")
    if process is not None:
        print(process.stdout)
        print(process.stderr)
    sys.exit(1)


measured = run("--quiet", "-f", "quick$", "--rounds", "3", "--no-baseline", "--output", str(work / "measured"))
if measured.returncode != 0:
    fail("measuring the fixture failed", measured)
results = json.loads((work / "measured" / "results.json").read_text())
for benchmark in results["benchmarks"]:
    benchmark["summary"]["percentiles"] = {k: v / 1000 for k, v in benchmark["summary"]["percentiles"].items()}
    for round in benchmark["rounds"]:
        round["percentiles"] = {k: v / 1000 for k, v in round["percentiles"].items()}
(work / "baselines").mkdir(exist_ok=True)
(work / "baselines" / "default.json").write_text(json.dumps(results))

server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
webhook = f"http://127.0.0.1:{server.server_address[1]}/alerts"

(work / "alerts.jsonl").unlink(missing_ok=True)
monitor = run(
    "monitor", "-f", "quick$", "--count", "3", "--interval", "200ms", "--fire-after", "2",
    "--baselines", str(work / "baselines"), "--webhook", webhook, "--alerts", str(work / "alerts.jsonl"),
    "--dashboard", str(work / "dashboard.json"), "--metrics", str(work / "monitor.prom"),
)
server.shutdown()
if monitor.returncode != 1:
    fail(f"expected exit code 1 with an active alert, got {monitor.returncode}", monitor)
# A POST answered after the sink's timeout is sent again: count distinct events.
distinct = {json.dumps(body, sort_keys=True): (path, content_type, body) for path, content_type, body in received}
if len(distinct) != 1:
    fail(f"expected one alert event at the receiver, got {len(distinct)}: {received}", monitor)
path, content_type, event = next(iter(distinct.values()))
if path != "/alerts" or not (content_type or "").startswith("application/json"):
    fail(f"unexpected request: path {path}, Content-Type {content_type}")
alert = event["alert"]
if (event["kind"], alert["level"], alert["metric"], alert["source"]) != ("fired", "critical", "fixture.quick", "threshold"):
    fail(f"unexpected alert JSON: {event}")
if not alert["value"] > alert["band"]["maximum"]:
    fail(f"the alert's value is inside its band: {alert}")
lines = [json.loads(line) for line in (work / "alerts.jsonl").read_text().splitlines()]
if lines != [event]:
    fail(f"the JSON-lines file differs from what the webhook got: {lines}")
dashboard = json.loads((work / "dashboard.json").read_text())
states = {metric["name"]: metric["state"] for metric in dashboard["metrics"]}
if states != {"fixture.quick": "critical"}:
    fail(f"unexpected dashboard states: {states}")
families = {family.name: family for family in text_string_to_metric_families((work / "monitor.prom").read_text())}
state = [s.value for s in families["yardstick_monitor_state"].samples if s.labels.get("metric") == "fixture.quick"]
if state != [2.0]:
    fail(f"monitor.prom: expected yardstick_monitor_state 2 for fixture.quick, got {state}")
print(f"monitor e2e: the receiver got {event['kind']} {alert['level']} {alert['metric']}; "
      f"monitor.prom parsed ({len(families)} families)")

# A webhook that refuses connections costs retries, never the monitor.
with_dead_webhook = run(
    "monitor", "-f", "quick$", "--count", "3", "--interval", "100ms", "--fire-after", "2",
    "--baselines", str(work / "baselines"), "--webhook", "http://127.0.0.1:9/refused",
    "--dashboard", str(work / "dashboard-2.json"), "--metrics", str(work / "monitor-2.prom"),
)
if with_dead_webhook.returncode != 1 or "sample 3 of 3" not in with_dead_webhook.stderr:
    fail("the monitor did not finish its samples with a failing webhook", with_dead_webhook)
if "127.0.0.1:9" not in with_dead_webhook.stderr:
    fail("the failing webhook was not reported", with_dead_webhook)
print("monitor e2e: a refusing webhook was reported and the monitor went on")
