"""The web modules' post-build steps, on small synthetic sites.

Under test: :mod:`sphinx_nnbook.web.assets` (bundling of style sheets and
scripts), :mod:`sphinx_nnbook.web.sitecheck` (third-party loads, bad alt text),
:mod:`sphinx_nnbook.web.math` (KaTeX configuration and the server's start-up)
and the template filters of :mod:`sphinx_nnbook.web.a11y`. The same steps in a
real (tiny) Sphinx build are in ``test_sphinx_web.py``; the built book itself
is checked in a browser by ``tests/browser``.
"""

import os
import re
import signal
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ConfigError, ExtensionError

from sphinx_nnbook import patches
from sphinx_nnbook.web import a11y, assets, math, sitecheck

# What a bundle is called: "nnbook-bundle-", 16 hex digits of its hash.
BUNDLE = re.compile(r"nnbook-bundle-[0-9a-f]{16}\.(?:css|js)")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------
# Bundles
# --------------------------------------------------------------------------


HEAD = """\
<html><head>
<link rel="stylesheet" type="text/css" href="{up}_static/a.css?v=1" />
<link rel="stylesheet" type="text/css" href="{up}_static/sub/b.css?v=2" />
<script src="{up}_static/x.js?v=3"></script>
<script src="{up}_static/y.js"></script>
<script defer src="{up}_static/z.js"></script>
<script src="{up}_static/w.js"></script>
</head><body><p>text</p></body></html>
"""


@pytest.fixture
def site(tmp_path):
    write(tmp_path / "_static/a.css", '@charset "utf-8";\n.a{color:red}')
    write(tmp_path / "_static/sub/b.css", ".b{background:url(img.png)}")
    write(tmp_path / "_static/x.js", '"use strict";\nvar x = 1')
    write(tmp_path / "_static/y.js", "var y = 2")
    write(tmp_path / "_static/z.js", "")
    write(tmp_path / "_static/w.js", "")
    write(tmp_path / "index.html", HEAD.format(up=""))
    write(tmp_path / "chapters/one.html", HEAD.format(up="../"))
    return tmp_path


def loaded(page: Path, kind: str) -> list[str]:
    tag = 'href="' if kind == "css" else 'src="'
    return [
        part.split('"', 1)[0]
        for part in page.read_text().split(tag)[1:]
        if part.split('"', 1)[0].endswith(f".{kind}")
    ]


def test_bundler_joins_runs_of_plain_tags(site):
    bundler = assets.Bundler(site, {})
    for page in (site / "index.html", site / "chapters/one.html"):
        bundler.page(page)
    assert len(bundler.bundles) == 2  # the pages share their bundles
    [css] = loaded(site / "index.html", "css")
    js = loaded(site / "index.html", "js")
    assert BUNDLE.fullmatch(css.removeprefix("_static/"))
    # A script with an attribute ends a run, and is not bundled.
    assert js[1:] == ["_static/z.js", "_static/w.js"]
    assert bundler.bundles[js[0].removeprefix("_static/")] == ["x.js", "y.js"]
    assert loaded(site / "chapters/one.html", "css") == [f"../{css}"]
    text = (site / css).read_text()
    assert ".a{color:red}" in text
    assert "@charset" not in text
    assert "url(sub/img.png)" in text  # relative to _static/ now
    script = (site / js[0]).read_text()
    assert script.startswith("void 0;\n")  # "use strict" is no directive
    assert script.index("var x") < script.index("var y")
    # The scripts moved, in order, from the head to the end of the body.
    head, body = (site / "index.html").read_text().split("</head>")
    assert "<script" not in head
    assert body.index("<p>text</p>") < body.index(js[0]) < body.index("z.js")
    assert body.index("z.js") < body.index("w.js") < body.index("</body>")


def test_bundle_name_changes_with_contents(site):
    bundler = assets.Bundler(site, {})
    bundler.page(site / "index.html")
    before = dict(bundler.bundles)
    write(site / "_static/a.css", ".a{color:blue}")
    # A new build: index.html is rewritten, chapters/one.html is not (it
    # still loads the bundle of the previous build).
    write(site / "index.html", HEAD.format(up=""))
    bundler.page(site / "chapters/one.html")
    after = assets.Bundler(site, before)
    for page in (site / "index.html", site / "chapters/one.html"):
        after.page(page)
    after.remove_unused()
    [old_css] = [name for name in before if name.endswith(".css")]
    [new_css] = [name for name in after.bundles if name.endswith(".css")]
    assert new_css != old_css
    assert not (site / "_static" / old_css).exists()
    assert "color:blue" in (site / "_static" / new_css).read_text()
    assert loaded(site / "chapters/one.html", "css") == [f"../_static/{new_css}"]
    assert loaded(site / "index.html", "css") == [f"_static/{new_css}"]
    # The scripts did not change: same bundle, kept.
    assert {n for n in before if n.endswith(".js")} == {
        n for n in after.bundles if n.endswith(".js")
    }
    assert sorted(p.name for p in (site / "_static").glob("nnbook-bundle-*")) == sorted(
        after.bundles
    )


