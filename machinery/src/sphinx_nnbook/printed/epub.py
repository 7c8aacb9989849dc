"""The EPUB's metadata and math.

Sphinx's EPUB builder takes its title, author and identifier from
``epub_*`` settings; they are filled here from the book's metadata, the
identifier being the book's canonical address.
"""

from __future__ import annotations

from typing import Any

from ..metadata import get_metadata


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


def setup_epub(app: Any) -> None:
    """Fill the ``epub_*`` settings from the metadata (after :mod:`.metadata`)."""
    app.connect("config-inited", _config_inited, priority=150)
