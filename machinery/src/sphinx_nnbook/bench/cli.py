"""Run the benchmarks, print a table, and write it as JSON.

Usage: ``nnbook-bench [--repeat N] [--output FILE] [--only PART ...]``,
normally through ``nox -s bench``. Parts: ``builds``, ``chapters``, ``pages``,
``lighthouse``, ``code``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from dataclasses import asdict
from pathlib import Path

from .. import lighthouse
from ..project import BookNotFoundError, book_root
from .build import measure_builds, measure_chapters
from .code import measure_code
from .pages import measure_pages, site_bytes
from .report import report

PARTS = ("builds", "chapters", "pages", "lighthouse", "code")


def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for; print and write the results."""
    parser = argparse.ArgumentParser(
        prog="nnbook-bench", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per figure")
    parser.add_argument(
        "--root", type=Path, default=None, help="the book (default: from the cwd)"
    )
    parser.add_argument(
        "--output", type=Path, default=None, help="default: docs/_build/bench.json"
    )
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument(
        "--modules",
        nargs="+",
        default=None,
        help="nnbook modules to edit, one scenario each (default: one that "
        "every chapter imports and one per chapter that only it imports)",
    )
    args = parser.parse_args(argv)
    try:
        root = args.root or book_root(Path.cwd())
    except BookNotFoundError as err:
        parser.error(str(err))
    output = args.output or root / "docs" / "_build" / "bench.json"
    if args.repeat < 1:
        parser.error(f"--repeat must be at least 1, got {args.repeat}")

    results: dict = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": args.repeat,
    }
    with tempfile.TemporaryDirectory(prefix="nnbook-bench-") as tmp:
        workdir = Path(tmp)
        if "builds" in args.only:
            print("Builds (on copies of the repository):")
            scenarios = measure_builds(root, workdir, args.repeat, args.modules)
            results["builds"] = [
                {
                    "scenario": s.name,
                    "median_seconds": s.median,
                    "runs_seconds": [r.seconds for r in s.runs],
                    "executed": s.executed,
                    "expected": s.expected,
                }
                for s in scenarios
            ]
        if "chapters" in args.only:
            print("Chapters: cell execution against the build's time:")
            results["chapters"] = [
                {**asdict(c), "overhead_seconds": c.overhead}
                for c in measure_chapters(root, workdir, args.repeat)
            ]
    if "pages" in args.only:
        html = root / "docs" / "_build" / "html"
        if not (html / "index.html").exists():
            parser.error(f"no built site in {html}: run 'nox -s docs' first")
        results["pages"] = [asdict(p) for p in measure_pages(html)]
        results["site_bytes"] = site_bytes(html)
    if "lighthouse" in args.only:
        html = root / "docs" / "_build" / "html"
        if not (html / "index.html").exists():
            parser.error(f"no built site in {html}: run 'nox -s docs' first")
        print(f"Lighthouse (mobile, gzip), medians of {args.repeat} runs:")
        results["lighthouse"] = [
            {**asdict(s), "missed": s.missed()}
            for s in lighthouse.measure_chapters(root, html, args.repeat)
        ]
    if "code" in args.only:
        print("Code: NumPy against PyTorch...")
        results["code"] = [
            {**asdict(c), "ratio": c.ratio} for c in measure_code(max(5, args.repeat))
        ]

    print(report(results))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten to {output}")
    return 0