def test_bundler_joins_theme_tags_and_inlines_imports(tmp_path):
    write(tmp_path / "_static/basic.css", ".basic{background:url(file.png)}")
    write(tmp_path / "_static/styles/theme.css", '@import "../basic.css";\n')
    write(
        tmp_path / "_static/styles/pydata.css",
        ".p{background:url(../vendor/x.woff2)}\n/*# sourceMappingURL=pydata.css.map */",
    )
    page = write(
        tmp_path / "chapters/one.html",
        """\
        <html><head>
        <link href="../_static/styles/theme.css?digest=1" rel="stylesheet" />
        <link href="../_static/styles/pydata.css?digest=1" rel="stylesheet" />
        </head><body></body></html>
        """,
    )
    bundler = assets.Bundler(tmp_path, {})
    bundler.page(page)
    [css] = loaded(page, "css")
    assert bundler.bundles[css.removeprefix("../_static/")] == [
        "styles/theme.css",
        "styles/pydata.css",
    ]
    text = (tmp_path / "chapters" / css).read_text()
    assert "@import" not in text
    assert "sourceMappingURL" not in text
    # Each file's url() relative to _static/, the imported one's too.
    assert text.index(".basic{background:url(file.png)}") < text.index(".p{")
    assert "url(styles/../vendor/x.woff2)" in text


def test_bundler_leaves_single_tags_and_missing_files_alone(tmp_path):
    write(tmp_path / "_static/a.css", ".a{}")
    page = write(
        tmp_path / "index.html",
        """\
        <head>
        <link rel="stylesheet" type="text/css" href="_static/a.css?v=1" />
        <script src="_static/x.js"></script>
        <script src="_static/missing.js"></script>
        </head>
        """,
    )
    write(tmp_path / "_static/x.js", "")
    original = page.read_text()
    bundler = assets.Bundler(tmp_path, {})
    bundler.page(page)
    assert page.read_text() == original
    assert bundler.bundles == {}


def test_remove_unused_deletes_only_bundles(site):
    old = write(site / "_static/nnbook-0123456789ab.css", "")  # older naming
    stale = write(site / "_static/nnbook-bundle-0123456789abcdef.js", "")
    keep = [site / "_static/a.css", write(site / "_static/nnbook-math.css", "")]
    bundler = assets.Bundler(site, {old.name: ["a.css", "sub/b.css"]})
    bundler.page(site / "index.html")
    bundler.remove_unused()
    assert not old.exists()
    assert not stale.exists()
    assert all(path.exists() for path in keep)
    assert all((site / "_static" / name).exists() for name in bundler.bundles)


# --------------------------------------------------------------------------
# site_problems
# --------------------------------------------------------------------------


def test_site_problems_finds_third_party_loads_and_bad_alt_text(tmp_path):
    write(
        tmp_path / "index.html",
        """\
        <head>
        <script src="https://cdn.example.org/x.js"></script>
        <link rel="stylesheet" href="//fonts.example.org/f.css">
        <script src="_static/local.js"></script>
        <link rel="canonical" href="https://book.example.org/">
        </head>
        <body>
        <a href="https://example.org/">a link is fine</a>
        <img src="_images/ok.png" alt="A sigmoid curve">
        <img src="_images/decorative.png" alt="">
        <img src="_images/none.png">
        <img src="_images/repr.png" alt="&lt;Figure size 640x480 with 1 Axes&gt;">
        <img src="data:image/png;base64,AAAA" alt="inline">
        <img src="x.png" srcset="https://img.example.org/a.png 2x" alt="x">
        </body>
        """,
    )
    write(tmp_path / "_static/fragment.html", '<img src="x.png">')
    write(
        tmp_path / "_static/style.css",
        "@import 'https://example.org/a.css';"
        ".a{background:url(img.png)}.b{background:url('https://example.org/b.png')}",
    )
    problems = sitecheck.site_problems(tmp_path)
    assert problems == [
        ("index.html", "loads a third-party resource: https://cdn.example.org/x.js"),
        ("index.html", "loads a third-party resource: //fonts.example.org/f.css"),
        ("index.html", "loads a third-party resource: https://img.example.org/a.png"),
        ("index.html", "<img src='_images/none.png'> has no alt text"),
        (
            "index.html",
            "<img src='_images/repr.png'> has Matplotlib's repr "
            "'<Figure size 640x480 with 1 Axes>' as alt text: describe the figure "
            "(cell metadata mystnb: image: alt:)",
        ),
        (
            "_static/style.css",
            "loads a third-party resource: https://example.org/a.css",
        ),
        (
            "_static/style.css",
            "loads a third-party resource: https://example.org/b.png",
        ),
    ]


