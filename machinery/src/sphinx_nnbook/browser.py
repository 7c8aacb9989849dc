"""The browser checks of the built book, as functions that return problems.

Each ``check_*`` function looks at a page open in Chromium (driven by
Playwright) and returns a list of human-readable problems, empty when the
page is fine. The book's ``tests/browser/test_site.py`` runs them on the real
book; the machinery's ``tests/test_browser_checks.py`` runs them on
deliberately broken pages to show that each one fails when its property
breaks. The benchmark's page weights use the same :class:`Recorder`.

Everything is served from ``127.0.0.1`` by :func:`serve`; :class:`Recorder`
aborts, and reports, every request to any other host.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .project import book_root, node_module

CHROMIUM = Path(os.environ.get("NNBOOK_CHROMIUM", "/usr/bin/chromium"))


def axe_script() -> Path:
    """axe-core from the book's pinned npm packages (``npm ci``)."""
    return node_module(book_root(Path.cwd()), "axe-core", "axe.min.js")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def chromium_playwright() -> Iterator[object]:
    """Playwright, for driving the system's Chromium; raises if it is missing.

    The tests never download a browser (``playwright install``): a missing
    Chromium is an error that says how to install it, never a skip.
    """
    if not CHROMIUM.exists():
        msg = (
            f"{CHROMIUM} is missing: install Chromium with `apt-get install "
            "chromium` (the tests never download a browser)"
        )
        raise FileNotFoundError(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch(playwright, profile: Path):
    """Start the system's Chromium with a fresh profile in ``profile``."""
    return playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport=DESKTOP,
        service_workers="block",
    )


def start_chromium(playwright):
    """Start the system's Chromium once, for many :func:`new_context` calls."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def new_context(chromium, **options):
    """A fresh context of a running Chromium: a first visit, as :func:`launch`.

    A context has its own cache, cookies and storage, so a page opened in it
    is a first view, as in a fresh profile, without the second or so that
    starting a browser costs. ``options`` go to Playwright's
    ``new_context`` (``device_scale_factor=2``, a viewport).
    """
    return chromium.new_context(
        **{"viewport": DESKTOP, "service_workers": "block", **options}
    )


# The budget of a chapter's first view, figures included.
MAX_BYTES = 1024 * 1024
MAX_REQUESTS = 25
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


# --------------------------------------------------------------------------
# Serving the site and recording what the browser does
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".map")


class GzipHandler(_QuietHandler):
    """Serves files, gzip-compressed when the client accepts it and it helps."""

    def send_head(self):  # http.server's hook
        """Answer with the compressed file, or as the plain server would."""
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object ``send_head`` returns: a compressed body."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        self.data = b""


@contextlib.contextmanager
def serve(
    directory: Path, handler_class: type[_QuietHandler] = _QuietHandler
) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield its base URL.

    ``handler_class`` answers the requests (a subclass of the default, such
    as :mod:`sphinx_nnbook.lighthouse`'s, which compresses them).
    """
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Recorder:
    """Watches a browser context: blocks foreign hosts, records the rest."""

    base_url: str
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    responses: list = field(default_factory=list)

    def attach(self, context) -> None:
        """Install the route and event handlers on a Playwright context."""
        context.route("**/*", self._route)
        context.on("page", self._watch)
        for page in context.pages:
            self._watch(page)

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).netloc != urlsplit(self.base_url).netloc:
            self.external.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def _watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location})")

    def _request_failed(self, request) -> None:
        if request.url not in self.external:  # already reported as external
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response) -> None:
        self.responses.append(response)
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def reset(self) -> None:
        """Forget what was recorded so far (before loading the next page)."""
        self.external.clear()
        self.console_errors.clear()
        self.failed.clear()
        self.responses.clear()


