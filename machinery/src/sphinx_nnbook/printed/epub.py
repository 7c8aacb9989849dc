"""The EPUB 3: its metadata, MathML math, blocks unfolded, a valid package.

Sphinx's EPUB builder is an HTML builder, so the site's HTML habits reach
it; epubcheck (0 errors, 0 warnings) and e-readers want otherwise:

* **Metadata** (``epub_*``) from the book's metadata, the identifier being
  the book's canonical address.
* **Math as MathML only**: KaTeX's HTML needs KaTeX's style sheet and
  fonts, which e-readers lay out poorly; MathML is EPUB 3's own math. The
  pages that hold it are declared with ``properties="mathml"`` in the
  package file, as EPUB 3 requires (Sphinx does not).
* **Tabs one after another, asides open**: sphinx-design's tabs are radio
  buttons styled as tabs and its dropdowns are ``<details>``; an e-reader
  may show neither. :class:`UnfoldForEpub` keeps them as titled blocks, as
  in the PDF.
* **SVG as EPUB 3 wants it** (:func:`epub_svg`): Matplotlib's declares
  the SVG 1.1 DTD, an external entity that EPUB 3 forbids, and writes a
  few ``<path>`` without their (required) ``d``.
* **The style sheets an e-reader can parse**: the site's layout fixes
  (``nnbook.css``) and MyST-NB's dark-mode variables use CSS that
  epubcheck rejects; the e-reader lays out the book itself.
* **The EPUB 2 table of contents** (``toc.ncx``, for old readers) with
  the book's identifier and play order 1, 2, 3... (Sphinx 9 writes the
  ``epub_uid`` and starts at 2).
* **No notebooks**: the site's ``.ipynb`` downloads are not EPUB content.
* **Every file in the package**: some extensions copy their style sheets
  when the build finishes, after Sphinx has packed the EPUB, so it is
  packed again then (:func:`repack`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..metadata import get_metadata

#: sphinx-design components that need a browser: shown unfolded instead.
UNFOLDED = ("tab-set", "dropdown")
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>]*>\s*")
_PATH_WITHOUT_D = re.compile(rb"<path(?![^>]*\sd=)")
_PLAY_ORDER = re.compile(r'playOrder="\d+"')
#: The site's style sheets that an EPUB leaves out (see the module's notes).
SITE_CSS = re.compile(r"(^|/)(nnbook|mystnb\.[0-9a-f]+)\.css$")
_ITEM = re.compile(r'<item id="[^"]*" href="(?P<href>[^"]+\.xhtml)"[^>]*?(?=\s*/>)')


def _config_inited(app: Any, config: Any) -> None:
    meta = get_metadata(app)
    config.epub_basename = meta.package
    config.epub_title = meta.title
    config.epub_author = meta.author_names
    config.epub_publisher = meta.publisher_or_authors
    config.epub_copyright = config.copyright
    config.epub_description = meta.description
    config.epub_identifier = meta.url
    config.epub_scheme = "URL"
    config.epub_uid = meta.package  # an XML name, as EPUB 3 requires


def _builder_inited(app: Any) -> None:
    if not app.builder.name.startswith("epub"):
        return
    import sphinxcontrib.katex as katex

    # Prerendering ignores katex_options (see sphinx_nnbook.patches).
    katex.KATEX_DEFAULT_OPTIONS = {**katex.KATEX_DEFAULT_OPTIONS, "output": "mathml"}


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if not app.builder.name.startswith("epub"):
        return
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if not SITE_CSS.search(str(getattr(css, "filename", css)))
    ]


def _env_updated(app: Any, env: Any) -> None:
    if not app.builder.name.startswith("epub"):
        return
    app.config.epub_exclude_files = [
        *app.config.epub_exclude_files,
        *(f"_sources/{docname}.ipynb" for docname in env.found_docs),
    ]


class UnfoldForEpub(SphinxPostTransform):
    """Keep sphinx-design's tabs and dropdowns as titled blocks (EPUB)."""

    builders = ("epub",)
    default_priority = 150  # before sphinx-design's HTML forms (199, 200)

    def run(self, **kwargs: Any) -> None:
        """Rename the components, so that sphinx-design leaves them alone."""
        for node in self.document.findall(nodes.Element):
            if node.get("design_component") in UNFOLDED:
                node["design_component"] += "-unfolded"


def epub_svg(svg: bytes) -> bytes:
    r"""An SVG file without its DOCTYPE, every ``<path>`` with a ``d``.

    Examples
    --------
    >>> epub_svg(
    ...     b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
    ...     b' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
    ...     b'<svg><path id="a" d="M 0 0"/><path id="b"/></svg>'
    ... )
    b'<?xml version="1.0"?>\n<svg><path id="a" d="M 0 0"/><path d="" id="b"/></svg>'
    """
    return _PATH_WITHOUT_D.sub(b'<path d=""', _DOCTYPE.sub(b"", svg, count=1))


def ncx_fixed(ncx: str, identifier: str) -> str:
    """``toc.ncx`` with the book's identifier and its play order from 1.

    Examples
    --------
    >>> ncx_fixed('<meta name="dtb:uid" content="nnbook"/><p playOrder="2"/>', "u:x")
    '<meta name="dtb:uid" content="u:x"/><p playOrder="1"/>'
    """
    numbers = iter(range(1, ncx.count("playOrder=") + 1))
    ncx = _PLAY_ORDER.sub(lambda _: f'playOrder="{next(numbers)}"', ncx)
    return re.sub(r'(<meta name="dtb:uid" content=")[^"]*', rf"\g<1>{identifier}", ncx)


def declare_mathml(opf: str, outdir: Path) -> str:
    """The package file with ``properties="mathml"`` on pages that hold MathML."""

    def declare(match: re.Match[str]) -> str:
        page = (outdir / match["href"]).read_text(encoding="utf-8")
        if "<math" not in page or "properties=" in match[0]:
            return match[0]
        return f'{match[0]} properties="mathml"'

    return _ITEM.sub(declare, opf)


def repack(app: Any, exception: Exception | None) -> None:
    """Fix the SVGs and the package file, and pack the EPUB again."""
    if exception is not None or not app.builder.name.startswith("epub"):
        return
    builder, outdir = app.builder, Path(app.outdir)
    for svg in (outdir / "_images").glob("*.svg"):
        svg.write_bytes(epub_svg(svg.read_bytes()))
    site_css = [f"_static/{css.name}" for css in (outdir / "_static").glob("*.css")]
    app.config.epub_exclude_files = [
        *app.config.epub_exclude_files,
        *(name for name in site_css if SITE_CSS.search(name)),
    ]
    builder.get_toc()
    builder.build_mimetype()
    builder.build_container()
    builder.build_content()
    opf = outdir / "content.opf"
    opf.write_text(declare_mathml(opf.read_text(encoding="utf-8"), outdir), "utf-8")
    builder.build_navigation_doc()
    builder.build_toc()
    ncx = outdir / "toc.ncx"
    ncx.write_text(
        ncx_fixed(ncx.read_text(encoding="utf-8"), app.config.epub_identifier),
        "utf-8",
    )
    builder.build_epub()


def setup_epub(app: Any) -> None:
    """Fill the ``epub_*`` settings; MathML, unfolded blocks, a valid package."""
    app.connect("config-inited", _config_inited, priority=150)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("env-updated", _env_updated)
    app.add_post_transform(UnfoldForEpub)
    app.connect("build-finished", repack, priority=900)  # after every copy
