"""A site that works for every reader: self-contained, light, accessible.

One module per concern, each with its own ``setup_*``:

:mod:`~sphinx_nnbook.web.math`
    Math typeset at build time by KaTeX, as MathML: no script, no CDN.
:mod:`~sphinx_nnbook.web.a11y`
    Markup fixes for assistive technology, template filters that drop
    scripts the book does not use.
:mod:`~sphinx_nnbook.web.firstpaint`
    Less work around the first paint: the colour theme set in the head
    (a template filter, registered with a11y's).
:mod:`~sphinx_nnbook.web.valid`
    Markup the Nu HTML Checker accepts; code listings with fewer elements.
:mod:`~sphinx_nnbook.web.downloads`
    Each chapter's executed notebook offered for download.
:mod:`~sphinx_nnbook.web.launch`
    Each chapter's links to its published notebook in Colab and on Binder.
:mod:`~sphinx_nnbook.web.purge`
    The theme's unused CSS removed by PurgeCSS.
:mod:`~sphinx_nnbook.web.iconfont`
    The theme's icon font cut down to the icons the site shows.
:mod:`~sphinx_nnbook.web.assets`
    A light first view: smaller figures, bundled style sheets and scripts.
:mod:`~sphinx_nnbook.web.sitemap`
    A sitemap of every page, even after an incremental build.
:mod:`~sphinx_nnbook.web.sitecheck`
    The built site checked: nothing from another host, alt text on images.
"""

from __future__ import annotations

from typing import Any

from .a11y import setup_a11y
from .assets import setup_assets
from .downloads import setup_downloads
from .iconfont import setup_iconfont
from .launch import setup_launch
from .math import setup_math
from .purge import setup_purge
from .sitecheck import setup_sitecheck
from .sitemap import setup_sitemap
from .valid import setup_valid


def setup_web(app: Any) -> None:
    """Set up every web feature."""
    for setup in (
        setup_math,
        setup_a11y,
        setup_valid,
        setup_downloads,
        setup_launch,
        setup_purge,
        setup_iconfont,
        setup_assets,
        setup_sitemap,
        setup_sitecheck,
    ):
        setup(app)
