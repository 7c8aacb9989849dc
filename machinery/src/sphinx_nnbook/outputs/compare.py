"""Compare a chapter's outputs with its snapshot; describe each difference.

Cells are matched by their code, so that a cell added, removed or moved is
reported as such rather than as a cascade of changed outputs. Text is
compared exactly, except for the numbers in it, which may differ within a
tolerance (:mod:`.tolerance`). PNG figures are compared by pixels with
Matplotlib's own :func:`~matplotlib.testing.compare.compare_images`; SVG
figures as text, their coordinates being numbers within the tolerance
(Matplotlib writes them deterministically, see :mod:`sphinx_nnbook.figures`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from matplotlib.testing.compare import compare_images
from matplotlib.testing.exceptions import ImageComparisonFailure
from PIL import Image

from .model import TEXT_IMAGES, Cell, Chapter, Item
from .snapshot import slug
from .tolerance import Tolerance, cell_tolerance

#: A number as Python, NumPy and PyTorch print it, not part of a name
#: (``W1``, ``float64``) nor of a longer token.
NUMBER = r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])"
TOKEN = re.compile(rf"(?P<number>{NUMBER})|(?:(?!{NUMBER})\S)+")


@dataclass
class Pair:
    """A snapshot cell and the build cell it corresponds to.

    ``old`` and ``new`` are 0-based positions; either is None for a cell
    removed or added. ``status`` is ``same``, ``moved``, ``edited``,
    ``added`` or ``removed``.
    """

    old: int | None
    new: int | None
    status: str


def _keys(cells: list[Cell]) -> list[tuple[str, int]]:
    """Each cell's code and how many identical cells precede it."""
    seen: Counter[str] = Counter()
    keys = []
    for cell in cells:
        keys.append((cell.source, seen[cell.source]))
        seen[cell.source] += 1
    return keys


