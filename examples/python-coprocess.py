#!/usr/bin/env python3
"""sla-clock as a co-process of a Python backend: one long-lived `sla-clock compute`, one line in,
one line out, as a web request handler would use it (docs/cli.md, "As a co-process").

    --now live       each ticket is computed at the current time, read when its line arrives
    --errors inline  a bad line gets an error line in its place, so a read never waits forever

Run from the repository after `npm run build` (CI runs it): python3 examples/python-coprocess.py
It uses only the standard library, and asserts what it prints.
"""
import json
import os
import subprocess
import time
from datetime import datetime, timedelta, timezone

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# An installed copy: ["node_modules/.bin/sla-clock", ...] or ["npx", "--no", "sla-clock", ...].
COMMAND = ["node", os.path.join(ROOT, "dist", "cli.js"), "compute",
           "--policy", os.path.join(ROOT, "examples", "data", "policy.json"),
           "--now", "live", "--errors", "inline"]


class SlaClock:
    """One `sla-clock compute` process, asked one ticket at a time."""

    def __init__(self):
        # stderr is not read here: with --errors inline nothing is written to it per line, so it
        # cannot fill up and block the process.
        self.proc = subprocess.Popen(COMMAND, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def state(self, ticket):
        """The ticket's state now, or {"error": {...}} for a ticket sla-clock refuses."""
        self.proc.stdin.write(json.dumps(ticket) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def send_raw(self, line):
        """A line as it came, broken or not: it still gets exactly one line back."""
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        """Ends the process; its exit code: 0, or 1 when some line was bad."""
        self.proc.stdin.close()
        return self.proc.wait(timeout=30)


def ticket(ticket_id, created, tier="enterprise", replied=None):
    events = [{"type": "created", "at": str(created),  # Python's str(datetime): a space, +00:00
               "attributes": {"status": "open", "tier": tier, "priority": "high", "region": "amer"}}]
    if replied is not None:
        events.append({"type": "message", "at": replied.isoformat(), "author": "agent"})
    return {"id": ticket_id, "events": events}


now = datetime.now(timezone.utc).replace(microsecond=0)
sla = SlaClock()
try:
    started = time.time()
    first = sla.state(ticket(1001, now - timedelta(hours=3)))
    assert first["ticketId"] == 1001, first  # an integer id stays an integer
    reply = first["metrics"]["first_reply"]
    assert reply["status"] in ("running", "paused"), reply
    assert reply["startedAt"] == (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S.000Z"), reply
    # --now live: the state is as of the moment the line was read, not the moment sla-clock started.
    computed_at = datetime.fromisoformat(first["now"].replace("Z", "+00:00")).timestamp()
    assert started - 1 <= computed_at <= time.time() + 1, (started, first["now"])
    print(f"ticket {first['ticketId']}: first_reply {reply['status']}, breached={reply['breached']}, "
          f"deadline {reply['deadline']}")

    # A line that is not JSON: one error line back, in its place, naming the line.
    broken = sla.send_raw('{"id": 1002, "events": [')
    assert broken["error"]["line"] == 2 and broken["error"]["code"] == "invalid_json", broken
    print(f"line 2: {broken['error']['code']}: {broken['error']['message']}")

    # A ticket sla-clock refuses: an instant without an offset names no instant.
    refused = sla.state({"id": "T-3", "events": [{"type": "created", "at": "2026-03-02 09:00:00"}]})
    assert refused["error"]["code"] == "invalid_instant", refused
    assert refused["error"]["message"].startswith("ticket.events[0].at: expected an instant"), refused
    print(f"line 3: {refused['error']['code']}")

    # The process goes on after bad lines: a ticket answered in 20 minutes is met.
    met = sla.state(ticket("T-4", now - timedelta(hours=1), replied=now - timedelta(minutes=40)))
    assert met["ticketId"] == "T-4", met
    assert met["metrics"]["first_reply"]["status"] in ("met", "breached"), met
    print(f"ticket T-4: first_reply {met['metrics']['first_reply']['status']}")
finally:
    code = sla.close()

# The exit code still says that some lines were bad.
assert code == 1, code
print(f"exit code {code}: some lines were bad, each answered in its place")
