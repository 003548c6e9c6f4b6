"""Load benchmark of the OAI-PMH endpoint under production WSGI servers, on loopback.

For each server (waitress; gunicorn with gthread, then sync workers): GetRecord for random identifiers among 10,000 generated records
with wrk (16 connections), a full ListRecords harvest of all records (raw HTTP, then with Sickle),
the server's memory, and the ceiling — a WSGI app returning a fixed 3 KB — under the same server and
the same wrk command. Prints every figure and the exact commands.

    python benchmarks/oai_load.py                       # builds the letter's metadata, generates 10,000
    python benchmarks/oai_load.py --source build/metadata --duration 20 --servers gunicorn-sync

Targets (issue 4): GetRecord >= 2,000 req/s, p99 <= 20 ms, no errors; full harvest <= 5 s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate_repository import generate_repository  # noqa: E402

HOST = "127.0.0.1"  # load goes to loopback only
DOMAIN_PREFIX = "oai:editio.example.org:"
SECRET = "benchmark-secret"

# Each server: the command for an application spec. waitress is one process with threads (one core for
# Python, keep-alive); gunicorn's workers are processes, so Python gets both cores: gthread workers keep
# connections alive, sync workers answer one request per connection.
SERVERS = {
    "waitress": lambda port, app: [sys.executable, "-m", "waitress", f"--listen={HOST}:{port}", "--threads=4",
                                   *(["--call", app.removesuffix("()")] if app.endswith("()") else [app])],
    "gunicorn-gthread": lambda port, app: [sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}",
                                           "--workers", "2", "--worker-class", "gthread", "--threads", "4",
                                           "--log-level", "warning", app],
    "gunicorn-sync": lambda port, app: [sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}",
                                        "--workers", "3", "--log-level", "warning", app],
}
OAI_APP, CEILING_APP = "editio.server:create_app()", "fixed_app:app"

GETRECORD_LUA = """-- GetRecord for a random one of the generated records, in oai_dc.
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function()
  local id = string.format("{prefix}generated-%05d", math.random(1, {count}))
  return wrk.format("GET", "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=" .. id)
