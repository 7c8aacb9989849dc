"""Sphinx configuration of the book (``sphinx-build -c conf docs ...``).

The chapters in ``docs/`` are MyST Markdown notebooks that MyST-NB executes
at build time; the book's own extension, ``sphinx_nnbook`` (the installed
package in ``machinery/``), keeps their cache honest and adds the rest.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# -- Project -----------------------------------------------------------------
# project, author, version, release, copyright, html_baseurl and html_title
# are set by sphinx_nnbook.metadata from pyproject.toml ([project] and
# [tool.nnbook.book]), the single source of the book's metadata: do not set
# them here.

# -- General -----------------------------------------------------------------
extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.viewcode",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "sphinx_exercise",
    "sphinxcontrib.bibtex",
    "sphinxcontrib.katex",  # math typeset at build time: no MathJax, no CDN
    "sphinx_sitemap",
    "sphinxext.opengraph",
    # The book's machinery: execution and its cache, metadata and citations,
    # {nnbook-source} listings, short API names, self-contained light pages.
    "sphinx_nnbook",
]
root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "README.md"]
nitpicky = True
nitpick_ignore_regex = [
    # The book is built offline, so there is no intersphinx inventory for the
    # libraries nnbook builds on; their names stay plain text.
    (r"py:.*", r"(numpy|np|torch|matplotlib)(\..*)?"),
    (r"py:class", r"(ndarray|callable|sequence|data-type|Axes|Figure)"),
]
numfig = True
# Numbers per chapter: Fig. 2.3, Eq. (2.5), Listing 2.4, Exercise 2.1 (the
# chapters' toctree in index.md is :numbered: 1, so each chapter is a number).
numfig_secnum_depth = 1
math_numfig = True
math_eqref_format = "({number})"
suppress_warnings = [
    # Each chapter lists what it cites ({bibliography} with
    # ":filter: docname in docnames") and docs/references.md lists all
    # (":all:"), so every key is in two bibliographies by design; citations
    # resolve to the same page's list first. A key twice in ONE page's lists
    # still warns (bibtex.duplicate_local_citation), as does an unknown key.
    "bibtex.duplicate_citation",
]

# -- MyST and MyST-NB --------------------------------------------------------
myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "substitution",
]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_raise_on_error = True  # a cell that raises fails the build
nb_execution_show_tb = True  # ... and the log shows where
nb_execution_timeout = 300
nb_merge_streams = True

# -- API reference -----------------------------------------------------------
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc sections already give the types
# numpydoc renders the docstrings' sections and renames each docstring's
# numbered references ([1]_) so that several on one page do not collide.
# numpydoc loads autosummary, whose page generation would import every
# documented module (PyTorch included) at the start of every build.
autosummary_generate = False
numpydoc_show_class_members = False  # autodoc already lists the members
numpydoc_xref_param_type = False  # types are prose: "array-like of shape (n, m)"
numpydoc_validation_checks: set[str] = set()  # ruff's pydocstyle checks them

# -- Bibliography ------------------------------------------------------------
bibtex_bibfiles = ["../docs/references.bib"]  # relative to conf/
# Labels made from the entry ([Ros58]) are the same in every list that
# shows it, so a chapter's list and the references page agree.
bibtex_default_style = "alpha"
bibtex_reference_style = "author_year"

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]  # relative to conf/
html_css_files = ["nnbook.css"]  # contrast fixes, phone layout
html_js_files = ["nnbook-anchors.js"]  # jump to #target again once laid out
html_favicon = "_static/favicon.svg"  # else browsers ask for a missing /favicon.ico
templates_path = ["_templates"]  # see sphinx_nnbook.web.a11y
html_context = {"default_mode": "auto"}  # follow the reader's light/dark setting
html_sourcelink_suffix = ""  # _sources/<doc>.md, next to <doc>.ipynb
html_theme_options = {
    "repository_url": PYPROJECT["project"]["urls"]["Source"],
    "use_repository_button": False,
    "use_download_button": True,
    "show_toc_level": 2,
    "home_page_in_toc": True,
}
html_last_updated_fmt = None
# Each chapter links its notebook in Colab and on Binder: the notebooks the
# release workflow publishes as the tag notebooks-v<version> of the
# repository of [project.urls].Source (see sphinx_nnbook.web.launch).
nnbook_launch_links = True

# -- Self-contained, light pages (see sphinx_nnbook.web) ---------------------
# Math is typeset at build time by the KaTeX pinned in package-lock.json
# (`npm ci`): KaTeX's HTML in KaTeX's woff2 fonts, which the site serves
# (copied from node_modules/katex/dist into _static/katex/), and MathML for
# screen readers. Only pages with math load its CSS and fonts (see
# sphinx_nnbook.web.math). No MathJax, no math script, no CDN.
html_math_renderer = "katex"
katex_prerender = True
katex_js_path = str(ROOT / "node_modules" / "katex" / "dist" / "katex.min.js")
katex_css_path = "nnbook-math.css"  # in _static/: wide formulas scroll

# -- Sitemap and link previews -----------------------------------------------
# Both use html_baseurl, which sphinx_nnbook.metadata sets from [tool.nnbook.book].url.
sitemap_url_scheme = "{link}"  # no language or version folder in the URLs
sitemap_excludes = ["search.html", "genindex.html", "py-modindex.html"]
ogp_social_cards = {"enable": False}  # no generated images (and no matplotlib)
ogp_enable_meta_description = True

# -- PDF and EPUB (nox -s pdf, nox -s epub) ----------------------------------
# The same doctrees, outputs and execution cache as the site, typeset by
# LaTeX (xelatex: Unicode text in OpenType fonts) and as an EPUB 3;
# sphinx_nnbook.printed adds the title page, file names and what the two
# formats need beyond settings (MathML, tabs one after another).
# SVG figures before PNG: sphinx_nnbook.printed has rsvg-convert turn them
# into PDF, vectors in print.
nb_mime_priority_overrides = [("latex", "image/svg+xml", 15)]
latex_engine = "xelatex"
latex_elements = {
    "papersize": "a4paper",
    # A figure stays under the cell that drew it, and may sit in a solution's
    # box (a float there is a LaTeX error).
    "figure_align": "H",
    # A code line that does not fit wraps, even without a space to break at.
    "sphinxsetup": "verbatimforcewraps, verbatimmaxunderfull=0",
    # A tall figure (a computational graph) leaves room for its caption on
    # its page: Sphinx scales an image to at most the text's full height.
    "preamble": "\n".join(
        (
            r"\usepackage{etoolbox}",
            r"\makeatletter\AtBeginDocument{\spx@image@maxheight=0.8\textheight}",
            # A chapter's own contents (article class) gives a section
            # number 1.5em, too little for "5.10"; the book's (report
            # class) already gives 2.3em. A failed patch stops the build.
            r"\@ifclassloaded{article}{\patchcmd{\l@section}"
            r"{\setlength\@tempdima{1.5em}}{\setlength\@tempdima{2.3em}}{}"
            r"{\errmessage{nnbook: cannot widen the contents' section numbers}}}{}",
            r"\makeatother",
            # FreeSerif has no italic small capitals: an abbreviation in an
            # API signature (small caps in italic) takes the upright ones,
            # as LaTeX did, without its warning.
            r"\DeclareFontShape{TU}{FreeSerif(0)}{m}{scit}"
            r"{<->ssub*FreeSerif(0)/m/sc}{}",
            # A code block or figure that ends a page may overrun its bottom
            # by up to 3pt (1-2.6pt in the book), which no reader can see;
            # TeX reports only larger overruns.
            r"\vfuzz=3pt",
        )
    ),
}
# Pages of the site that make no sense in print: the build's execution
# report (its run times) and the changelog of every release (the PDF is
# one release, named on its title page). See sphinx_nnbook.printed.matter.
# The site links the PDFs that `nox -s pdf` built there (and copies them
# into its pdf/ folder); see sphinx_nnbook.printed.links.
nnbook_pdf_folder = str(ROOT / "docs" / "_build" / "latex")
nnbook_pdf_leaves_out = ["execution", "changelog"]
latex_show_urls = "footnote"
latex_use_xindy = False  # makeindex: the API's index is ASCII; no xindy package
epub_show_urls = "no"
