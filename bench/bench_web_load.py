"""Load on the dashboard's search: C concurrent clients on loopback, latency percentiles.

Builds (or reuses, ``--db``) a store of N ANT articles (default 5,000) read from
``../shared/data/corpora/ant-multisource`` (or ``$RASD_SHARED_DATA``), with the core
pipeline by default (structure, tokens, sentences: search reads the text, the
structure and the search index, which every pipeline builds the same way; ``--pipeline
full`` runs every component, about 16 articles/s on 2 workers). Then starts ``rasd
serve`` in a subprocess on 127.0.0.1 and a free port and runs C clients (default 50)
at once, each sending R requests (default 20) back to back with no think time (a
closed loop: the hardest case for the server), alternating the search page
(``/?q=``) and ``/api/search?q=``. Every request has a different query drawn from
words of the stored articles (single words, word pairs, phrases, prefixes), so no
answer can come from a cache.

Reports, per endpoint and overall: requests, errors, latency p50/p95/p99/max (ms),
throughput, and the server process's CPU seconds. Loopback only: the server binds
127.0.0.1 and the clients connect there.

Usage: python bench/bench_web_load.py [-n 5000] [--db PATH] [--clients 50] [--requests 20]
       [--pipeline core|full] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rasd.metrics import shared_data

CORE = ("ar.structure.v1", "ar.tokens.v1", "ar.sentences.v1")
ARCHIVE = ("corpora", "ant-multisource", "antcorpus.multisource.data-f117ce4.tar.xz")


def build_store(db: Path, n: int, pipeline: str, workers: int) -> int:
    """A store of the first ``n`` ANT articles at ``db`` (kept if it already has them)."""
    from rasd.store.db import open_store
    from rasd.store.ingest import ingest

    if db.is_file():
        with open_store(str(db), readonly=True) as store:
            if store.count() >= n * 0.95:
                return store.count()
    archive = shared_data().joinpath(*ARCHIVE)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        summary = ingest(store, [str(archive)], workers=workers, limit=n,
                         pipeline=CORE if pipeline == "core" else None, progress=sys.stderr, total=n)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"built {db}: {summary.render()} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return summary.articles_in_store or 0


def queries(db: Path, count: int, seed: int = 11) -> list[str]:
    """Distinct queries from stored words: single words, pairs, phrases, prefixes."""
    import random

    from rasd.store.db import open_store

    rng = random.Random(seed)
    with open_store(str(db), readonly=True) as store:
        rows = store.conn.execute("SELECT surface FROM search_docs ORDER BY id").fetchall()
    rng.shuffle(rows)
    out: list[str] = []
    seen: set[str] = set()
    for i, (surface,) in enumerate(rows * 4):
        words = [w for w in surface.split() if len(w) >= 4 and not w.isdigit()]
        if len(words) < 3:
            continue
        j = rng.randrange(len(words) - 1)
        query = (words[j], f"{words[j]} {rng.choice(words)}", f'"{words[j]} {words[j + 1]}"',
                 words[j][:3] + "*")[i % 4]
        if query not in seen:
            seen.add(query)
            out.append(query)
        if len(out) == count:
            break
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run_clients(base: str, qs: list[str], clients: int, per_client: int) -> list[tuple[str, float, int]]:
    import httpx

    results: list[tuple[str, float, int]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one(c: int) -> None:
            for r in range(per_client):
                q = qs[(c * per_client + r) % len(qs)]
                path = "/api/search" if (c + r) % 2 else "/"
                started = time.perf_counter()
                try:
                    resp = await client.get(path, params={"q": q})
                    status = resp.status_code
                except httpx.HTTPError:
                    status = -1
                results.append((path, (time.perf_counter() - started) * 1000, status))

        await asyncio.gather(*(one(c) for c in range(clients)))
    return results


def percentiles(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]  # noqa: E731
    return {"p50": round(statistics.median(ms), 1), "p95": round(pick(0.95), 1),
            "p99": round(pick(0.99), 1), "max": round(ms[-1], 1)}


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "rasd"
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000, help="articles in the store (default 5000)")
    parser.add_argument("--db", help="store to build or reuse (default: .bench/web-load-N.db)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--requests", type=int, default=20, help="requests per client (default 20)")
    parser.add_argument("--pipeline", choices=("core", "full"), default="core")
    parser.add_argument("--workers", type=int, default=2, help="analysis processes to build the store")
    args = parser.parse_args(argv)
    if not shared_data().joinpath(*ARCHIVE).is_file():
        print("bench_web_load: the ANT archive is absent; nothing measured. Set RASD_SHARED_DATA.")
        return 0
    db = Path(args.db or f".bench/web-load-{args.n}-{args.pipeline}.db")
    db.parent.mkdir(parents=True, exist_ok=True)
    stored = build_store(db, args.n, args.pipeline, args.workers)
    qs = queries(db, args.clients * args.requests)
    port = free_port()
    server = serve(db, port)
    try:
        asyncio.run(run_clients(f"http://127.0.0.1:{port}", qs[:20], 4, 5))  # warm up
        cpu0, started = cpu_seconds(server.pid), time.perf_counter()
        results = asyncio.run(run_clients(f"http://127.0.0.1:{port}", qs, args.clients, args.requests))
        wall, cpu = time.perf_counter() - started, cpu_seconds(server.pid) - cpu0
    finally:
        server.terminate()
        server.wait(timeout=30)
    report: dict[str, object] = {"articles": stored, "pipeline": args.pipeline, "clients": args.clients,
                                 "requests": len(results), "cpus": os.cpu_count(),
                                 "seconds": round(wall, 1), "requests_per_second": round(len(results) / wall, 1),
                                 "server_cpu_seconds": round(cpu, 1)}
    for path in ("/", "/api/search", None):
        rows = [r for r in results if path is None or r[0] == path]
        key = {"/": "search_page", "/api/search": "api_search", None: "all"}[path]
        report[key] = {"requests": len(rows), "errors": sum(1 for r in rows if r[2] != 200),
                       **percentiles([r[1] for r in rows])}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
