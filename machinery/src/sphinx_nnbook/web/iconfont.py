r"""The theme's icon font cut down to the icons the site shows.

pydata-sphinx-theme draws its buttons (search, menu, colour mode, download)
with Font Awesome's solid font: 115 KiB, the heaviest file of a chapter's
first view, for some sixteen of its 1,900 icons. Each icon the site can
show has a rule in the purged style sheets (:mod:`sphinx_nnbook.web.purge`
keeps a rule only if a page or a script names its class), and Font Awesome
gives each rule its code point as ``--fa:"\f002"``; the theme's own rules
(the admonition titles' bell, pencil...) write theirs as an escape too, or
as the character itself, from Unicode's private use areas. After the purge,
the font keeps the glyphs of those code points and nothing else (fontTools'
subsetter), under the same name: the style sheets need no change, and each
kept glyph is the original outline (:func:`same_glyphs` checks it).

Why fontTools: it is the font library Matplotlib already needs; the cut is
a call to its subsetter, not hand-written font code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

from .assets import BUNDLE_NAME

#: Font Awesome's fonts below the site's folder (pydata-sphinx-theme >= 0.16).
WEBFONTS = "_static/vendor/fontawesome/webfonts"
_ICON = re.compile(r"""--fa:\s*["']\\([0-9a-fA-F]{1,6})["']""")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")  # icon fonts' areas


def used_code_points(css: str, icons_only: bool = False) -> set[int]:
    r"""The code points of ``css``: escapes and private-use characters.

    Escapes have 4 to 6 hex digits; private-use characters are written as
    themselves. With ``icons_only``, those of Font Awesome's icon rules (``--fa``) only.

    Examples
    --------
    >>> css = '.fa-bars{--fa:"\\f0c9"} html{--bell:"\uf0f3";--pen:"\\f303"}'
    >>> sorted(map(hex, used_code_points(css)))
    ['0xf0c9', '0xf0f3', '0xf303']
    >>> sorted(map(hex, used_code_points(css, icons_only=True)))
    ['0xf0c9']
    """
    if icons_only:
        return {int(match.group(1), 16) for match in _ICON.finditer(css)}
    escaped = {int(match.group(1), 16) for match in _ESCAPE.finditer(css)}
    return escaped | set(map(ord, _PRIVATE.findall(css)))


def subset_font(font_path: Path, code_points: set[int]) -> set[int]:
    """Rewrite the WOFF2 ``font_path`` with only the glyphs of ``code_points``.

    Only those of ``code_points`` that the font has are kept (Font Awesome
    splits its icons over several fonts, and a style sheet escapes other
    characters too); returns them. A font that has none
    of them is left alone.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    with TTFont(font_path) as font:
        kept = code_points & set(font.getBestCmap())
    if not kept:
        return kept
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    # recalcTimestamp=False: the font keeps its own date (head.modified)
    # rather than the time of the build, so that two builds give one file.
    with TTFont(font_path, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=kept)
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(font_path)
    return kept


def _outline(font: Any, code_point: int) -> list[Any]:
    from fontTools.pens.recordingPen import DecomposingRecordingPen

    glyphs = font.getGlyphSet()
    pen = DecomposingRecordingPen(glyphs)
    glyphs[font.getBestCmap()[code_point]].draw(pen)
    return [*pen.value, ("advance", glyphs[font.getBestCmap()[code_point]].width)]


def same_glyphs(original: Path, cut: Path, code_points: set[int]) -> list[int]:
    """The ``code_points`` whose glyph in ``cut`` differs from ``original``'s.

    A glyph is its outline and its advance width; a code point missing from
    ``cut`` differs.
    """
    from fontTools.ttLib import TTFont

    with TTFont(original) as before, TTFont(cut) as after:
        present = set(after.getBestCmap())
        return sorted(
            point
            for point in code_points
            if point not in present or _outline(before, point) != _outline(after, point)
        )


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts = sorted((outdir / WEBFONTS).glob("*.woff2"))
    if not fonts:
        return  # another theme: no Font Awesome
    css = "".join(  # not the bundles of the last build: made of these
        path.read_text(encoding="utf-8")
        for path in (outdir / "_static").rglob("*.css")
        if not BUNDLE_NAME.fullmatch(path.name)
    )
    shown: set[int] = set()
    for font in fonts:
        shown |= subset_font(font, used_code_points(css))
    icons = used_code_points(css, icons_only=True)
    if icons - shown:
        missing = ", ".join(sorted(f"U+{point:04X}" for point in icons - shown))
        msg = (
            f"sphinx_nnbook.web.iconfont: the style sheets show icons {missing}, "
            f"which no font of {WEBFONTS} has (any more); rebuild from a clean "
            "output folder (`rm -r docs/_build/html`) so that Sphinx copies "
            "the theme's full fonts again"
        )
        raise ExtensionError(msg)


def setup_iconfont(app: Any) -> None:
    """Cut the icon fonts after the purge (850), before the bundles (900)."""
    app.connect("build-finished", _build_finished, priority=860)
