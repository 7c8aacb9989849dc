"""The benchmark's results as plain-text tables, with the issue's targets."""

from __future__ import annotations

from ..lighthouse import TARGETS as LIGHTHOUSE_TARGETS

TARGETS = {
    "no-op rebuild": "<= 2 s, executes nothing",
    "prose-only edit (1 chapter)": "<= 3 s, executes nothing",
    "code-cell edit (1 chapter)": "executes exactly that chapter",
    "clean build, -j 2": "<= 0.65 x the serial clean build",
}


def table(header: list[str], rows: list[list[str]]) -> str:
    """Lay out a plain-text table, each column as wide as its widest cell."""
    widths = [
        max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True))

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def lighthouse_table(scores: list[dict]) -> str:
    """The Lighthouse scores per chapter against the targets.

    With the metrics behind the performance score, the DOM's size and the
    audits that cost points.
    """
    categories = list(LIGHTHOUSE_TARGETS)
    rows = []
    for s in scores:
        cells = [f"{s['categories'][c]}" for c in categories]
        metrics = s["metrics"]
        rows.append(
            [
                s["page"],
                *cells,
                f"{metrics.get('total-blocking-time', 0):.0f} ms",
                f"{metrics.get('largest-contentful-paint', 0) / 1000:.1f} s",
                str(s["dom_elements"]),
                "met" if not s["missed"] else "MISSED",
            ]
        )
    header = ["chapter (Lighthouse, mobile)", *categories, "TBT", "LCP", "DOM"]
    targets = ", ".join(f"{c} >= {t}" for c, t in LIGHTHOUSE_TARGETS.items())
    lost = [f"  {s['page']}: {', '.join(s['failing'])}" for s in scores if s["failing"]]
    return "\n".join(
        [
            table([*header, "targets"], rows),
            f"Targets: {targets}.",
            *(["Audits that cost points:", *lost] if lost else []),
        ]
    )


def report(results: dict) -> str:
    """Every part of ``results`` that was measured, as tables."""
    machine = results["machine"]
    parts = [
        f"Machine: {machine['cores']} cores, Python {machine['python']}, "
        f"{machine['platform']}; medians of {results['repeat']} runs."
    ]
    if "builds" in results:
        builds = results["builds"]
        serial = next(b for b in builds if b["scenario"] == "clean build")
        rows = []
        for b in builds:
            target = TARGETS.get(b["scenario"], "")
            if b.get("expected") is not None:
                met = "met" if b["expected"] == b["executed"] else "MISSED"
                expected = ", ".join(b["expected"]) or "none"
                target = f"executes only the chapters importing it ({expected}): {met}"
            extra = ""
            if b["scenario"] == "clean build, -j 2":
                extra = (
                    f" ({b['median_seconds'] / serial['median_seconds']:.2f} x serial)"
                )
            rows.append(
                [
                    b["scenario"],
                    f"{b['median_seconds']:.1f} s{extra}",
                    ", ".join(b["executed"]) or "none",
                    target,
                ]
            )
        parts.append(table(["build", "median", "chapters executed", "target"], rows))
    if "chapters" in results:
        rows = [
            [
                c["chapter"],
                f"{c['cells_seconds']:.1f} s",
                f"{c['build_seconds']:.1f} s",
                f"{c['overhead_seconds']:.1f} s (target <= 2 s)",
            ]
            for c in results["chapters"]
        ]
        parts.append(table(["chapter", "cells", "build spends", "overhead"], rows))
    if "pages" in results:
        rows = [
            [
                p["page"],
                f"{p['bytes'] / 1024:.0f} KiB",
                str(p["requests"]),
                ", ".join(
                    f"{k} {v / 1024:.0f}" for k, v in sorted(p["by_kind"].items())
                ),
            ]
            for p in results["pages"]
        ]
        parts.append(
            table(["page (first view)", "bytes", "requests", "KiB by kind"], rows)
            + f"\nWhole site: {results['site_bytes'] / 2**20:.1f} MiB"
        )
    if "lighthouse" in results:
        parts.append(lighthouse_table(results["lighthouse"]))
    if "code" in results:
        rows = [
            [
                c["work"],
                c["size"],
                f"{c['numpy_seconds'] * 1e3:.3f} ms",
                f"{c['torch_seconds'] * 1e3:.3f} ms",
                f"{c['ratio']:.2f}",
            ]
            for c in results["code"]
        ]
        parts.append(
            table(
                ["code", "size", "NumPy", "PyTorch", "NumPy/PyTorch (target <= 1)"],
                rows,
            )
        )
    return "\n\n".join(parts)
