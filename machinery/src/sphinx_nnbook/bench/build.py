"""How long the book takes to build, and how much of that is its code.

Every measurement runs ``sphinx-build`` on a *copy* of the repository, so the
working tree is never touched. The copy's ``nnbook`` comes first on
``PYTHONPATH``, so that the kernels import the copy and an edit to one of its
modules is seen by the build exactly as an edit in the real tree would be.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..execution import is_notebook, notebook_modules

SPHINX = ["-b", "html", "-c", "conf", "-W", "--keep-going", "-n"]
SPHINX += ["-d", "docs/_build/doctrees", "docs"]  # as nox -s docs builds


@dataclass
class BuildRun:
    """One timed ``sphinx-build``: its wall time and what it executed."""

    seconds: float
    executed: list[str]


@dataclass
class Scenario:
    """Repeated runs of one build scenario."""

    name: str
    runs: list[BuildRun] = field(default_factory=list)
    #: The chapters this scenario should execute, where that is known.
    expected: list[str] | None = None

    @property
    def median(self) -> float:
        """Median wall time of the runs."""
        return statistics.median(run.seconds for run in self.runs)

    @property
    def executed(self) -> list[str]:
        """The chapters the runs executed (the same for every run, or all)."""
        return sorted({name for run in self.runs for name in run.executed})


def copy_repository(source: Path, target: Path) -> Path:
    """Copy the files git tracks (and the untracked, not ignored) to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=source,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        path = source / name
        if path.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)
    if (source / "node_modules").is_dir():  # installed by npm ci, not tracked
        (target / "node_modules").symlink_to(source / "node_modules")
    return target


def executed_chapters(log: str) -> list[str]:
    """Chapters whose notebooks the build's log says were executed."""
    return sorted(
        Path(line.split(": ")[0]).with_suffix("").name
        for line in log.splitlines()
        if "Executing notebook" in line
    )


def sphinx_build(repo: Path, *options: str) -> BuildRun:
    """Build the copy's book once; fail loudly if the build fails."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    env.pop("MPLBACKEND", None)
    command = [sys.executable, "-m", "sphinx", *options, *SPHINX, "docs/_build/html"]
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = result.stdout[-3000:] + result.stderr[-3000:]
        msg = f"sphinx-build failed in {repo}:\n{tail}"
        raise RuntimeError(msg)
    return BuildRun(seconds, executed_chapters(result.stdout + result.stderr))


def clean(repo: Path) -> None:
    """Delete the copy's build, cache included."""
    shutil.rmtree(repo / "docs" / "_build", ignore_errors=True)


def chapters(repo: Path) -> list[Path]:
    """List the executed chapters (the MyST notebooks under docs/chapters)."""
    return sorted(
        p for p in (repo / "docs" / "chapters").glob("*.md") if is_notebook(p)
    )


def edit_prose(chapter: Path) -> None:
    """Add a sentence to the first paragraph after the title."""
    text = chapter.read_text(encoding="utf-8")
    title_end = text.index("\n", text.index("\n# ") + 1)
    chapter.write_text(
        text[: title_end + 1]
        + "\nA sentence added by the benchmark.\n"
        + text[title_end + 1 :],
        encoding="utf-8",
    )


def edit_code_cell(chapter: Path) -> None:
    """Change the first code cell (a comment is enough to change its hash)."""
    text = chapter.read_text(encoding="utf-8")
    start = text.index("```{code-cell}")
    body = text.index("\n", start) + 1
    if text.startswith("---", body):  # skip the cell's own YAML options
        body = text.index("---\n", body + 3) + 4
    while text.startswith(":", body):  # ... or its `:key: value` options
        body = text.index("\n", body) + 1
    chapter.write_text(
        text[:body] + "# edited by the benchmark\n" + text[body:], encoding="utf-8"
    )


def edit_module(module: Path) -> None:
    """Change one nnbook module without changing what it computes."""
    with module.open("a", encoding="utf-8") as handle:
        handle.write("\n# edited by the benchmark\n")


