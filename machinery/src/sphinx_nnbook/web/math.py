"""Math typeset at build time by KaTeX, as MathML only.

``sphinxcontrib.katex`` (``katex_prerender``) runs the KaTeX of the book's
``node_modules/`` (``npm ci``, pinned by ``package-lock.json``) while the
pages are written. The output is MathML only (:mod:`sphinx_nnbook.patches`
sets it, since prerendering ignores ``katex_options``): the browser lays it
out, so pages need no KaTeX CSS, no web font, no math JavaScript and no CDN.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

from sphinx.errors import ConfigError

from ..project import BookNotFoundError, book_root


def _config_inited(app: Any, config: Any) -> None:
    if not getattr(config, "katex_prerender", False):
        return
    js = Path(config.katex_js_path)
    if not js.is_file():
        try:
            where = f" in {book_root(app.confdir)}"
        except BookNotFoundError:
            where = ""
        msg = (
            f"KaTeX is missing ({js}): run `npm ci`{where} (nox -s docs does), "
            "which installs the version pinned in package-lock.json"
        )
        raise ConfigError(msg)


def start_katex_server(cls: Any, rundir: Path, timeout: float) -> tuple:
    """``KaTeXServer.start_server_process``, without its start-up race.

    The original connects as soon as the server's socket file exists, which
    can be before the server listens: ``ConnectionRefusedError`` fails the
    build now and then. This one retries until ``timeout``, and fails at
    once, with node's error output, if the server exits. Installed by
    :mod:`sphinx_nnbook.patches`.
    """
    socket_path = rundir / "katex.sock"
    command = cls.build_command(socket=socket_path)
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=rundir,
    )
    # node's error output still reaches the terminal (KaTeX's warnings), read
    # by a thread so that the pipe never fills up, and is kept for the error.
    errors: list[bytes] = []

    def relay(stream: Any) -> None:
        with stream:
            for line in stream:
                errors.append(line)
                sys.stderr.write(line.decode(errors="replace"))

    relay_thread = threading.Thread(target=relay, args=(process.stderr,), daemon=True)
    relay_thread.start()

    def fail(error: Exception) -> NoReturn:
        if process.poll() is None:
            process.kill()
        process.wait()
        relay_thread.join(timeout=1)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        raise error

    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            from sphinxcontrib.katex import KaTeXError

            relay_thread.join(timeout=1)
            stderr = b"".join(errors).decode(errors="replace").strip()
            fail(
                KaTeXError(
                    f"the KaTeX server ({' '.join(map(str, command))}) exited with "
                    f"status {process.returncode} before it accepted connections"
                    + (f":\n{stderr}" if stderr else " (no error output)")
                )
            )
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(socket_path))
            except ConnectionRefusedError:
                sock.close()
            else:
                return process, sock
        if time.monotonic() > deadline:
            fail(cls.timeout_error(timeout))
        time.sleep(0.005)


def setup_math(app: Any) -> None:
    """Check that the pinned KaTeX is installed before anything is read."""
    app.connect("config-inited", _config_inited, priority=200)
