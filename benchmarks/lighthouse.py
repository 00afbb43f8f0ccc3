"""Lighthouse scores (performance, accessibility, best practices, SEO) for home, news detail, measure detail, map.

Optional part of `make bench`: needs `npm install` in benchmarks/ (lighthouse 12.8.2, the last release line for
Node 20) and Debian's Chromium. Serves the seeded site of BENCH_DIR (seeding it if needed) with gunicorn and
the page cache on, as in production.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import run  # noqa: E402

LIGHTHOUSE = run.ROOT / "benchmarks" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url):
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = os.environ | {"CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180, check=False)
    if result.returncode:
        return None, result.stderr.strip().splitlines()[-1:] or ["lighthouse failed"]
    report = json.loads(result.stdout)
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}, []


def main():
    if not shutil.which("node") or not LIGHTHOUSE.exists():
        print("Lighthouse skipped: run `npm install` in benchmarks/ (needs npm and the registry).")
        return
    work = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="stadtteil-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    run.seed(work)
    run.collectstatic(work)
    env = run.environment(work, False)
    discovered = json.loads(
        subprocess.run([run.PYTHON, "-c", run.DISCOVER], cwd=run.ROOT, env=env, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    pages = [
        ("home", "/de/"),
        ("news detail", discovered.get("news detail")),
        ("measure detail", discovered.get("measure detail")),
        ("map", os.environ.get("BENCH_MAP_URL", "/de/massnahmen/karte/")),
        ("standard page", discovered.get("standard page")),
    ]
    process = run.start_gunicorn(work, True)
    try:
        print("\n## Lighthouse (mobile, simulated throttling)\n")
        print("| page | path | performance | accessibility | best practices | SEO |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        for name, path in pages:
            if not path or run.get(path)[0] != 200:
                print(f"| {name} | {path or '–'} | skipped: not on this branch | | | |")
                continue
            result, errors = scores(run.BASE + path)
            if result is None:
                print(f"| {name} | `{path}` | failed: {' '.join(errors)[:80]} | | | |")
                continue
            print(f"| {name} | `{path}` | " + " | ".join(str(result[c]) for c in CATEGORIES) + " |")
    finally:
        run.stop(process)


if __name__ == "__main__":
    main()
