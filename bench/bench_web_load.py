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
       [--pipeline core|full] [--workers 2] [--server-workers 1]
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
from collections import Counter
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
    """CPU seconds of a process and its children (the worker processes of ``serve --workers``)."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [g for c in found for g in _children(c)]


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> int:
    """One GET on a kept-alive connection; the status (the body is read and dropped)."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    if length is None:
        raise RuntimeError("response without Content-Length")
    await reader.readexactly(length)
    return status


async def run_clients(port: int, qs: list[str], clients: int,
                      per_client: int) -> list[tuple[str, float, int]]:
    """``clients`` connections, each sending ``per_client`` requests back to back. A minimal
    HTTP/1.1 client (asyncio streams), so the load generator costs the shared CPUs little."""
    from urllib.parse import urlencode

    results: list[tuple[str, float, int]] = []

    async def one(c: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for r in range(per_client):
                q = qs[(c * per_client + r) % len(qs)]
                path = "/api/search" if (c + r) % 2 else "/"
                started = time.perf_counter()
                try:
                    status = await _get(reader, writer, f"{path}?{urlencode({'q': q})}")
                except (OSError, asyncio.IncompleteReadError, RuntimeError, ValueError):
                    status = -1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                results.append((path, (time.perf_counter() - started) * 1000, status))
        finally:
            writer.close()

    await asyncio.gather(*(one(c) for c in range(clients)))
    return results


def percentiles(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    pick = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]  # noqa: E731
    return {"p50": round(statistics.median(ms), 1), "p95": round(pick(0.95), 1),
            "p99": round(pick(0.99), 1), "max": round(ms[-1], 1)}


def serve(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "rasd"
    more = ["--workers", str(workers)] if workers > 1 else []  # (a rasd before #16 has no --workers)
    proc = subprocess.Popen([str(exe), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                             *more], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    parser.add_argument("--server-workers", type=int, default=1, help="rasd serve --workers (default 1)")
    args = parser.parse_args(argv)
    if not shared_data().joinpath(*ARCHIVE).is_file():
        print("bench_web_load: the ANT archive is absent; nothing measured. Set RASD_SHARED_DATA.")
        return 0
    db = Path(args.db or f".bench/web-load-{args.n}-{args.pipeline}.db")
    db.parent.mkdir(parents=True, exist_ok=True)
    stored = build_store(db, args.n, args.pipeline, args.workers)
    qs = queries(db, args.clients * args.requests + 20)
    port = free_port()
    server = serve(db, port, args.server_workers)
    try:
        asyncio.run(run_clients(port, qs[-20:], 4, 5))  # warm up (queries not used below)
        cpu0, started = cpu_seconds(server.pid), time.perf_counter()
        client_cpu0 = time.process_time()
        results = asyncio.run(run_clients(port, qs[:-20], args.clients, args.requests))
        client_cpu = time.process_time() - client_cpu0
        wall, cpu = time.perf_counter() - started, cpu_seconds(server.pid) - cpu0
    finally:
        server.terminate()
        server.wait(timeout=30)
    report: dict[str, object] = {"articles": stored, "pipeline": args.pipeline, "clients": args.clients,
                                 "server_workers": args.server_workers,
                                 "requests": len(results), "cpus": os.cpu_count(),
                                 "seconds": round(wall, 1),
                                 "requests_per_second": round(len(results) / wall, 1),
                                 "server_cpu_seconds": round(cpu, 1),
                                 "server_cpu_ms_per_request": round(cpu / len(results) * 1000, 2),
                                 "client_cpu_seconds": round(client_cpu, 1),
                                 "load_average_1min_at_end": os.getloadavg()[0]}
    for path in ("/", "/api/search", None):
        rows = [r for r in results if path is None or r[0] == path]
        key = {"/": "search_page", "/api/search": "api_search", None: "all"}[path]
        statuses = Counter(r[2] for r in rows)
        report[key] = {"requests": len(rows), "errors": sum(n for k, n in statuses.items() if k != 200),
                       "statuses": {str(k): n for k, n in sorted(statuses.items())},
                       **percentiles([r[1] for r in rows])}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
