"""The checks themselves: each one fails on a page that breaks its property.

A tiny site with one good page and one bad page: the bad page loads a script
from another host, logs an error, requests a missing file, shows raw TeX, has
images without alt text, with Matplotlib's repr as alt text and one that does
not load, a block wider than a phone, grey-on-white text, and no theme
switch. Every check must report the bad page and pass the good one.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

import sphinx_nnbook.browser as sc

# A 1x1 white PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4"
    "AAAAAElFTkSuQmCC"
)

GOOD = """<!DOCTYPE html>
<html lang="en" data-theme="light"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Good</title><link rel="icon" href="data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E"></head>
<body><main><h1>A good page</h1>
<input type="search" aria-label="Search">
<figure><figcaption>A caption in dark grey.</figcaption></figure>
<div class="cite" style="width: 200px"><pre style="white-space: pre-wrap;
overflow-wrap: anywhere">url = {https://example.com/a/very/long/address/that/wraps}</pre></div>
<section id="one">1</section><section id="two">2</section>
<p>The sigmoid <span class="katex"><math><mi>&sigma;</mi></math></span> costs $5.</p>
<img src="fig.png" alt="A white square." width="100" height="100">
<pre><code>price = "$x$"  # code may contain dollars</code></pre>
</main></body></html>
"""

BAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bad</title>
<script src="https://example.com/x.js"></script>
<link rel="stylesheet" href="missing.css">
<script>console.error("something broke");</script>
</head>
<body><main><h1>A bad page</h1>
<p>Raw TeX: $x^2$ and \\(\\sigma(z)\\).</p>
<img src="fig.png">
<img src="fig.png" alt="<Figure size 640x480 with 1 Axes>">
<img src="nowhere.png" alt="A figure that does not load.">
<div style="width: 2000px">A table far too wide for a phone.</div>
<p style="color: #bbbbbb; background: #ffffff">Grey on white.</p>
<input type="search" aria-label="Search"><input type="search" aria-label="Search">
<figure><figcaption style="color: #9ca3af">A caption too pale on white.</figcaption>
</figure>
<div class="cite" style="width: 200px; overflow-x: auto">
<pre>url = {https://example.com/a/very/long/address/that/does/not/wrap}</pre></div>
<section id="exercise-content">1</section><section id="exercise-content">2</section>
</main></body></html>
"""


# A column that slides right on a wide screen, as the theme's article does
# when its sidebar comes in: a check run during the slide measures it
# part-way across.
SLIDE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Slide</title><style>
body { margin: 0; }
#column { margin-left: 0; transition: margin-left 0.6s linear; }
@media (min-width: 992px) { #column { margin-left: 300px; } }
</style></head><body><main id="column">A column.</main></body></html>
"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    (site / "bad.html").write_text(BAD, encoding="utf-8")
    (site / "fig.png").write_bytes(PNG)
    (site / "slide.html").write_text(SLIDE, encoding="utf-8")
    return site


@pytest.fixture
def tiny(playwright, tiny_site: Path, tmp_path: Path):
    """(page, recorder, base URL) for the tiny site, foreign hosts blocked."""
    with sc.serve(tiny_site) as base:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(sc.CHROMIUM),
            args=sc.CHROMIUM_ARGS,
            headless=True,
            viewport=sc.DESKTOP,
        )
        recorder = sc.Recorder(base)
        recorder.attach(context)
        try:
            yield context.pages[0], recorder, base
        finally:
            context.close()


def _open(tiny, name: str):
    page, recorder, base = tiny
    sc.open_page(page, recorder, base + name)
    return page, recorder


def test_external_request_is_blocked_and_reported(tiny):
    _, recorder = _open(tiny, "bad.html")
    assert sc.check_no_external_requests(recorder) == [
        "request to another host (blocked): https://example.com/x.js"
    ]
    _, recorder = _open(tiny, "good.html")
    assert sc.check_no_external_requests(recorder) == []


