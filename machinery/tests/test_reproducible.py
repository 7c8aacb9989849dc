"""Two clean builds of a book give the same site, file by file, to the byte.

The sample book ``roots/test-web`` plus an execution report page, its
notebook executed by each build (``nb_execution_mode = "cache"``, an empty
cache each time): every file of the two sites is compared, the downloadable
notebook and the execution report included. With MyST-NB's own
``{nb-exec-table}`` (when each notebook's cache record was written, how many
seconds it took, to the hundredth) the report differs between the builds
(``REPORT_DIRECTIVE`` set to it makes this test fail); with
``{nnbook-exec-table}`` it does not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPORT = "# Execution report\n\n```{%s}\n```\n"
REPORT_DIRECTIVE = "nnbook-exec-table"


def site_files(outdir: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def two_clean_builds(make_app, rootdir: Path, tmp_path: Path, directive: str):
    """Build the same sources twice, each time with a new build folder."""
    srcdir = tmp_path / "book"
    shutil.copytree(rootdir / "test-web", srcdir)
    (srcdir / "execution.md").write_text(REPORT % directive, encoding="utf-8")
    sites = []
    for run in ("first", "second"):
        # Each build has its own doctrees, execution cache and outputs.
        app = make_app(
            "html",
            srcdir=srcdir,
            builddir=tmp_path / run,
            freshenv=True,
            confoverrides={
                "book_pyproject": str(rootdir / "pyproject.toml"),
                "nb_execution_mode": "cache",
            },
        )
        app.build(force_all=True)
        sites.append(site_files(Path(app.outdir)))
    return sites


def test_two_clean_builds_give_byte_identical_sites(make_app, rootdir, tmp_path):
    first, second = two_clean_builds(make_app, rootdir, tmp_path, REPORT_DIRECTIVE)
    assert "execution.html" in first
    assert "_sources/notebook.ipynb" in first
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    # The report names the chapter, how it ran and that it succeeded.
    report = first["execution.html"].decode()
    assert "A notebook" in report
    assert "cache" in report
    assert "every cell ran" in report
