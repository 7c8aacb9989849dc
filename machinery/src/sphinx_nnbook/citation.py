"""Make the book and every chapter citable.

For each chapter page (a document matching ``citation_chapters``, by default
everything under ``docs/chapters/``) this extension

* inserts a collapsed "Cite this chapter" box right under the chapter's
  title, with a BibTeX ``@incollection`` entry and the same reference in APA
  style, each in a code block (so sphinx-copybutton gives it a copy button);
* adds Highwire Press ``citation_*`` meta tags to the page's ``<head>``, the
  tags Google Scholar and Zotero read (``html_baseurl``, set by
  :mod:`sphinx_nnbook.metadata`, also makes Sphinx emit ``<link rel="canonical">``).

The root document gets the same box for the whole book (``@book``).

Why under the title: a reader who wants to cite looks at the top, as on a
journal's article page; collapsed, the box costs one line there. The box is
inserted when the page is written (``doctree-resolved``), not when it is read,
so a new version or address never leaves a stale citation in a cached
doctree.

All bibliographic data comes from :mod:`sphinx_nnbook.metadata`. The
``nnbook-citation`` command (:func:`main`) writes and checks
``CITATION.cff`` and checks a built site, exiting non-zero if any chapter
page lacks its box or tags::

    nnbook-citation write-cff              # regenerate CITATION.cff, .zenodo.json
    nnbook-citation check-cff              # fail if it is stale
    nnbook-citation check-site docs/_build/html
"""

from __future__ import annotations

import argparse
import html
import posixpath
import re
import sys
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.errors import ConfigError

from .metadata import Author, BookMetadata, get_metadata, load_metadata, render_cff
from .project import BookNotFoundError, book_root
from .zenodo import FILENAME as ZENODO
from .zenodo import render_zenodo

BOX_CLASS = "cite-this"

# --------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Escape the characters that are special in a BibTeX field."""
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def bibtex_title(text: str) -> str:
    """Escape a title and brace words that must keep their capitals.

    Styles lower-case titles (``Neural Network`` becomes ``Neural network``);
    a word with a capital after its first letter (``PyTorch``, ``ReLU``) is
    a name and is protected with braces, as Zotero does.
    """
    words = []
    for word in bibtex_escape(text).split(" "):
        words.append(f"{{{word}}}" if re.search(r"[A-Z]", word[1:]) else word)
    return " ".join(words)


def bibtex_author(author: Author) -> str:
    """One author for a BibTeX name list: ``Family, Given`` or ``{Organisation}``."""
    if author.is_person:
        return f"{bibtex_escape(author.family)}, {bibtex_escape(author.given)}"
    return f"{{{bibtex_escape(author.name)}}}"


def bibtex_entry(entry_type: str, key: str, fields: dict[str, str]) -> str:
    """Format an entry, one aligned field per line."""
    width = max(map(len, fields))
    body = ",\n".join(
        f"  {name:<{width}} = {{{value}}}" for name, value in fields.items()
    )
    return f"@{entry_type}{{{key},\n{body},\n}}"


def _common_fields(meta: BookMetadata) -> dict[str, str]:
    fields = {
        "publisher": bibtex_escape(meta.publisher_or_authors),
        "year": str(meta.year),
        "note": f"Version {bibtex_escape(meta.version)}",
    }
    if meta.doi:  # the book's: a chapter has none of its own
        fields["doi"] = meta.doi
    return fields


def book_bibtex(meta: BookMetadata) -> str:
    """The BibTeX ``@book`` entry of the whole book."""
    fields = {
        "author": " and ".join(map(bibtex_author, meta.authors)),
        "title": bibtex_title(meta.title),
        **_common_fields(meta),
        "url": meta.url,
    }
    return bibtex_entry("book", meta.package, fields)


def chapter_key(meta: BookMetadata, docname: str) -> str:
    """The citation key of a chapter, stable because the file name is."""
    return f"{meta.package}:{docname.rsplit('/', 1)[-1]}"