end
"""


def main() -> None:
    options = parse_arguments()
    options.load_before = os.getloadavg()  # other work on the machine skews every figure: say how much
    work = Path(tempfile.mkdtemp(prefix="oai-load-", dir=options.work))
    try:
        build = prepare(options, work)
        lua = work / "getrecord.lua"
        lua.write_text(GETRECORD_LUA.replace("{prefix}", DOMAIN_PREFIX).replace("{count}", str(options.records)))
        results = {name: measure(name, build, lua, options) for name in options.servers}
        report(results, options)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, help="a built metadata folder (default: build the letter's now)")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each measured wrk run")
    parser.add_argument("--runs", type=int, default=3, help="measured wrk runs per server; the median is reported")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--work", type=Path, default=None, help="where to write the generated repository")
    options = parser.parse_args()
    options.servers = [name.strip() for name in options.servers.split(",")]
    unknown = set(options.servers) - set(SERVERS)
    if unknown or shutil.which("wrk") is None:
        parser.error(f"unknown server {sorted(unknown)}" if unknown else "wrk is not installed (apt-get install wrk)")
    return options


def prepare(options, work: Path) -> Path:
    """The build folder of the generated repository (its metadata made from the letter's real records)."""
    source = options.source
    if source is None:
        from editio.build import build_edition
        build_edition([ROOT / "tei"], out=work / "letter", only=["metadata"])
        source = work / "letter" / "metadata"
    started = time.perf_counter()
    generate_repository(source, work / "build" / "metadata", options.records)
    print(f"generated {options.records} records from {source} in {time.perf_counter() - started:.1f} s")
    return work / "build"


def measure(name: str, build: Path, lua: Path, options) -> dict:
    """Every figure for one server: GetRecord under wrk, harvests, memory, then the ceiling."""
    result = {}
    with Server(name, OAI_APP, build) as server:
        result["memory_at_start"] = server.memory()
        check_get_record(server.port, options.records)
        wrk(server.port, options, lua, seconds=3)  # warm-up: imports, caches, connections
        result["getrecord_runs"] = [wrk(server.port, options, lua, seconds=options.duration)
                                    for _ in range(options.runs)]
        result["getrecord"] = median_run(result["getrecord_runs"])
        result["harvest"] = {prefix: harvest(server.port, prefix, options.records)
                             for prefix in ("oai_dc", "mods", "tei")}
        result["sickle"] = harvest_with_sickle(server.port, options.records)
        result["memory"] = server.memory()
        result["server_command"] = server.command
    with Server(name, CEILING_APP, build) as server:
        wrk(server.port, options, None, seconds=3)
        result["ceiling_runs"] = [wrk(server.port, options, None, seconds=options.duration)
                                  for _ in range(options.runs)]
        result["ceiling"] = median_run(result["ceiling_runs"])
        result["ceiling_command"] = server.command
    return result


class Server:
    """A production server in its own process group on loopback, stopped on exit."""

    def __init__(self, name: str, app: str, build: Path) -> None:
        self.port = free_port()
        self.command = SERVERS[name](self.port, app)
        self.environment = {**os.environ, "EDITIO_BUILD": str(build), "EDITIO_OAI_SECRET": SECRET}
        self.build = build

    def __enter__(self) -> "Server":
        self.log = (self.build / f"server-{self.port}.log").open("w")
        self.process = subprocess.Popen(self.command, cwd=HERE, env=self.environment, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"server exited: {shlex.join(self.command)}")
            try:
                status, _ = get(self.port, "/oai?verb=Identify")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"server did not start: {shlex.join(self.command)}")

    def memory(self) -> dict:
        """Resident memory of the server and its workers now, and at its peak (kB → MB)."""
        pids = [self.process.pid, *children(self.process.pid)]
        status = [proc_status(pid) for pid in pids]
        return {"processes": len(pids), "rss_mb": sum(s.get("VmRSS", 0) for s in status) / 1024,
                "peak_rss_mb": sum(s.get("VmHWM", 0) for s in status) / 1024}

    def __exit__(self, *exc_info) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)  # our own process group: the server and its workers
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


def wrk(port: int, options, lua: Path | None, seconds: int) -> dict:
    command = ["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds}s", "--latency",
               *(["-s", str(lua)] if lua else []), f"http://{HOST}:{port}/oai"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    latency = {p: to_ms(value, unit) for p, value, unit in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s)\s*$",
                                                                     output, re.MULTILINE)}
    errors = sum(map(int, re.findall(r"(?:connect|read|write|timeout) (\d+)", output)))
    errors += sum(map(int, re.findall(r"Non-2xx or 3xx responses: (\d+)", output)))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "p50": latency["50"], "p90": latency["90"], "p99": latency["99"], "errors": errors,
            "command": shlex.join(command), "output": output}


