"""The book's bibliographic metadata: one source, read from ``pyproject.toml``.

Everything that names the book (Sphinx's ``project``, ``author``,
``release``, ``copyright``, ``html_baseurl``; the "Cite this" boxes and the
``citation_*`` meta tags of :mod:`citation`; ``CITATION.cff``) is generated
from two tables of ``pyproject.toml``:

``[project]``
    ``version`` (also ``nnbook.__version__``), ``authors`` (in citation
    order), ``license`` (an SPDX expression), ``description``, ``keywords``
    and ``urls.Source``.
``[tool.nnbook.book]``
    What PEP 621 has no field for: ``title``, ``date-released`` (the date
    of this version), ``url`` (the canonical address of the published book,
    ending in ``/``), optionally ``publisher`` (default: the authors, i.e.
    self-published), ``doi`` (the book's DOI once it has one, e.g.
    Zenodo's concept DOI, which names every version) and
    ``author-details``, a table keyed by an author's ``name`` in
    ``[project].authors`` giving ``given-names``, ``family-names`` and
    ``orcid``. An author without details is cited as
    an organisation, verbatim.

Invalid metadata stops the build with a :class:`MetadataError` naming the
field. ``CITATION.cff`` is written with PyYAML and checked by the
``nnbook-citation`` command (:mod:`sphinx_nnbook.citation`)::

    nnbook-citation write-cff   # regenerate it (nox -s citation)
    nnbook-citation check-cff   # exit 1 if it is out of date
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import yaml
from packaging.version import InvalidVersion, Version
from sphinx.errors import ConfigError

ORCID = re.compile(r"https://orcid\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]")
#: A DOI: ``10.<registrant>/<suffix>``, with the characters Crossref and
#: DataCite recommend for the suffix (Zenodo's are ``10.5281/zenodo.<n>``).
DOI = re.compile(r"10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+")


class MetadataError(ConfigError):
    """Invalid book metadata; the message starts with the offending field."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"book metadata: {field}: {problem} (in pyproject.toml)")


def _fail(field: str, problem: str) -> NoReturn:
    """Stop: the metadata ``field`` has a ``problem``."""
    raise MetadataError(field, problem)


@dataclass(frozen=True)
class Author:
    """An author: a person (given and family names) or an organisation."""

    name: str
    given: str = ""
    family: str = ""
    orcid: str = ""

    @property
    def is_person(self) -> bool:
        """Whether the author has given and family names."""
        return bool(self.given and self.family)