def open_page(page, recorder: Recorder, url: str) -> None:
    """Load ``url`` as a first view: fresh records, then every lazy asset.

    Scrolls to the bottom so that images and fonts further down load too,
    then waits until the network is idle.
    """
    recorder.reset()
    page.goto(url, wait_until="load")
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 10));
            }
            window.scrollTo(0, 0);
            await document.fonts.ready;
        }"""
    )
    page.wait_for_load_state("networkidle")


# A resize starts the theme's CSS transitions (the primary sidebar slides
# in at 992 px and wider); until they end, the article is part-way across
# the screen. Two frames let the new width's styles apply and the
# transitions start; then every one of them has to end.
_TRANSITIONS_ENDED = """async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    await frame();
    await frame();
    const moving = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(moving.map((a) => a.finished.catch(() => null)));
    await document.fonts.ready;
}"""


def resize(page, width: int, height: int = 900) -> None:
    """Give ``page`` a ``width`` x ``height`` viewport and wait until it settles.

    Returns once the page is laid out at the new size as a reader sees it:
    its CSS transitions ended and its fonts loaded.
    """
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate(_TRANSITIONS_ENDED)


# --------------------------------------------------------------------------
# The checks: each returns a list of problems
# --------------------------------------------------------------------------


def check_no_external_requests(recorder: Recorder) -> list[str]:
    """Every request went to the site itself."""
    return [f"request to another host (blocked): {url}" for url in recorder.external]


def check_no_console_errors(recorder: Recorder) -> list[str]:
    """No JavaScript error and nothing logged as an error."""
    return [f"console error: {text}" for text in recorder.console_errors]


def check_no_failed_requests(recorder: Recorder) -> list[str]:
    """Every request of the site succeeded."""
    return [f"failed request: {text}" for text in recorder.failed]


def page_weight(recorder: Recorder) -> tuple[int, int, list[tuple[int, str]]]:
    """Bytes transferred and number of responses; the largest.

    The bytes a reader downloads: each response's headers and its body as
    sent (gzip-compressed where the server compresses it, as a static host
    does and :class:`GzipHandler` does in the tests).
    """
    sizes = []
    for response in recorder.responses:
        try:
            sent = response.request.sizes()
            size = sent["responseBodySize"] + sent["responseHeadersSize"]
        except Exception:  # a redirect or an aborted response has no body
            size = 0
        sizes.append((size, response.url))
    return sum(s for s, _ in sizes), len(sizes), sorted(sizes, reverse=True)


def check_page_weight(
    recorder: Recorder, max_bytes: int = MAX_BYTES, max_requests: int = MAX_REQUESTS
) -> list[str]:
    """The page loaded at most ``max_bytes`` in at most ``max_requests``."""
    total, count, largest = page_weight(recorder)
    problems = []
    if total > max_bytes or count > max_requests:
        top = ", ".join(f"{urlsplit(u).path} {s // 1024} KiB" for s, u in largest[:8])
        problems.append(
            f"page weight {total / 1024:.0f} KiB in {count} requests exceeds the "
            f"budget of {max_bytes // 1024} KiB in {max_requests} (largest: {top})"
        )
    return problems


# Visible text outside code and rendered math that still looks like TeX.
RAW_TEX = re.compile(
    r"\$\$|\$[^$\s][^$\n]*\$|\\\(|\\\)|\\\[|\\\]|\\(?:frac|sum|sigma|mathbf|"
    r"begin|end|partial|cdot|left|right|hat|mathrm|tanh|exp|log)\b"
)

_VISIBLE_PROSE = """() => {
    const skip = "pre, code, script, style, textarea, .katex, .highlight, "
        + "annotation, [aria-hidden='true']";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(skip)) continue;
        if (!parent.checkVisibility()) continue;
        parts.push(node.textContent);
    }
    return parts.join(" ");
}"""


def check_math_rendered(page, *, expect_math: bool = True) -> list[str]:
    """Math is typeset by KaTeX: no raw TeX in the prose, no KaTeX error."""
    problems = []
    text = page.evaluate(_VISIBLE_PROSE)
    for match in list(RAW_TEX.finditer(text))[:5]:
        context = text[max(0, match.start() - 40) : match.end() + 40]
        problems.append(f"raw TeX in the visible text: ...{context.strip()}...")
    errors = page.locator(".katex-error").all_text_contents()
    problems += [f"KaTeX could not render: {error}" for error in errors]
    if expect_math and page.locator(".katex").count() == 0:
        problems.append("no .katex element: the math is not rendered")
    if page.locator("mjx-container, script[src*='mathjax' i]").count():
        problems.append("MathJax is on the page")
    return problems


def check_images(page) -> list[str]:
    """Every image loaded and has alt text that is not Matplotlib's repr."""
    images = page.evaluate(
        """() => Array.from(document.images, (img) => ({
            src: img.currentSrc || img.src,
            alt: img.getAttribute("alt"),
            loaded: img.complete && img.naturalWidth > 0,
            content: !!img.closest(".cell_output, figure, .figure, article"),
        }))"""
    )
    problems = []
    for image in images:
        src = urlsplit(image["src"]).path
        if not image["loaded"]:
            problems.append(f"image did not load: {src}")
        alt = image["alt"]
        if alt is None:
            problems.append(f"image without alt: {src}")
        elif re.match(r"\s*<(Figure size|matplotlib)", alt):
            problems.append(f"image whose alt is Matplotlib's repr {alt!r}: {src}")
        elif image["content"] and not alt.strip():
            problems.append(f"figure with empty alt: {src}")
    return problems


