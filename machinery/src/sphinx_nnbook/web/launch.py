"""Launch links: open a chapter's notebook in Colab or on Binder.

Colab opens a notebook stored on GitHub, and only an ``.ipynb``
(``colab.research.google.com/github/<owner>/<repo>/blob/<ref>/<path>``);
Binder builds an environment from a GitHub ref and opens a file of it
(``mybinder.org/v2/gh/<owner>/<repo>/<ref>?urlpath=lab/tree/<path>``). The
chapters' sources are MyST Markdown, which Colab cannot open, and the
notebooks a reader downloads (``_sources/<doc>.ipynb``, a setup cell first:
see :mod:`.standalone`) are made by the build, not kept in the repository.

So the release workflow publishes them: on the tag ``v<version>`` it pushes
a second tag, ``notebooks-v<version>`` (:func:`launch_ref`), on a commit
that holds only the launch tree, :func:`write_launch_tree`: each chapter's
downloadable notebook at ``<doc>.ipynb`` and Binder's ``requirements.txt``
and ``runtime.txt``. Each chapter page links that tag, so a version of the
book opens the notebooks of the same version, whatever later versions do.
Links on a site built from an unreleased version point at a tag that does
not exist yet.

Why not sphinx-book-theme's ``launch_buttons``: the theme links the page's
own source file (``<doc>.md``) on one branch of the repository, which Colab
cannot open; it also shows each service's logo, two more requests per page.
Here the theme's own dropdown (its ``header_buttons``) gets the two links,
with a Font Awesome icon the site's font already has room for.

The links cannot be followed offline; ``nnbook-launch check-site`` checks
their form on every chapter page and that each one's path is in the tree
built from the same site.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..metadata import get_metadata, load_metadata

COLAB = "https://colab.research.google.com"
BINDER = "https://mybinder.org"
#: Binder opens the notebook in JupyterLab.
BINDER_UI = "lab/tree"
_GITHUB = re.compile(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?")
_LINK = re.compile(rf'<a href="((?:{re.escape(COLAB)}|{re.escape(BINDER)})/[^"]*)"')


def launch_ref(version: str) -> str:
    """The git tag that holds the notebooks of ``version``.

    Examples
    --------
    >>> launch_ref("1.2.0")
    'notebooks-v1.2.0'
    """
    return f"notebooks-v{version}"


def github_repository(url: str) -> tuple[str, str]:
    """The owner and name of a GitHub repository's address.

    Examples
    --------
    >>> github_repository("https://github.com/nnbook/nnbook")
    ('nnbook', 'nnbook')
    """
    match = _GITHUB.fullmatch(url)
    if match is None:
        msg = (
            f"github_repository(url=...): expected a GitHub repository's address,"
            f" https://github.com/<owner>/<name>, got {url!r}; Colab and Binder"
            " open notebooks from GitHub only: set [project.urls].Source in"
            " pyproject.toml to the book's GitHub repository, or turn the links"
            " off (nnbook_launch_links = False in conf.py)"
        )
        raise ValueError(msg)
    return match.group(1), match.group(2)


def launch_urls(repository: str, version: str, docname: str) -> dict[str, str]:
    """The Colab and Binder links of chapter ``docname`` of book ``version``.

    Examples
    --------
    >>> urls = launch_urls("https://github.com/o/r", "1.2.0", "chapters/intro")
    >>> print(urls["Colab"])
    https://colab.research.google.com/github/o/r/blob/notebooks-v1.2.0/chapters/intro.ipynb
    >>> print(urls["Binder"])
    https://mybinder.org/v2/gh/o/r/notebooks-v1.2.0?urlpath=lab/tree/chapters/intro.ipynb
    """
    owner, name = github_repository(repository)
    ref, path = launch_ref(version), f"{docname}.ipynb"
    return {
        "Colab": f"{COLAB}/github/{owner}/{name}/blob/{ref}/{path}",
        "Binder": f"{BINDER}/v2/gh/{owner}/{name}/{ref}?urlpath={BINDER_UI}/{path}",
    }


# --------------------------------------------------------------------------
# The launch tree: what the release workflow publishes
# --------------------------------------------------------------------------


def downloads(site: Path) -> dict[str, Path]:
    """The chapters' downloadable notebooks of a built site, by docname."""
    sources = site / "_sources"
    return {
        path.relative_to(sources).with_suffix("").as_posix(): path
        for path in sorted(sources.rglob("*.ipynb"))
    }


