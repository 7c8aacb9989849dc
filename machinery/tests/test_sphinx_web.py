"""The web modules in real (tiny) builds: ``roots/test-web``, ``-math``, ``-purge``...

:mod:`sphinx_nnbook.web.sitecheck` warns about an image without alt text and
a third-party script; :mod:`~sphinx_nnbook.web.purge` removes the unused CSS (PurgeCSS);
:mod:`~sphinx_nnbook.web.assets` bundles each page's
style sheets and scripts; :mod:`~sphinx_nnbook.web.downloads` offers the
executed notebook; :mod:`~sphinx_nnbook.web.math` and
:mod:`~sphinx_nnbook.patches` typeset the math as KaTeX HTML and MathML at build
time, with KaTeX's CSS and fonts on pages with math only, and
:mod:`~sphinx_nnbook.web.a11y` lets the keyboard scroll a display formula;
:mod:`~sphinx_nnbook.web.sitemap` lists every page after an incremental build.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from sphinx_nnbook.web import assets, purge, standalone

# What a bundle is called: "nnbook-bundle-", 16 hex digits of its hash.
BUNDLE = re.compile(r"nnbook-bundle-[0-9a-f]{16}\.(?:css|js)")

REPO = Path(__file__).resolve().parents[2]
KATEX = REPO / "node_modules" / "katex" / "dist" / "katex.min.js"


def page(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def head(text: str) -> str:
    return text[: text.index("</head>")]


def style_sheets(app, name: str) -> list[str]:
    """The style sheets a page loads, below ``_static/``, bundles unpacked."""
    manifest = Path(app.doctreedir) / assets.BUNDLES
    bundles = json.loads(manifest.read_text()) if manifest.is_file() else {}
    sheets = []
    links = re.findall(r'href="(?:\.\./)*_static/([^"?]+\.css)', head(page(app, name)))
    for href in links:
        sheets += bundles.get(href, [href])
    return sheets


# --------------------------------------------------------------------------
# sitecheck
# --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="web")
def test_an_image_without_alt_text_and_a_foreign_script_are_warnings(app):
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"figure\.html: <img src='_static/plot\.png'> has no alt text "
        r"\[nnbook\.web\]",
        warnings,
    ), warnings
    assert warnings.count("has no alt text") == 1  # the described one is fine
    foreign = "loads a third-party resource: https://cdn.example.org/tracker.js"
    assert foreign in warnings
    assert "notebook.html" in warnings  # every page that loads it


# --------------------------------------------------------------------------
# assets
# --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="web")
def test_each_page_loads_one_bundle_of_style_sheets_and_of_scripts(app):
    app.build()
    index = head(page(app, "index.html"))
    css = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', index)
    [bundle_css] = css
    assert BUNDLE.fullmatch(bundle_css.removeprefix("_static/"))
    # The scripts left the head for the end of the body (none blocks a paint).
    assert not re.findall(r"<script\b(?![^>]*data-cfasync)", index)
    scripts = re.findall(r'<script src="([^"]+)"', page(app, "index.html"))
    assert scripts[-1] == "https://cdn.example.org/tracker.js"  # not ours: kept
    [bundle_js] = [s for s in scripts if "nnbook-bundle-" in s]
    assert not [s for s in scripts if s.endswith(("extra.js", "doctools.js"))]
    outdir = Path(app.outdir)
    text = (outdir / bundle_css).read_text()
    assert ".extra { color: navy; }" in text
    assert "/* basic.css */" in text
    script = (outdir / bundle_js).read_text()
    assert script.index("doctools.js") < script.index("var extra = 1;")
    # Every page shares the bundles; the list of them stays out of the site.
    assert bundle_css in head(page(app, "figure.html"))
    manifest = json.loads((Path(app.doctreedir) / assets.BUNDLES).read_text())
    assert {Path(bundle_css).name, Path(bundle_js).name} <= set(manifest)
    assert not list(outdir.rglob(assets.BUNDLES))


@pytest.mark.sphinx("html", testroot="web", srcdir="web-rebundle")
def test_a_changed_style_sheet_gets_a_new_bundle_and_the_old_one_goes(app, make_app):
    app.build()
    [old] = re.findall(r'href="(_static/nnbook-bundle-[^"]+)"', page(app, "index.html"))
    css = Path(app.srcdir) / "_static" / "extra.css"
    css.write_text(".extra { color: teal; }\n")
    later = css.stat().st_mtime + 10
    os.utime(css, (later, later))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    [new] = re.findall(r'href="(_static/nnbook-bundle-[^"]+)"', page(app, "index.html"))
    assert new != old
    assert not (Path(app.outdir) / old).exists()
    assert "color: teal" in (Path(app.outdir) / new).read_text()
    # figure.html was not rewritten by this build, yet loads the new bundle.
    assert new in page(app, "figure.html")


@pytest.mark.sphinx("html", testroot="purge", freshenv=True)
def test_purgecss_drops_the_rules_no_page_uses_and_keeps_its_result(app, make_app):
    import sphinx_design

    original = Path(sphinx_design.__file__).parent / "static" / "sphinx-design.min.css"
    app.build()
    assert app.warning.getvalue() == ""
    purged = Path(app.outdir) / "_static" / "sphinx-design.min.css"
    css = purged.read_text()
    assert len(css) < len(original.read_text()) / 2
    assert ".sd-dropdown" in css  # the page has a dropdown
    assert ".sd-card-hover" not in css  # and no card
    cache = Path(app.doctreedir) / purge.CACHE
    assert len(list(cache.iterdir())) == 1
    # No-op rebuilds: Sphinx copies the original style sheet again, and the
    # purged one comes back. (The first of them purges once more: its pages
    # are the bundled ones, which the key sees as new content.)
    for _ in range(2):
        make_app("html", srcdir=app.srcdir).build()
        assert purged.read_text() == css
        kept = list(cache.iterdir())
        assert len(kept) == 1
    make_app("html", srcdir=app.srcdir).build()
    assert list(cache.iterdir()) == kept  # reused, not purged again
    assert purged.read_text() == css


# --------------------------------------------------------------------------
# downloads
# --------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="web")
def test_the_executed_notebook_is_offered_next_to_the_source(app):
    app.build()
    sources = Path(app.outdir) / "_sources"
    notebook = nbformat.read(sources / "notebook.ipynb", as_version=4)
    setup, cell = [c for c in notebook.cells if c.cell_type == "code"]
    assert cell.source == 'print("hello")'
    assert not (sources / "figure.ipynb").exists()  # not a notebook
    # The download only: a setup cell that installs the book's exact version
    # (roots/pyproject.toml: samplebook 1.2.3).
    assert setup.metadata["tags"] == [standalone.SETUP_TAG]
    assert "%pip install --quiet samplebook==1.2.3" in setup.source
    assert "samplebook==" not in page(app, "notebook.html")


def test_a_download_that_imports_the_machinery_fails_the_build(
    make_app, rootdir, tmp_path
):
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-web", srcdir)
    chapter = (srcdir / "notebook.md").read_text(encoding="utf-8")
    extra = "```{code-cell} ipython3\nfrom sphinx_nnbook.web import assets\n```\n"
    (srcdir / "notebook.md").write_text(chapter + "\n" + extra, encoding="utf-8")
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"book_pyproject": str(rootdir / "pyproject.toml")},
    )
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"notebook(\.md)?: WARNING: the downloadable notebook's cell 4 imports"
        r" sphinx_nnbook",
        warnings,
    ), warnings


@pytest.mark.sphinx("html", testroot="web", freshenv=True)
def test_two_builds_offer_byte_identical_notebooks(app, make_app):
    app.build()
    download = Path(app.outdir) / "_sources" / "notebook.ipynb"
    first = download.read_bytes()
    # A fresh environment reads the MyST file again: new random cell ids.
    make_app("html", srcdir=app.srcdir, freshenv=True).build(force_all=True)
    assert download.read_bytes() == first
    notebook = nbformat.reads(first.decode(), as_version=4)
    nbformat.validate(notebook)  # ids of the allowed form
    ids = [cell.id for cell in notebook.cells]
    assert len(set(ids)) == len(ids)


@pytest.mark.sphinx("html", testroot="web", freshenv=True)
def test_the_notebook_page_names_its_download(app):
    offered = {}

    def record(app, pagename, templatename, context, doctree):
        offered[pagename] = context.get("ipynb_source")

    app.connect("html-page-context", record, priority=900)
    app.build(force_all=True)
    assert offered["notebook"] == "notebook.ipynb"  # sphinx-book-theme's button
    assert offered["figure"] is None


# --------------------------------------------------------------------------
# math, its patch and the accessibility fix
# --------------------------------------------------------------------------


@pytest.fixture
def katex_server():
    """Stop the KaTeX server a build started, and close its pipes."""
    yield
    from sphinxcontrib.katex import KaTeXServer

    server, KaTeXServer.katex_server = KaTeXServer.katex_server, None
    if server is not None:
        server.terminate()
        atexit.unregister(KaTeXServer.terminate)  # done: not again at exit
        for pipe in (server.process.stdin, server.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.mark.skipif(not KATEX.is_file(), reason="no KaTeX: run `npm ci`")
@pytest.mark.sphinx(
    "html", testroot="math", confoverrides={"katex_js_path": str(KATEX)}
)
@pytest.mark.usefixtures("katex_server")
def test_math_is_katex_html_and_mathml_with_its_fonts_on_math_pages_only(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = page(app, "index.html")
    assert text.count("<math") == 5  # MathML for screen readers
    assert "<annotation" not in text  # no TeX copy: a lighter page
    assert text.count('class="katex-html"') == 5  # HTML for the eye
    # Punctuation after inline math stays on the formula's line, in one
    # span with it: the three formulas followed by ",", ";" and ":".
    kept = re.findall(
        r'<span class="nnbook-nowrap">.*?</span></span>([,;:])</span>', text
    )
    assert kept == [",", ";", ":"], kept
    assert re.search(r'<span class="katex-display" tabindex="0"', text)
    assert "\\frac" not in re.sub(r"<annotation.*?</annotation>", "", text, flags=re.S)
    assert "katex.min.js" not in text  # no script: typeset already
    # KaTeX's CSS and the book's math CSS on the page with math, before the
    # rest; on the page without math, neither; sphinxcontrib-katex's on none.
    sheets = style_sheets(app, "index.html")
    assert sheets.index("katex/katex.min.css") < sheets.index("math.css")
    plain = style_sheets(app, "plain.html")
    assert plain, "the page without math has no style sheet at all"
    for name in ("katex/katex.min.css", "math.css", "katex-math.css"):
        assert name not in plain
    assert "katex-math.css" not in sheets
    # The fonts, woff2 only, beside the CSS that names them.
    static = Path(app.outdir) / "_static" / "katex"
    fonts = {path.suffix for path in (static / "fonts").iterdir()}
    assert fonts == {".woff2"}
    css = (static / "katex.min.css").read_text(encoding="utf-8")
    named = set(re.findall(r"url\(fonts/([^)]+)\)", css))
    assert named == {path.name for path in (static / "fonts").iterdir()}


@pytest.mark.sphinx(
    "html", testroot="math", confoverrides={"katex_js_path": "/nowhere/katex.js"}
)
def test_missing_katex_stops_the_build_before_reading(make_app, app_params):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match=r"KaTeX is missing.*npm ci"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx("html", testroot="web")
def test_the_template_filters_are_installed(app):
    filters = app.builder.templates.environment.filters
    assert {"drop_fontawesome_script", "drop_search_scripts"} <= set(filters)
    search = '<script src="searchindex.js"></script>'
    assert str(filters["drop_search_scripts"](search)) == ""


# --------------------------------------------------------------------------
# sitemap
# --------------------------------------------------------------------------


@pytest.mark.filterwarnings(  # sphinx-sitemap 2.9 itself reads env.app
    "ignore:'sphinx.environment.BuildEnvironment.app' is deprecated"
)
@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-incremental")
def test_the_sitemap_lists_every_page_after_an_incremental_build(app, make_app):
    app.build()
    one = Path(app.srcdir) / "one.md"
    one.write_text("# One\n\nNew text.\n")
    later = one.stat().st_mtime + 10
    os.utime(one, (later, later))
    again = make_app("html", srcdir=app.srcdir)
    again.build()
    assert "one" in again.env.all_docs
    sitemap = page(again, "sitemap.xml")
    base = "https://books.example.org/sample/"
    for name in ("index", "one", "two"):
        assert f"<loc>{base}{name}.html</loc>" in sitemap, sitemap
    assert "search.html" not in sitemap