@dataclass(frozen=True)
class BookMetadata:
    """Everything a citation of the book or one of its chapters needs."""

    title: str
    authors: tuple[Author, ...]
    version: str
    date: dt.date
    license: str
    url: str
    publisher: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    repository: str = ""
    package: str = "nnbook"
    doi: str = ""

    @property
    def doi_url(self) -> str:
        """The DOI as a resolvable address; empty without a DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def year(self) -> int:
        """The year of this version."""
        return self.date.year

    @property
    def author_names(self) -> str:
        """The authors as one line of prose: ``A``, ``A and B``, ``A, B and C``."""
        names = [a.name for a in self.authors]
        return (
            names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        )

    @property
    def publisher_or_authors(self) -> str:
        """The publisher; the authors when the book is self-published."""
        return self.publisher or self.author_names


# --------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        _fail(f"{where}.{key}", "missing or empty (a string is required)")
    return value.strip()


def _check_url(value: str, name: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"https", "http"} or not parts.netloc or " " in value:
        _fail(name, f"{value!r} is not an absolute http(s) URL")
    if parts.query or parts.fragment:
        _fail(name, f"{value!r} must not have a query or fragment")
    return value


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        _fail(name, f"{value!r} must be a date (YYYY-MM-DD), not a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    _fail(name, f"{value!r} is not a date in the form YYYY-MM-DD")


def _doi(book: dict[str, Any]) -> str:
    value = book.get("doi", "")
    name = "[tool.nnbook.book].doi"
    if not isinstance(value, str):
        _fail(name, f"{value!r} must be a string such as '10.5281/zenodo.1234567'")
    value = value.strip()
    if value and not DOI.fullmatch(value):
        _fail(
            name,
            f"{value!r} is not a DOI: expected 10.<registrant>/<suffix>, such as"
            " '10.5281/zenodo.1234567', without 'https://doi.org/' or 'doi:'",
        )
    return value


def _authors(project: dict[str, Any], book: dict[str, Any]) -> tuple[Author, ...]:
    raw = project.get("authors")
    if not isinstance(raw, list) or not raw:
        _fail("[project].authors", "the book needs at least one author")
    details = book.get("author-details", {})
    if not isinstance(details, dict):
        _fail("[tool.nnbook.book].author-details", "must be a table")
    authors = []
    for i, entry in enumerate(raw):
        where = f"[project].authors[{i}]"
        if not isinstance(entry, dict):
            _fail(where, "must be a table with a name")
        name = _text(entry, "name", where)
        extra = details.get(name, {})
        dwhere = f'[tool.nnbook.book.author-details."{name}"]'
        given = str(extra.get("given-names", "")).strip()
        family = str(extra.get("family-names", "")).strip()
        if bool(given) != bool(family):
            _fail(dwhere, "give both given-names and family-names, or neither")
        orcid = str(extra.get("orcid", "")).strip()
        if orcid and not ORCID.fullmatch(orcid):
            _fail(
                f"{dwhere}.orcid",
                f"{orcid!r} is not of the form https://orcid.org/0000-0000-0000-0000",
            )
        authors.append(Author(name=name, given=given, family=family, orcid=orcid))
    unknown = sorted(set(details) - {a.name for a in authors})
    if unknown:
        _fail(
            "[tool.nnbook.book].author-details",
            f"{', '.join(map(repr, unknown))} is not in [project].authors",
        )
    return tuple(authors)


def metadata_from_toml(data: dict[str, Any]) -> BookMetadata:
    """Validate the parsed ``pyproject.toml`` and return the book's metadata."""
    project = data.get("project")
    if not isinstance(project, dict):
        _fail("[project]", "missing")
    book = data.get("tool", {}).get("nnbook", {}).get("book")
    if not isinstance(book, dict):
        _fail("[tool.nnbook.book]", "missing")

    title = _text(book, "title", "[tool.nnbook.book]")
    authors = _authors(project, book)
    version = _text(project, "version", "[project]")
    try:
        Version(version)
    except InvalidVersion:
        _fail("[project].version", f"{version!r} is not a PEP 440 version")
    if "date-released" not in book:
        _fail("[tool.nnbook.book].date-released", "missing")
    date = _date(book["date-released"], "[tool.nnbook.book].date-released")
    license_ = project.get("license")
    if isinstance(license_, dict):  # the older PEP 621 table form
        license_ = license_.get("text")
    if not isinstance(license_, str) or not license_.strip():
        _fail("[project].license", "missing (an SPDX identifier)")
    url = _check_url(_text(book, "url", "[tool.nnbook.book]"), "[tool.nnbook.book].url")
    if not url.endswith("/"):
        _fail("[tool.nnbook.book].url", f"{url!r} must end with '/'")
    urls = project.get("urls", {})
    repository = urls.get("Source", "")
    if repository:
        _check_url(repository, "[project.urls].Source")
    publisher = book.get("publisher", "")
    if not isinstance(publisher, str):
        _fail("[tool.nnbook.book].publisher", "must be a string")
    keywords = project.get("keywords", [])
    return BookMetadata(
        title=title,
        authors=authors,
        version=version,
        date=date,
        license=license_.strip(),
        url=url,
        publisher=publisher.strip(),
        description=str(project.get("description", "")).strip(),
        keywords=tuple(str(k) for k in keywords),
        repository=repository,
        package=str(project.get("name", "nnbook")),
        doi=_doi(book),
    )