def chapter_bibtex(meta: BookMetadata, title: str, url: str, key: str) -> str:
    """The BibTeX ``@incollection`` entry of one chapter."""
    fields = {
        "author": " and ".join(map(bibtex_author, meta.authors)),
        "title": bibtex_title(title),
        "booktitle": bibtex_title(meta.title),
        **_common_fields(meta),
        "url": url,
    }
    return bibtex_entry("incollection", key, fields)


# --------------------------------------------------------------------------
# APA (7th edition)
# --------------------------------------------------------------------------


def _initials(given: str) -> str:
    parts = []
    for name in given.split():
        parts.append("-".join(f"{piece[0]}." for piece in name.split("-") if piece))
    return " ".join(parts)


def apa_authors(authors: Iterable[Author]) -> str:
    """``Family, G.``/organisation names, joined the APA way."""
    names = [
        f"{a.family}, {_initials(a.given)}" if a.is_person else a.name for a in authors
    ]
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa_tail(meta: BookMetadata, url: str) -> str:
    # APA omits the publisher when it is the author (self-published), and
    # gives the DOI, when there is one, in place of the address.
    publisher = "" if not meta.publisher else _sentence(meta.publisher) + " "
    return f"{meta.title} (Version {meta.version}). {publisher}{meta.doi_url or url}"


def book_apa(meta: BookMetadata) -> str:
    """The whole book in APA style."""
    authors = _sentence(apa_authors(meta.authors))
    return f"{authors} ({meta.year}). {_apa_tail(meta, meta.url)}"


def chapter_apa(meta: BookMetadata, title: str, url: str) -> str:
    """One chapter in APA style (a chapter in an authored book)."""
    authors = _sentence(apa_authors(meta.authors))
    return f"{authors} ({meta.year}). {_sentence(title)} In {_apa_tail(meta, url)}"


# --------------------------------------------------------------------------
# Highwire Press meta tags
# --------------------------------------------------------------------------


def chapter_meta_tags(
    meta: BookMetadata, title: str, url: str, language: str = "en"
) -> list[tuple[str, str]]:
    """The ``citation_*`` tags of a chapter page, in order.

    Google Scholar reads ``citation_inbook_title``; Zotero's Embedded
    Metadata translator makes a "book section" of a page with
    ``citation_book_title``: both are given.
    """
    date = meta.date
    tags = [("citation_title", title)]
    for author in meta.authors:
        name = f"{author.family}, {author.given}" if author.is_person else author.name
        tags.append(("citation_author", name))
        if author.orcid:
            tags.append(("citation_author_orcid", author.orcid))
    tags += [
        ("citation_publication_date", f"{date.year}/{date.month:02d}/{date.day:02d}"),
        ("citation_inbook_title", meta.title),
        ("citation_book_title", meta.title),
        ("citation_publisher", meta.publisher_or_authors),
        ("citation_version", meta.version),
        *([("citation_doi", meta.doi)] if meta.doi else []),
        ("citation_language", language),
        ("citation_public_url", url),
        ("citation_fulltext_html_url", url),
    ]
    return tags


def render_meta_tags(tags: Iterable[tuple[str, str]]) -> str:
    """``<meta>`` elements, escaped."""
    return "".join(
        f'\n    <meta name="{html.escape(name)}" content="{html.escape(value)}" />'
        for name, value in tags
    )


# --------------------------------------------------------------------------
# Sphinx extension
# --------------------------------------------------------------------------


def _is_chapter(app: Any, docname: str) -> bool:
    from sphinx.util.matching import Matcher

    return Matcher(app.config.citation_chapters)(docname)


def page_url(app: Any, docname: str) -> str:
    """The canonical address of a page, as Sphinx computes ``pageurl``."""
    return posixpath.join(app.config.html_baseurl, app.builder.get_target_uri(docname))


def _title(app: Any, docname: str) -> str:
    title = app.env.titles.get(docname)
    return title.astext().strip() if title is not None else ""


