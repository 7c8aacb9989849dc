"""Lighthouse's scores read from its report, combined over runs; the server.

A real Lighthouse run takes half a minute, so it runs on the real book only
(``tests/browser``, ``nox -s bench``); here its JSON report is made up.
"""

import gzip
import urllib.request

import pytest

from sphinx_nnbook import lighthouse


def report(performance: float, seo: float = 1.0, tbt: float = 100.0) -> dict:
    def category(score: float, refs: list[tuple[str, float]]) -> dict:
        return {
            "score": score,
            "auditRefs": [{"id": audit, "weight": weight} for audit, weight in refs],
        }

    return {
        "categories": {
            "performance": category(performance, [("total-blocking-time", 30)]),
            "accessibility": category(1.0, [("color-contrast", 7)]),
            "best-practices": category(1.0, [("errors-in-console", 1)]),
            "seo": category(seo, [("meta-description", 1), ("hreflang", 0)]),
        },
        "audits": {
            "total-blocking-time": {"score": 0.5, "numericValue": tbt},
            "color-contrast": {"score": 1},
            "errors-in-console": {"score": 1},
            "meta-description": {"score": seo},
            "hreflang": {"score": 0},  # weight 0: costs nothing
            "dom-size-insight": {"numericValue": 1234},
        },
    }


def test_parse_report_reads_scores_metrics_and_audits_that_cost_points():
    scores = lighthouse.parse_report("a.html", report(0.874, seo=0.0))
    assert scores.categories == {
        "performance": 87,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 0,
    }
    assert scores.metrics == {"total-blocking-time": 100.0}
    assert scores.dom_elements == 1234
    assert scores.failing == ["meta-description", "total-blocking-time"]
    missed = scores.missed()
    assert len(missed) == 2
    assert missed[0].startswith("a.html: performance 87 < 90")
    assert "meta-description" in missed[1]
    assert scores.missed(lighthouse.DETERMINISTIC) == [missed[1]]


def test_median_scores_takes_each_median():
    runs = [
        lighthouse.parse_report("a.html", report(p, tbt=t))
        for p, t in ((0.70, 400.0), (0.95, 50.0), (0.91, 100.0))
    ]
    median = lighthouse.median_scores(runs)
    assert median.categories["performance"] == 91
    assert median.metrics["total-blocking-time"] == 100.0
    assert median.missed() == []
    with pytest.raises(ValueError, match="median_scores: expected at least one"):
        lighthouse.median_scores([])


def test_serve_gzip_compresses_text_for_clients_that_accept_it(tmp_path):
    text = "<p>" + "neural network " * 200 + "</p>"
    (tmp_path / "page.html").write_text(text, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + bytes(100))
    with lighthouse.serve_gzip(tmp_path) as url:
        request = urllib.request.Request(
            url + "page.html", headers={"Accept-Encoding": "gzip, deflate"}
        )
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
        assert len(body) < len(text) / 5
        assert gzip.decompress(body).decode() == text
        with urllib.request.urlopen(url + "page.html") as response:  # no gzip
            assert response.headers["Content-Encoding"] is None
            assert response.read().decode() == text
        request = urllib.request.Request(
            url + "image.png", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(request) as response:  # already compressed
            assert response.headers["Content-Encoding"] is None


def test_lighthouse_command_says_npm_ci_when_lighthouse_is_missing(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        lighthouse.lighthouse_command(tmp_path)