def check_no_horizontal_scroll(page) -> list[str]:
    """The page is no wider than the viewport (run it at a phone's size)."""
    result = page.evaluate(
        """() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            // Inside a box that scrolls or clips, or in a fixed drawer: not
            // what makes the page wider.
            const clipped = (el) => {
                for (let a = el; a && a !== root; a = a.parentElement) {
                    const style = getComputedStyle(a);
                    if (style.position === "fixed") return true;
                    if (a !== el && style.overflowX !== "visible"
                        && a.getBoundingClientRect().right <= width + 1) return true;
                }
                return false;
            };
            const wide = [];
            for (const el of document.body.querySelectorAll("*")) {
                const box = el.getBoundingClientRect();
                // An element wider than the screen, or text (a long word)
                // that overflows its element.
                const text = el.scrollWidth > el.clientWidth + 1
                    && getComputedStyle(el).overflowX === "visible"
                    && el.clientWidth > 0;
                if ((box.right > width + 1 || text) && el.checkVisibility()
                    && !clipped(el) && box.left + el.scrollWidth > width + 1) {
                    wide.push(el.tagName.toLowerCase()
                        + (el.id ? "#" + el.id : "")
                        + (typeof el.className === "string" && el.className.trim()
                           ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                        + " right=" + Math.round(box.right));
                }
            }
            return {scroll: root.scrollWidth, client: width, wide: wide};
        }"""
    )
    if result["scroll"] <= result["client"]:
        return []
    return [
        f"horizontal scrolling: page {result['scroll']}px wide in a "
        f"{result['client']}px viewport; too wide: {result['wide'][:5]}"
    ]


# Every part of the page styled and laid out as when it is on screen. A
# section far from the screen (content-visibility: auto, in the book's CSS)
# is not styled again when the colour theme changes until it comes near the
# screen, and the computed styles that axe-core and check_contrast read
# there are those of the previous theme: what no reader ever sees. Drawn,
# such a section's colours change as it comes on screen (the theme's colour
# transitions), so the checks wait until every transition has finished.
_DRAW_ALL = """() => {
    const style = document.createElement("style");
    style.id = "nnbook-draw-all";
    style.textContent = "* { content-visibility: visible !important; }";
    document.head.append(style);
    document.body.getBoundingClientRect();  // styled and laid out now
}"""
_SETTLED = "document.getAnimations().every((a) => a.playState !== 'running')"
_DRAW_AS_USUAL = "() => document.getElementById('nnbook-draw-all')?.remove()"


@contextlib.contextmanager
def everything_drawn(page) -> Iterator[None]:
    """Within the block, the whole page is styled as on screen (see above)."""
    page.evaluate(_DRAW_ALL)
    page.wait_for_function(_SETTLED)
    try:
        yield
    finally:
        page.evaluate(_DRAW_AS_USUAL)


