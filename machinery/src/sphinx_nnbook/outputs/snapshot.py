"""The snapshot of a chapter's outputs: Markdown that reads well in a diff.

``tests/snapshots/<docname>/outputs.md`` holds one section per code cell:
its position and first line of code, its full code, then each output mime
type by mime type, text in a fenced block. Figures are PNG files beside it,
linked from the Markdown, so that a code review (and GitHub's Markdown
preview) shows them. A final section per glued value holds what
:func:`myst_nb.glue` put into the prose. For example::

    # chapters/neural-network-basics

    ## Cell 3: `z, a = forward_neuron(x, w, b)`

    ```python
    z, a = forward_neuron(x, w, b)
    print(z, a)
    ```

    ### Output 1: stream, stdout

    ```text
    0.7 0.6681877721681662
    ```

    ### Output 2: display_data, image/png

    ![cell 3, output 2](cell-03-output-2.png)

    ## Glued value: `accuracy`

    ### Output 1: display_data, text/plain

    ```text
    0.975
    ```

The parser accepts exactly what :func:`render` writes, blank lines aside,
and reports anything else as malformed, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from .errors import OutputsCheckError
from .model import IMAGES, Cell, Chapter, Item

FILENAME = "outputs.md"
HEADER = (
    "<!-- The outputs of {source}, as the book shows them.\n"
    "     Checked by `nox -s outputs`; rewritten by `nox -s outputs -- --update`\n"
    "     (review the change with `git diff tests/snapshots` first). -->"
)
#: Files in a snapshot folder that :func:`write` owns (and may delete).
OWNED = re.compile(r"^(cell|glue)-.*\.(png|jpg|gif|svg)$")
FENCE = re.compile(r"^(`{3,}|~{3,})([\w+-]*)$")
CELL = re.compile(r"^## Cell (\d+): `(.*)`$")
GLUE = re.compile(r"^## Glued value: `(.+)`$")
OUTPUT = re.compile(r"^### Output (\d+): ([\w-]+), (\S+)$")
IMAGE = re.compile(r"^!\[[^\]]*\]\(([^)/\\]+)\)$")
LANGUAGES = {"text/html": "html", "text/markdown": "markdown", "text/latex": "latex"}


def snapshot_dir(snapshots: Path, docname: str) -> Path:
    """Return the folder of the snapshot of ``docname``."""
    return snapshots.joinpath(*docname.split("/"))


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def _fence(text: str, language: str) -> list[str]:
    """``text`` in a fenced block longer than any fence inside it."""
    runs = [len(m.group(1)) for m in re.finditer(r"^\s*(`{3,})", text, re.MULTILINE)]
    fence = "`" * max([3, *(run + 1 for run in runs)])
    return [f"{fence}{language}", *text.split("\n"), fence]


def slug(name: str) -> str:
    """``name`` made safe for a file name."""
    return re.sub(r"[^\w.-]+", "-", name).strip("-") or "value"


def _render_items(items: list[Item], stem: str, files: dict[str, bytes]) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines += ["", f"### Output {item.output}: {item.kind}, {item.mime}", ""]
        if item.is_image:
            name = f"{stem}-output-{item.output}{IMAGES[item.mime]}"
            files[name] = item.image
            lines.append(f"![{stem.replace('-', ' ')}, output {item.output}]({name})")
        else:
            language = LANGUAGES.get(
                item.mime, "json" if "json" in item.mime else "text"
            )
            lines += _fence(item.text, language)
    return lines


def render(chapter: Chapter, source: str) -> tuple[str, dict[str, bytes]]:
    """Render ``chapter``'s snapshot: its Markdown and its image files by name.

    ``source`` names the chapter's source file in the header.
    """
    files: dict[str, bytes] = {}
    width = max(2, len(str(len(chapter.cells))))
    lines = [HEADER.format(source=source), "", f"# {chapter.docname}"]
    for number, cell in enumerate(chapter.cells, start=1):
        title = cell.first_line.replace("`", "'")  # a backtick would end the code
        lines += ["", f"## Cell {number}: `{title}`", ""]
        lines += _fence(cell.source, "python")
        lines += _render_items(cell.items, f"cell-{number:0{width}d}", files)
    for name, items in chapter.glue.items():
        lines += ["", f"## Glued value: `{name}`"]
        lines += _render_items(items, f"glue-{slug(name)}", files)
    return "\n".join(lines) + "\n", files


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.write_bytes(content)
    return True


def write(snapshots: Path, chapter: Chapter, source: str) -> bool:
    """Write ``chapter``'s snapshot; whether any file changed.

    Unchanged files are left untouched, and figures that the chapter no
    longer shows are deleted.
    """
    folder = snapshot_dir(snapshots, chapter.docname)
    folder.mkdir(parents=True, exist_ok=True)
    markdown, files = render(chapter, source)
    changed = _write_if_changed(folder / FILENAME, markdown.encode("utf-8"))
    for name, data in files.items():
        changed |= _write_if_changed(folder / name, data)
    for stale in folder.iterdir():
        if OWNED.match(stale.name) and stale.name not in files:
            stale.unlink()
            changed = True
    return changed


def remove(snapshots: Path, docname: str) -> None:
    """Delete the snapshot of a chapter that no longer exists."""
    folder = snapshot_dir(snapshots, docname)
    for path in folder.iterdir():
        if path.name == FILENAME or OWNED.match(path.name):
            path.unlink()
    while folder != snapshots and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


@dataclass
class _Lines:
    """The snapshot's lines, with a cursor that skips blank lines."""

    path: Path
    lines: list[str]
    index: int = 0

    def error(self, message: str, line: int | None = None) -> OutputsCheckError:
        number = (self.index if line is None else line) + 1
        return OutputsCheckError(f"{self.path}:{number}: malformed snapshot: {message}")

    def fail(self, message: str, line: int | None = None) -> NoReturn:
        raise self.error(message, line)

    def next_nonblank(self) -> str | None:
        while self.index < len(self.lines) and not self.lines[self.index].strip():
            self.index += 1
        return self.lines[self.index] if self.index < len(self.lines) else None

    def fenced(self, what: str) -> str:
        line = self.next_nonblank()
        match = FENCE.match(line or "")
        if not match:
            self.fail(f"expected a fenced block with {what}, got {line!r}")
        start = self.index
        fence = match.group(1)
        for end in range(start + 1, len(self.lines)):
            if self.lines[end] == fence:
                self.index = end + 1
                return "\n".join(self.lines[start + 1 : end])
        msg = f"the block of {what} is never closed"
        raise self.error(msg, start)


