"""What the built PDF and EPUB must pass, read from the tools' own reports.

Each function takes what a tool printed (``pdffonts``, the LaTeX log,
``epubcheck``) or what the build wrote (a chapter's source and glued
values) and returns the problems found, an empty list when there are none,
so that a test shows them all at once. The tools run in ``tests/printed``
(``nox -s pdf``, ``nox -s epub``); these functions are tested on made-up
reports in ``machinery/tests/test_printed.py``.
"""

from __future__ import annotations

import re
from typing import Any

#: Wider than this, an overfull line is visible: it runs into the margin.
OVERFULL_PT = 5.0

_OVERFULL = re.compile(r"Overfull \\hbox \((?P<pt>[0-9.]+)pt too wide\)[^\n]*")
# A page whose content runs past its bottom (a figure and its caption).
_OVERFULL_PAGE = re.compile(
    r"Overfull \\vbox \((?P<pt>[0-9.]+)pt too high\) has occurred while \\output"
    r" is active"
)
_UNDEFINED = re.compile(
    r"LaTeX Warning: (?:Hyper reference|Reference|Citation) `(?P<key>[^']+)'"
)
_EPUBCHECK = re.compile(
    r"Messages: (?P<fatals>\d+) fatals? / (?P<errors>\d+) errors? / "
    r"(?P<warnings>\d+) warnings?"
)
_GLUE_TEXT = re.compile(r"\{glue:text\}`(?P<name>[^`:]+)(?::(?P<spec>[^`]*))?`")


def unembedded_fonts(pdffonts: str) -> list[str]:
    r"""The fonts that ``pdffonts`` lists as not embedded.

    Examples
    --------
    >>> report = (
    ...     "name type encoding emb sub uni object ID\n"
    ...     "---- ---- -------- --- --- --- ---------\n"
    ...     "ABCDEF+FreeSerif CID Type 0C Identity-H yes yes yes 4 0\n"
    ...     "Helvetica Type 1 Standard no no no 7 0\n"
    ... )
    >>> unembedded_fonts(report)
    ['Helvetica']
    """
    missing = []
    for line in pdffonts.splitlines()[2:]:
        fields = line.split()
        # The columns from the right: emb sub uni object ID (two numbers).
        if len(fields) >= 6 and fields[-5] != "yes":
            missing.append(fields[0])
    return missing


def latex_log_problems(log: str, overfull_pt: float = OVERFULL_PT) -> list[str]:
    r"""Undefined references and citations, and lines overfull by > ``overfull_pt``.

    TeX wraps its log at 79 columns; the lines are joined before searching.

    Examples
    --------
    >>> latex_log_problems(
    ...     "Overfull \\hbox (1.5pt too wide) in paragraph at lines 3--4\n"
    ...     "LaTeX Warning: Citation `rosenblatt1958' on page 2 undefined\n"
    ... )
    ['undefined: rosenblatt1958']
    """
    joined = log.replace("\n", "")
    problems = [f"undefined: {m['key']}" for m in _UNDEFINED.finditer(joined)]
    if not problems and "There were undefined references" in joined:
        problems.append("undefined references (see the log)")
    for line in log.splitlines():
        match = _OVERFULL.search(line) or _OVERFULL_PAGE.search(line)
        if match and float(match["pt"]) > overfull_pt:
            problems.append(match[0])
    return problems


def epubcheck_problems(report: str) -> list[str]:
    r"""The fatal errors, errors and warnings of epubcheck; no summary is one.

    Examples
    --------
    >>> epubcheck_problems("Messages: 0 fatals / 0 errors / 0 warnings / 0 infos")
    []
    >>> epubcheck_problems(
    ...     "ERROR(RSC-005): nnbook.epub/OEBPS/x.xhtml(3,1): bad\n"
    ...     "Messages: 0 fatals / 1 error / 0 warnings / 0 infos"
    ... )
    ['ERROR(RSC-005): nnbook.epub/OEBPS/x.xhtml(3,1): bad']
    """
    summary = _EPUBCHECK.search(report)
    if summary is None:
        return ["no epubcheck summary ('Messages: ...') in its report"]
    problems = [
        line
        for line in report.splitlines()
        if line.startswith(("FATAL", "ERROR", "WARNING"))
    ]
    counted = sum(int(summary[kind]) for kind in ("fatals", "errors", "warnings"))
    if counted and not problems:
        problems.append(summary[0])
    return problems


def glued_texts(markdown: str, glued: dict[str, Any]) -> dict[str, str]:
    """The text each ``{glue:text}`` of a chapter shows, from the glued values.

    ``glued`` maps a name to its output as the build saved it
    (``<chapter>.glue.json``); the text is formatted as MyST-NB formats it
    for the page, so a test can look for it in the PDF or the EPUB.

    Examples
    --------
    >>> glued_texts(
    ...     "a loss of {glue:text}`loss:.3f` after {glue:text}`epochs` epochs",
    ...     {
    ...         "loss": {"data": {"text/plain": "0.12345"}},
    ...         "epochs": {"data": {"text/plain": "200"}},
    ...     },
    ... )
    {'loss': '0.123', 'epochs': '200'}
    """
    from myst_nb.core.variables import format_plain_text

    texts = {}
    for match in _GLUE_TEXT.finditer(markdown):
        name, spec = match["name"], match["spec"] or ""
        if name not in glued:
            msg = (
                f"glued_texts: the prose shows {name!r}, which the glued values "
                f"do not have (they have {sorted(glued)}): rebuild the book"
            )
            raise KeyError(msg)
        plain = glued[name]["data"]["text/plain"]
        texts[name] = format_plain_text(plain, spec)
    return texts