def median_run(runs: list[dict]) -> dict:
    """The run with the median throughput (the machine is shared: single runs vary)."""
    return sorted(runs, key=lambda run: run["rps"])[len(runs) // 2]


def check_get_record(port: int, count: int) -> None:
    """GetRecord answers records (not OAI errors) for identifiers spread over the repository."""
    for number in range(1, count + 1, max(1, count // 50)):
        status, body = get(port, f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier="
                                 f"{DOMAIN_PREFIX}generated-{number:05d}")
        if status != 200 or b"<GetRecord>" not in body:
            raise SystemExit(f"GetRecord failed for generated-{number:05d}: {body[:300]!r}")


def harvest(port: int, prefix: str, count: int) -> dict:
    """A full ListRecords harvest over one keep-alive connection; the harvester only finds the token."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    started, records, pages, size = time.perf_counter(), 0, 0, 0
    path = f"/oai?verb=ListRecords&metadataPrefix={prefix}"
    while pages < count + 10:  # bounded: a page holds at least one record
        pages += 1
        connection.request("GET", path)
        body = connection.getresponse().read()
        records += body.count(b"<record>")
        size += len(body)
        token = re.search(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>", body)
        if token is None:
            break
        path = "/oai?verb=ListRecords&resumptionToken=" + quote(token.group(1).decode())
    connection.close()
    if records != count:
        raise SystemExit(f"the {prefix} harvest returned {records} records, not {count}")
    return {"seconds": time.perf_counter() - started, "pages": pages, "megabytes": size / 1e6}


def harvest_with_sickle(port: int, count: int) -> dict:
    """The same harvest by Sickle, a real harvester (its XML parsing included)."""
    from sickle import Sickle
    started = time.perf_counter()
    records = sum(1 for _ in Sickle(f"http://{HOST}:{port}/oai", timeout=60).ListRecords(metadataPrefix="oai_dc"))
    if records != count:
        raise SystemExit(f"Sickle harvested {records} records, not {count}")
    return {"seconds": time.perf_counter() - started}


def report(results: dict, options) -> None:
    print(f"\nGetRecord (oai_dc, random among {options.records}), wrk {options.threads} threads, "
          f"{options.connections} connections, {options.duration} s, median of {options.runs} runs; loopback, "
          f"{os.cpu_count()} cores, load generator on the same machine; load average before the run "
          f"{', '.join(f'{load:.2f}' for load in options.load_before)}\n")
    print(f"{'server':16} {'req/s':>8} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'errors':>6} "
          f"{'ceiling':>8} {'ratio':>5}  {'harvest oai_dc/mods/tei s':>26} {'sickle s':>8} {'RSS MB':>7} {'peak':>6}")
    for name, r in results.items():
        g, c, h = r["getrecord"], r["ceiling"], r["harvest"]
        print(f"{name:16} {g['rps']:8.0f} {g['p50']:7.2f} {g['p90']:7.2f} {g['p99']:7.2f} {g['errors']:6d} "
              f"{c['rps']:8.0f} {c['rps'] / g['rps']:5.1f}  "
              f"{h['oai_dc']['seconds']:8.2f} {h['mods']['seconds']:8.2f} {h['tei']['seconds']:8.2f} "
              f"{r['sickle']['seconds']:8.2f} {r['memory']['rss_mb']:7.0f} {r['memory']['peak_rss_mb']:6.0f}")
    print("\nEvery run (req/s @ p99 ms):")
    for name, r in results.items():
        for kind in ("getrecord", "ceiling"):
            runs = ", ".join(f"{run['rps']:.0f} @ {run['p99']:.2f}" for run in r[f"{kind}_runs"])
            print(f"  {name:16} {kind:9}  {runs}")
        start = r["memory_at_start"]
        print(f"  {name:16} memory     {start['rss_mb']:.0f} MB at start, {r['memory']['rss_mb']:.0f} MB after "
              f"the load and harvests, peak {r['memory']['peak_rss_mb']:.0f} MB ({start['processes']} processes)")
    print("\nTargets: GetRecord >= 2000 req/s, p99 <= 20 ms, 0 errors; full ListRecords harvest <= 5 s.")
    for name, r in results.items():
        g, h = r["getrecord"], r["harvest"]
        verdict = (g["rps"] >= 2000 and g["p99"] <= 20 and g["errors"] == 0
                   and max(x["seconds"] for x in h.values()) <= 5)
        print(f"  {name}: {'meets' if verdict else 'MISSES'} the targets "
              f"({r['memory']['processes']} processes; ceiling p99 {r['ceiling']['p99']:.2f} ms)")
    print("\nCommands (cwd benchmarks/, EDITIO_BUILD=<generated build>):")
    for name, r in results.items():
        print(f"  {name} OAI:     {shlex.join(r['server_command'])}")
        print(f"  {name} ceiling: {shlex.join(r['ceiling_command'])}")
    any_result = next(iter(results.values()))
    print(f"  GetRecord load:  {any_result['getrecord']['command']}")
    print(f"  ceiling load:    {any_result['ceiling']['command']}")


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """Every descendant of ``pid``, from the parent ids in /proc/*/stat."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def proc_status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {key: int(value.split()[0]) for key, value in (line.split(":", 1) for line in lines)
            if key in ("VmRSS", "VmHWM")}


def to_ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


if __name__ == "__main__":
    main()