def _read_items(lines: _Lines, folder: Path, where: str) -> list[Item]:
    items: list[Item] = []
    while (line := lines.next_nonblank()) is not None and line.startswith("### "):
        match = OUTPUT.match(line)
        if not match:
            lines.fail(f"expected '### Output <n>: <kind>, <mime type>', got {line!r}")
        number, kind, mime = int(match.group(1)), match.group(2), match.group(3)
        lines.index += 1
        if mime in IMAGES:
            image_line = lines.next_nonblank() or ""
            image = IMAGE.match(image_line)
            if not image:
                lines.fail(
                    f"expected an image link ![...](file) for {where},"
                    f" got {image_line!r}"
                )
            path = folder / image.group(1)
            if not path.is_file():
                lines.fail(f"image {path} of {where} is missing")
            lines.index += 1
            items.append(Item(number, kind, mime, path.read_bytes(), path))
        else:
            items.append(
                Item(number, kind, mime, lines.fenced(f"output {number} of {where}"))
            )
    return items


def read(snapshots: Path, docname: str) -> Chapter:
    """Read the snapshot of ``docname``.

    Raises
    ------
    OutputsCheckError
        If it is missing or malformed (the message gives the line).
    """
    folder = snapshot_dir(snapshots, docname)
    path = folder / FILENAME
    if not path.is_file():
        msg = (
            f"{path}: no snapshot of chapter {docname}"
            " (create it with `nox -s outputs -- --update`)"
        )
        raise OutputsCheckError(msg)
    try:
        # Bytes, not read_text: universal newlines would turn a "\r" that an
        # output printed into a line break.
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        msg = f"{path}: malformed snapshot: not UTF-8 text ({error})"
        raise OutputsCheckError(msg) from None
    # A checkout with CRLF line ends (git's autocrlf) is the same snapshot;
    # outputs themselves never hold "\r\n" (see normalise).
    lines = _Lines(path, text.replace("\r\n", "\n").split("\n"))
    first = lines.next_nonblank()
    if first is not None and first.startswith("<!--"):
        while lines.index < len(lines.lines) and "-->" not in lines.lines[lines.index]:
            lines.index += 1
        if lines.index == len(lines.lines):
            lines.fail("the comment at the top is never closed", 0)
        lines.index += 1
    title = lines.next_nonblank()
    if title != f"# {docname}":
        lines.fail(f"expected the title '# {docname}', got {title!r}")
    lines.index += 1
    chapter = Chapter(docname, [])
    while (line := lines.next_nonblank()) is not None:
        if cell := CELL.match(line):
            number = int(cell.group(1))
            if number != len(chapter.cells) + 1 or chapter.glue:
                lines.fail(f"cell {number} is out of order")
            lines.index += 1
            source = lines.fenced(f"the code of cell {number}")
            items = _read_items(lines, folder, f"cell {number}")
            chapter.cells.append(Cell(source, items))
        elif glue := GLUE.match(line):
            lines.index += 1
            chapter.glue[glue.group(1)] = _read_items(
                lines, folder, f"glued value {glue.group(1)}"
            )
        else:
            lines.fail(
                "expected '## Cell <n>: `<code>`' or '## Glued value: `<name>`',"
                f" got {line!r}"
            )
    return chapter


def snapshot_docnames(snapshots: Path) -> list[str]:
    """List the chapters that have a snapshot under ``snapshots``."""
    if not snapshots.is_dir():
        return []
    return sorted(
        path.parent.relative_to(snapshots).as_posix()
        for path in snapshots.rglob(FILENAME)
    )
