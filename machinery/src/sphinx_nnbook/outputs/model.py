"""Chapters, cells and outputs, as the book shows them.

A chapter's outputs are read from the executed notebook the build wrote,
``<build>/jupyter_execute/<docname>.ipynb``, and from the values glued into
its prose, ``<docname>.glue.json`` beside it.

Glued values need care. :func:`myst_nb.glue` displays a value with the mime
types prefixed by ``application/papermill.record/`` when it is glued with
``display=False``. A fresh execution removes such outputs from the notebook
it writes, while a build served from the cache writes them back (see
:mod:`sphinx_nnbook.execution`). So that both give the same snapshot,
hidden glue outputs are dropped from the cells, and every glued value is
checked once, by name, in the chapter's glue section.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..execution import merge_streams  # the page's merge
from .errors import OutputsCheckError
from .normalise import Normaliser

GLUE_PREFIX = "application/papermill.record/"
#: Mime types stored as image files; every other one is compared as text.
IMAGES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/svg+xml": ".svg",
}
#: Image types a notebook stores as text rather than base64.
TEXT_IMAGES = {"image/svg+xml"}
#: Mime types whose content is random on every run (widget model ids).
IGNORED = {"application/vnd.jupyter.widget-view+json"}


@dataclass(frozen=True)
class Item:
    """One mime type of one output: one thing a reader may see.

    Parameters
    ----------
    output : int
        The output's position in its cell, from 1.
    kind : str
        ``stream``, ``execute_result``, ``display_data`` or ``error``.
    mime : str
        The mime type; ``stdout``/``stderr`` for a stream, ``traceback`` for
        an error.
    data : str or bytes
        Normalised text, or the bytes of an image.
    path : Path or None
        The image file it was read from (snapshot side), if any.
    """

    output: int
    kind: str
    mime: str
    data: str | bytes
    path: Path | None = field(default=None, compare=False)

    @property
    def is_image(self) -> bool:
        """Whether the item is compared by pixels rather than as text."""
        return isinstance(self.data, bytes)

    @property
    def text(self) -> str:
        """The normalised text of a text item."""
        if isinstance(self.data, bytes):
            msg = f"{self.label} is an image, not text"
            raise TypeError(msg)
        return self.data

    @property
    def image(self) -> bytes:
        """The bytes of an image item."""
        if not isinstance(self.data, bytes):
            msg = f"{self.label} is text, not an image"
            raise TypeError(msg)
        return self.data

    @property
    def label(self) -> str:
        """``output 2 (execute_result, text/plain)``."""
        return f"output {self.output} ({self.kind}, {self.mime})"


@dataclass
class Cell:
    """A code cell and its outputs.

    Parameters
    ----------
    source : str
        Its code, which identifies it across builds.
    items : list of Item
        Its outputs, mime type by mime type.
    metadata : dict
        Its notebook metadata (tolerance overrides live there).
    line : int or None
        Where it starts in the chapter's source, if known.
    """

    source: str
    items: list[Item]
    metadata: dict = field(default_factory=dict)
    line: int | None = None

    @property
    def first_line(self) -> str:
        """The first non-blank line of code, to name the cell in messages."""
        lines = [line.strip() for line in self.source.splitlines() if line.strip()]
        return lines[0] if lines else "<empty cell>"


@dataclass
class Chapter:
    """The outputs of one chapter.

    Parameters
    ----------
    docname : str
        Its Sphinx name, e.g. ``chapters/neural-network-basics``.
    cells : list of Cell
        Its code cells, in order.
    glue : dict of str to list of Item
        The values glued into its prose, by name.
    """

    docname: str
    cells: list[Cell]
    glue: dict[str, list[Item]] = field(default_factory=dict)


def output_items(output: dict, number: int, normalise: Normaliser) -> list[Item]:
    """Split one notebook output (a stream, a result...) into items."""
    kind = output.get("output_type", "?")
    if kind == "stream":
        return [
            Item(
                number,
                kind,
                output.get("name", "stdout"),
                normalise(_text(output.get("text", ""))),
            )
        ]
    if kind == "error":
        text = "\n".join(
            output.get("traceback")
            or [f"{output.get('ename')}: {output.get('evalue')}"]
        )
        return [Item(number, kind, "traceback", normalise(text))]
    prefix = output.get("metadata", {}).get("scrapbook", {}).get("mime_prefix", "")
    data = {
        mime.removeprefix(prefix): value
        for mime, value in output.get("data", {}).items()
    }
    if IMAGES.keys() & data.keys():
        # A figure's text fallback, "<Figure size 640x480 with 1 Axes>", is
        # not what the page shows: the image is.
        data.pop("text/plain", None)
    items = []
    for mime, value in sorted(data.items()):
        if mime in IGNORED:
            continue
        if mime in TEXT_IMAGES:
            content: str | bytes = _text(value).encode("utf-8")
        elif mime in IMAGES:
            content = base64.b64decode(_text(value))
        elif isinstance(value, (dict, list)):  # application/json and friends
            content = normalise(json.dumps(value, indent=1, sort_keys=True))
        else:
            content = normalise(_text(value))
        items.append(Item(number, kind, mime, content))
    return items


def clean_source(source: str) -> str:
    """``source`` without trailing whitespace, which editors strip anyway."""
    return "\n".join(line.rstrip() for line in source.strip("\n").splitlines())


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _is_hidden_glue(output: dict) -> bool:
    scrapbook = output.get("metadata", {}).get("scrapbook")
    return bool(scrapbook and scrapbook.get("mime_prefix"))


def read_notebook(
    notebook: nbformat.NotebookNode, docname: str, normalise: Normaliser
) -> Chapter:
    """Read the outputs of an executed notebook (glue from its cells only)."""
    source_map = notebook.metadata.get("source_map") or []
    cells, glue = [], {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        items: list[Item] = []
        number = 0
        for output in merge_streams(cell.get("outputs", [])):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if scrapbook:
                glue[scrapbook["name"]] = output_items(output, 1, normalise)
            if _is_hidden_glue(output):
                continue
            number += 1
            items.extend(output_items(output, number, normalise))
        line = source_map[index] if index < len(source_map) else None
        cells.append(Cell(clean_source(cell.source), items, dict(cell.metadata), line))
    return Chapter(docname, cells, glue)


def executed_notebook(build: Path, docname: str) -> Path:
    """Return where the build writes the executed notebook of ``docname``."""
    return build.joinpath("jupyter_execute", *f"{docname}.ipynb".split("/"))


def read_executed(build: Path, docname: str, normalise: Normaliser) -> Chapter:
    """Read the outputs of ``docname`` in the build at ``build``.

    Raises
    ------
    OutputsCheckError
        If the build has no executed notebook for the chapter, or it is
        unreadable, or it was not executed.
    """
    path = executed_notebook(build, docname)
    if not path.is_file():
        log = build.joinpath("html", "reports", *f"{docname}.err.log".split("/"))
        hint = f"; its execution failed, see {log}" if log.is_file() else ""
        msg = (
            f"{path}: no executed notebook for chapter {docname}"
            f" (was the book built?){hint}"
        )
        raise OutputsCheckError(msg)
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises many kinds on bad JSON
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        msg = f"{path}: not a readable notebook: {reason}"
        raise OutputsCheckError(msg) from None
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if code and all(
        c.get("execution_count") is None and not c.get("outputs") for c in code
    ):
        msg = f"{path}: chapter {docname} was not executed (no cell has run)"
        raise OutputsCheckError(msg)
    chapter = read_notebook(notebook, docname, normalise)
    glue_file = path.with_name(f"{path.name.removesuffix('.ipynb')}.glue.json")
    if glue_file.is_file():
        try:
            glued = json.loads(glue_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            msg = f"{glue_file}: not valid JSON: {error}"
            raise OutputsCheckError(msg) from None
        for name, output in glued.items():
            chapter.glue[name] = output_items(output, 1, normalise)
    chapter.glue = dict(sorted(chapter.glue.items()))
    return chapter
