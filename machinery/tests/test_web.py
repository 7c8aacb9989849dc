"""The web extension's post-build steps, on small synthetic sites.

The extension under test is ``conf/_ext/nnbook_web.py``: the CSS purge, the
bundling of style sheets and scripts, the scan for third-party loads and bad
alt text, and the KaTeX server's start-up. The built book itself is checked in
a browser by ``tests/browser``.
"""

import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import nnbook_web as web  # noqa: E402


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def selectors(css: str) -> list[str]:
    """The selectors of the style rules of ``css``, at any depth."""
    found = []
    for prelude, body in web._css_blocks(css):
        if body is None:
            continue
        if prelude.strip().startswith("@"):
            found += selectors(body) if "{" in body else []
        else:
            found += [s.strip() for s in web._split_selectors(prelude)]
    return found


# --------------------------------------------------------------------------
# _css_blocks
# --------------------------------------------------------------------------


def test_css_blocks_splits_rules_statements_and_nested_blocks():
    css = (
        '@charset "utf-8";@import url("a.css");'
        "a{color:red}"
        "@media (min-width:1px){.b{x:1}.c{y:2}}"
        "@font-face{font-family:F;src:url(f.woff2)}"
    )
    assert web._css_blocks(css) == [
        ('@charset "utf-8";', None),
        ('@import url("a.css");', None),
        ("a", "color:red"),
        ("@media (min-width:1px)", ".b{x:1}.c{y:2}"),
        ("@font-face", "font-family:F;src:url(f.woff2)"),
    ]


def test_css_blocks_ignores_braces_in_strings_and_comments():
    css = "/* { not a block } */a::before{content:\"}{\"}b{content:'\\'}'}"
    blocks = web._css_blocks(css)
    assert [body for _, body in blocks] == ['content:"}{"', "content:'\\'}'"]
    assert blocks[0][0].endswith("a::before")
    assert blocks[1][0] == "b"


def test_css_blocks_keeps_a_trailing_fragment():
    assert web._css_blocks("a{x:1}  ") == [("a", "x:1")]
    assert web._css_blocks("a{x:1} b") == [("a", "x:1"), (" b", None)]


# --------------------------------------------------------------------------
# _purge
# --------------------------------------------------------------------------


USED = {"used", "also", "py", "pst-squeeze", "bd-sidebar-primary", "fa"}


def test_purge_drops_a_rule_whose_class_is_unused():
    css = ".used{a:1}.unused{b:2}.used .unused{c:3}div{d:4}"
    assert web._purge(css, USED) == ".used{a:1}div{d:4}"


def test_purge_keeps_the_used_selectors_of_a_list():
    assert web._purge(".unused,.used>p,.gone{a:1}", USED) == ".used>p{a:1}"


@pytest.mark.parametrize(
    "selector",
    [
        "dl[class]:not(.option-list,.field-list,.footnote,.glossary,.simple) dd",
        "html[data-theme=dark] img:not(.only-dark,.dark-light)",
        ".bd-sidebar-primary:not(.pst-squeeze) .used:not(.pst-sidebar-collapse)",
        ":not(.btn-check)+p",
        "p:not(:is(.gone, .unused))",
        "p:not(.a:not(.b))",  # nested parentheses
        ":is(.fas,.far,.fa)::before",  # one alternative is enough
        ":where(.used, .gone) p",
        ":is(.gone, :where(.also)) p",
        "p:has(> .used)",
        "li:nth-child(2n of .gone)",
        'a[href$=".pdf"]',  # the dot of an attribute value is no class
        "/* .gone */ .used",
        ".sm\\:flex",  # escaped: kept
    ],
)
def test_purge_keeps_a_selector_that_can_match(selector):
    css = f"{selector}{{a:1}}"
    assert web._purge(css, USED) == css


@pytest.mark.parametrize(
    "selector",
    [
        ":is(.gone, .unused) p",
        ":where(.used .gone)",
        "p:has(> .gone)",
        ".used:not(.also) .gone",
        ":is(.gone, :where(.unused)) p",
    ],
)
def test_purge_drops_a_selector_that_cannot_match(selector):
    assert web._purge(f"{selector}{{a:1}}", USED) == ""


