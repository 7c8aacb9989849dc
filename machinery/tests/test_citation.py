"""The book and its chapters are citable, from one source of metadata.

Covers :mod:`sphinx_nnbook.metadata` (loading, validation, CITATION.cff),
:mod:`sphinx_nnbook.citation` (BibTeX, APA, meta tags, the "Cite this" box,
the ``nnbook-citation`` command), the latter on ``roots/test-citation``, a
tiny book with two chapters and a ``pyproject.toml`` of its own.
"""

import copy
import json
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from sphinx_nnbook import citation, metadata, zenodo
from sphinx_nnbook.metadata import Author, MetadataError, load_metadata

ROOT = Path(__file__).resolve().parents[2]  # the book's repository
SAMPLE = Path(__file__).resolve().parent / "roots" / "test-citation"
PYPROJECT = ROOT / "pyproject.toml"
REAL = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
META = load_metadata(PYPROJECT)
BASE = "https://nnbook.github.io/nnbook/"


def unbrace(value: str) -> str:
    """A BibTeX field as text: no protecting braces, no escapes."""
    return re.sub(r"\\([&%$#_{}])", r"\1", value.replace("{", "").replace("}", ""))


def people_meta():
    """Metadata with two people (one with an ORCID) and a title to escape."""
    data = copy.deepcopy(REAL)
    data["project"]["authors"] = [{"name": "Ada Lovelace"}, {"name": "Jean-Paul Ng"}]
    data["tool"]["nnbook"]["book"]["author-details"] = {
        "Ada Lovelace": {
            "given-names": "Ada",
            "family-names": "Lovelace",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
        },
        "Jean-Paul Ng": {"given-names": "Jean-Paul", "family-names": "Ng"},
    }
    return metadata.metadata_from_toml(data)


# --------------------------------------------------------------------------
# The single source
# --------------------------------------------------------------------------


def test_version_is_the_package_version():
    import nnbook

    assert REAL["project"]["version"] == nnbook.__version__ == META.version


def test_the_real_metadata():
    assert META.title == "Neural Networks from the Ground Up"
    assert META.url == BASE
    assert [a.name for a in META.authors] == [
        a["name"] for a in REAL["project"]["authors"]
    ]
    assert META.license == REAL["project"]["license"]


def _broken(path: str, value):
    """The real pyproject data with the value at ``path`` replaced (or deleted)."""
    data = copy.deepcopy(REAL)
    *parents, last = path.split("/")
    table = data
    for key in parents:
        table = table[key]
    if value is None:
        del table[last]
    else:
        table[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("project/authors", [], "[project].authors"),
        ("project/authors", None, "[project].authors"),
        ("project/authors", [{"email": "a@b.c"}], "[project].authors[0].name"),
        ("project/version", "one point oh", "[project].version"),
        ("project/version", None, "[project].version"),
        ("project/license", None, "[project].license"),
        ("tool/nnbook/book/title", "  ", "[tool.nnbook.book].title"),
        ("tool/nnbook/book/url", "nnbook.github.io/nnbook/", "[tool.nnbook.book].url"),
        ("tool/nnbook/book/url", "https://nnbook.github.io/nnbook", "book].url"),
        ("tool/nnbook/book/url", "ftp://example.org/", "[tool.nnbook.book].url"),
        ("tool/nnbook/book/date-released", "2026-13-01", "book].date-released"),
        ("tool/nnbook/book/date-released", "25/11/2026", "book].date-released"),
        ("tool/nnbook/book/date-released", None, "book].date-released"),
        (
            "tool/nnbook/book/author-details",
            {"Nobody": {"given-names": "No", "family-names": "Body"}},
            "author-details",
        ),
        (
            "tool/nnbook/book/author-details",
            {"The nnbook authors": {"orcid": "0000-0002-1825-0097"}},
            "orcid",
        ),
        ("tool/nnbook/book", None, "[tool.nnbook.book]"),
        ("tool/nnbook/book/doi", "zenodo.1234567", "[tool.nnbook.book].doi"),
        ("tool/nnbook/book/doi", "https://doi.org/10.5281/zenodo.1", "book].doi"),
        ("tool/nnbook/book/doi", "10.5281/zen odo", "[tool.nnbook.book].doi"),
        ("tool/nnbook/book/doi", 105281, "[tool.nnbook.book].doi"),
    ],
)
def test_bad_metadata_names_the_field(path, value, field):
    with pytest.raises(MetadataError, match=re.escape(field)):
        metadata.metadata_from_toml(_broken(path, value))


