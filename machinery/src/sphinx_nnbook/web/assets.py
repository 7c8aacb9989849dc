"""A light first view: smaller figures, fewer requests, no blocking script.

After the build, the figures' PNGs take a 256-colour palette when that is
smaller, and each run of plain ``_static`` style sheets, and of scripts, in a
page becomes one bundle, named by a hash of its contents so that a deploy
never leaves a reader with stale ones. Bundles that no page loads any more
are deleted. The scripts of a page's ``<head>`` then move to the end of its
``<body>`` (:func:`scripts_to_body_end`): none of them draws anything, and
in the head each one stops the browser from showing the page until it has
been downloaded and run (Lighthouse: "render-blocking resources").

Why hand-written: Sphinx has no asset pipeline, and JavaScript bundlers
(esbuild, webpack) work on module graphs, not on the ``<head>`` of
generated pages; joining files in order and renaming them by hash is a few
lines. The theme's unused CSS is removed first, by PurgeCSS
(:mod:`sphinx_nnbook.web.purge`).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from ..project import builds_site
from .sitecheck import is_external, pages


def optimise_images(folder: Path) -> None:
    """Store each PNG of ``folder`` with a 256-colour palette, if smaller.

    Matplotlib's anti-aliased line plots use a thousand or so colours; 256
    chosen ones (no dithering) look the same and weigh 40 % of the original.
    An image that is already a palette image is left alone. Text chunks (the
    figure's description, which the browser checks read) are kept.
    """
    if not folder.is_dir():
        return
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    for path in sorted(folder.glob("*.png")):
        with Image.open(path) as image:
            if image.mode == "P":
                continue
            rgba = image.convert("RGBA")
            lowest_alpha, _ = rgba.getchannel("A").getextrema()
            if lowest_alpha < 255:  # type: ignore[operator] # one band: (min, max)
                continue  # transparency: not worth the risk
            palette = rgba.convert("RGB").quantize(
                256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
            info = PngInfo()
            for key, value in getattr(image, "text", {}).items():
                info.add_text(key, value)
        temporary = path.with_suffix(".tmp.png")
        palette.save(temporary, "PNG", optimize=True, pnginfo=info)
        if temporary.stat().st_size < path.stat().st_size:
            temporary.replace(path)
        else:
            temporary.unlink()


_STATIC_TAG = re.compile(
    r'<script src="(?P<js>(?:\.\./)*_static/[^"?]+\.js)(?:\?[^"]*)?"></script>'
    r'|<link rel="stylesheet" type="text/css" '
    r'href="(?P<css>(?:\.\./)*_static/[^"?]+\.css)(?:\?[^"]*)?" />'
    # pydata-sphinx-theme writes its own style sheets' tags the other way round.
    r'|<link href="(?P<theme_css>(?:\.\./)*_static/[^"?]+\.css)(?:\?[^"]*)?" '
    r'rel="stylesheet" />'
)


def _tag_url(tag: re.Match[str]) -> str:
    """The ``_static`` address of a script or style sheet tag."""
    return tag.group("js") or tag.group("css") or tag.group("theme_css")


# A script of the <head>, but not pydata-sphinx-theme's inline one that sets
# the colour theme (data-cfasync): it must run before the page is drawn.
_HEAD_SCRIPT = re.compile(
    r"[ \t]*<script\b(?![^>]*data-cfasync)[^>]*>.*?</script>[ \t]*\n?", re.DOTALL
)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)([^'")\s;]+)\1\s*\)?\s*;""")
_CSS_REF = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def scripts_to_body_end(html: str) -> str:
    r"""Move the scripts of the ``<head>`` of ``html`` to the end of its ``<body>``.

    Their order is kept, and they still run before the ``DOMContentLoaded``
    event their code waits for, and before the theme's ``defer`` scripts.

    Examples
    --------
    >>> html = scripts_to_body_end(
    ...     '<head><script data-cfasync="false">theme()</script>'
    ...     '<script src="a.js"></script><script>b()</script></head>'
    ...     "<body><p>text</p></body>"
    ... )
    >>> print(html.replace("<body>", "\n<body>"))
    <head><script data-cfasync="false">theme()</script></head>
    <body><p>text</p><script src="a.js"></script><script>b()</script></body>
    """
    head_end = html.find("</head>")
    body_end = html.rfind("</body>")
    if head_end < 0 or body_end < head_end:
        return html
    head = html[:head_end]
    scripts = "".join(match.group(0) for match in _HEAD_SCRIPT.finditer(head))
    if not scripts:
        return html
    return (
        _HEAD_SCRIPT.sub("", head) + html[head_end:body_end] + scripts + html[body_end:]
    )


def _rebase_css(css: str, folder: str) -> str:
    """Rebase a style sheet of ``folder`` (below ``_static/``) on ``_static/``.

    Its relative ``url()`` become relative to ``_static/``, and its
    ``@charset`` goes (only valid at the start of a file: the bundle is
    UTF-8 anyway), as does its source map comment.
    """
    css = re.sub(r"@charset[^;]*;", "", css)
    # A source map comment counts only at the end of a file, not of a bundle.
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if not folder:
        return css

    def fix(match: re.Match) -> str:
        quote, url = match.groups()
        if is_external(url) or url.startswith(("/", "#", "data:")):
            return match.group(0)
        return f"url({quote}{folder}/{url}{quote})"

    return _CSS_REF.sub(fix, css)