def representative_modules(root: Path) -> list[str]:
    """The ``nnbook`` modules whose edit the benchmark times, from the chapters.

    One module that every chapter imports (the one most chapters share), then,
    for each chapter, one module that only it imports, so that each edit
    shows the cache re-executing exactly the chapters that depend on it.
    Derived from the chapters' imports (as the build's cache sees them), so
    a new chapter or a moved function needs no change here.
    """
    imports = {c.stem: notebook_modules(c, root) for c in chapters(root)}
    every = sorted(set.union(*imports.values())) if imports else []

    def file(module: str) -> str:
        return module.removeprefix("nnbook.").replace(".", "/") + ".py"

    def users(module: str) -> int:
        return sum(module in found for found in imports.values())

    def public(module: str) -> bool:
        return not any(part.startswith("_") for part in module.split("."))

    # Modules with a file of their own, public ones (what an author edits) first.
    leaves = sorted(
        (m for m in every if (root / "nnbook" / file(m)).is_file()),
        key=lambda m: (not public(m), m),
    )
    chosen = [max(leaves, key=lambda m: (users(m), public(m)))] if leaves else []
    for name, found in imports.items():
        only = [m for m in leaves if m in found and users(m) == 1]
        if only and only[0] not in chosen:
            chosen.append(only[0])
        elif not only:
            print(f"  (no module is imported by {name} alone)")
    return [file(m) for m in chosen]


def measure_builds(
    source: Path, workdir: Path, repeat: int, modules: list[str] | None = None
) -> list[Scenario]:
    """Time the book's build in each scenario of the issue, ``repeat`` times.

    ``modules`` (paths below ``nnbook/``) default to
    :func:`representative_modules`.
    """
    if modules is None:
        modules = representative_modules(source)
    scenarios: dict[str, Scenario] = {}
    for i in range(repeat):
        repo = copy_repository(source, workdir / f"repo-{i}")
        first = chapters(repo)[0]
        clean(repo)
        steps: list[tuple[str, Callable[[], None], tuple[str, ...]]] = [
            ("clean build", lambda: None, ()),
            ("no-op rebuild", lambda: None, ()),
            ("prose-only edit (1 chapter)", partial(edit_prose, first), ()),
            ("code-cell edit (1 chapter)", partial(edit_code_cell, first), ()),
            *(
                (f"edit of nnbook/{m}", partial(edit_module, repo / "nnbook" / m), ())
                for m in modules
            ),
            ("clean build, -j 2", partial(clean, repo), ("-j", "2")),
        ]
        for name, prepare, options in steps:
            prepare()
            run = sphinx_build(repo, *options)
            scenarios.setdefault(name, Scenario(name)).runs.append(run)
            if name.startswith("edit of nnbook/"):
                path = name.removeprefix("edit of nnbook/").removesuffix(".py")
                module = "nnbook." + path.replace("/", ".")
                scenarios[name].expected = [
                    chapter.stem
                    for chapter in chapters(repo)
                    if module in notebook_modules(chapter, repo)
                ]
            done = f"{run.seconds:.1f} s, executed {run.executed}"
            print(f"  [{i + 1}/{repeat}] {name}: {done}")
    return list(scenarios.values())


@dataclass
class ChapterCost:
    """Pure cell execution of a chapter against what the build spends on it."""

    chapter: str
    cells_seconds: float
    build_seconds: float

    @property
    def overhead(self) -> float:
        """Seconds the build spends on the chapter beyond running its cells."""
        return self.build_seconds - self.cells_seconds


@contextmanager
def environment(**variables: str) -> Iterator[None]:
    """Set environment variables for the duration of a ``with`` block."""
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def cell_seconds(notebook: Path) -> float:
    """Run an executed notebook again in a fresh kernel; sum its cells' times."""
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        record_timing=True,
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    client.execute()
    total = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            total += _seconds(timing["shell.execute_reply"]) - _seconds(
                timing["iopub.execute_input"]
            )
    return total


def _seconds(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def measure_chapters(source: Path, workdir: Path, repeat: int) -> list[ChapterCost]:
    """Per chapter: its cells' run time and the build's time to re-execute it."""
    repo = copy_repository(source, workdir / "repo-chapters")
    clean(repo)
    sphinx_build(repo)
    costs = []
    for chapter in chapters(repo):
        docname = chapter.relative_to(repo / "docs").with_suffix("")
        notebook = repo / "docs" / "_build" / "jupyter_execute" / f"{docname}.ipynb"
        build, cells = [], []
        for _ in range(repeat):
            noop = sphinx_build(repo).seconds
            edit_code_cell(chapter)
            build.append(sphinx_build(repo).seconds - noop)
            # The kernel the build would start: the copy's nnbook, the
            # build's IPython profile, one thread.
            with environment(
                PYTHONPATH=str(repo),
                IPYTHONDIR=str(repo / "docs" / "_build" / ".ipython"),
                OMP_NUM_THREADS="1",
                OPENBLAS_NUM_THREADS="1",
                MKL_NUM_THREADS="1",
            ):
                cells.append(cell_seconds(notebook))
        costs.append(
            ChapterCost(
                docname.as_posix(), statistics.median(cells), statistics.median(build)
            )
        )
    return costs