def load_metadata(path: str | Path) -> BookMetadata:
    """Read and validate the book's metadata from a ``pyproject.toml``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        msg = f"book metadata: cannot read {path}: {err}"
        raise ConfigError(msg) from err
    return metadata_from_toml(data)


# --------------------------------------------------------------------------
# CITATION.cff
# --------------------------------------------------------------------------


def _cff_author(author: Author) -> dict[str, str]:
    if author.is_person:
        entry = {"given-names": author.given, "family-names": author.family}
    else:
        entry = {"name": author.name}
    if author.orcid:
        entry["orcid"] = author.orcid
    return entry


def cff_data(meta: BookMetadata) -> dict[str, Any]:
    """The content of ``CITATION.cff`` (CFF 1.2.0) as plain data.

    The repository is software (CFF's top-level ``type`` allows only
    ``software`` and ``dataset``); the work to cite, the book, is its
    ``preferred-citation``.
    """
    authors = [_cff_author(a) for a in meta.authors]
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this book, please cite it as below.",
        "type": "software",
        "title": meta.title,
    }
    if meta.description:
        data["abstract"] = meta.description
    data["authors"] = authors
    data["version"] = meta.version
    data["date-released"] = meta.date.isoformat()
    data["license"] = meta.license
    data["url"] = meta.url
    if meta.doi:
        data["doi"] = meta.doi
    if meta.repository:
        data["repository-code"] = meta.repository
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    data["preferred-citation"] = {
        "type": "book",
        "title": meta.title,
        "authors": authors,
        "version": meta.version,
        "year": meta.year,
        "month": meta.date.month,
        "date-published": meta.date.isoformat(),
        "publisher": {"name": meta.publisher_or_authors},
        "url": meta.url,
    }
    if meta.doi:
        data["preferred-citation"]["doi"] = meta.doi
    return data


class _PlainDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a repeated value out, not as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render_cff(meta: BookMetadata) -> str:
    """The text of ``CITATION.cff``, deterministic and with a do-not-edit header."""
    header = (
        "# Generated from pyproject.toml by sphinx_nnbook.metadata; do not edit.\n"
        "# Change [project] or [tool.nnbook.book] there, then run: nox -s citation\n"
    )
    body = yaml.dump(
        cff_data(meta),
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        width=4096,  # one line per value, however long
    )
    return header + body


# --------------------------------------------------------------------------
# Sphinx extension
# --------------------------------------------------------------------------


def get_metadata(app: Any) -> BookMetadata:
    """The metadata loaded for this Sphinx application."""
    return app._nnbook_book_metadata


def _config_inited(app: Any, config: Any) -> None:
    path = config.book_pyproject or Path(app.confdir).parent / "pyproject.toml"
    meta = load_metadata(path)
    app._nnbook_book_metadata = meta
    config.project = meta.title
    config.author = meta.author_names
    config.version = config.release = meta.version
    config.copyright = f"{meta.year}, {meta.author_names}"
    config.html_baseurl = meta.url
    # Link previews (sphinxext-opengraph) need the same absolute address.
    if hasattr(config, "ogp_site_url") and not config.ogp_site_url:
        config.ogp_site_url = meta.url
    config.html_title = meta.title
    # Every field, as a config value whose change rewrites every page: the
    # citation boxes and meta tags are made when pages are written, and a
    # new date or publisher must reach them even in an incremental build.
    config.book_metadata_fields = repr(meta)


def setup_metadata(app: Any) -> None:
    """Register the ``book_pyproject`` option and fill the config from it."""
    # Path of the pyproject.toml to read; default: the one next to conf/.
    app.add_config_value("book_pyproject", "", "env", types=frozenset({str}))
    # Set by _config_inited, not by conf.py.
    app.add_config_value("book_metadata_fields", "", "html", types=frozenset({str}))
    # Before Sphinx's own handlers (copyright year, type checks) at 795-800.
    app.connect("config-inited", _config_inited, priority=100)
