"""Math typeset at build time by KaTeX, in KaTeX's own fonts, served by the site.

``sphinxcontrib.katex`` (``katex_prerender``) runs the KaTeX of the book's
``node_modules/`` (``npm ci``, pinned by ``package-lock.json``) while the
pages are written. Its output is KaTeX's HTML, laid out by KaTeX's style
sheet in KaTeX's fonts, so that primes, braces, fractions and spacing look
the same on every system, plus a MathML copy that screen readers read
(:mod:`sphinx_nnbook.patches` sets ``output``, since prerendering ignores
``katex_options``). No math JavaScript, no CDN.

KaTeX's style sheet and its fonts are copied from ``node_modules/katex/dist``
into the site's ``_static/katex/``, the fonts in woff2 only (every browser
that lays out KaTeX reads woff2; the woff and TrueType copies would be dead
weight), and only pages whose doctree has math load them, with the book's
own math style sheet (``katex_css_path``). sphinxcontrib-katex's own style
sheet (``katex-math.css``) is loaded by no page: the book's replaces it.
"""

from __future__ import annotations

import ctypes
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

from docutils import nodes
from sphinx.errors import ConfigError, ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..project import BookNotFoundError, book_root, builds_site


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


def _can_stop_with_parent() -> bool:
    # Linux only, and only from the main thread: the signal comes when the
    # *thread* that started the server ends, which for the main thread is
    # when its process does.
    return (
        sys.platform == "linux"
        and threading.current_thread() is threading.main_thread()
    )


def _stop_with_parent() -> None:  # pragma: no cover - runs in the child
    # sphinxcontrib-katex stops its server in an atexit hook, which a
    # process that leaves through os._exit (a forked worker) never runs:
    # every such build left a node process behind. Linux's parent-death
    # signal stops the server however its parent ends.
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


#: prctl(2) option: the signal a process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def start_katex_server(cls: Any, rundir: Path, timeout: float) -> tuple:
    """``KaTeXServer.start_server_process``, without its start-up race.

    The original connects as soon as the server's socket file exists, which
    can be before the server listens: ``ConnectionRefusedError`` fails the
    build now and then. This one retries until ``timeout``, and fails at
    once, with node's error output, if the server exits. On Linux the
    server also stops when the process that started it ends, however it
    ends. Installed by :mod:`sphinx_nnbook.patches`.
    """
    socket_path = rundir / "katex.sock"
    command = cls.build_command(socket=socket_path)
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=rundir,
        preexec_fn=_stop_with_parent if _can_stop_with_parent() else None,
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


#: Where KaTeX's style sheet and fonts go, below the site's ``_static/``.
KATEX_STATIC = "katex"
KATEX_CSS = f"{KATEX_STATIC}/katex.min.css"
#: sphinxcontrib-katex's own style sheet, which the book's replaces.
EXTENSION_CSS = "katex-math.css"
# The fallbacks after each font's woff2 in KaTeX's @font-face rules.
_OLD_FORMATS = re.compile(
    r',\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)'
)
_FONT_URL = re.compile(r"url\(([^)]+)\)")


def woff2_only(css: str) -> str:
    """KaTeX's style sheet with only the woff2 source of each font.

    Raises ``ExtensionError`` if a font is left with another format, or with
    none: a KaTeX whose style sheet is written differently needs a look.

    Examples
    --------
    >>> rule = ('@font-face{font-family:KaTeX_Main;src:url(fonts/M.woff2) '
    ...         'format("woff2"),url(fonts/M.woff) format("woff"),'
    ...         'url(fonts/M.ttf) format("truetype")}')
    >>> woff2_only(rule)
    '@font-face{font-family:KaTeX_Main;src:url(fonts/M.woff2) format("woff2")}'
    """
    css = _OLD_FORMATS.sub("", css)
    urls = _FONT_URL.findall(css)
    faces = css.count("@font-face")
    if faces == 0 or len(urls) != faces or not all(u.endswith(".woff2") for u in urls):
        others = sorted({u for u in urls if not u.endswith(".woff2")})
        msg = (
            "sphinx_nnbook.web.math.woff2_only: expected KaTeX's style sheet to "
            f"give each of its {faces} fonts one woff2 source once the woff and "
            f"ttf ones are removed, got {len(urls)} sources ({others or 'all woff2'})."
            " Has KaTeX changed how it writes @font-face? Check the KaTeX "
            "version in package-lock.json against this function."
        )
        raise ExtensionError(msg)
    return css


