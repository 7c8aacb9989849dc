"""A site that works for every reader: self-contained, light, accessible.

What this extension does to the HTML build:

**Nothing from a third party.** Math is typeset at build time by
``sphinxcontrib.katex`` (``katex_prerender``) with the KaTeX of
``node_modules/`` (``npm ci``, pinned by ``package-lock.json``), as MathML
only: the browser lays it out with a math font of the reader's system
(``conf/_static/nnbook-math.css``), so pages need no KaTeX CSS, no web font,
no math JavaScript and no CDN. After the build, every page and style sheet is
scanned: a ``<script>``, style sheet, image, frame or ``url()`` that points to
another host is a build warning (an error with ``-W``).

**A light first view.** pydata-sphinx-theme loads Font Awesome's JavaScript
(1.5 MB) only to support custom icons, which the book has none of: its icons
are drawn by the theme's CSS and web fonts. The script tag is removed (see
``conf/_templates/layout.html``), as are the search scripts and index that the
theme loads on every page for a search-as-you-type the book does not enable:
only the search page loads them. After the build, the figures' PNGs take a
256-colour palette when that is smaller; the rules of the theme's two large
style sheets that no page can use (their classes appear in no page and no
script) are removed; and each run of plain ``_static`` style sheets, and of
scripts, in a page's ``<head>`` becomes one bundle, named by a hash of its
contents so that a deploy never leaves a reader with stale ones. Bundles that
no page loads any more are deleted.

**Downloads.** The executed notebook of each chapter, with its outputs
(``jupyter_execute/<doc>.ipynb``), is copied to ``_sources/<doc>.ipynb`` and
offered by the theme's download button next to the MyST source (``.md``).

**Accessibility.** An ``<img>`` without alt text, or whose alt text is
Matplotlib's ``<Figure size 640x480 with 1 Axes>``, is a build warning.
Markup fixes for axe-core: citations get ``role="listitem"`` (docutils'
``doc-biblioentry`` is deprecated and not a list item for assistive
technology); display formulas, which scroll when wider than the screen, take
keyboard focus; the theme's search button's accessible name includes its
visible text (``conf/_templates/search-button-field.html``). Colour and
phone-layout fixes are in ``conf/_static/nnbook.css``.

**Sitemap.** sphinx-sitemap lists the pages a build writes; an incremental
build writes only the changed ones, so every page of the site is added.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
# The theme's large style sheets, from which rules for classes that no page
# and no script of the site uses are removed after the build.
PURGED_CSS = ("_static/styles/pydata-sphinx-theme.css", "_static/sphinx-design.min.css")

_FONTAWESOME_SCRIPT = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*_static/scripts/fontawesome\.js[^\"]*\"[^>]*>"
    r"\s*</script>"
)
_SEARCH_SCRIPTS = re.compile(
    r"\s*<script\b[^>]*\bsrc=\"[^\"]*(?:_static/searchtools\.js|"
    r"_static/language_data\.js|searchindex\.js)\"[^>]*>\s*</script>"
)
_DISPLAY_MATH = re.compile(r'<div class="math"(?=[\s>])(?![^>]*tabindex)')
_MATPLOTLIB_REPR = re.compile(r"\s*<(?:Figure size|matplotlib)")


# --------------------------------------------------------------------------
# Template filters (used by conf/_templates/layout.html)
# --------------------------------------------------------------------------


def drop_fontawesome_script(html: str) -> str:
    """Remove pydata-sphinx-theme's Font Awesome ``<script>`` tag."""
    return _FONTAWESOME_SCRIPT.sub("", html)


def drop_search_scripts(html: str) -> str:
    """Remove the search scripts and index from a page's ``<head>``."""
    return _SEARCH_SCRIPTS.sub("", html)


def _install_filters(app: Any) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None or not hasattr(templates, "environment"):
        return
    from markupsafe import Markup

    for function in (drop_fontawesome_script, drop_search_scripts):
        templates.environment.filters[function.__name__] = lambda value, f=function: (
            Markup(f(str(value)))
        )