def binder_requirements(pyproject: Path, constraints: Path) -> str:
    """Binder's ``requirements.txt``: the package and its direct dependencies, pinned.

    Only the direct dependencies take the book's exact pins (from
    ``constraints.txt``): pinning every package would also move those of
    Binder's own Jupyter server.
    """
    meta = load_metadata(pyproject)
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        name, sep, _ = line.partition("==")
        if sep and not line.startswith("#"):
            pins[_normal(name)] = line.strip()
    wanted = [
        _normal(re.split(r"[<>=!~;\[ ]", dependency, maxsplit=1)[0])
        for dependency in project["dependencies"]
    ]
    missing = [name for name in wanted if name not in pins]
    if missing:
        msg = (
            f"binder_requirements(constraints={str(constraints)!r}): expected an"
            f" exact pin (name==version) for every dependency of {meta.package},"
            f" found none for {', '.join(missing)}; run `nox -s lock`"
        )
        raise ValueError(msg)
    return "\n".join(
        [
            f"# Binder's environment: the notebooks of {meta.package} {meta.version}",
            "# PyTorch's CPU build: the book needs no GPU.",
            "--extra-index-url https://download.pytorch.org/whl/cpu",
            f"{meta.package}=={meta.version}",
            *(pins[name] for name in wanted),
            "",
        ]
    )


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def write_launch_tree(
    site: Path, out: Path, pyproject: Path, constraints: Path
) -> list[str]:
    """Write the tree of the ``notebooks-v<version>`` tag; its files' paths.

    ``out`` is made afresh: each chapter's downloadable notebook of the
    built ``site`` at ``<docname>.ipynb``, Binder's ``requirements.txt``
    (:func:`binder_requirements`) and ``runtime.txt`` (the book's Python).
    """
    notebooks = downloads(site)
    if not notebooks:
        msg = (
            f"write_launch_tree(site={str(site)!r}): expected the built site's"
            " chapter notebooks in _sources/*.ipynb, found none; build the book"
            " first (nox -s docs)"
        )
        raise ValueError(msg)
    shutil.rmtree(out, ignore_errors=True)
    for docname, path in notebooks.items():
        target = out / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    (out / "requirements.txt").write_text(binder_requirements(pyproject, constraints))
    (out / "runtime.txt").write_text("python-3.11\n")  # nnbook needs >= 3.11
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


# --------------------------------------------------------------------------
# Sphinx: the links on each chapter page
# --------------------------------------------------------------------------


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if not app.config.nnbook_launch_links or "header_buttons" not in context:
        return
    if context.get("ipynb_source") != f"{pagename}.ipynb":  # not a chapter
        return
    meta = get_metadata(app)
    buttons = [
        {
            "type": "link",
            "text": service,
            "tooltip": f"Open this chapter's notebook in {service}",
            "url": url,
            "label": f"launch-{service.lower()}",
        }
        for service, url in launch_urls(meta.repository, meta.version, pagename).items()
    ]
    # First in the page's buttons, where the theme puts its own launch menu.
    context["header_buttons"].insert(
        0,
        {
            "type": "group",
            "tooltip": "Run this chapter's notebook online",
            "icon": "fas fa-rocket",
            "buttons": buttons,
            "label": "launch-buttons",
        },
    )


def _check_repository(app: Any) -> None:
    if app.config.nnbook_launch_links:
        github_repository(get_metadata(app).repository)  # fails early, clearly


def setup_launch(app: Any) -> None:
    """Add the launch links to each chapter page (``nnbook_launch_links``)."""
    app.add_config_value("nnbook_launch_links", False, "html", types=frozenset({bool}))
    app.connect("builder-inited", _check_repository)
    # After sphinx-book-theme has made the page's buttons (priority 501).
    app.connect("html-page-context", _page_context, priority=510)


# --------------------------------------------------------------------------
# nnbook-launch: the tree, and the check of the built site
# --------------------------------------------------------------------------


def check_site(site: Path, pyproject: Path) -> list[str]:
    """Problems with the launch links of a built site; empty when all is well.

    Every chapter page (a page with a downloadable notebook) must carry
    exactly the two links of :func:`launch_urls`, and each link's notebook
    must be a file of the launch tree (:func:`downloads`).
    """
    meta = load_metadata(pyproject)
    notebooks = downloads(site)
    problems = [] if notebooks else [f"no chapter notebooks in {site}/_sources"]
    for docname in notebooks:
        html = (site / f"{docname}.html").read_text(encoding="utf-8")
        found = sorted(set(_LINK.findall(html)))
        expected = sorted(launch_urls(meta.repository, meta.version, docname).values())
        if found != expected:
            problems.append(
                f"{docname}.html: launch links {found}, expected {expected}"
            )
        for url in found:
            path = url.rsplit(f"/{launch_ref(meta.version)}", 1)[-1]
            path = path.removeprefix(f"?urlpath={BINDER_UI}").lstrip("/")
            if path.removesuffix(".ipynb") not in notebooks:
                problems.append(f"{docname}.html: {url} opens {path}, not in the tree")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """``nnbook-launch tree SITE OUT`` or ``nnbook-launch check-site SITE``."""
    parser = argparse.ArgumentParser(
        prog="nnbook-launch", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"))
    parser.add_argument("--constraints", type=Path, default=Path("constraints.txt"))
    commands = parser.add_subparsers(dest="command", required=True)
    tree = commands.add_parser("tree", help="write the notebooks-v<version> tag's tree")
    tree.add_argument("site", type=Path)
    tree.add_argument("out", type=Path)
    check = commands.add_parser("check-site", help="check each chapter's links")
    check.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if args.command == "tree":
        files = write_launch_tree(args.site, args.out, args.pyproject, args.constraints)
        print(f"{args.out}: {len(files)} files ({', '.join(files)})")
        return 0
    problems = check_site(args.site, args.pyproject)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"launch links: {len(problems)} problem(s) in {args.site}")
    return 1 if problems else 0