def _similar(old: str, new: str) -> bool:
    """Whether ``new`` looks like an edit of ``old`` rather than other code."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).ratio() >= 0.5


def align(old: list[Cell], new: list[Cell]) -> list[Pair]:
    """Match snapshot cells ``old`` with build cells ``new`` by their code.

    Cells in the longest common order are the same; cells whose code appears
    on both sides out of that order have moved; in a stretch where both
    sides have unmatched cells, they are paired in order as edited when their
    code is similar; what is left was removed or added.
    """
    old_keys, new_keys = _keys(old), _keys(new)
    opcodes = difflib.SequenceMatcher(
        None, old_keys, new_keys, autojunk=False
    ).get_opcodes()
    pairs: list[Pair] = []
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            pairs += [Pair(i1 + k, j1 + k, "same") for k in range(i2 - i1)]
    done_old = {p.old for p in pairs}
    done_new = {p.new for p in pairs}
    where_new = {key: j for j, key in enumerate(new_keys) if j not in done_new}
    for i, key in enumerate(old_keys):
        if i not in done_old and key in where_new:
            pairs.append(Pair(i, where_new[key], "moved"))
            done_old.add(i)
            done_new.add(where_new[key])
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        left = [i for i in range(i1, i2) if i not in done_old]
        right = [j for j in range(j1, j2) if j not in done_new]
        for i, j in zip(left, right, strict=False):
            if _similar(old[i].source, new[j].source):
                pairs.append(Pair(i, j, "edited"))
                done_old.add(i)
                done_new.add(j)
        pairs += [Pair(i, None, "removed") for i in left if i not in done_old]
        pairs += [Pair(None, j, "added") for j in right if j not in done_new]
    return sorted(
        pairs, key=lambda p: (p.new if p.new is not None else p.old, p.new is None)
    )


# --------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[int, str | float | int, str]]:
    """Split text into words and numbers, each with its line and its text.

    Whitespace only separates them: NumPy and PyTorch pad numbers to align
    columns and wrap long arrays, so the amount of whitespace and where lines
    break change with the numbers.
    """
    tokens: list[tuple[int, str | float | int, str]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in TOKEN.finditer(line):
            token = match.group()
            if match.group("number") is None:
                tokens.append((number, token, token))
            elif re.fullmatch(r"[-+]?\d+", token):
                tokens.append((number, int(token), token))
            else:
                tokens.append((number, float(token), token))
    return tokens


def first_mismatch(expected: str, got: str, tolerance: Tolerance) -> str | None:
    """Why ``got`` does not match ``expected``; None if it does.

    The text matches when it has the same words and numbers in the same
    order: words and integers equal, other numbers within ``tolerance``.
    """
    if expected == got:
        return None
    old, new = _tokens(expected), _tokens(got)
    for (_, a, was), (line, b, now) in zip(old, new, strict=False):
        if isinstance(a, str) or isinstance(b, str):
            if a != b:
                return f"line {line}: {was!r} is now {now!r}"
        elif isinstance(a, int) and isinstance(b, int):
            if a != b:
                return f"line {line}: the integer {was} is now {now}"
        elif not tolerance.numbers_match(a, b):
            return (
                f"line {line}: {was} is now {now}, beyond"
                f" rtol={tolerance.rtol:g}, atol={tolerance.atol:g}"
            )
    if len(new) > len(old):
        line, _, extra = new[len(old)]
        return f"line {line}: {extra!r} and what follows are new"
    if len(old) > len(new):
        return f"{old[len(new)][2]!r} and what followed it are gone"
    return None


def unified_diff(expected: str, got: str) -> str:
    """Diff two texts, ``expected`` (snapshot) to ``got`` (build), unified."""
    lines = difflib.unified_diff(
        expected.split("\n"),
        got.split("\n"),
        fromfile="expected (snapshot)",
        tofile="got (build)",
        lineterm="",
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------


def _size(path: Path) -> str:
    with Image.open(path) as image:
        return "{}x{}".format(*image.size)


def _padded_diff(expected: Path, actual: Path) -> Path:
    """Write the difference of two images of different sizes; return its path.

    Both are drawn on a white canvas of the larger size, top left, which is
    where Matplotlib anchors a figure that grew or shrank.
    """
    with Image.open(expected) as one, Image.open(actual) as two:
        images = [one.convert("RGB"), two.convert("RGB")]
    size = tuple(max(sizes) for sizes in zip(*(i.size for i in images), strict=True))
    canvases = []
    for image in images:
        canvas = Image.new("RGB", size, "white")
        canvas.paste(image, (0, 0))
        canvases.append(np.asarray(canvas, dtype=np.int16))
    difference = np.abs(canvases[0] - canvases[1]).astype(np.uint8)
    path = actual.with_name(f"{actual.stem}-failed-diff.png")
    Image.fromarray(difference).save(path)
    return path


def compare_image(
    expected: Item, got: Item, tolerance: Tolerance, diff: Path
) -> str | None:
    """Why figure ``got`` does not match ``expected``; None if it does.

    On a difference, the expected and actual images, and for PNG the
    difference image, are written to ``diff`` (a file stem), and the message
    names them.
    """
    if expected.data == got.data:
        return None
    diff.parent.mkdir(parents=True, exist_ok=True)
    suffix = Path(expected.path).suffix if expected.path else ".png"
    actual = diff.with_name(f"{diff.name}{suffix}")
    wanted = diff.with_name(f"{diff.name}-expected{suffix}")
    actual.write_bytes(got.image)
    wanted.write_bytes(expected.image)
    if expected.mime in TEXT_IMAGES:
        old, new = expected.image.decode("utf-8"), got.image.decode("utf-8")
        if (why := first_mismatch(old, new, tolerance)) is None:
            actual.unlink()
            wanted.unlink()
            return None
        return f"the SVG figure changed ({why}); see {wanted} and {actual}"
    if expected.mime != "image/png":
        return f"the image changed (compared byte for byte); see {wanted} and {actual}"
    try:
        result = compare_images(
            str(wanted), str(actual), tol=tolerance.image_tol, in_decorator=True
        )
    except ImageComparisonFailure:  # the sizes differ: no RMS, but a picture
        return (
            f"the figure changed size, from {_size(wanted)} to {_size(actual)} px;"
            f" see {wanted}, {actual} and {_padded_diff(wanted, actual)}"
        )
    if result is None:
        actual.unlink()
        wanted.unlink()
        return None
    return (
        f"the figure changed: RMS difference {result['rms']:.3g} > image_tol"
        f" {tolerance.image_tol:g}; see {wanted}, {actual} and {result['diff']}"
    )


# --------------------------------------------------------------------------
# Chapters
# --------------------------------------------------------------------------


def describe_items(items: list[Item]) -> str:
    """Write items as text, to diff two cells whose outputs differ in kind."""
    lines = []
    for item in items:
        lines.append(f"[{item.label}]")
        if item.is_image:
            lines.append(f"<image, {len(item.data)} bytes>")
        else:
            lines.extend(item.text.split("\n"))
    return "\n".join(lines)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


def compare_items(
    expected: list[Item], got: list[Item], tolerance: Tolerance, diff: Path
) -> list[str]:
    """List the differences between the outputs of a cell or glued value."""
    if [i.label for i in expected] != [i.label for i in got]:
        return [
            "its outputs are not the same kinds any more:\n"
            + _indent(unified_diff(describe_items(expected), describe_items(got)))
        ]
    problems = []
    for old, new in zip(expected, got, strict=True):
        if old.is_image:
            stem = diff.with_name(f"{diff.name}-output-{old.output}")
            why = compare_image(old, new, tolerance, stem)
            if why:
                problems.append(f"{old.label}: {why}")
        elif why := first_mismatch(old.text, new.text, tolerance):
            problems.append(
                f"{old.label} differs ({why}):\n"
                + _indent(unified_diff(old.text, new.text))
            )
    return problems


def _glue_tolerance(
    chapter: Chapter, name: str, default: Tolerance, source: str
) -> Tolerance:
    """Find the tolerance of the cell that glues ``name``, else ``default``.

    That is the first cell that calls ``glue`` (or a helper whose name has
    "glue" in it, such as ``glue_float``) with ``name`` as first argument.
    """
    call = re.compile(rf"\b\w*glue\w*\(\s*[\"']{re.escape(name)}[\"']")
    for number, cell in enumerate(chapter.cells, start=1):
        if call.search(cell.source):
            return cell_tolerance(default, cell.metadata, f"{source}: cell {number}")
    return default


def compare_chapter(
    expected: Chapter, got: Chapter, default: Tolerance, source: str, diff_dir: Path
) -> list[str]:
    """Every difference between a chapter's snapshot and its build, as text.

    Parameters
    ----------
    expected, got : Chapter
        The snapshot, and the outputs of the last build.
    default : Tolerance
        The project's tolerances; cells may override them.
    source : str
        The chapter's source file, to point at its cells.
    diff_dir : Path
        Where to write the images of changed figures.
    """

    def name(cell: Cell, index: int) -> str:
        where = f", {source}:{cell.line}" if cell.line else ""
        return f"cell {index + 1} (`{cell.first_line}`{where})"

    problems = []
    for pair in align(expected.cells, got.cells):
        if pair.new is None:  # removed
            if pair.old is not None:
                old_cell = expected.cells[pair.old]
                problems.append(f"{name(old_cell, pair.old)} was removed")
            continue
        cell = got.cells[pair.new]
        if pair.old is None:  # added
            problems.append(f"{name(cell, pair.new)} was added")
            continue
        if pair.status == "moved":
            problems.append(
                f"{name(cell, pair.new)} moved from {pair.old + 1} to {pair.new + 1}"
            )
        elif pair.status == "edited":
            old = expected.cells[pair.old]
            problems.append(
                f"{name(cell, pair.new)}: its code changed since the snapshot:\n"
                + _indent(unified_diff(old.source, cell.source))
            )
        tolerance = cell_tolerance(
            default, cell.metadata, f"{source}: {name(cell, pair.new)}"
        )
        stem = diff_dir / f"cell-{pair.new + 1:02d}"
        problems += [
            f"{name(cell, pair.new)}: {problem}"
            for problem in compare_items(
                expected.cells[pair.old].items, cell.items, tolerance, stem
            )
        ]
    for key in sorted(expected.glue.keys() | got.glue.keys()):
        if key not in got.glue:
            problems.append(f"glued value `{key}` was removed")
        elif key not in expected.glue:
            problems.append(f"glued value `{key}` was added")
        else:
            tolerance = _glue_tolerance(got, key, default, source)
            stem = diff_dir / f"glue-{slug(key)}"
            problems += [
                f"glued value `{key}`: {problem}"
                for problem in compare_items(
                    expected.glue[key], got.glue[key], tolerance, stem
                )
            ]
    return problems


def keep_unchanged(
    old: Chapter | None, new: Chapter, default: Tolerance, source: str, scratch: Path
) -> Chapter:
    """Return ``new``, with every output that matches ``old`` as ``old`` has it.

    ``update`` writes this, so that the snapshot changes only where an output
    changed beyond its tolerance: its diff in review shows real changes, not
    float noise, line breaks or re-encoded PNGs. ``scratch`` is a folder for
    the images of figures that differ.
    """
    if old is None:
        return new
    pairs = {
        p.new: p.old
        for p in align(old.cells, new.cells)
        if p.new is not None and p.old is not None
    }
    cells = []
    for index, cell in enumerate(new.cells):
        if index in pairs:
            where = f"{source}: cell {index + 1} (`{cell.first_line}`)"
            tolerance = cell_tolerance(default, cell.metadata, where)
            previous = old.cells[pairs[index]].items
            if not compare_items(
                previous, cell.items, tolerance, scratch / f"c{index}"
            ):
                cell = replace(cell, items=previous)
        cells.append(cell)
    glue = {}
    for key, items in new.glue.items():
        tolerance = _glue_tolerance(new, key, default, source)
        if key in old.glue and not compare_items(
            old.glue[key], items, tolerance, scratch / f"g-{slug(key)}"
        ):
            glue[key] = old.glue[key]
        else:
            glue[key] = items
    return Chapter(new.docname, cells, glue)
