"""`make bench`: seed a large site, serve it with gunicorn as in production, drive it with wrk from 127.0.0.1.

Steps: seed (benchmarks/seed.py) into SQLite in a temp folder, or into DATABASE_URL (PostgreSQL); collect the
static files; then twice (page cache off, then on) start gunicorn with 2 workers and production settings, run
wrk against each URL for BENCH_SECONDS, and print requests/s, p50/p95/p99 latency, errors, the ratio to the
static file's throughput in the same run, and the peak memory (VmHWM) of each worker.

wrk keeps one connection per gunicorn worker busy (2): each worker is loaded all the time, and the latency is
what a visitor sees from a fully busy server. More connections than sync workers only wait in the socket queue
(with 4, every latency roughly doubles while the throughput stays the same); BENCH_CONNECTIONS=4 shows it.

Environment: BENCH_PORT (8107), BENCH_SECONDS (5), BENCH_CONNECTIONS (2), BENCH_DIR (reuse a seeded folder),
DATABASE_URL, REDIS_URL (the page cache on Redis instead of each worker's local memory).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8107"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WORKERS = 2
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", str(WORKERS)))
BASE = f"http://127.0.0.1:{PORT}"

DISCOVER = """
import json, django; django.setup()
from django.apps import apps
from wagtail.models import Page
def first_url(label, **filters):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    page = model.objects.live().filter(locale__language_code="de", **filters).order_by("path").first()
    return page.url if page else None
print(json.dumps({
    "news list": first_url("news.NewsIndexPage") or "/de/aktuelles/",
    "news detail": first_url("news.NewsPage"),
    "measures overview": first_url("projects.ProjectIndexPage") or "/de/massnahmen/",
    "measure detail": first_url("projects.ProjectPage"),
    "standard page": first_url("home.StandardPage", slug="lasttest-1"),
}))
"""


def environment(work, page_cache):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(work)),
        "DJANGO_SETTINGS_MODULE": "stadtteil.settings.production",
        "SECRET_KEY": "benchmark-only",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'db.sqlite3'}",
        "VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "LOG_FORMAT": "plain",
        "LOG_LEVEL": "WARNING",
        "PAGE_CACHE": "1" if page_cache else "0",
        "ADMIN_PASSWORD": "benchmark-only-password",
        "SITE_URL": BASE,
    }
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    return env


def seed(work):
    marker = work / "seeded.txt"
    if marker.exists():
        print(f"Reusing the seeded site in {work}")
        print(marker.read_text())
        return
    print(f"Seeding into {os.environ.get('DATABASE_URL') or work / 'db.sqlite3'} (a few minutes) …", flush=True)
    env = environment(work, False) | {"DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    result = subprocess.run(
        [PYTHON, "benchmarks/seed.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"Seeding failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    summary = "\n".join(line for line in result.stdout.splitlines() if line.startswith("seed_"))
    marker.write_text(summary + "\n")
    print(summary)


def collectstatic(work):
    env = environment(work, False)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )


def get(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=30) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def start_gunicorn(work, page_cache):
    log = open(work / f"gunicorn-{'cached' if page_cache else 'uncached'}.log", "w")  # noqa: SIM115
    env = environment(work, page_cache) | {"HOST": "127.0.0.1", "PORT": str(PORT), "WEB_CONCURRENCY": str(WORKERS)}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "--max-requests",
            "0",  # no recycling, so that the peak memory is the whole run's
            "--access-logfile",
            "/dev/null",
            "--control-socket",
            str(work / "gunicorn.ctl"),
            "stadtteil.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(60):
        time.sleep(0.5)
        try:
            if get("/healthz")[0] == 200:
                return process
        except OSError:
            continue
    stop(process)
    sys.exit(f"gunicorn did not start; see {log.name}")


def workers(process):
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def peak_rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def urls(work, discovered):
    status, html = get("/de/")
    css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
    candidates = [
        ("home", "/de/"),
        ("standard page", discovered.get("standard page")),
        ("news list", discovered.get("news list")),
        ("news detail", discovered.get("news detail")),
        ("measures overview", discovered.get("measures overview")),
        ("measure detail", discovered.get("measure detail")),
        ("plan", "/de/massnahmen/plan/"),
        ("map GeoJSON", os.environ.get("BENCH_GEOJSON_URL", "/de/massnahmen/open-data/geojson/")),
        ("downloads", "/de/downloads/"),
        ("search", "/de/suche/?q=Heeren"),
        ("feed", "/de/aktuelles/feed/"),
        ("static file", css.group(1) if css else None),
    ]
    result, skipped = [], []
    for name, path in candidates:
        if not path:
            skipped.append(f"{name}: no such page on this branch")
            continue
        status = get(path)[0]
        if status != 200:
            skipped.append(f"{name}: {path} answers {status}")
            continue
        result.append((name, path))
    return result, skipped


def wrk(path):
    command = [
        "wrk",
        "--latency",
        "-t1",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-H",
        "Accept-Encoding: br, gzip",
        "-s",
        str(ROOT / "benchmarks" / "report.lua"),
        BASE + path,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.split("RESULT ", 1)[1].strip())
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def run_mode(work, page_cache, discovered):
    label = "cached" if page_cache else "uncached"
    process = start_gunicorn(work, page_cache)
    try:
        targets, skipped = urls(work, discovered)
        with ThreadPoolExecutor(WORKERS) as pool:
            # Warm every worker (concurrent requests reach both): templates compiled, caches filled.
            for _name, path in targets:
                list(pool.map(get, [path] * WORKERS * 2))
        rows = [(name, path, wrk(path)) for name, path in targets]
        memory = [peak_rss_mb(pid) for pid in workers(process)]
    finally:
        stop(process)
    static = next((figures["rps"] for name, _path, figures in rows if name == "static file"), None)
    print(f"\n## {label} (page cache {'on' if page_cache else 'off'})\n")
    print("| URL | path | req/s | p50 ms | p95 ms | p99 ms | errors | vs static |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, path, f in rows:
        ratio = f"{f['rps'] / static:.2f}" if static else "–"
        errors = f["socket_errors"] + f["status_errors"]
        print(
            f"| {name} | `{path}` | {f['rps']:.0f} | {f['p50_us'] / 1000:.1f} | {f['p95_us'] / 1000:.1f} "
            f"| {f['p99_us'] / 1000:.1f} | {errors} | {ratio} |"
        )
    for note in skipped:
        print(f"\nSkipped: {note}")
    print(f"\nPeak memory per gunicorn worker (VmHWM): {', '.join(f'{mb:.0f} MB' for mb in memory)}")
    return rows, memory


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    work = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="stadtteil-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    seed(work)
    collectstatic(work)
    env = environment(work, False)
    discovered = json.loads(
        subprocess.run([PYTHON, "-c", DISCOVER], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    database = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory per worker"
    print(
        f"\n# Benchmark: {database}, page cache on {cache}, gunicorn 2 sync workers, wrk 1 thread "
        f"{CONNECTIONS} connections {SECONDS}s per URL, {os.cpu_count()} CPU cores"
    )
    run_mode(work, False, discovered)
    run_mode(work, True, discovered)
    print(f"\nTotal time: {time.monotonic() - started:.0f} s; site and logs in {work}")


if __name__ == "__main__":
    main()