# A bundle: "nnbook-bundle-" and the start of the SHA-256 of its contents.
BUNDLE_NAME = re.compile(r"nnbook-bundle-[0-9a-f]{16}\.(?:css|js)")
# Where each bundle's files are recorded from one build to the next: with the
# build environment (doctrees), not in the published site. A build that has
# lost it has lost its environment too, and so rewrites every page.
BUNDLES = "nnbook-bundles.json"  # bundle name -> the files it joins


def _js_file(outdir: Path, relative: str) -> str | None:
    source = outdir / "_static" / relative
    return source.read_text(encoding="utf-8") + "\n;" if source.is_file() else None


def _css_file(outdir: Path, relative: str, depth: int = 0) -> str | None:
    """A style sheet below ``_static``, rebased, with its ``@import`` inlined.

    An ``@import`` is only valid at the top of a style sheet, so in a bundle
    it would be ignored; inlined, it also saves the request it would chain
    after the sheet (pydata-sphinx-theme's ``theme.css`` imports
    ``basic.css``). None if a file is missing.
    """
    source = outdir / "_static" / relative
    if not source.is_file() or depth > 5:
        return None
    folder = Path(relative).parent.as_posix().strip(".")
    imports: list[str] = []

    def hold(match: re.Match[str]) -> str:  # rebased as a file of its own
        imports.append(posixpath.normpath(posixpath.join(folder, match.group(2))))
        return f"\0{len(imports) - 1}\0"

    body = _rebase_css(_CSS_IMPORT.sub(hold, source.read_text("utf-8")), folder)
    for number, target in enumerate(imports):
        text = _css_file(outdir, target, depth + 1)
        if text is None:
            return None
        body = body.replace(f"\0{number}\0", f"/* {target} */\n{text}\n")
    return body


def bundle_text(outdir: Path, kind: str, files: list[str]) -> str | None:
    """The contents of the bundle that joins ``files``; None if one is missing.

    ``files`` are paths below ``_static/``, of ``kind`` ``"css"`` or ``"js"``.
    """
    contents = []
    for relative in files:
        body = (
            _css_file(outdir, relative) if kind == "css" else _js_file(outdir, relative)
        )
        if body is None:
            return None
        contents.append(f"/* {relative} */\n{body}\n")
    # A statement first: a file's "use strict" (searchtools.js) must not
    # become the directive of the whole bundle, where it would break the
    # sloppy-mode files after it (language_data.js).
    prologue = "void 0;\n" if kind == "js" else ""
    return prologue + "".join(contents)


class Bundler:
    """Join each run of plain ``_static`` scripts, or style sheets, into one.

    Each run of consecutive such tags in a page is replaced by one bundle
    that joins their files.

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
        """The bundle of ``files`` (written if new); None if one is missing."""
        key = (kind, *files)
        if key not in self._names:
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
        """Bundle the style sheets and scripts of ``page``; move its scripts.

        The whole page is searched for tags: a page of an earlier build
        loads its bundles at the end of its body.
        """
        text = page.read_text(encoding="utf-8")
        if text.find("</head>") < 0:
            return
        head = text
        runs: list[list[re.Match[str]]] = []
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
        pieces: list[str] = []
        position = 0
        for run in runs:
            kind = "js" if run[0].group("js") else "css"
            files: list[str] = []
            for tag in run:
                file = _tag_url(tag).split("_static/", 1)[1]
                files += self.previous.get(file, [file])
            if len(files) < 2:
                continue
            name = self.bundle(kind, files)
            if name is None:
                continue
            url = _tag_url(run[0]).split("_static/")[0] + f"_static/{name}"
            bundle_tag = (
                f'<script src="{url}"></script>'
                if kind == "js"
                else f'<link rel="stylesheet" type="text/css" href="{url}" />'
            )
            pieces += [head[position : run[0].start()], bundle_tag]
            position = run[-1].end()
        bundled = scripts_to_body_end("".join([*pieces, text[position:]]))
        # A page bundled by an earlier build is left alone, untouched: its
        # modification time tells the site check it has nothing new.
        if bundled != text:
            page.write_text(bundled, encoding="utf-8")

    def remove_unused(self) -> None:
        """Delete the bundles of earlier builds that no page loads now."""
        static = self.outdir / "_static"
        if not static.is_dir():
            return
        for path in static.iterdir():
            if path.name not in self.bundles and (
                path.name in self.previous or BUNDLE_NAME.fullmatch(path.name)
            ):
                path.unlink()


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or not builds_site(app):
        return
    outdir = Path(app.outdir)
    optimise_images(outdir / "_images")
    manifest = Path(app.doctreedir) / BUNDLES
    previous = {}
    if manifest.is_file():
        previous = json.loads(manifest.read_text(encoding="utf-8"))
    bundler = Bundler(outdir, previous)
    for page in pages(outdir):
        bundler.page(page)
    bundler.remove_unused()
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(
        json.dumps(bundler.bundles, indent=1, sort_keys=True), encoding="utf-8"
    )


def setup_assets(app: Any) -> None:
    """Shrink the figures and bundle the assets after the build."""
    # Late: after pydata-sphinx-theme rewrites pygments.css (build-finished).
    app.connect("build-finished", _build_finished, priority=900)