# --------------------------------------------------------------------------
# KaTeX: prerendered at build time, as MathML only
# --------------------------------------------------------------------------


def _config_inited(app: Any, config: Any) -> None:
    # Link previews need absolute URLs: the book's address, which
    # book_metadata has set as html_baseurl (at priority 100).
    if hasattr(config, "ogp_site_url") and not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    _check_katex(config)


def _check_katex(config: Any) -> None:
    if not getattr(config, "katex_prerender", False):
        return
    js = Path(config.katex_js_path)
    if not js.is_file():
        msg = (
            f"KaTeX is missing ({js}): run `npm ci` in {ROOT} (nox -s docs "
            "does), which installs the version pinned in package-lock.json"
        )
        raise ConfigError(msg)
    import sphinxcontrib.katex

    # Prerendering ignores katex_options (hagenw/sphinxcontrib-katex#145);
    # these defaults are read at every render_latex() call. MathML only:
    # KaTeX's HTML output would need KaTeX's CSS and fonts, which the site
    # does not serve (it would show every formula twice, unstyled).
    sphinxcontrib.katex.KATEX_DEFAULT_OPTIONS = {
        **sphinxcontrib.katex.KATEX_DEFAULT_OPTIONS,
        "output": "mathml",
    }
    sphinxcontrib.katex.KaTeXServer.start_server_process = classmethod(
        _start_katex_server
    )


def _start_katex_server(cls: Any, rundir: Path, timeout: float) -> tuple:
    """``KaTeXServer.start_server_process``, without its start-up race.

    The original connects as soon as the server's socket file exists, which
    can be before the server listens: ``ConnectionRefusedError`` fails the
    build now and then. This one retries until ``timeout``, and fails at
    once, with node's error output, if the server exits.
    """
    import socket
    import subprocess
    import sys
    import threading
    import time

    socket_path = rundir / "katex.sock"
    command = cls.build_command(socket=socket_path)
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=rundir,
    )
    # node's error output still reaches the terminal (KaTeX's warnings), read
    # by a thread so that the pipe never fills up, and is kept for the error.
    errors: list[bytes] = []

    def relay(stream: Any) -> None:
        with stream:
            for line in stream:
                errors.append(line)
                sys.stderr.write(line.decode(errors="replace"))

    relay_thread = threading.Thread(target=relay, args=(process.stderr,), daemon=True)
    relay_thread.start()

    def fail(error: Exception) -> NoReturn:
        if process.poll() is None:
            process.kill()
        process.wait()
        relay_thread.join(timeout=1)
        process.stdin.close()
        process.stdout.close()
        raise error

    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            from sphinxcontrib.katex import KaTeXError

            relay_thread.join(timeout=1)
            stderr = b"".join(errors).decode(errors="replace").strip()
            fail(
                KaTeXError(
                    f"the KaTeX server ({' '.join(map(str, command))}) exited with "
                    f"status {process.returncode} before it accepted connections"
                    + (f":\n{stderr}" if stderr else " (no error output)")
                )
            )
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(socket_path))
            except ConnectionRefusedError:
                sock.close()
            else:
                return process, sock
        if time.monotonic() > deadline:
            fail(cls.timeout_error(timeout))
        time.sleep(0.005)


# --------------------------------------------------------------------------
# Pages: download links, markup fixes
# --------------------------------------------------------------------------


def _executed_notebook(app: Any, docname: str) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return None
    path = Path(config.output_folder, *f"{docname}.ipynb".split("/"))
    return path if path.is_file() else None


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    if doctree is not None and _executed_notebook(app, pagename):
        # sphinx-book-theme's download button links _sources/<ipynb_source>.
        context["ipynb_source"] = f"{pagename}.ipynb"
    if "body" in context:
        # A display formula wider than the screen scrolls (nnbook-math.css):
        # keyboard users must be able to scroll it too, so it takes focus.
        body = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
        context["body"] = _DISPLAY_MATH.sub(r'\g<0> tabindex="0"', body)