def _box(app: Any, docname: str, heading: str, bibtex: str, apa: str) -> nodes.Node:
    box = nodes.admonition("", classes=[BOX_CLASS, "dropdown"])
    box += nodes.title("", heading)
    meta = get_metadata(app)
    what = "chapter" if docname != app.config.root_doc else "book"
    intro = nodes.paragraph(
        "", f"Version {meta.version}. This {what}'s address is stable"
    )
    howto = app.config.citation_howto_doc
    if howto and howto in app.env.all_docs and howto != docname:
        uri = app.builder.get_relative_uri(docname, howto)
        intro += nodes.Text("; see ")
        intro += nodes.reference("", "how to cite this book", refuri=uri, internal=True)
    intro += nodes.Text(".")
    box += intro
    for label, text, language in (("BibTeX", bibtex, "bibtex"), ("APA", apa, "text")):
        box += nodes.paragraph("", "", nodes.strong("", label))
        block = nodes.literal_block(text, text, language=language)
        block["classes"].append(f"{BOX_CLASS}-{label.lower()}")
        box += block
    return box


def _insert_under_title(doctree: nodes.document, box: nodes.Node) -> bool:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return False
    section.insert(1, box)
    return True


def _doctree_resolved(app: Any, doctree: nodes.document, docname: str) -> None:
    from sphinx.util import logging

    if app.builder.format != "html":
        return
    meta = get_metadata(app)
    if docname == app.config.root_doc:
        heading = "Cite this book"
        box = _box(app, docname, heading, book_bibtex(meta), book_apa(meta))
    elif _is_chapter(app, docname):
        title, url = _title(app, docname), page_url(app, docname)
        heading = "Cite this chapter"
        bibtex = chapter_bibtex(meta, title, url, chapter_key(meta, docname))
        box = _box(app, docname, heading, bibtex, chapter_apa(meta, title, url))
        if re.match(r"\d", docname.rsplit("/", 1)[-1]):
            logging.getLogger(__name__).warning(
                "chapter file names are citation addresses and must not change when "
                "chapters are reordered; drop the number from %r",
                docname,
                location=docname,
                type="citation",
                subtype="unstable_address",
            )
    else:
        return
    if not _insert_under_title(doctree, box):
        logging.getLogger(__name__).warning(
            "%s: no title to put the citation box under",
            docname,
            location=docname,
            type="citation",
            subtype="no_title",
        )


def _html_page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if doctree is None or not _is_chapter(app, pagename) or "metatags" not in context:
        return
    tags = chapter_meta_tags(
        get_metadata(app),
        _title(app, pagename),
        page_url(app, pagename),
        app.config.language or "en",
    )
    context["metatags"] += render_meta_tags(tags)


def setup_citation(app: Any) -> None:
    """Register the options and the two event handlers."""
    # Glob patterns (as in exclude_patterns) of the documents that are chapters.
    app.add_config_value("citation_chapters", ["chapters/**"], "html", types={list})
    # The page that explains how to cite; the boxes link to it if it exists.
    app.add_config_value("citation_howto_doc", "citing", "html", types={str})
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("html-page-context", _html_page_context)


# --------------------------------------------------------------------------
# Checking a built site
# --------------------------------------------------------------------------


