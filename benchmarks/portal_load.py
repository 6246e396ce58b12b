#!/usr/bin/env python3
"""Load on the portal while a publication runs: requests/s, p95 latency, and no download left unlogged.

    .venv/bin/python benchmarks/portal_load.py                      # 8 clients, 20 s, at most 4,000 requests
    .venv/bin/python benchmarks/portal_load.py --clients 16 --seconds 30 --max-requests 6000

It publishes two sample datasets (one general-open, one authorized-open) into a fresh home,
approves one grant, starts `opendata serve` on 127.0.0.1 (loopback only, a free port), and then,
for a bounded time and number of requests, runs concurrent httpx clients over a mix of the catalog
page, a dataset page, a general-open download and an authorized-open download (with the grant's
token), while another process publishes new versions of a dataset again and again (the registry
writers contend for the one DuckDB file). At the end it compares the downloads answered 200 with
the access-log rows the portal wrote: every download must be there.

Prints a markdown table; writes it to benchmarks/out/portal_load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parent.parent
GENERAL_SPEC = ROOT / "catalog_specs" / "transport-bus-stops.yaml"
AUTHORIZED_SPEC = ROOT / "catalog_specs" / "civil-affairs-low-income.yaml"


@dataclass
class Kind:
    """Latencies and outcomes of one request kind."""

    name: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def p(self, q: float) -> float:
        s = sorted(self.latencies)
        return s[min(len(s) - 1, int(q * len(s)))] * 1000 if s else float("nan")


def _opendata(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "pipelines.cli.main", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"opendata {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _publisher(home: Path, env: dict[str, str], stop_at: float, out: list[int]) -> subprocess.Popen[str]:
    """A shell loop publishing new versions of the general dataset until the load ends."""
    script = (
        f"while [ $(date +%s) -lt {int(stop_at)} ]; do "
        f"{sys.executable} -m pipelines.cli.main publish {GENERAL_SPEC} --home {home} >/dev/null 2>&1 && echo ok; done"
    )
    return subprocess.Popen(["bash", "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


async def _client(client: httpx.AsyncClient, plan: list[tuple[str, str, dict[str, str]]], kinds: dict[str, Kind],
                  deadline: float, budget: list[int], served: list[str]) -> None:
    i = secrets.randbelow(len(plan))
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        name, url, headers = plan[i % len(plan)]
        i += 1
        t0 = time.perf_counter()
        r = await client.get(url, headers=headers)
        await r.aread()
        kinds[name].latencies.append(time.perf_counter() - t0)
        kinds[name].statuses[r.status_code] = kinds[name].statuses.get(r.status_code, 0) + 1
        if name.startswith("download") and r.status_code == 200:
            served.append(url)


async def _load(base: str, plan: list[tuple[str, str, dict[str, str]]], clients: int, seconds: float, max_requests: int) -> tuple[dict[str, Kind], list[str], float]:
    kinds = {name: Kind(name) for name, _, _ in plan}
    served: list[str] = []
    budget = [max_requests]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        t0 = time.monotonic()
        await asyncio.gather(*(_client(client, plan, kinds, t0 + seconds, budget, served) for _ in range(clients)))
        elapsed = time.monotonic() - t0
    return kinds, served, elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=4000)
    ap.add_argument("--no-publisher", action="store_true", help="measure without a concurrent publication")
    args = ap.parse_args()
    if not (1 <= args.clients <= 64 and 1 <= args.seconds <= 120 and 1 <= args.max_requests <= 20000):
        raise SystemExit("bounds: 1-64 clients, 1-120 s, 1-20,000 requests")

    with tempfile.TemporaryDirectory(prefix="portal-load-") as tmp:
        home = Path(tmp) / "home"
        env = {**os.environ, "OPENDATA_HOME": str(home), "OPENDATA_PSEUDONYM_KEY": secrets.token_urlsafe(32), "OPENDATA_ENGINE": "plain"}
        general = Path(_opendata("publish", str(GENERAL_SPEC), "--home", str(home), env=env))
        authorized = Path(_opendata("publish", str(AUTHORIZED_SPEC), "--home", str(home), env=env))
        app_id = _opendata("grant", "apply", "civil-affairs-low-income", "--applicant", "福建省社会科学院", "--applicant-type",
                           "research-institute", "--purpose", "压力测试", "--scenario", "基准", "--safeguards", "本机回环", "--home", str(home), env=env)
        token = _opendata("grant", "approve", app_id, "--by", "benchmark", "--home", str(home), env=env)
        g_id, g_v = general.parent.name, general.name
        a_id, a_v = authorized.parent.name, authorized.name
        plan = [
            ("catalog page /", "/", {}),
            (f"dataset page /datasets/{g_id}", f"/datasets/{g_id}", {}),
            ("download general data.csv", f"/datasets/{g_id}/{g_v}/data.csv", {}),
            ("download authorized data.csv (token)", f"/datasets/{a_id}/{a_v}/data.csv", {"Authorization": f"Bearer {token}"}),
        ]
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli.main", "serve", "--home", str(home), "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        base = f"http://127.0.0.1:{port}"
        publisher = None
        try:
            for _ in range(300):
                try:
                    if httpx.get(base + "/api/datasets", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            else:
                raise SystemExit("the portal did not start")
            if not args.no_publisher:
                publisher = _publisher(home, env, time.time() + args.seconds, [])
            kinds, served, elapsed = asyncio.run(_load(base, plan, args.clients, args.seconds, args.max_requests))
            published = 0
            if publisher is not None:
                out, _ = publisher.communicate(timeout=600)
                published = out.count("ok")
        finally:
            server.terminate()
            server.wait(timeout=30)
            if publisher is not None and publisher.poll() is None:
                publisher.kill()
        con = duckdb.connect(str(home / "opendata.duckdb"), read_only=True)
        try:
            logged = con.execute("SELECT count(*) FROM access_log WHERE channel = 'portal'").fetchone()[0]  # type: ignore[index]
            by_grant = con.execute("SELECT count(*) FROM access_log WHERE grant_id IS NOT NULL").fetchone()[0]  # type: ignore[index]
        finally:
            con.close()

    total = sum(len(k.latencies) for k in kinds.values())
    errors = sum(n for k in kinds.values() for s, n in k.statuses.items() if s >= 400)
    lines = [
        f"Portal load: {args.clients} concurrent clients, {elapsed:.1f} s, {total} requests "
        f"({total / elapsed:.0f} req/s overall), {published} publication(s) finished meanwhile; "
        f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}.",
        "",
        "| request | count | req/s | p50 ms | p95 ms | statuses |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for k in kinds.values():
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(k.statuses.items()))
        lines.append(f"| {k.name} | {len(k.latencies)} | {len(k.latencies) / elapsed:.1f} | {k.p(0.5):.0f} | {k.p(0.95):.0f} | {statuses} |")
    lines += ["", f"Downloads answered 200: {len(served)}; access-log rows written by the portal: {logged} "
              f"({by_grant} with the grant): {'none lost' if logged == len(served) else 'MISMATCH'}; error answers: {errors}."]
    text = "\n".join(lines)
    print(text)
    out_dir = ROOT / "benchmarks" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "portal_load.md").write_text(text + "\n", encoding="utf-8")
    return 0 if logged == len(served) and errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