def check_axe(page, mode: str = "") -> list[str]:
    """axe-core finds no serious or critical accessibility violation.

    Every section is checked as it looks on screen (:func:`everything_drawn`).
    """
    axe = axe_script()
    if not axe.exists():
        msg = f"{axe} is missing: run `npm ci` in the book's folder"
        raise FileNotFoundError(msg)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    with everything_drawn(page):
        violations = _run_axe(page)
    where = f" ({mode} mode)" if mode else ""
    return [
        f"axe {v['impact']}{where}: {v['id']} ({v['help']}) on {v['count']} "
        f"element(s), e.g. {v['nodes']}"
        for v in violations
        if v["impact"] in {"serious", "critical"}
    ]


def _run_axe(page) -> list[dict]:
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {
                resultTypes: ["violations"],
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa",
                    "wcag21a", "wcag21aa", "best-practice"]},
            });
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map((n) =>
                    n.target.join(" ") + " " + (n.failureSummary || "")
                        .replace(/\\s+/g, " ").slice(0, 200)),
                count: v.nodes.length,
            }));
        }"""
    )


def set_theme(page, mode: str) -> list[str]:
    """Choose ``mode`` with the page's colour-mode button; check ``data-theme``.

    pydata-sphinx-theme's button opens a menu (system, light, dark). Returns
    problems if the button or the entry is missing, or ``<html>``'s
    ``data-theme`` does not become ``mode``.
    """
    button = page.locator(".theme-switch-button:visible").first
    if button.count() == 0:
        return ["no visible theme switch button on the page"]
    before = page.evaluate("document.documentElement.dataset.theme")
    button.click()
    entry = page.locator(f".theme-change-button[data-mode='{mode}']:visible").first
    if entry.count():
        entry.click()
    after = page.evaluate("document.documentElement.dataset.theme")
    # The clicked button keeps the mouse and the focus, and Bootstrap shows
    # its tooltip for either, fading in: a reader who switched the theme has
    # moved on, so move the mouse away and drop the focus, and let the
    # tooltip go and the colour transitions finish before anyone measures
    # contrast.
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.wait_for_function(f"!document.querySelector('.tooltip') && {_SETTLED}")
    if after != mode:
        return [f"the theme switch button did not set data-theme={mode!r}: {after!r}"]
    if before == after:
        return [f"data-theme was already {mode!r}: the switch was not exercised"]
    return []


def check_favicon(page) -> list[str]:
    """The page names an icon (``<link rel="icon">``) and the icon loads.

    Without one, every browser asks for ``/favicon.ico``: a 404, and a
    console error, on every page of a static host.
    """
    hrefs = page.evaluate(
        """() => Array.from(document.querySelectorAll("link[rel~='icon']"),
                            (link) => link.href)"""
    )
    if not hrefs:
        return ['no <link rel="icon">: browsers fall back to a missing /favicon.ico']
    problems = []
    for href in hrefs:
        if href.startswith("data:"):  # inline: nothing to load
            continue
        response = page.request.get(href)
        if not response.ok:
            problems.append(f"icon {urlsplit(href).path}: HTTP {response.status}")
    return problems


def check_unique_ids(page) -> list[str]:
    """No two elements of the page (after its scripts ran) share an ``id``."""
    duplicates = page.evaluate(
        """() => {
            const counts = new Map();
            for (const el of document.querySelectorAll("[id]")) {
                counts.set(el.id, (counts.get(el.id) || 0) + 1);
            }
            return Array.from(counts).filter(([, n]) => n > 1);
        }"""
    )
    return [f'id="{name}" is used {count} times' for name, count in duplicates]


# What a reader recognises as a place to type a search.
SEARCH_BOX = "input[type='search'], .search-button-field, button.search-button"


def check_one_search_box(page) -> list[str]:
    """Exactly one visible search box or search button (run it on a desktop)."""
    visible = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter((el) => el.checkVisibility({visibilityProperty: true})
                && el.getBoundingClientRect().width > 0
                && !el.closest("dialog:not([open])"))
            .map((el) => el.tagName.toLowerCase() + "."
                + Array.from(el.classList).join("."))""",
        SEARCH_BOX,
    )
    if len(visible) == 1:
        return []
    return [f"{len(visible)} visible search boxes, expected 1: {visible}"]


