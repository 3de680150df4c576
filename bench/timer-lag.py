#!/usr/bin/env python3
"""Escalation timer lag on a running Lead Handoff (127.0.0.1 only): posts emergency leads, moves
each lead's "Level time up" timer to a few seconds from now through engine-rest, and measures
how long after that due time the escalation appears on the lead's timeline.

Usage: bench/timer-lag.py [leads] [base-url]   (defaults: 20, http://127.0.0.1:8080; demo logins)
"""
import base64, datetime as dt, json, random, statistics, sys, time, urllib.request

N = int(sys.argv[1]) if len(sys.argv) > 1 else 20
BASE = sys.argv[2] if len(sys.argv) > 2 else "http://127.0.0.1:8080"
assert BASE.startswith("http://127.0.0.1") or BASE.startswith("http://localhost"), "loopback only"

def call(method, path, user, body=None):
    req = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Basic " + base64.b64encode(user.encode()).decode())
    req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as r:
        text = r.read()
        return json.loads(text) if text else None

def iso(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+0000"

run = int(time.time())
leads = []
while len(leads) < N:
    i = len(leads)
    receipt = call("POST", "/api/leads", "website:demo", {"source": "web-form", "externalId": f"lag-{run}-{i}-{random.randrange(10**9)}",
        "fullName": f"Lag Test {i}", "phone": f"+1512555{random.randrange(10000):04d}", "address": {"postalCode": "78702"},
        "serviceType": "plumbing", "problem": "Water is pouring through the ceiling", "activeLoss": True, "consentToContact": True})
    if receipt["status"] == "CREATED":  # a number that joined an earlier lead would measure that lead's timers
        leads.append(receipt["id"])
jobs = {}
deadline = time.time() + 60
while len(jobs) < N and time.time() < deadline:
    for lead in leads:
        if lead in jobs:
            continue
        instances = call("GET", f"/engine-rest/process-instance?businessKey={lead}", "admin:demo")
        found = call("GET", f"/engine-rest/job?processInstanceId={instances[0]['id']}&activityId=BoundaryEvent_LevelTimeUp", "admin:demo") if instances else []
        if found:
            jobs[lead] = found[0]["id"]
    time.sleep(0.2)
due = {}
start = time.time() + 3
for i, lead in enumerate(leads):
    due[lead] = start + i * 0.37
    call("PUT", f"/engine-rest/job/{jobs[lead]}/duedate", "admin:demo", {"duedate": iso(due[lead]), "cascade": False})
lags = {}
deadline = time.time() + 60 + N
while len(lags) < N and time.time() < deadline:
    time.sleep(0.5)
    for lead in leads:
        if lead in lags:
            continue
        status = call("GET", f"/api/leads/{lead}", "website:demo")
        for entry in status.get("timeline", []):
            if entry["kind"] == "ESCALATED":
                at = dt.datetime.fromisoformat(entry["at"].replace("Z", "+00:00")).timestamp()
                lags[lead] = at - due[lead]
values = sorted(lags.values())
print(f"leads: {N}, escalations seen: {len(values)}")
if values:
    q = lambda p: values[min(len(values) - 1, int(round(p * (len(values) - 1))))]
    print(f"lag (fired - due) seconds: median {statistics.median(values):.3f}, p90 {q(0.9):.3f}, max {values[-1]:.3f}, min {values[0]:.3f}")