def test_a_bad_doi_says_what_a_doi_looks_like():
    with pytest.raises(MetadataError) as caught:
        metadata.metadata_from_toml(_broken("tool/nnbook/book/doi", "doi:10.5281/z.1"))
    message = str(caught.value)
    assert "'doi:10.5281/z.1' is not a DOI" in message
    assert "10.5281/zenodo.1234567" in message  # an example of the form


def test_a_doi_reaches_every_citation():
    doi = "10.5281/zenodo.1234567"
    meta = metadata.metadata_from_toml(_broken("tool/nnbook/book/doi", doi))
    cff = yaml.safe_load(metadata.render_cff(meta))
    assert cff["doi"] == cff["preferred-citation"]["doi"] == doi
    _validate_cff(metadata.render_cff(meta))
    url = BASE + "chapters/x.html"
    field = re.compile(rf"^  doi +\= \{{{re.escape(doi)}\}},$", re.MULTILINE)
    assert field.search(citation.book_bibtex(meta))
    assert field.search(citation.chapter_bibtex(meta, "X", url, "k"))
    assert citation.book_apa(meta).endswith(f"https://doi.org/{doi}")
    assert ("citation_doi", doi) in citation.chapter_meta_tags(meta, "X", url)


def test_no_doi_no_doi_field():
    assert not META.doi  # the real book has none yet
    assert "doi" not in yaml.safe_load(metadata.render_cff(META))
    assert "doi" not in citation.book_bibtex(META)
    assert "doi.org" not in citation.book_apa(META)


def test_bad_metadata_stops_the_build(make_app, rootdir, tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        PYPROJECT.read_text(encoding="utf-8").replace(
            'version = "', 'version = "not-pep-440-', 1
        ),
        encoding="utf-8",
    )
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-citation", srcdir)
    with pytest.raises(MetadataError, match=re.escape("[project].version")):
        make_app(
            "html", srcdir=srcdir, confoverrides={"book_pyproject": str(pyproject)}
        )


# --------------------------------------------------------------------------
# CITATION.cff
# --------------------------------------------------------------------------


def _validate_cff(text: str) -> None:
    from cffconvert import Citation

    Citation(text).validate()  # raises on a schema violation


