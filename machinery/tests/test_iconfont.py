"""The icon font cut down to the icons the site shows (web.iconfont)."""

import shutil
from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont
from sphinx.errors import ExtensionError

from sphinx_nnbook.web import iconfont

# The theme's own Font Awesome solid font, as Sphinx copies it into a site.
SOLID = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
)
BARS, SEARCH, SUN, BELL = 0xF0C9, 0xF002, 0xF185, 0xF0F3  # icons of the theme
# Two icon rules, and the theme's admonition icon, no icon rule: the
# character itself, as pydata-sphinx-theme writes it.
CSS = (
    '.fa-bars{--fa:"\\f0c9"}.fa-magnifying-glass{--fa:"\\f002"}'
    'html{--pst-icon-bell:"\uf0f3"}.q:before{content:"\\201c"}'
)


def site(tmp_path: Path, css: str) -> SimpleNamespace:
    """A built site with the theme's solid font and a style sheet ``css``."""
    fonts = tmp_path / "html" / iconfont.WEBFONTS
    fonts.mkdir(parents=True)
    shutil.copyfile(SOLID, fonts / SOLID.name)
    (tmp_path / "html/_static/theme.css").write_text(css, encoding="utf-8")
    builder = SimpleNamespace(format="html")
    return SimpleNamespace(outdir=str(tmp_path / "html"), builder=builder)


def test_the_cut_font_keeps_the_shown_glyphs_unchanged_and_is_small(tmp_path):
    app = site(tmp_path, CSS)
    iconfont._build_finished(app, None)
    cut = Path(app.outdir) / iconfont.WEBFONTS / SOLID.name
    assert cut.stat().st_size < SOLID.stat().st_size / 10
    assert iconfont.same_glyphs(SOLID, cut, {BARS, SEARCH, BELL}) == []
    # An icon the style sheets do not show is gone: the check can fail.
    assert iconfont.same_glyphs(SOLID, cut, {BARS, SUN}) == [SUN]


def test_the_cut_font_is_the_same_from_build_to_build(tmp_path):
    # fontTools stamps a saved font with the time (head.modified) unless
    # told not to: two builds a second apart would differ in their fonts.
    cut = tmp_path / SOLID.name
    shutil.copyfile(SOLID, cut)
    iconfont.subset_font(cut, {BARS, SEARCH})
    with TTFont(SOLID) as original, TTFont(cut) as font:
        assert font["head"].modified == original["head"].modified


def test_an_icon_no_font_has_stops_the_build_and_names_it(tmp_path):
    app = site(tmp_path, CSS + '.fa-nothing{--fa:"\\10fff0"}')
    with pytest.raises(ExtensionError, match=r"U\+10FFF0.*rm -r docs/_build/html"):
        iconfont._build_finished(app, None)


def test_a_site_without_font_awesome_is_left_alone(tmp_path):
    (tmp_path / "html/_static").mkdir(parents=True)
    app = SimpleNamespace(
        outdir=str(tmp_path / "html"), builder=SimpleNamespace(format="html")
    )
    iconfont._build_finished(app, None)
    assert not (tmp_path / "html" / iconfont.WEBFONTS).exists()
