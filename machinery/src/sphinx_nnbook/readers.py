"""Run each chapter's downloadable notebook as a reader would, and compare.

A reader downloads ``<chapter>.ipynb`` from the site and runs it in their
own Python, which has neither Sphinx nor this machinery. This check does the
same, in a virtual environment the caller prepared (``nox -s notebooks``
makes one with only ``nnbook``'s pinned runtime dependencies and
``ipykernel``): it runs every downloaded notebook of a built site top to
bottom with :mod:`nbclient`, in a kernel of that environment and a fresh
working folder, then compares each cell's outputs with the site's, with the
outputs check's own reading and tolerances (:mod:`sphinx_nnbook.outputs`).

What is compared, and what is not:

* every printed number and text, within ``[tool.nnbook.outputs]`` and the
  cells' own tolerances;
* figures by their place only (a figure where the site has one): the site
  draws them with the book's IPython extension (:mod:`sphinx_nnbook.figures`,
  SVG or 2x PNG), a reader's Jupyter with its own defaults;
* not the setup cell (:data:`~sphinx_nnbook.web.standalone.SETUP_TAG`),
  which prints what pip did, nor the glued values, which the download keeps
  in a dict rather than showing (the hidden ``assert`` statements still run).

Run it as ``nnbook-notebooks SITE --python VENV/bin/python`` (exit 1 when a
notebook fails or differs, 2 on bad input).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import nbformat

from .outputs.compare import compare_chapter
from .outputs.model import Chapter, Item, read_notebook
from .outputs.normalise import ANSI, Normaliser
from .outputs.tolerance import project_defaults
from .web.standalone import SETUP_TAG

KERNEL = "nnbook-reader"


def downloads(site: Path) -> dict[str, Path]:
    """The downloadable notebooks of a built site: docname -> file."""
    sources = site / "_sources"
    return {
        path.relative_to(sources).with_suffix("").as_posix(): path
        for path in sorted(sources.rglob("*.ipynb"))
    }


def write_kernelspec(folder: Path, python: Path, env: dict[str, str]) -> Path:
    """A kernel spec that starts ``python``'s ipykernel with ``env`` added.

    Returns the folder to put on ``JUPYTER_PATH`` (it holds ``kernels/``).
    """
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    argv.append("--IPKernelApp.log_level=ERROR")  # not its TCP warning
    kernel = {"argv": argv, "display_name": KERNEL, "language": "python", "env": env}
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
    return folder


def run_notebook(notebook: nbformat.NotebookNode, kernels: Path, timeout: int) -> None:
    """Execute ``notebook`` in place in a fresh folder, in the reader's kernel.

    ``kernels`` (from :func:`write_kernelspec`) goes first on Jupyter's
    search path, so that nbclient makes, and then shuts down, the kernel
    itself (it leaves a kernel manager that it was given running).
    """
    from nbclient import NotebookClient

    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(kernels), saved]))
    try:
        with tempfile.TemporaryDirectory(prefix="nnbook-reader-") as cwd:
            NotebookClient(
                notebook,
                kernel_name=KERNEL,
                timeout=timeout,
                resources={"metadata": {"path": cwd}},
            ).execute()
    finally:
        if saved is None:
            del os.environ["JUPYTER_PATH"]
        else:
            os.environ["JUPYTER_PATH"] = saved


def _figure(item: Item) -> Item:
    """An image as a placeholder: compared by its place, not its pixels.

    Its kind too: the site shows a figure a cell returns as ``display_data``
    (:mod:`sphinx_nnbook.figures`), Jupyter as ``execute_result``.
    """
    if not item.is_image:
        return item
    return replace(item, kind="figure", mime="image", data="<figure>")


def lesson(chapter: Chapter) -> Chapter:
    """``chapter`` without its setup cell and glued values, figures as placeholders."""
    cells = [
        replace(cell, items=[_figure(item) for item in cell.items])
        for cell in chapter.cells
        if SETUP_TAG not in cell.metadata.get("tags", [])
    ]
    return Chapter(chapter.docname, cells, {})


def check(args: argparse.Namespace) -> int:
    """Run and compare every notebook; print a line per chapter."""
    found = downloads(args.site)
    if not found:
        print(
            f"error: {args.site}/_sources has no notebooks: build the book first"
            " (nox -s docs)",
            file=sys.stderr,
        )
        return 2
    python = args.python.absolute()
    normalise = Normaliser.for_repository(args.root)
    reader = Normaliser.for_repository(args.root, [python.parent.parent])
    default = project_defaults(args.root / "pyproject.toml")
    env = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(args.find_links.absolute())}
    failed = 0
    with tempfile.TemporaryDirectory(prefix="nnbook-kernels-") as folder:
        kernels = write_kernelspec(Path(folder), python, env)
        for docname, path in found.items():
            site = nbformat.read(path, as_version=4)
            ran = nbformat.read(path, as_version=4)
            start = time.perf_counter()
            try:
                run_notebook(ran, kernels, args.timeout)
            except Exception as error:  # nbclient's CellExecutionError and kin
                failed += 1
                why = ANSI.sub("", str(error)).strip()[-2000:]  # the end says why
                print(f"{docname}: FAILED to run: {why}")
                continue
            seconds = time.perf_counter() - start
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                nbformat.write(ran, args.save / f"{docname.replace('/', '--')}.ipynb")
            expected = lesson(read_notebook(site, docname, normalise))
            got = lesson(read_notebook(ran, docname, reader))
            problems = compare_chapter(
                expected, got, default, str(path), args.diff / docname
            )
            if problems:
                failed += 1
                print(f"{docname}: {len(problems)} difference(s) from the site")
                for problem in problems:
                    print(f"  - {problem}")
            else:
                print(
                    f"{docname}: ran in {seconds:.1f} s; its {len(got.cells)} code"
                    " cells match the site"
                )
    if failed:
        print(f"\n{failed} of {len(found)} downloadable notebook(s) failed")
        return 1
    print(f"notebooks: all {len(found)} downloads run and match the site")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``nnbook-notebooks``: run a site's downloadable notebooks, compare."""
    parser = argparse.ArgumentParser(prog="nnbook-notebooks", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site (docs/_build/html)")
    parser.add_argument(
        "--python", type=Path, required=True, help="the reader's Python (a venv's)"
    )
    parser.add_argument(
        "--find-links",
        type=Path,
        required=True,
        help="the folder with the nnbook wheel the setup cell installs",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the book")
    parser.add_argument("--timeout", type=int, default=600, help="per cell, in s")
    parser.add_argument("--save", type=Path, help="write the executed notebooks here")
    parser.add_argument("--diff", type=Path, default=Path("docs/_build/notebooks-diff"))
    return check(parser.parse_args(argv))