def _write_if_changed(path: Path, data: bytes) -> None:
    # Unchanged files keep their modification time (incremental builds).
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def copy_katex_assets(dist: Path, static: Path) -> list[str]:
    """Copy KaTeX's style sheet (woff2 only) and woff2 fonts into ``static``.

    ``dist`` is ``node_modules/katex/dist``; the files land in
    ``static/katex/``. Returns the font files' names.
    """
    target = static / KATEX_STATIC
    css = woff2_only((dist / "katex.min.css").read_text(encoding="utf-8"))
    _write_if_changed(target / "katex.min.css", css.encode())
    fonts = sorted((dist / "fonts").glob("*.woff2"))
    for font in fonts:
        _write_if_changed(target / "fonts" / font.name, font.read_bytes())
    return [font.name for font in fonts]


def _prerendering(app: Any) -> bool:
    # A book without sphinxcontrib-katex has no katex_prerender at all.
    prerender = getattr(app.config, "katex_prerender", False)
    return bool(prerender) and builds_site(app)


def _builder_inited(app: Any) -> None:
    if not _prerendering(app):
        return
    copy_katex_assets(
        Path(app.config.katex_js_path).parent, Path(app.outdir) / "_static"
    )


_MATHML_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"'
_TEX_ANNOTATION = re.compile(
    r'<semantics>(.*?)<annotation encoding="application/x-tex">.*?</annotation>'
    r"</semantics>",
    re.DOTALL,
)


def lighter_mathml(body: str) -> str:
    """KaTeX's MathML without what no reader needs: a quarter of its bytes.

    The namespace (an HTML parser puts ``<math>`` in MathML's anyway), and
    the ``<semantics>`` wrapper with the formula's TeX source as an
    annotation: screen readers read the presentation MathML, and a chapter's
    first view must stay within its weight budget.

    Examples
    --------
    >>> lighter_mathml(
    ...     '<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics>'
    ...     '<mi>z</mi><annotation encoding="application/x-tex">z</annotation>'
    ...     "</semantics></math>"
    ... )
    '<math><mi>z</mi></math>'
    """
    body = body.replace(_MATHML_NAMESPACE, "")
    return _TEX_ANNOTATION.sub(r"\1", body)


def has_math(doctree: Any) -> bool:
    """Whether a page's doctree has inline or display math."""
    if doctree is None:
        return False
    return any(True for _ in doctree.findall(nodes.math)) or any(
        True for _ in doctree.findall(nodes.math_block)
    )


def _page_context(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    if not _prerendering(app):
        return
    math_css = {app.config.katex_css_path}
    css_files = context.get("css_files", [])
    if has_math(doctree):
        app.add_css_file(KATEX_CSS, priority=499)  # before the book's math CSS
        drop = {EXTENSION_CSS}
        if "body" in context:
            context["body"] = lighter_mathml(context["body"])
    else:
        drop = {EXTENSION_CSS, *math_css}
    # Sphinx names a page's style sheets by their path in the site.
    drop = {f"_static/{name}" for name in drop}
    context["css_files"] = [
        css for css in css_files if str(getattr(css, "filename", css)) not in drop
    ]


#: Punctuation that closes a phrase: it must not start a line of its own.
_CLOSING = re.compile(r"[.,;:!?)\]\u2019\u201d]+")
#: The class of the span that holds inline math and the punctuation after it.
NOWRAP_CLASS = "nnbook-nowrap"


class PunctuationStaysWithMath(SphinxPostTransform):
    """Keep the punctuation after inline math on the formula's line.

    A browser may break a line between an inline formula and the full stop
    or comma right after it, which then opens the next line alone. The
    formula and that punctuation go into one ``span.nnbook-nowrap``, which
    the book's math CSS keeps on one line.
    """

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Wrap each inline formula followed by closing punctuation."""
        for math in list(self.document.findall(nodes.math)):
            parent = math.parent
            index = parent.index(math)
            if index + 1 == len(parent):
                continue
            after = parent[index + 1]
            if not isinstance(after, nodes.Text):
                continue
            closing = _CLOSING.match(after.astext())
            if closing is None:
                continue
            rest = after.astext()[closing.end() :]
            span = nodes.inline(classes=[NOWRAP_CLASS])
            parent.replace(math, span)
            span += [math, nodes.Text(closing.group())]
            if rest:
                parent.replace(after, nodes.Text(rest))
            else:
                parent.remove(after)


def setup_math(app: Any) -> None:
    """Check KaTeX is installed; serve its CSS and fonts to pages with math."""
    app.add_post_transform(PunctuationStaysWithMath)
    app.connect("config-inited", _config_inited, priority=200)
    app.connect("builder-inited", _builder_inited, priority=600)  # after katex's
    app.connect("html-page-context", _page_context)
