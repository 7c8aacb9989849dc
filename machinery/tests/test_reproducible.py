"""Two clean builds of a book give the same site, file by file, to the byte.

The sample book ``roots/test-web`` in the real book's theme (its icon font
cut, its style sheets purged and bundled), plus an execution report page,
its notebook executed by each build (``nb_execution_mode = "cache"``, an
empty cache each time): every file of the two sites is compared, the
downloadable notebook, the fonts and the execution report included. The
fonts differed (fontTools stamped them with the build's time) until
:func:`sphinx_nnbook.web.iconfont.subset_font` kept their own date. With
MyST-NB's own
``{nb-exec-table}`` (when each notebook's cache record was written, how many
seconds it took, to the hundredth) the report differs between the builds
(``REPORT_DIRECTIVE`` set to it makes this test fail); with
``{nnbook-exec-table}`` it does not.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

REPORT = "# Execution report\n\n```{%s}\n```\n"
REPORT_DIRECTIVE = "nnbook-exec-table"


def site_files(outdir: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def two_clean_builds(rootdir: Path, tmp_path: Path, directive: str):
    """Build the same sources twice, each time in a new process and folder.

    A process each, as ``sphinx-build`` runs: in one process the themes
    would carry state from one build to the next (they append to
    ``templates_path``, which changes ``.buildinfo``).
    """
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-web", srcdir)
    (srcdir / "execution.md").write_text(REPORT % directive, encoding="utf-8")
    # Its metadata and the book's npm packages (PurgeCSS, KaTeX) beside it.
    shutil.copyfile(rootdir / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "node_modules").symlink_to(REPO / "node_modules")
    sites = []
    for run in ("first", "second"):
        # Each build has its own doctrees, execution cache and outputs.
        outdir = tmp_path / run / "html"
        subprocess.run(
            [
                sys.executable, "-m", "sphinx", "-b", "html", "-q",
                "-d", str(tmp_path / run / "doctrees"),
                "-D", f"book_pyproject={tmp_path / 'pyproject.toml'}",
                "-D", "nb_execution_mode=cache",
                # The real book's theme: its icon font cut to the icons
                # shown, its style sheets purged and bundled.
                "-D", "html_theme=sphinx_book_theme",
                str(srcdir), str(outdir),
            ],
            check=True,
        )  # fmt: skip
        sites.append(site_files(outdir))
    return sites


def test_two_clean_builds_give_byte_identical_sites(rootdir, tmp_path):
    first, second = two_clean_builds(rootdir, tmp_path, REPORT_DIRECTIVE)
    assert "execution.html" in first
    assert "_sources/notebook.ipynb" in first
    assert "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2" in first
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    # The report names the chapter, how it ran and that it succeeded.
    report = first["execution.html"].decode()
    assert "A notebook" in report
    assert "cache" in report
    assert "every cell ran" in report
