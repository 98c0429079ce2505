"""The story page against the Wagtail reference in instructions per request, which other load does not move.

    python bench/instructions.py [--small 20] [--large 80]

bench/compare.py times both pages in CPU milliseconds; on a shared machine its medians move by a fifth from run
to run (Wagtail's between 12 and 19 ms), and so does their ratio. Here each page is served in process
(bench/inproc.py and the reference's tools/inproc.py, as compare.py runs them) under valgrind's callgrind, which
counts the instructions executed: the same count whatever else the machine is doing. Each side runs twice, with
--small and --large requests after the same warm-up, so the difference divided by the extra requests is the cost
of one request, without start-up, warm-up and valgrind's own overhead. Both sides run under the same valgrind, so
the ratio compares like with like; an instruction is not a nanosecond, so it supports compare.py's CPU figures
rather than replacing them. Takes about 2½ minutes on two cores (valgrind runs the interpreter some 50 times slower).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.compare import (  # noqa: E402
    SHARED,
    WAGTAIL_DB,
    WAGTAIL_PATH,
    WAGTAIL_PYTHON,
    our_env,
    prepare_content,
    wagtail_available,
)

TOTAL = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(command, env, cwd, n):
    """Instructions callgrind counts for the whole run of command serving n requests (after its warm-up)."""
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", *command, "--n", str(n)],
            env=env, cwd=cwd, capture_output=True, text=True,
        )  # fmt: skip
    found = TOTAL.search(run.stderr)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode or not found or not lines or not json.loads(lines[-1])["status"].startswith("200"):
        sys.exit(f"{' '.join(command)} failed under valgrind:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=80)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    if not wagtail_available():
        sys.exit(f"The Wagtail reference is not set up: `PINS=django52 bash {SHARED}/setup.sh` (README).")
    if subprocess.run(["valgrind", "--version"], capture_output=True).returncode:
        sys.exit("valgrind is not installed (Debian's valgrind package).")
    with tempfile.TemporaryDirectory() as tmp:
        env = our_env(tmp, "bench-instructions", args.redis_url, page_cache=False)
        story = prepare_content(env)["story"]
        sides = {
            "story page (16 credits)": ([sys.executable, "-m", "bench.inproc", "--path", story], env, ROOT),
            "Wagtail 8 article page (16 credits)": (
                [str(WAGTAIL_PYTHON), "../../tools/inproc.py", "--settings", "wagtailbench.settings.production",
                 "--path", WAGTAIL_PATH],
                {**os.environ, "BENCH_WAGTAIL_DB": str(WAGTAIL_DB)},
                SHARED / "sites" / "wagtail",
            ),
        }  # fmt: skip
        runs = [(label, n) for label in sides for n in (args.small, args.large)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = dict(zip(runs, pool.map(lambda run: instructions(*sides[run[0]], run[1]), runs), strict=True))
    per_request = {
        label: (counts[label, args.large] - counts[label, args.small]) / (args.large - args.small) for label in sides
    }
    print(f"\nInstructions per request (callgrind, {args.large} requests minus {args.small}, same warm-up):")
    for label, count in per_request.items():
        print(f"{label:<40} {count / 1e6:>8.2f} M")
    ours, theirs = per_request.values()
    ratio = theirs / ours
    print(f"story page vs Wagtail 8: {ratio:.2f}x fewer instructions (target >= 3): {'OK' if ratio >= 3 else 'MISSED'}")


if __name__ == "__main__":
    main()