def test_console_error_is_reported(tiny):
    _, recorder = _open(tiny, "bad.html")
    assert any("something broke" in p for p in sc.check_no_console_errors(recorder))
    _, recorder = _open(tiny, "good.html")
    assert sc.check_no_console_errors(recorder) == []


def test_failed_request_is_reported(tiny):
    _, recorder = _open(tiny, "bad.html")
    problems = sc.check_no_failed_requests(recorder)
    assert any("missing.css: HTTP 404" in p for p in problems), problems
    assert any("nowhere.png: HTTP 404" in p for p in problems), problems
    _, recorder = _open(tiny, "good.html")
    assert sc.check_no_failed_requests(recorder) == []


def test_raw_tex_and_missing_math_are_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_math_rendered(page)
    assert any("$x^2$" in p for p in problems), problems
    assert any("\\(\\sigma(z)\\)" in p for p in problems), problems
    assert "no .katex element: the math is not rendered" in problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_math_rendered(page) == []


def test_images_without_alt_or_not_loaded_are_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_images(page)
    assert "image without alt: /fig.png" in problems
    assert any("Matplotlib's repr" in p for p in problems), problems
    assert "image did not load: /nowhere.png" in problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_images(page) == []


def test_horizontal_scrolling_on_a_phone_is_reported(tiny):
    page, _, _ = tiny
    page.set_viewport_size(sc.PHONE)
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_no_horizontal_scroll(page)
    assert len(problems) == 1
    assert "div right=2000" in problems[0] or "div right=20" in problems[0]
    page, _ = _open(tiny, "good.html")
    assert sc.check_no_horizontal_scroll(page) == []


def test_resize_returns_once_the_layout_has_settled(tiny):
    page, _ = _open(tiny, "slide.html")
    left = "document.getElementById('column').getBoundingClientRect().left"
    sc.resize(page, 390)
    assert page.evaluate(left) == 0
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("new Promise((done) => requestAnimationFrame(done))")
    assert page.evaluate(left) < 300  # without waiting: part-way across
    sc.resize(page, 390)
    sc.resize(page, 1280)
    assert page.evaluate(left) == 300


def test_low_contrast_is_an_axe_violation(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_axe(page)
    assert any("color-contrast" in p for p in problems), problems
    assert any("image-alt" in p for p in problems), problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_axe(page) == []


def test_page_weight_over_budget_is_reported(tiny):
    _, recorder = _open(tiny, "good.html")
    assert sc.check_page_weight(recorder) == []
    total, count, _ = sc.page_weight(recorder)
    assert count == 2  # the page and its figure
    assert sc.check_page_weight(recorder, max_bytes=total - 1)
    assert sc.check_page_weight(recorder, max_requests=count - 1)


def test_missing_theme_switch_is_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    assert sc.set_theme(page, "dark") == ["no visible theme switch button on the page"]


def test_missing_favicon_is_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    assert sc.check_favicon(page) == [
        'no <link rel="icon">: browsers fall back to a missing /favicon.ico'
    ]
    page, _ = _open(tiny, "good.html")
    assert sc.check_favicon(page) == []


def test_duplicate_ids_are_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    assert sc.check_unique_ids(page) == ['id="exercise-content" is used 2 times']
    page, _ = _open(tiny, "good.html")
    assert sc.check_unique_ids(page) == []


def test_two_search_boxes_are_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_one_search_box(page)
    assert len(problems) == 1
    assert problems[0].startswith("2 visible search boxes"), problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_one_search_box(page) == []


def test_text_that_does_not_wrap_is_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_no_overflow(page, ".cite pre")
    assert len(problems) == 1
    assert "(it should wrap)" in problems[0], problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_no_overflow(page, ".cite pre") == []


def test_low_contrast_caption_is_reported(tiny):
    page, _ = _open(tiny, "bad.html")
    problems = sc.check_contrast(page, "figcaption")
    assert len(problems) == 1
    assert "A caption too pale on white." in problems[0], problems
    page, _ = _open(tiny, "good.html")
    assert sc.check_contrast(page, "figcaption") == []