class _PageScanner(HTMLParser):
    """Collect a page's meta tags, canonical link and citation-box blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.box_title = ""
        self.blocks: list[str] = []
        self._box_depth = 0  # open <div>s since the box's own <div>
        self._in_pre = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name", "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content", "")))
        elif tag == "link" and "canonical" in a.get("rel", "").split():
            self.canonical = a.get("href")
        elif tag == "div":
            if self._box_depth:
                self._box_depth += 1
            elif BOX_CLASS in a.get("class", "").split():
                self._box_depth = 1
        elif tag == "pre" and self._box_depth:
            self._in_pre = True
            self.blocks.append("")
        elif (
            tag == "p" and self._box_depth and "admonition-title" in a.get("class", "")
        ):
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._box_depth:
            self._box_depth -= 1
        elif tag == "pre":
            self._in_pre = False
        elif tag == "p":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_pre:
            self.blocks[-1] += data
        elif self._in_title:
            self.box_title += data


def check_page(path: Path, *, chapter: bool) -> list[str]:
    """Problems with the citation box and tags of one built page."""
    from pybtex.database import parse_string

    scan = _PageScanner()
    scan.feed(path.read_text(encoding="utf-8"))
    problems = []
    want = "Cite this chapter" if chapter else "Cite this book"
    if scan.box_title.strip() != want:
        problems.append(f"no {want!r} box")
    if not scan.canonical:
        problems.append('no <link rel="canonical"> (is html_baseurl set?)')
    bibtex = next((b for b in scan.blocks if b.lstrip().startswith("@")), None)
    if bibtex is None:
        problems.append("no BibTeX entry in the box")
    else:
        entries = parse_string(bibtex, "bibtex").entries
        entry = next(iter(entries.values()), None)
        kind = "incollection" if chapter else "book"
        if entry is None or entry.type != kind:
            problems.append(f"the BibTeX entry is not an @{kind}")
        elif entry.fields.get("url") not in {
            scan.canonical,
            (scan.canonical or "").removesuffix("index.html"),  # the book's address
        }:
            problems.append(
                f"BibTeX url {entry.fields.get('url')!r} is not the canonical URL"
                f" {scan.canonical!r}"
            )
    if not any(re.search(r"\(\d{4}\)\. .+https?://", b) for b in scan.blocks):
        problems.append("no APA reference in the box")
    if chapter:
        names = [name for name, _ in scan.meta]
        for required in (
            "citation_title",
            "citation_author",
            "citation_publication_date",
            "citation_inbook_title",
            "citation_public_url",
        ):
            if required not in names:
                problems.append(f"no <meta name={required!r}>")
        urls = {v for n, v in scan.meta if n == "citation_public_url"}
        if scan.canonical and urls and urls != {scan.canonical}:
            problems.append(f"citation_public_url {urls} is not the canonical URL")
    return problems


def check_site(html_dir: Path, chapters: str = "chapters", root: str = "index") -> int:
    """Check every chapter page and the landing page; print what is wrong."""
    pages = sorted((html_dir / chapters).rglob("*.html"))
    failures = 0
    if not pages:
        print(f"error: no chapter pages under {html_dir / chapters}", file=sys.stderr)
        return 1
    for path, chapter in [(html_dir / f"{root}.html", False)] + [
        (p, True) for p in pages
    ]:
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            failures += 1
            continue
        for problem in check_page(path, chapter=chapter):
            print(f"error: {path.relative_to(html_dir)}: {problem}", file=sys.stderr)
            failures += 1
    if failures:
        print(f"{failures} citation problem(s) in {html_dir}", file=sys.stderr)
        return 1
    print(f"citation boxes and tags OK on {len(pages)} chapter page(s) and {root}.html")
    return 0


def _generated(pyproject: Path, root: Path) -> dict[Path, str]:
    """What ``write-cff`` writes: ``CITATION.cff`` and ``.zenodo.json``."""
    meta = load_metadata(pyproject)
    return {root / "CITATION.cff": render_cff(meta), root / ZENODO: render_zenodo(meta)}


def _check_cff(pyproject: Path, root: Path) -> int:
    stale = 0
    for path, text in _generated(pyproject, root).items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale += 1
            print(
                f"{path} is out of date with {pyproject}; regenerate it with"
                " `nox -s citation` (nnbook-citation write-cff)",
                file=sys.stderr,
            )
        else:
            print(f"{path} is up to date")
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    """``nnbook-citation``: write or check ``CITATION.cff``, or check a site."""
    parser = argparse.ArgumentParser(
        prog="nnbook-citation", description="The book's citation metadata."
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the book's folder (default: the nearest folder at or above the "
        "working directory whose pyproject.toml has a [tool.nnbook] table)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("write-cff", help="regenerate CITATION.cff, .zenodo.json")
    commands.add_parser("check-cff", help="exit 1 if either is stale")
    site = commands.add_parser("check-site", help="check a built site's citations")
    site.add_argument("html_dir", type=Path)
    site.add_argument("--chapters", default="chapters", help="chapter folder")
    args = parser.parse_args(argv)
    if args.command == "check-site":
        return check_site(args.html_dir, args.chapters)
    try:
        root = args.root or book_root(Path.cwd())
    except BookNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    pyproject = root / "pyproject.toml"
    try:
        if args.command == "check-cff":
            return _check_cff(pyproject, root)
        for path, text in _generated(pyproject, root).items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    except ConfigError as err:
        print(err, file=sys.stderr)
        return 2
    return 0
