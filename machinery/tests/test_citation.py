"""The book and its chapters are citable, from one source of metadata.

Covers ``conf/_ext/book_metadata.py`` (loading, validation, CITATION.cff)
and ``conf/_ext/citation.py`` (BibTeX, APA, meta tags, the "Cite this" box),
the latter by building a tiny Sphinx project with two chapters.
"""

import copy
import re
import shutil
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_metadata  # noqa: E402
import citation  # noqa: E402
from book_metadata import Author, MetadataError, load_metadata  # noqa: E402

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
    return book_metadata.metadata_from_toml(data)


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
    ],
)
def test_bad_metadata_names_the_field(path, value, field):
    with pytest.raises(MetadataError, match=re.escape(field)):
        book_metadata.metadata_from_toml(_broken(path, value))


def test_bad_metadata_stops_the_build(tmp_path, capsys):
    from sphinx.cmd.build import build_main

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        PYPROJECT.read_text(encoding="utf-8").replace(
            'version = "', 'version = "not-pep-440-', 1
        ),
        encoding="utf-8",
    )
    src = _project(tmp_path / "src", pyproject)
    status = build_main(["-q", "-b", "html", str(src), str(tmp_path / "out")])
    assert status != 0
    assert "[project].version" in capsys.readouterr().err


# --------------------------------------------------------------------------
# CITATION.cff
# --------------------------------------------------------------------------


def _validate_cff(text: str) -> None:
    from cffconvert import Citation

    Citation(text).validate()  # raises on a schema violation