def test_site_problems_is_quiet_for_a_clean_site(tmp_path):
    write(
        tmp_path / "index.html",
        '<script src="_static/a.js"></script><img src="a.png" alt="A plot">',
    )
    write(tmp_path / "_static/a.css", ".a{background:url(data:image/png;base64,AA)}")
    assert sitecheck.site_problems(tmp_path) == []


# --------------------------------------------------------------------------
# KaTeX
# --------------------------------------------------------------------------


def test_katex_patch_sets_html_and_mathml(monkeypatch):
    katex = pytest.importorskip("sphinxcontrib.katex")
    monkeypatch.setattr(katex, "KATEX_DEFAULT_OPTIONS", {"output": "html"})
    monkeypatch.setattr(
        katex.KaTeXServer,
        "start_server_process",
        katex.KaTeXServer.__dict__["start_server_process"],
    )
    patches.apply("sphinxcontrib-katex")
    assert katex.KATEX_DEFAULT_OPTIONS["output"] == "htmlAndMathml"
    assert katex.KaTeXServer.start_server_process.__func__ is math.start_katex_server


KATEX = Path(__file__).resolve().parents[2] / "node_modules/katex/dist/katex.min.js"


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status  # a zombie: ended, not yet reaped


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's parent-death signal")
@pytest.mark.skipif(not KATEX.is_file(), reason="no KaTeX: run `npm ci`")
def test_katex_server_stops_when_its_process_ends_without_cleanup(
    tmp_path, monkeypatch
):
    # A forked Sphinx worker leaves through os._exit, skipping the atexit
    # hook that stops the server: the server must stop all the same.
    katex = pytest.importorskip("sphinxcontrib.katex")
    monkeypatch.setattr(katex.KaTeXServer, "katex_path", KATEX)
    read, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked child
        try:
            process, _sock = math.start_katex_server(
                katex.KaTeXServer, tmp_path, timeout=30.0
            )
            os.write(write_end, str(process.pid).encode())
        finally:
            os._exit(0)  # no atexit hooks, as a forked worker ends
    os.close(write_end)
    with os.fdopen(read) as pipe:
        server = int(pipe.read() or 0)
    os.waitpid(child, 0)
    assert server, "the child could not start the KaTeX server"
    deadline = time.monotonic() + 10
    while not _gone(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = not _gone(server)
    if alive:
        os.kill(server, signal.SIGKILL)
    assert not alive, "the KaTeX server outlived the process that started it"


def test_missing_katex_stops_the_build_and_says_npm_ci(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.nnbook]\n")
    js = write(tmp_path / "katex.min.js", "")
    app = SimpleNamespace(confdir=str(tmp_path / "conf"))

    def config(path):
        return SimpleNamespace(
            katex_prerender=True, katex_js_path=str(path), html_baseurl=""
        )

    math._config_inited(app, config(js))  # present: nothing to say
    with pytest.raises(ConfigError, match=f"npm ci.*in {tmp_path}"):
        math._config_inited(app, config(tmp_path / "no"))


FACE = (
    "@font-face{{font-family:KaTeX_{0};src:url(fonts/KaTeX_{0}.woff2) "
    'format("woff2"),url(fonts/KaTeX_{0}.woff) format("woff"),'
    'url(fonts/KaTeX_{0}.ttf) format("truetype")}}'
)


def test_katex_css_keeps_only_the_woff2_fonts():
    css = FACE.format("Main") + FACE.format("Math") + ".katex{font:1em KaTeX_Main}"
    assert math.woff2_only(css) == (
        "@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main.woff2) "
        'format("woff2")}@font-face{font-family:KaTeX_Math;src:url(fonts/'
        'KaTeX_Math.woff2) format("woff2")}.katex{font:1em KaTeX_Main}'
    )


@pytest.mark.parametrize(
    "css",
    [
        ".katex{}",  # no font at all
        "@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main.woff) "
        'format("woff")}',  # no woff2 source
        "@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main.otf)}",
    ],
)
def test_katex_css_written_differently_stops_the_build(css):
    with pytest.raises(ExtensionError, match=r"woff2_only: expected KaTeX's"):
        math.woff2_only(css)


def test_katex_assets_are_copied_woff2_only(tmp_path):
    dist = tmp_path / "dist"
    write(dist / "katex.min.css", FACE.format("Main") + FACE.format("Size1"))
    for name in ("Main", "Size1"):
        for suffix in ("woff2", "woff", "ttf"):
            write(dist / "fonts" / f"KaTeX_{name}.{suffix}", suffix)
    static = tmp_path / "_static"
    fonts = math.copy_katex_assets(dist, static)
    assert fonts == ["KaTeX_Main.woff2", "KaTeX_Size1.woff2"]
    copied = sorted(p.name for p in (static / "katex" / "fonts").iterdir())
    assert copied == fonts
    css = (static / "katex" / "katex.min.css").read_text()
    assert ".woff)" not in css
    assert ".ttf)" not in css


def test_link_previews_take_the_book_address():
    from sphinx_nnbook import metadata

    sample = Path(__file__).parent / "roots" / "pyproject.toml"
    config = SimpleNamespace(ogp_site_url="", book_pyproject=str(sample))
    metadata._config_inited(SimpleNamespace(confdir="."), config)
    assert config.ogp_site_url == "https://books.example.org/sample/"
    assert config.html_baseurl == config.ogp_site_url


def test_katex_server_that_dies_fails_at_once_with_its_errors(tmp_path):
    katex = pytest.importorskip("sphinxcontrib.katex")
    script = (
        "import sys; sys.stderr.write('Error: Cannot find module katex'); sys.exit(3)"
    )
    server = SimpleNamespace(
        build_command=lambda socket: [sys.executable, "-c", script],
        timeout_error=lambda timeout: AssertionError("timed out"),
    )
    with pytest.raises(katex.KaTeXError, match=r"status 3.*\n.*Cannot find module"):
        math.start_katex_server(server, tmp_path, timeout=20)


# --------------------------------------------------------------------------
# Accessibility fixes and template filters
# --------------------------------------------------------------------------


def test_fix_markup_gives_citations_a_list_role_and_formulas_focus():
    body = (
        '<div role="doc-biblioentry">x</div>'
        '<span class="katex-display">a</span>'
        '<span class="katex-display" tabindex="0">b</span>'
        '<span class="katex">c</span>'
    )
    assert a11y.fix_markup(body) == (
        '<div role="listitem">x</div>'
        '<span class="katex-display" tabindex="0">a</span>'
        '<span class="katex-display" tabindex="0">b</span>'
        '<span class="katex">c</span>'
    )


def test_fix_markup_turns_sphinx_exercise_ids_into_classes():
    body = (
        '<section id="exercise-content"><p>Q1</p></section>'
        '<section id="solution-content"><p>A1</p></section>'
        '<section id="exercise-content"><p>Q2</p></section>'
        '<section id="other">x</section>'
    )
    assert a11y.fix_markup(body) == (
        '<section class="exercise-content"><p>Q1</p></section>'
        '<section class="solution-content"><p>A1</p></section>'
        '<section class="exercise-content"><p>Q2</p></section>'
        '<section id="other">x</section>'
    )


def test_fix_markup_moves_nested_lists_into_the_item_before():
    body = (
        "<ul><li>a</li>\n<ul><li>a.b</li>\n<ul><li>a.b.c</li></ul>\n</ul>\n"
        "<li>d</li></ul>"
    )
    assert a11y.fix_markup(body) == (
        "<ul><li>a\n<ul><li>a.b\n<ul><li>a.b.c</li></ul></li>\n</ul></li>\n"
        "<li>d</li></ul>"
    )


def test_filters_drop_fontawesome_and_search_scripts_only():
    head = (
        '<script src="_static/scripts/fontawesome.js?digest=1"></script>\n'
        '<script src="_static/searchtools.js"></script>\n'
        '<script src="_static/language_data.js"></script>\n'
        '<script src="searchindex.js" defer></script>\n'
        '<script src="_static/doctools.js"></script>'
    )
    kept = a11y.drop_search_scripts(a11y.drop_fontawesome_script(head))
    assert kept.strip() == '<script src="_static/doctools.js"></script>'


def test_a_list_directly_inside_a_list_moves_into_the_item_before_it():
    from sphinx_nnbook.web.a11y import nest_lists

    viewcode = (
        '<ul><li><a href="a.html">pkg.a</a></li>\n'
        '<ul><li><a href="a/b.html">pkg.a.b</a></li>\n</ul>'
        '<li><a href="c.html">pkg.c</a></li>\n</ul>'
    )
    assert nest_lists(viewcode) == (
        '<ul><li><a href="a.html">pkg.a</a>\n'
        '<ul><li><a href="a/b.html">pkg.a.b</a></li>\n</ul></li>'
        '<li><a href="c.html">pkg.c</a></li>\n</ul>'
    )
    valid = '<ul class="x"><li>a<ul><li>b</li></ul></li><li>c</li></ul>'
    assert nest_lists(valid) == valid