def _copy_notebooks(app: Any) -> None:
    for docname in sorted(app.env.found_docs):
        notebook = _executed_notebook(app, docname)
        if notebook is None:
            continue
        target = Path(app.outdir, "_sources", *f"{docname}.ipynb".split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)


# --------------------------------------------------------------------------
# A light first view: smaller figures, less CSS, fewer requests
# --------------------------------------------------------------------------


def optimise_images(folder: Path) -> None:
    """Store each PNG of ``folder`` with a 256-colour palette, if smaller.

    Matplotlib's anti-aliased line plots use a thousand or so colours; 256
    chosen ones (no dithering) look the same and weigh 40 % of the original.
    An image that is already a palette image is left alone.
    """
    if not folder.is_dir():
        return
    from PIL import Image

    for path in sorted(folder.glob("*.png")):
        with Image.open(path) as image:
            if image.mode == "P":
                continue
            rgba = image.convert("RGBA")
            if rgba.getextrema()[3][0] < 255:
                continue  # transparency: not worth the risk
            palette = rgba.convert("RGB").quantize(
                256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        temporary = path.with_suffix(".tmp.png")
        palette.save(temporary, "PNG", optimize=True)
        if temporary.stat().st_size < path.stat().st_size:
            temporary.replace(path)
        else:
            temporary.unlink()


_WORD = re.compile(r"[A-Za-z_][\w-]*")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")


def _css_blocks(css: str) -> list[tuple[str, str | None]]:
    """Split CSS into top-level (prelude, body) pairs; body None for ``;``."""
    blocks, i, start, n = [], 0, 0, len(css)
    while i < n:
        c = css[i]
        if css.startswith("/*", i):
            i = css.find("*/", i + 2)
            i = n if i < 0 else i + 2
            continue
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            i = j + 1
            continue
        if c == ";" and css[start:i].lstrip().startswith("@"):
            blocks.append((css[start : i + 1], None))
            start = i = i + 1
            continue
        if c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                if css[j] in "\"'":
                    q, j = css[j], j + 1
                    while j < n and css[j] != q:
                        j += 2 if css[j] == "\\" else 1
                elif css[j] == "{":
                    depth += 1
                elif css[j] == "}":
                    depth -= 1
                j += 1
            blocks.append((css[start:i], css[i + 1 : j - 1]))
            start = i = j
            continue
        i += 1
    if css[start:].strip():
        blocks.append((css[start:], None))
    return blocks


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for c in prelude:
        depth += (c in "([") - (c in ")]")
        if c == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
    return [*parts, current]


# Selector noise that is not a class: comments and attribute selectors (whose
# values may hold dots: [href$=".pdf"]).
_NOISE = re.compile(r"""/\*.*?\*/|\[(?:"[^"]*"|'[^']*'|[^]"'])*]""", re.DOTALL)
_PSEUDO_FUNCTION = re.compile(r"::?(-?[A-Za-z][\w-]*)\(")
# Functional pseudo-classes that match when one of their selectors does.
_ANY_OF = {"is", "where", "matches", "any", "-webkit-any", "-moz-any", "has"}


def _closing_parenthesis(text: str, start: int) -> int:
    """The index of the ``)`` that closes the ``(`` before ``start``."""
    depth, i = 1, start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            end = text.find(c, i + 1)
            i = len(text) if end < 0 else end + 1
            continue
        depth += (c == "(") - (c == ")")
        if not depth:
            return i
        i += 1
    return len(text)


def _selector_can_match(selector: str, used: set[str]) -> bool:
    """Whether ``selector`` can match in a site whose classes are all in
    ``used``: False only if it requires a class that is not.

    The classes inside ``:not()`` (or ``:nth-child(... of ...)``, ``:host()``
    ...) are ignored: an unused class there can only widen the match.
    ``:is()``, ``:where()``, ``:has()`` can match if one of their selectors
    can. Escaped selectors (Tailwind's ``.sm\\:flex``) are kept.
    """
    if "\\" in selector:
        return True
    text = _NOISE.sub(" ", selector)
    plain, i = [], 0
    while (match := _PSEUDO_FUNCTION.search(text, i)) is not None:
        end = _closing_parenthesis(text, match.end())
        plain.append(text[i : match.start()])
        if match.group(1).lower() in _ANY_OF and not any(
            _selector_can_match(alternative, used)
            for alternative in _split_selectors(text[match.end() : end])
        ):
            return False
        i = end + 1
    plain.append(text[i:])
    return all(name in used for name in _CLASS.findall(" ".join(plain)))


def _purge(css: str, used: set[str]) -> str:
    """``css`` without the selectors that require a class not in ``used``,
    and without the rules (and conditional group rules) left empty.

    ``@font-face``, ``@keyframes``, ``@page``... are kept whole.
    """
    out = []
    for prelude, body in _css_blocks(css):
        if body is None:
            out.append(prelude)
            continue
        head = prelude.strip()
        if head.startswith(("@media", "@supports", "@container", "@layer", "@scope")):
            inner = _purge(body, used)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
            continue
        if head.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
            continue
        keep = [
            selector
            for selector in _split_selectors(prelude)
            if _selector_can_match(selector, used)
        ]
        if keep:
            out.append(f"{','.join(keep)}{{{body}}}")
    return "".join(out)


def purge_css(outdir: Path, files: tuple[str, ...]) -> None:
    """Remove rules whose class names appear in no page and no script.

    Every word of every page and script counts as used, so a class that a
    script adds at run time (``show``, ``collapsing``...) keeps its rules.
    """
    used: set[str] = set()
    for path in [*outdir.rglob("*.html"), *outdir.rglob("*.js")]:
        # Not the scripts no page loads: the search index, the bundles (made
        # of the other files) and Font Awesome's, which names every icon.
        if path.name not in {
            "searchindex.js",
            "fontawesome.js",
        } and not _BUNDLE_NAME.fullmatch(path.name):
            used.update(
                _WORD.findall(path.read_text(encoding="utf-8", errors="replace"))
            )
    for name in files:
        path = outdir / name
        if path.is_file():
            css = path.read_text(encoding="utf-8")
            path.write_text(_purge(css, used), encoding="utf-8")


_STATIC_TAG = re.compile(
    r'<script src="(?P<js>(?:\.\./)*_static/[^"?]+\.js)(?:\?[^"]*)?"></script>'
    r'|<link rel="stylesheet" type="text/css" '
    r'href="(?P<css>(?:\.\./)*_static/[^"?]+\.css)(?:\?[^"]*)?" />'
)
_CSS_REF = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _rebase_css(css: str, folder: str) -> str:
    """Make the relative ``url()`` of a style sheet in ``folder`` (below
    ``_static/``) relative to ``_static/``, without its ``@charset`` (only
    valid at the start of a file: the bundle is UTF-8 anyway)."""
    css = re.sub(r"@charset[^;]*;", "", css)
    if not folder:
        return css

    def fix(match: re.Match) -> str:
        quote, url = match.groups()
        if _is_external(url) or url.startswith(("/", "#", "data:")):
            return match.group(0)
        return f"url({quote}{folder}/{url}{quote})"

    return _CSS_REF.sub(fix, css)


# A bundle: "nnbook-bundle-" and the start of the SHA-256 of its contents.
_BUNDLE_NAME = re.compile(r"nnbook-bundle-[0-9a-f]{16}\.(?:css|js)")
# Where each bundle's files are recorded from one build to the next: with the
# build environment (doctrees), not in the published site. A build that has
# lost it has lost its environment too, and so rewrites every page.
BUNDLES = "nnbook-bundles.json"  # bundle name -> the files it joins
_LEGACY_BUNDLES = "_static/nnbook-bundles.json"  # where it used to be


def bundle_text(outdir: Path, kind: str, files: list[str]) -> str | None:
    """The contents of the bundle that joins ``files`` (paths below
    ``_static/``) of ``kind`` ``"css"`` or ``"js"``; None if one is missing."""
    contents = []
    for relative in files:
        source = outdir / "_static" / relative
        if not source.is_file():
            return None
        body = source.read_text(encoding="utf-8")
        if kind == "css":
            body = _rebase_css(body, Path(relative).parent.as_posix().strip("."))
        else:
            body += "\n;"
        contents.append(f"/* {relative} */\n{body}\n")
    # A statement first: a file's "use strict" (searchtools.js) must not
    # become the directive of the whole bundle, where it would break the
    # sloppy-mode files after it (language_data.js).
    prologue = "void 0;\n" if kind == "js" else ""
    return prologue + "".join(contents)


class Bundler:
    """Replace each run of consecutive plain ``_static`` scripts, and of
    style sheets, in a page's ``<head>`` by one bundle that joins them.

    Scripts with attributes (``defer``, ``data-*``) and inline scripts end
    a run, so the order of execution is unchanged. A bundle is named by a
    hash of its contents: a deploy that changes a file changes the name, so
    no browser keeps a stale copy (the files' ``?v=`` are dropped with
    their tags). Pages that load the same files share a bundle.

    ``previous`` maps the bundles of earlier builds to their files: a page
    that this build did not rewrite still loads them, and gets the current
    bundle of the same files. :meth:`remove_unused` then deletes them.
    """

    def __init__(self, outdir: Path, previous: dict[str, list[str]]) -> None:
        self.outdir = outdir
        self.previous = previous
        self.bundles: dict[str, list[str]] = {}  # written by this build
        self._names: dict[tuple[str, ...], str | None] = {}

    def bundle(self, kind: str, files: list[str]) -> str | None:
        """The name of the bundle of ``files``, written if new; None if a
        file is missing."""
        key = (kind, *files)
        if key not in self._names:
            import hashlib

            text = bundle_text(self.outdir, kind, files)
            name = None
            if text is not None:
                digest = hashlib.sha256(text.encode()).hexdigest()[:16]
                name = f"nnbook-bundle-{digest}.{kind}"
                path = self.outdir / "_static" / name
                if not path.is_file() or path.read_text(encoding="utf-8") != text:
                    path.write_text(text, encoding="utf-8")
                self.bundles[name] = files
            self._names[key] = name
        return self._names[key]

    def page(self, page: Path) -> None:
        """Bundle the style sheets and scripts of ``page``."""
        text = page.read_text(encoding="utf-8")
        head_end = text.find("</head>")
        if head_end < 0:
            return
        head = text[:head_end]
        runs: list[list[re.Match]] = []
        for tag in _STATIC_TAG.finditer(head):
            previous = runs[-1][-1] if runs else None
            if (
                previous is not None
                and bool(previous.group("js")) == bool(tag.group("js"))
                and not head[previous.end() : tag.start()].strip()
            ):
                runs[-1].append(tag)
            else:
                runs.append([tag])
        pieces, position = [], 0
        for run in runs:
            kind = "js" if run[0].group("js") else "css"
            files = []
            for tag in run:
                file = tag.group(kind).split("_static/", 1)[1]
                files += self.previous.get(file, [file])
            if len(files) < 2:
                continue
            name = self.bundle(kind, files)
            if name is None:
                continue
            url = run[0].group(kind).split("_static/")[0] + f"_static/{name}"
            tag = (
                f'<script src="{url}"></script>'
                if kind == "js"
                else f'<link rel="stylesheet" type="text/css" href="{url}" />'
            )
            pieces += [head[position : run[0].start()], tag]
            position = run[-1].end()
        if pieces:
            page.write_text("".join([*pieces, text[position:]]), encoding="utf-8")

    def remove_unused(self) -> None:
        """Delete the bundles of earlier builds that no page loads now."""
        static = self.outdir / "_static"
        if not static.is_dir():
            return
        for path in static.iterdir():
            if path.name not in self.bundles and (
                path.name in self.previous or _BUNDLE_NAME.fullmatch(path.name)
            ):
                path.unlink()


# --------------------------------------------------------------------------
# Checking the built site
# --------------------------------------------------------------------------


def _is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in {"", "data"}


class _PageScanner(HTMLParser):
    """Collect what a page loads and its images."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []  # URLs the browser fetches on its own
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag in {"script", "img", "iframe", "embed", "source", "audio", "video"}:
            self.loads += [a[k] or "" for k in ("src",) if a.get(k)]
            if a.get("srcset"):
                self.loads += [s.split()[0] for s in a["srcset"].split(",") if s]
        elif tag == "link" and {"stylesheet", "preload", "icon", "modulepreload"} & set(
            rel
        ):
            self.loads.append(a.get("href") or "")
        elif tag == "object" and a.get("data"):
            self.loads.append(a["data"] or "")
        if tag == "img":
            self.images.append(a)


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def site_problems(outdir: Path) -> list[tuple[str, str]]:
    """(file, problem) for every third-party load and every bad alt text."""
    problems = []
    for page in sorted(outdir.rglob("*.html")):
        name = page.relative_to(outdir).as_posix()
        if name.startswith(("_static/", "_sources/")):
            continue  # template fragments shipped by the themes
        scanner = _PageScanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        for url in scanner.loads:
            if _is_external(url):
                problems.append((name, f"loads a third-party resource: {url}"))
        for img in scanner.images:
            src = img.get("src")
            alt = img.get("alt")
            if alt is None:
                problems.append((name, f"<img src={src!r}> has no alt text"))
            elif _MATPLOTLIB_REPR.match(alt):
                problems.append(
                    (
                        name,
                        f"<img src={src!r}> has Matplotlib's repr {alt!r} as alt "
                        "text: describe the figure (cell metadata mystnb: image: "
                        "alt:)",
                    )
                )
    for css in sorted(outdir.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if _is_external(url):
                name = css.relative_to(outdir).as_posix()
                problems.append((name, f"loads a third-party resource: {url}"))
    return problems


def _pages(outdir: Path) -> list[Path]:
    """The site's pages (not the template fragments the themes ship)."""
    return [
        page
        for page in sorted(outdir.rglob("*.html"))
        if not page.relative_to(outdir).as_posix().startswith(("_static/", "_sources/"))
    ]


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    _copy_notebooks(app)
    optimise_images(outdir / "_images")
    purge_css(outdir, PURGED_CSS)
    manifest = Path(app.doctreedir) / BUNDLES
    legacy = outdir / _LEGACY_BUNDLES
    previous = {}
    for path in (legacy, manifest):
        if path.is_file():
            previous.update(json.loads(path.read_text(encoding="utf-8")))
    bundler = Bundler(outdir, previous)
    for page in _pages(outdir):
        bundler.page(page)
    bundler.remove_unused()
    legacy.unlink(missing_ok=True)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(
        json.dumps(bundler.bundles, indent=1, sort_keys=True), encoding="utf-8"
    )
    for name, problem in site_problems(outdir):
        logger.warning("%s: %s", outdir / name, problem, type="nnbook", subtype="web")


def _complete_sitemap(app: Any, exception: Exception | None) -> None:
    """Give sphinx-sitemap every page, not only those this build wrote.

    It collects the pages as they are written, so an incremental build would
    publish a sitemap of the changed pages only.
    """
    queue = getattr(app.env.app, "sitemap_links", None)
    if exception is not None or queue is None or app.builder.format != "html":
        return
    from sphinx_sitemap import is_excluded

    links: dict[str, Any] = {}
    while not queue.empty():
        link, last_updated = queue.get_nowait()
        links[link] = last_updated
    for page in _pages(Path(app.outdir)):
        link = page.relative_to(app.outdir).as_posix()
        if not is_excluded(link, app.config.sitemap_excludes):
            links.setdefault(link, None)
    for link, last_updated in sorted(links.items()):
        queue.put((link, last_updated))


def setup(app: Any) -> dict[str, Any]:
    """Register the template filters and the event handlers."""
    app.connect("config-inited", _config_inited, priority=200)
    app.connect("builder-inited", _install_filters)
    app.connect("html-page-context", _page_context, priority=400)
    # Last: after pydata-sphinx-theme rewrites pygments.css (build-finished).
    app.connect("build-finished", _build_finished, priority=900)
    app.connect("build-finished", _complete_sitemap, priority=450)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