def test_citation_cff_is_valid():
    _validate_cff((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_up_to_date(capsys):
    committed = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == metadata.render_cff(META), (
        "CITATION.cff is stale: run `nox -s citation` (nnbook-citation write-cff)"
    )
    assert citation.main(["--root", str(ROOT), "check-cff"]) == 0
    assert "is up to date" in capsys.readouterr().out


CFFCONVERT = shutil.which(
    "cffconvert", path=Path(sys.executable).parent
) or shutil.which("cffconvert")


@pytest.mark.skipif(CFFCONVERT is None, reason="no cffconvert command")
def test_citation_cff_validates_on_the_command_line():
    import subprocess

    cli = CFFCONVERT
    done = subprocess.run(
        [cli, "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_citation_cff_with_people_and_orcid_is_valid():
    text = metadata.render_cff(people_meta())
    _validate_cff(text)
    assert text.startswith("# Generated from pyproject.toml")
    data = yaml.safe_load(text)
    ada = data["authors"][0]
    assert ada == {
        "given-names": "Ada",
        "family-names": "Lovelace",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
    }
    assert data["preferred-citation"]["authors"] == data["authors"]
    assert data["date-released"] == "2026-11-25"  # a string, not a YAML date


def test_cff_is_yaml_that_round_trips_awkward_text():
    data = copy.deepcopy(REAL)
    data["tool"]["nnbook"]["book"]["title"] = 'Nets: "from" #zero & yes'
    text = metadata.render_cff(metadata.metadata_from_toml(data))
    _validate_cff(text)
    assert yaml.safe_load(text)["title"] == 'Nets: "from" #zero & yes'


def test_check_cff_detects_drift(tmp_path, capsys):
    shutil.copyfile(PYPROJECT, tmp_path / "pyproject.toml")
    stale = tmp_path / "CITATION.cff"
    stale.write_text(metadata.render_cff(META).replace("0.", "9.", 1))
    root = ["--root", str(tmp_path)]
    assert citation.main([*root, "check-cff"]) == 1
    assert "nnbook-citation write-cff" in capsys.readouterr().err
    assert citation.main([*root, "write-cff"]) == 0
    assert citation.main([*root, "check-cff"]) == 0
    assert stale.read_text() == metadata.render_cff(META)


def test_zenodo_json_is_up_to_date_and_made_from_the_metadata():
    committed = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert committed == zenodo.zenodo_data(META), (
        ".zenodo.json is stale: run `nox -s citation` (nnbook-citation write-cff)"
    )
    assert committed["version"] == REAL["project"]["version"]
    people = zenodo.zenodo_data(people_meta())
    assert people["creators"] == [
        {"name": "Lovelace, Ada", "orcid": "0000-0002-1825-0097"},
        {"name": "Ng, Jean-Paul"},
    ]


def test_check_cff_detects_a_stale_zenodo_json(tmp_path, capsys):
    shutil.copyfile(PYPROJECT, tmp_path / "pyproject.toml")
    root = ["--root", str(tmp_path)]
    assert citation.main([*root, "write-cff"]) == 0
    assert citation.main([*root, "check-cff"]) == 0
    stale = tmp_path / ".zenodo.json"
    stale.write_text(stale.read_text().replace('"0.', '"9.', 1))
    capsys.readouterr()
    assert citation.main([*root, "check-cff"]) == 1
    assert ".zenodo.json is out of date" in capsys.readouterr().err


def test_citation_command_finds_the_book_from_the_working_directory(
    tmp_path, monkeypatch
):
    shutil.copyfile(PYPROJECT, tmp_path / "pyproject.toml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    assert citation.main(["write-cff"]) == 0
    assert (tmp_path / "CITATION.cff").read_text() == metadata.render_cff(META)


def test_citation_command_reports_bad_metadata(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.nnbook]\n[project]\n")
    assert citation.main(["--root", str(tmp_path), "write-cff"]) == 2
    assert "[tool.nnbook.book]: missing" in capsys.readouterr().err


# --------------------------------------------------------------------------
# BibTeX, APA, meta tags
# --------------------------------------------------------------------------


def _parse(bibtex: str):
    from pybtex.database import parse_string

    entries = parse_string(bibtex, "bibtex").entries
    assert len(entries) == 1
    return next(iter(entries.items()))


def test_chapter_bibtex_fields():
    url = BASE + "chapters/neural-network-basics.html"
    key, entry = _parse(
        citation.chapter_bibtex(META, "Neural network basics", url, "nnbook:nn")
    )
    assert key == "nnbook:nn"
    assert entry.type == "incollection"
    assert entry.fields["title"] == "Neural network basics"
    assert unbrace(entry.fields["booktitle"]) == META.title
    assert entry.fields["year"] == str(META.date.year)
    assert entry.fields["url"] == url
    assert META.version in entry.fields["note"]
    assert entry.fields["publisher"] == "The nnbook authors"
    # An organisation is one name, not "authors, The nnbook".
    (author,) = entry.persons["author"]
    assert str(author) == "{The nnbook authors}"


def test_bibtex_people_and_special_characters():
    meta = people_meta()
    title = "Training with PyTorch & NumPy: 100% of_it"
    _, entry = _parse(citation.chapter_bibtex(meta, title, BASE + "x.html", "k"))
    assert unbrace(entry.fields["title"]) == title
    assert "{PyTorch}" in entry.fields["title"]
    assert [str(p) for p in entry.persons["author"]] == [
        "Lovelace, Ada",
        "Ng, Jean-Paul",
    ]


def test_book_bibtex_fields():
    key, entry = _parse(citation.book_bibtex(META))
    assert (key, entry.type) == ("nnbook", "book")
    assert unbrace(entry.fields["title"]) == META.title
    assert entry.fields["url"] == BASE


APA = re.compile(
    r"^(?P<authors>.+)\. \((?P<year>\d{4})\)\. (?:(?P<chapter>.+?)[.?!] In )?"
    r"(?P<book>.+?) \(Version (?P<version>[^)]+)\)\. (?:(?P<publisher>.+?)\. )?"
    r"(?P<url>https://\S+)$"
)


def test_apa_chapter():
    url = BASE + "chapters/neural-network-basics.html"
    apa = citation.chapter_apa(META, "Neural network basics", url)
    assert apa == (
        "The nnbook authors. (2026). Neural network basics. In Neural Networks from"
        f" the Ground Up (Version {META.version}). {url}"
    )
    match = APA.match(apa)
    assert match
    assert match["url"] == url
    assert match["book"] == META.title
    assert match["chapter"] == "Neural network basics"
    assert match["version"] == META.version


def test_apa_book_and_people():
    assert APA.match(citation.book_apa(META))["url"] == BASE
    meta = people_meta()
    apa = citation.book_apa(meta)
    assert apa.startswith("Lovelace, A., & Ng, J.-P. (2026). Neural Networks")


def test_meta_tags():
    url = BASE + "chapters/x.html"
    tags = citation.chapter_meta_tags(people_meta(), 'A "quoted" <title>', url)
    names = [n for n, _ in tags]
    assert names.count("citation_author") == 2
    assert ("citation_author", "Lovelace, Ada") in tags
    assert ("citation_publication_date", "2026/11/25") in tags
    assert ("citation_inbook_title", META.title) in tags
    assert ("citation_public_url", url) in tags
    html = citation.render_meta_tags(tags)
    assert 'content="A &quot;quoted&quot; &lt;title&gt;"' in html


def test_author_is_person():
    assert Author("Ada Lovelace", "Ada", "Lovelace").is_person
    assert not Author("The nnbook authors").is_person


# --------------------------------------------------------------------------
# A tiny book (roots/test-citation), built with the extension
# --------------------------------------------------------------------------

SAMPLE_META = load_metadata(SAMPLE / "pyproject.toml")
SAMPLE_BASE = SAMPLE_META.url


@pytest.fixture(scope="module")
def site(make_app_module):
    """The tiny book, built once (nitpicky) for the tests that read it."""
    app = make_app_module()
    app.build()
    assert app.warning.getvalue() == ""
    return Path(app.outdir)


@pytest.fixture(scope="module")
def make_app_module(rootdir, tmp_path_factory):
    """``make_app`` for a module-wide copy of ``roots/test-citation``."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("citation") / "book"
    shutil.copytree(rootdir / "test-citation", srcdir)
    apps = []

    def make():
        app = SphinxTestApp("html", srcdir=srcdir)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.cleanup()


def _scan(path: Path) -> citation._PageScanner:
    scan = citation._PageScanner()
    scan.feed(path.read_text(encoding="utf-8"))
    return scan


@pytest.mark.parametrize(
    ("page", "title"),
    [("first-steps", "First steps"), ("pytorch-and-more", "PyTorch & more")],
)
def test_every_chapter_has_box_and_tags(site, page, title):
    path = site / "chapters" / f"{page}.html"
    url = f"{SAMPLE_BASE}chapters/{page}.html"
    scan = _scan(path)
    assert scan.canonical == url
    assert scan.box_title.strip() == "Cite this chapter"
    bibtex, apa = scan.blocks
    key, entry = _parse(bibtex)
    assert key == f"citable:{page}"
    assert entry.type == "incollection"
    assert unbrace(entry.fields["title"]) == title
    assert unbrace(entry.fields["booktitle"]) == "A Citable Sample"
    assert entry.fields["url"] == url
    assert "2.0.0" in entry.fields["note"]
    assert APA.match(apa)["url"] == url
    meta = dict(scan.meta)
    assert meta["citation_title"] == title
    assert meta["citation_inbook_title"] == "A Citable Sample"
    assert meta["citation_public_url"] == meta["citation_fulltext_html_url"] == url
    assert meta["citation_publication_date"] == "2026/11/25"
    assert [v for n, v in scan.meta if n == "citation_author"] == ["The Sample Authors"]
    assert citation.check_page(path, chapter=True) == []


def test_box_is_right_under_the_title_with_copy_buttons(site):
    text = (site / "chapters" / "first-steps.html").read_text(encoding="utf-8")
    h1 = text.index("<h1>")
    box = text.index('<div class="cite-this dropdown admonition">')
    assert h1 < box < text.index("The perceptron")
    assert "highlight-bibtex" in text  # copybutton targets div.highlight pre
    scripts = re.findall(r'<script src="([^"]+)"', text)  # bundled
    assert any("copybutton" in (site / "chapters" / s).read_text() for s in scripts)
    assert 'class="reference internal" href="../citing.html"' in text


def test_landing_page_cites_the_book(site):
    scan = _scan(site / "index.html")
    assert scan.box_title.strip() == "Cite this book"
    _, entry = _parse(scan.blocks[0])
    assert entry.type == "book"
    assert entry.fields["url"] == SAMPLE_BASE
    assert not scan.meta  # Highwire tags are for the chapters
    assert citation.check_page(site / "index.html", chapter=False) == []


def test_other_pages_have_no_box(site):
    for page in ("citing", "references"):
        scan = _scan(site / f"{page}.html")
        assert not scan.blocks
        assert not scan.meta


def test_project_config_comes_from_the_metadata(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Tiny Book &#8212; A Citable Sample</title>" in text
    assert "2026, The Sample Authors" in text


def test_local_and_global_bibliographies_coexist(site):
    # Built nitpicky without warnings: no duplicate-citation warnings. A
    # chapter's citations link to its own list; the references page lists all.
    text = (site / "chapters" / "pytorch-and-more.html").read_text(encoding="utf-8")
    for author in ("Rosenblatt", "Rumelhart"):
        assert re.search(rf'href="#id\d+" title="[^"]*{author}', text), author
    assert "references.html#" not in text
    refs = (site / "references.html").read_text(encoding="utf-8")
    assert "Rosenblatt" in refs
    assert "Rumelhart" in refs


def test_bibliography_entries_are_list_items_for_assistive_technology(site):
    # sphinx_nnbook.web.a11y: docutils' role="doc-biblioentry" is deprecated.
    refs = (site / "references.html").read_text(encoding="utf-8")
    assert "doc-biblioentry" not in refs
    assert refs.count('role="listitem"') == 2


def test_site_checker_passes_and_fails_loudly(site, tmp_path, capsys):
    assert citation.main(["check-site", str(site)]) == 0
    assert "OK on 2 chapter page(s)" in capsys.readouterr().out
    broken = tmp_path / "html"
    shutil.copytree(site, broken)
    page = broken / "chapters" / "first-steps.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<meta name="citation_title"[^>]*>', "", text))
    assert citation.main(["check-site", str(broken)]) == 1
    assert "citation_title" in capsys.readouterr().err
    assert citation.check_site(tmp_path / "nothing-built") == 1


@pytest.mark.sphinx("html", testroot="citation", srcdir="citation-unknown-key")
def test_unknown_citation_key_fails_the_build(app):
    page = Path(app.srcdir) / "chapters" / "first-steps.rst"
    page.write_text(page.read_text() + "\nAnd :cite:p:`nobody2000`.\n")
    app.build()
    assert 'could not find bibtex key "nobody2000"' in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="citation", srcdir="citation-numbered")
def test_numbered_chapter_file_warns(app):
    src = Path(app.srcdir)
    (src / "chapters" / "first-steps.rst").rename(src / "chapters" / "01-first.rst")
    index = src / "index.rst"
    index.write_text(index.read_text().replace("first-steps", "01-first"))
    app.build()
    warnings = app.warning.getvalue()
    assert "drop the number from 'chapters/01-first'" in warnings
    assert "[citation.unstable_address]" in warnings


def test_a_new_release_date_reaches_every_page_in_an_incremental_build(
    make_app, rootdir, tmp_path
):
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-citation", srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    page = Path(app.outdir) / "chapters" / "first-steps.html"
    assert dict(_scan(page).meta)["citation_publication_date"] == "2026/11/25"
    pyproject = srcdir / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("date-released = 2026-11-25", "date-released = 2026-12-24"),
        encoding="utf-8",
    )
    again = make_app("html", srcdir=srcdir)
    again.build()  # incremental: no source changed
    assert dict(_scan(page).meta)["citation_publication_date"] == "2026/12/24"
    assert "2026/12/24" not in (Path(app.outdir) / "citing.html").read_text()