def test_purge_recurses_into_conditional_group_rules():
    css = (
        "@media (min-width:960px){.used{a:1}.gone{b:2}}"
        "@media print{.gone{c:3}}"
        "@supports (display:grid){@media screen{.used,.gone{d:4}}}"
    )
    assert web._purge(css, USED) == (
        "@media (min-width:960px){.used{a:1}}"
        "@supports (display:grid){@media screen{.used{d:4}}}"
    )


def test_purge_keeps_other_at_rules_whole():
    css = (
        '@charset "utf-8";'
        "@font-face{font-family:F;src:url(f.woff2)}"
        "@keyframes spin{from{transform:none}50%{x:1}to{transform:rotate(1turn)}}"
        "@page{margin:1cm}"
        ".gone{animation:spin 1s}"
    )
    assert web._purge(css, USED) == css.removesuffix(".gone{animation:spin 1s}")


def test_purge_css_counts_the_words_of_pages_and_scripts(tmp_path):
    write(tmp_path / "index.html", '<p class="from-page">x</p>')
    write(tmp_path / "_static/app.js", 'el.classList.add("from-script")')
    write(tmp_path / "_static/fontawesome.js", '"ignored-word"')
    write(
        tmp_path / "_static/nnbook-bundle-0123456789abcdef.js",
        '"bundled-word"',
    )
    css = write(
        tmp_path / "_static/theme.css",
        ".from-page{a:1}.from-script{b:2}.ignored-word{c:3}.bundled-word{d:4}",
    )
    web.purge_css(tmp_path, ("_static/theme.css", "_static/missing.css"))
    assert selectors(css.read_text()) == [".from-page", ".from-script"]


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
    bundler = web.Bundler(site, {})
    for page in (site / "index.html", site / "chapters/one.html"):
        bundler.page(page)
    assert len(bundler.bundles) == 2  # the pages share their bundles
    [css] = loaded(site / "index.html", "css")
    js = loaded(site / "index.html", "js")
    assert web._BUNDLE_NAME.fullmatch(css.removeprefix("_static/"))
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
    assert "<body><p>text</p></body>" in (site / "index.html").read_text()


def test_bundle_name_changes_with_contents(site):
    bundler = web.Bundler(site, {})
    bundler.page(site / "index.html")
    before = dict(bundler.bundles)
    write(site / "_static/a.css", ".a{color:blue}")
    # A new build: index.html is rewritten, chapters/one.html is not (it
    # still loads the bundle of the previous build).
    write(site / "index.html", HEAD.format(up=""))
    bundler.page(site / "chapters/one.html")
    after = web.Bundler(site, before)
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
    bundler = web.Bundler(tmp_path, {})
    bundler.page(page)
    assert page.read_text() == original
    assert bundler.bundles == {}


def test_remove_unused_deletes_only_bundles(site):
    old = write(site / "_static/nnbook-0123456789ab.css", "")  # older naming
    stale = write(site / "_static/nnbook-bundle-0123456789abcdef.js", "")
    keep = [site / "_static/a.css", write(site / "_static/nnbook-math.css", "")]
    bundler = web.Bundler(site, {old.name: ["a.css", "sub/b.css"]})
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
    problems = web.site_problems(tmp_path)
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
    assert web.site_problems(tmp_path) == []


# --------------------------------------------------------------------------
# KaTeX
# --------------------------------------------------------------------------


def test_katex_is_configured_for_mathml_only(tmp_path, monkeypatch):
    katex = pytest.importorskip("sphinxcontrib.katex")
    monkeypatch.setattr(katex, "KATEX_DEFAULT_OPTIONS", {"output": "html"})
    monkeypatch.setattr(
        katex.KaTeXServer,
        "start_server_process",
        katex.KaTeXServer.__dict__["start_server_process"],
    )
    js = write(tmp_path / "katex.min.js", "")
    web._check_katex(SimpleNamespace(katex_prerender=True, katex_js_path=str(js)))
    assert katex.KATEX_DEFAULT_OPTIONS["output"] == "mathml"
    with pytest.raises(web.ConfigError, match="npm ci"):
        web._check_katex(
            SimpleNamespace(katex_prerender=True, katex_js_path=str(tmp_path / "no"))
        )


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
        web._start_katex_server(server, tmp_path, timeout=20)
