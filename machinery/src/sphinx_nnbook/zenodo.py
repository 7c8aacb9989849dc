"""``.zenodo.json``: what Zenodo records when it archives a GitHub release.

Zenodo's GitHub integration archives every published release of the
repository and gives it a DOI; ``.zenodo.json`` at the repository's root
tells it what the work is. Like ``CITATION.cff`` it is generated from the
book's metadata (:mod:`sphinx_nnbook.metadata`), so the two always agree,
and written and checked by ``nnbook-citation write-cff`` / ``check-cff``.

The DOI of a release exists only once Zenodo has archived it, so no file of
the release can name it; the book's ``[tool.nnbook.book].doi`` is therefore
the *concept* DOI, which Zenodo mints with the first release and which
always resolves to the newest version.
"""

from __future__ import annotations

import json
from typing import Any

from .metadata import Author, BookMetadata

#: Zenodo's own key for the file.
FILENAME = ".zenodo.json"


def _creator(author: Author) -> dict[str, str]:
    name = f"{author.family}, {author.given}" if author.is_person else author.name
    creator = {"name": name}
    if author.orcid:
        creator["orcid"] = author.orcid.removeprefix("https://orcid.org/")
    return creator


def zenodo_data(meta: BookMetadata) -> dict[str, Any]:
    """The deposit metadata of one release: a book, by its authors."""
    data: dict[str, Any] = {
        "title": meta.title,
        "upload_type": "publication",
        "publication_type": "book",
        "creators": [_creator(a) for a in meta.authors],
        "version": meta.version,
        "publication_date": meta.date.isoformat(),
        "license": meta.license,
        "access_right": "open",
    }
    if meta.description:
        data["description"] = meta.description
    if meta.keywords:
        data["keywords"] = list(meta.keywords)
    identifiers = [{"identifier": meta.url, "relation": "isIdenticalTo"}]
    if meta.repository:
        identifiers.append(
            {"identifier": meta.repository, "relation": "isSupplementedBy"}
        )
    data["related_identifiers"] = [{**i, "scheme": "url"} for i in identifiers]
    return data


def render_zenodo(meta: BookMetadata) -> str:
    """The text of ``.zenodo.json``: keys in a fixed order, two-space indents."""
    return json.dumps(zenodo_data(meta), indent=2, ensure_ascii=False) + "\n"