def check_no_overflow(page, selector: str) -> list[str]:
    """No visible element matching ``selector`` is wider than its box.

    For boxes whose content should wrap rather than scroll (run it at a
    phone's width): text that overflows, clipped or scrolling, is reported.
    """
    wide = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter((el) => el.checkVisibility() && el.clientWidth > 0
                && el.scrollWidth > el.clientWidth + 1)
            .map((el) => [el.tagName.toLowerCase(), el.scrollWidth,
                          el.clientWidth])""",
        selector,
    )
    return [
        f"{selector}: a {tag} is {scroll}px wide in a {client}px box (it should wrap)"
        for tag, scroll, client in wide
    ]


_CONTRAST = """(selector) => {
    const rgba = (text) => {
        const m = text.match(/[\\d.]+/g).map(Number);
        return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
    };
    const luminance = ([r, g, b]) => {
        const lin = (c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    // The colour behind an element: its own background or an ancestor's,
    // the semi-transparent ones blended over what lies beneath.
    const background = (el) => {
        const layers = [];
        for (let a = el; a; a = a.parentElement) {
            const c = rgba(getComputedStyle(a).backgroundColor);
            if (c[3] > 0) layers.push(c);
            if (c[3] >= 1) break;
        }
        let colour = [255, 255, 255];
        for (const [r, g, b, alpha] of layers.reverse()) {
            colour = [r * alpha + colour[0] * (1 - alpha),
                      g * alpha + colour[1] * (1 - alpha),
                      b * alpha + colour[2] * (1 - alpha)];
        }
        return colour;
    };
    const results = [];
    for (const el of document.querySelectorAll(selector)) {
        if (!el.checkVisibility() || !el.textContent.trim()) continue;
        const [r, g, b, alpha] = rgba(getComputedStyle(el).color);
        const back = background(el);
        const fore = [r * alpha + back[0] * (1 - alpha),
                      g * alpha + back[1] * (1 - alpha),
                      b * alpha + back[2] * (1 - alpha)];
        const [hi, lo] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
        results.push([el.textContent.trim().slice(0, 40), (hi + 0.05) / (lo + 0.05)]);
    }
    return results;
}"""


def check_contrast(page, selector: str, minimum: float = 4.5) -> list[str]:
    """Every visible element matching ``selector`` has text contrast >= minimum.

    axe-core skips text it cannot decide on; this measures the computed text
    colour against the background behind it, for the elements named.
    """
    with everything_drawn(page):
        measured = page.evaluate(_CONTRAST, selector)
    return [
        f"{selector} {text!r}: contrast {ratio:.2f}:1, below {minimum}:1"
        for text, ratio in measured
        if ratio < minimum
    ]


_ANCHOR_TARGET = """(id) => {
    const root = document.documentElement;
    const target = document.getElementById(id);
    if (!target) return null;
    return {
        top: target.getBoundingClientRect().top,
        padding: parseFloat(getComputedStyle(root).scrollPaddingTop) || 0,
        atBottom: scrollY + innerHeight >= root.scrollHeight - 2,
        height: innerHeight,
    };
}"""


def check_anchor_target(page, target: str, tolerance: float = 4) -> list[str]:
    """The element with id ``target`` is where a jump to ``#target`` puts it.

    That is at the top of the window, below the sticky header (the page's
    ``scroll-padding-top``), or anywhere in the window if the page is
    scrolled to its end. Run it once the page has settled after the jump.
    """
    where = page.evaluate(_ANCHOR_TARGET, target)
    if where is None:
        return [f"#{target}: no element with this id"]
    top, padding = where["top"], where["padding"]
    if abs(top - padding) <= tolerance:
        return []
    if where["atBottom"] and padding - tolerance <= top < where["height"]:
        return []
    return [
        f"#{target}: the jump left its target {top:.0f}px from the top of the "
        f"window, expected {padding:.0f}px (below the header)"
    ]
