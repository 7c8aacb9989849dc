"""``check`` and ``update``: the command line of the outputs check.

Exit status: 0 when every chapter matches its snapshot (or the snapshot was
updated), 1 when an output differs, 2 on bad input (a chapter without an
executed notebook, a missing or malformed snapshot, a snapshot of a chapter
that no longer exists). The snapshot is written only by ``update``, and only
when every chapter could be read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..execution import is_notebook  # the build's own test
from . import snapshot
from .compare import compare_chapter, keep_unchanged
from .errors import OutputsCheckError
from .model import Chapter, read_executed
from .normalise import Normaliser
from .tolerance import project_defaults


def chapters(source: Path, build: Path) -> dict[str, Path]:
    """Every executed notebook of the book: docname -> source file.

    That is every ``.ipynb``, and every MyST Markdown file whose front matter
    has a ``kernelspec``, below ``source`` (the build folder, hidden folders
    and ``_build`` aside).
    """
    found = {}
    build = build.resolve()
    for path in sorted([*source.rglob("*.md"), *source.rglob("*.ipynb")]):
        relative = path.relative_to(source)
        if any(part.startswith(".") or part == "_build" for part in relative.parts):
            continue
        if path.resolve().is_relative_to(build):
            continue
        if path.suffix == ".md" and not is_notebook(path):
            continue
        found[relative.with_suffix("").as_posix()] = path
    return found


def _show(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_build(
    args: argparse.Namespace, errors: list[str]
) -> tuple[dict[str, tuple[Path, Chapter]], list[str]]:
    """Read the build's chapters; put what cannot be read in ``errors``.

    Returns the chapters read (docname -> source file and outputs) and the
    snapshots of chapters that no longer exist.
    """
    normalise = Normaliser.for_repository(args.root)
    found = chapters(args.source, args.build)
    if not found:
        errors.append(f"{_show(args.source)}: no chapters (executed notebooks) found")
    built = {}
    for docname, path in found.items():
        try:
            built[docname] = (path, read_executed(args.build, docname, normalise))
        except OutputsCheckError as error:
            errors.append(str(error))
    orphans = sorted(set(snapshot.snapshot_docnames(args.snapshots)) - found.keys())
    return built, orphans


def _clear_diff(folder: Path) -> None:
    """Delete the images a previous check wrote to ``folder``, and nothing else."""
    if not folder.is_dir():
        return
    for path in folder.rglob("*"):
        if path.is_file() and snapshot.OWNED.match(path.name):
            path.unlink()
    for path in [*sorted(folder.rglob("*"), reverse=True), folder]:  # deepest first
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def check(args: argparse.Namespace) -> int:
    """Compare the build with the snapshot; print every difference."""
    errors: list[str] = []
    built, orphans = _read_build(args, errors)
    for docname in orphans:
        folder = snapshot.snapshot_dir(args.snapshots, docname) / snapshot.FILENAME
        errors.append(
            f"{_show(folder)}: snapshot of chapter {docname}, which no longer"
            f" exists in {_show(args.source)} (remove it with --update)"
        )
    default = project_defaults(args.pyproject)
    _clear_diff(args.diff)  # so that the folder shows only this run's figures
    failed = 0
    for docname, (path, chapter) in built.items():
        try:
            expected = snapshot.read(args.snapshots, docname)
            problems = compare_chapter(
                expected,
                chapter,
                default,
                _show(path),
                args.diff.joinpath(*docname.split("/")),
            )
        except OutputsCheckError as error:
            errors.append(str(error))
            continue
        if problems:
            failed += 1
            expected_file = (
                snapshot.snapshot_dir(args.snapshots, docname) / snapshot.FILENAME
            )
            print(
                f"{docname} ({_show(path)}): {len(problems)} difference(s)"
                f" from {_show(expected_file)}"
            )
            for problem in problems:
                print(f"  - {problem}")
    for message in errors:
        print(f"error: {message}", file=sys.stderr)
    if errors:
        return 2
    if failed:
        print(
            f"\n{failed} chapter(s) differ from the snapshot. If the change is"
            " intended, update it with `nox -s outputs -- --update` and review"
            " `git diff tests/snapshots`."
        )
        return 1
    print(f"outputs: {len(built)} chapter(s) match {_show(args.snapshots)}")
    return 0


def update(args: argparse.Namespace) -> int:
    """Rewrite the snapshot from the build, if every chapter could be read.

    Outputs that still match the snapshot within tolerance keep the form
    the snapshot has, so that only real changes show in its diff.
    """
    errors: list[str] = []
    built, orphans = _read_build(args, errors)
    default = project_defaults(args.pyproject)
    chapters_to_write = []
    with tempfile.TemporaryDirectory() as scratch:
        for docname, (path, chapter) in built.items():
            try:
                old = snapshot.read(args.snapshots, docname)
            except OutputsCheckError:
                old = None  # missing or malformed: written afresh
            try:
                new = keep_unchanged(old, chapter, default, _show(path), Path(scratch))
            except OutputsCheckError as error:  # e.g. a bad tolerance override
                errors.append(str(error))
                continue
            chapters_to_write.append((path, new))
    if errors:
        for message in errors:
            print(f"error: {message}", file=sys.stderr)
        print("error: the snapshot was left unchanged", file=sys.stderr)
        return 2
    for path, chapter in chapters_to_write:
        changed = snapshot.write(args.snapshots, chapter, _show(path))
        print(f"{'updated' if changed else 'unchanged'}: {chapter.docname}")
    for docname in orphans:
        snapshot.remove(args.snapshots, docname)
        print(f"removed: {docname} (the chapter no longer exists)")
    return 0


def parser() -> argparse.ArgumentParser:
    """Build the command line's parser."""
    cli = argparse.ArgumentParser(
        prog="nnbook-outputs",
        description="Check the outputs of the book's last build against the snapshot.",
    )
    cli.add_argument(
        "command", choices=["check", "update"], help="compare, or rewrite the snapshot"
    )
    cli.add_argument(
        "--source",
        type=Path,
        default=Path("docs"),
        help="the book's sources (default: docs)",
    )
    cli.add_argument(
        "--build",
        type=Path,
        default=Path("docs/_build"),
        help="the build folder (default: docs/_build)",
    )
    cli.add_argument(
        "--snapshots",
        type=Path,
        default=Path("tests/snapshots"),
        help="the snapshot (default: tests/snapshots)",
    )
    cli.add_argument(
        "--diff",
        type=Path,
        default=None,
        help="where to write images of changed figures (default: <build>/outputs-diff)",
    )
    cli.add_argument(
        "--pyproject",
        type=Path,
        default=Path("pyproject.toml"),
        help="project tolerances [tool.nnbook.outputs] (default: pyproject.toml)",
    )
    cli.add_argument(
        "--root",
        type=Path,
        default=Path(),
        help="the repository, shown as <root> in outputs (default: .)",
    )
    return cli


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    if args.diff is None:
        args.diff = args.build / "outputs-diff"
    try:
        return check(args) if args.command == "check" else update(args)
    except OutputsCheckError as error:  # e.g. a bad [tool.nnbook.outputs]
        print(f"error: {error}", file=sys.stderr)
        return 2