def test_citation_cff_is_valid():
    _validate_cff((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_up_to_date():
    committed = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert committed == book_metadata.render_cff(META), (
        "CITATION.cff is stale: run `nox -s citation` "
        "(python conf/_ext/book_metadata.py --write-cff)"
    )
    assert book_metadata.main(["--check-cff"]) == 0


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


def test_citation_cff_with_people_and_orcid_is_valid(tmp_path):
    text = book_metadata.render_cff(people_meta())
    _validate_cff(text)
    assert 'family-names: "Lovelace"' in text
    assert 'orcid: "https://orcid.org/0000-0002-1825-0097"' in text


def test_check_cff_detects_drift(tmp_path):
    stale = tmp_path / "CITATION.cff"
    stale.write_text(book_metadata.render_cff(META).replace("0.", "9.", 1))
    assert book_metadata.main(["--check-cff", "--cff", str(stale)]) == 1
    assert book_metadata.main(["--write-cff", "--cff", str(stale)]) == 0
    assert book_metadata.main(["--check-cff", "--cff", str(stale)]) == 0


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
# A tiny book, built with the extensions
# --------------------------------------------------------------------------

BIB = """\
@article{rosenblatt1958perceptron,
  author  = {Rosenblatt, Frank},
  title   = {The Perceptron},
  journal = {Psychological Review},
  year    = {1958},
}
@article{rumelhart1986backprop,
  author  = {Rumelhart, David E.},
  title   = {Learning Representations by Back-Propagating Errors},
  journal = {Nature},
  year    = {1986},
}
"""

PAGES = {
    "index.rst": """\
        Tiny Book
        =========

        .. toctree::

           chapters/first-steps
           chapters/pytorch-and-more
           citing
           references
        """,
    "chapters/first-steps.rst": """\
        First steps
        ===========

        .. _first-steps-perceptron:

        The perceptron
        --------------

        As in :cite:p:`rosenblatt1958perceptron`.

        .. bibliography::
           :filter: docname in docnames
        """,
    "chapters/pytorch-and-more.rst": """\
        PyTorch & more
        ==============

        See :cite:t:`rosenblatt1958perceptron` and :cite:p:`rumelhart1986backprop`,
        and :ref:`first-steps-perceptron`.

        .. bibliography::
           :filter: docname in docnames
        """,
    "citing.rst": """\
        Citing
        ======

        Cite it.
        """,
    "references.rst": """\
        References
        ==========

        .. bibliography::
           :all:
        """,
}


def _project(src: Path, pyproject: Path, pages=PAGES) -> Path:
    """Write the tiny book, configured like the real one, into ``src``."""
    src.mkdir(parents=True)
    for name, text in pages.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (src / "references.bib").write_text(BIB, encoding="utf-8")
    (src / "conf.py").write_text(
        textwrap.dedent(f"""\
            import sys
            sys.path.insert(0, {str(ROOT / "conf" / "_ext")!r})
            extensions = [
                "sphinx_copybutton",
                "sphinxcontrib.bibtex",
                "book_metadata",
                "citation",
            ]
            book_pyproject = {str(pyproject)!r}
            bibtex_bibfiles = ["references.bib"]
            bibtex_reference_style = "author_year"
            suppress_warnings = ["bibtex.duplicate_citation"]
            nitpicky = True
            """),
        encoding="utf-8",
    )
    return src


def _build(src: Path, out: Path, capsys) -> tuple[int, str]:
    from sphinx.cmd.build import build_main

    status = build_main(
        ["-q", "-W", "--keep-going", "-n", "-b", "html", str(src), str(out)]
    )
    return status, capsys.readouterr().err


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The tiny book, built once for the tests that read it."""
    from sphinx.cmd.build import build_main

    tmp = tmp_path_factory.mktemp("tiny")
    src = _project(tmp / "src", PYPROJECT)
    warnings = tmp / "warnings.txt"
    args = ["-q", "-W", "--keep-going", "-n", "-w", str(warnings), "-b", "html"]
    status = build_main([*args, str(src), str(tmp / "html")])
    assert status == 0, warnings.read_text()
    return tmp / "html"


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
    url = f"{BASE}chapters/{page}.html"
    scan = _scan(path)
    assert scan.canonical == url
    assert scan.box_title.strip() == "Cite this chapter"
    bibtex, apa = scan.blocks
    key, entry = _parse(bibtex)
    assert key == f"nnbook:{page}"
    assert entry.type == "incollection"
    assert unbrace(entry.fields["title"]) == title
    assert unbrace(entry.fields["booktitle"]) == META.title
    assert entry.fields["url"] == url
    assert APA.match(apa)["url"] == url
    meta = dict(scan.meta)
    assert meta["citation_title"] == title
    assert meta["citation_inbook_title"] == META.title
    assert meta["citation_public_url"] == meta["citation_fulltext_html_url"] == url
    assert [v for n, v in scan.meta if n == "citation_author"] == [
        a.name for a in META.authors
    ]
    assert citation.check_page(path, chapter=True) == []


def test_box_is_right_under_the_title_with_copy_buttons(site):
    text = (site / "chapters" / "first-steps.html").read_text(encoding="utf-8")
    h1 = text.index("<h1>")
    box = text.index('<div class="cite-this dropdown admonition">')
    assert h1 < box < text.index("The perceptron")
    assert "highlight-bibtex" in text  # copybutton targets div.highlight pre
    assert "copybutton.js" in text
    assert 'class="reference internal" href="../citing.html"' in text


def test_landing_page_cites_the_book(site):
    scan = _scan(site / "index.html")
    assert scan.box_title.strip() == "Cite this book"
    _, entry = _parse(scan.blocks[0])
    assert entry.type == "book"
    assert entry.fields["url"] == BASE
    assert not scan.meta  # Highwire tags are for the chapters
    assert citation.check_page(site / "index.html", chapter=False) == []


def test_other_pages_have_no_box(site):
    for page in ("citing", "references"):
        scan = _scan(site / f"{page}.html")
        assert not scan.blocks
        assert not scan.meta


def test_project_config_comes_from_the_metadata(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>Tiny Book &#8212; {META.title}</title>" in text
    assert f"{META.date.year}, {META.author_names}" in text


def test_local_and_global_bibliographies_coexist(site):
    # Built with -W: no duplicate-citation warnings. A chapter's citations
    # link to its own list; the references page lists everything.
    text = (site / "chapters" / "pytorch-and-more.html").read_text(encoding="utf-8")
    for author in ("Rosenblatt", "Rumelhart"):
        assert re.search(rf'href="#id\d+" title="[^"]*{author}', text), author
    assert "references.html#" not in text
    refs = (site / "references.html").read_text(encoding="utf-8")
    assert "Rosenblatt" in refs
    assert "Rumelhart" in refs


def test_site_checker_passes_and_fails_loudly(site, tmp_path, capsys):
    assert citation.check_site(site) == 0
    broken = tmp_path / "html"
    shutil.copytree(site, broken)
    page = broken / "chapters" / "first-steps.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'<meta name="citation_title"[^>]*>', "", text))
    assert citation.check_site(broken) == 1
    assert "citation_title" in capsys.readouterr().err
    assert citation.check_site(tmp_path / "nothing-built") == 1


def test_unknown_citation_key_fails_the_build(tmp_path, capsys):
    pages = dict(PAGES)
    pages["chapters/first-steps.rst"] += "\nAnd :cite:p:`nobody2000`.\n"
    src = _project(tmp_path / "src", PYPROJECT, pages)
    status, err = _build(src, tmp_path / "out", capsys)
    assert status != 0
    assert 'could not find bibtex key "nobody2000"' in err


def test_numbered_chapter_file_warns(tmp_path, capsys):
    pages = {k.replace("first-steps", "01-first-steps"): v for k, v in PAGES.items()}
    src = _project(tmp_path / "src", PYPROJECT, pages)
    status, err = _build(src, tmp_path / "out", capsys)
    assert status != 0
    assert "drop the number" in err


def test_a_new_release_date_reaches_every_page_in_an_incremental_build(
    tmp_path, capsys
):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT.read_text(encoding="utf-8"), encoding="utf-8")
    src = _project(tmp_path / "src", pyproject)
    out = tmp_path / "out"
    assert _build(src, out, capsys)[0] == 0
    page = out / "chapters" / "first-steps.html"
    old = dict(_scan(page).meta)["citation_publication_date"]
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        re.sub(r"date-released = \S+", "date-released = 2026-12-24", text),
        encoding="utf-8",
    )
    assert _build(src, out, capsys)[0] == 0
    assert old != "2026/12/24"
    assert dict(_scan(page).meta)["citation_publication_date"] == "2026/12/24"
