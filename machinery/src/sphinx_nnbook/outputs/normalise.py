"""The text of an output, without what legitimately varies between builds.

Two builds of an unchanged chapter differ in memory addresses, timings and
the absolute paths of the machine that built them; none of that is what the
book teaches. These are replaced by placeholders before an output is stored
in the snapshot or compared with it, so that the snapshot shows them as such.
Trailing whitespace is dropped too: it is invisible on the page and editors
strip it from the snapshot.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: Terminal colours in tracebacks and in some libraries' logs.
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: ``<object at 0x7f3a...>``, ``id=0x55d...``: where Python put an object.
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,16}\b")
#: ``<Figure size 640x480 with 1 Axes>``: the text fallback of a figure.
FIGURE = re.compile(r"<(Figure|Axes) size \d+(\.\d+)?x\d+(\.\d+)?")
#: IPython's ``%time`` and ``%timeit``, ``2.1 s``, ``35.2 ms/step``, ``12it/s``.
DURATION = re.compile(
    r"(?<![\w.])\d+(\.\d+)?(e[-+]?\d+)?\s?"
    r"(ns|µs|us|ms|s|sec|min|it/s|s/it)(?=\b|/|$)"
)
TIMEIT = re.compile(r"^(CPU times|Wall time):.*$", re.MULTILINE)


class Normaliser:
    """Replaces what varies between machines and builds by placeholders.

    Parameters
    ----------
    roots : iterable of (Path, str)
        Absolute folders and the placeholder that replaces each one, e.g.
        the repository as ``<root>``. Longer folders are replaced first, so
        that a virtual environment inside the repository stays ``<python>``.
    """

    def __init__(self, roots: Iterable[tuple[Path, str]] = ()) -> None:
        pairs = {str(path): name for path, name in roots if str(path) not in ("", "/")}
        self._roots = sorted(pairs.items(), key=lambda pair: -len(pair[0]))

    @classmethod
    def for_repository(cls, root: Path, pythons: Iterable[Path] = ()) -> Normaliser:
        """Make the normaliser of a build of the repository at ``root``.

        ``pythons`` are other environments whose paths become ``<python>``
        too (a reader's, in :mod:`sphinx_nnbook.readers`).
        """
        roots = [
            *((path, "<python>") for path in pythons),
            (Path(sys.prefix), "<python>"),
            (Path(sys.base_prefix), "<python>"),
            (Path(sys.exec_prefix), "<python>"),
            (root.resolve(), "<root>"),
            (Path(tempfile.gettempdir()).resolve(), "<tmp>"),
            (Path.home(), "~"),
        ]
        return cls(roots)

    def __call__(self, text: str) -> str:
        """Normalised ``text``; see the module docstring."""
        text = ANSI.sub("", text).replace("\r\n", "\n")
        for path, name in self._roots:
            text = text.replace(path, name)
        text = ADDRESS.sub("0x<address>", text)
        text = FIGURE.sub(r"<\1 size <w>x<h>", text)
        text = TIMEIT.sub(lambda m: f"{m.group(1)}: <duration>", text)
        text = DURATION.sub("<duration>", text)
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)
