"""``{nnbook-source}``: show a package object's source, from the file that runs.

In a chapter::

    ```{nnbook-source} nnbook.sigmoid_derivative
    ```

shows the body of :func:`nnbook.sigmoid_derivative`, read from its source
file at build time, without its docstring. The caption names the file and
links the object's entry in the API reference, where the docstring is
rendered. Options:

``:dropdown:``
    fold the listing into a sphinx-design dropdown ("Source: ...");
``:docstring:``
    keep the docstrings;
``:caption: text``
    replace the caption (MyST inline markup);
``:name: label``
    a label, for ``{numref}`` to the listing;
``:start-at: text`` and ``:end-at: text``
    show only the lines from the first that contains ``start-at`` to the
    first after it that contains ``end-at`` (dedented), as
    ``literalinclude`` does: a text that is not found fails the build.

The caption and the dropdown are written in the page's own markup (MyST or
reStructuredText); MyST's dropdown needs the ``colon_fence`` extension.

A name that does not resolve fails the build with the chapter and line. The
page depends on the source file, so an edit to it rewrites the listing.
Hand-written because ``literalinclude :pyobject:`` needs a file path, cannot
drop a docstring and knows nothing of the package's re-exported names.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective


class SourceError(LookupError):
    """A dotted name that does not lead to an object with Python source."""


def resolve(dotted: str) -> Any:
    """The object a dotted name (``nnbook.Perceptron.forward``) refers to.

    The longest importable prefix is the module; the rest are attributes
    (re-exported names of ``nnbook`` resolve through its lazy imports).
    """
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name and (module_name + ".").startswith(err.name + "."):
                continue  # no such module: try a shorter prefix
            msg = f"importing {module_name!r} failed: {err}"
            raise SourceError(msg) from None
        except ImportError as err:
            msg = f"importing {module_name!r} failed: {err}"
            raise SourceError(msg) from None
        for attribute in parts[cut:]:
            try:
                obj = getattr(obj, attribute)
            except AttributeError:
                rest = dotted[len(module_name) + 1 :]
                msg = f"{module_name!r} has no attribute path {rest!r}"
                raise SourceError(msg) from None
            except ImportError as err:  # a lazy export whose module fails
                msg = f"{module_name}.{attribute} failed to import: {err}"
                raise SourceError(msg) from None
        return obj
    msg = f"no module to import in {dotted!r}"
    raise SourceError(msg)


def _docstrings(tree: ast.AST) -> list[tuple[int, int, bool]]:
    """(first line, last line, whole body) of every docstring in ``tree``.

    Lines are 1-based; "whole body" when the docstring is all its
    function's or class's body, which then needs a ``...`` in its place.
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                end = body[0].end_lineno or body[0].lineno
                alone = len(body) == 1 and not isinstance(node, ast.Module)
                found.append((body[0].lineno, end, alone))
    return found


def listing(obj: Any, *, docstring: bool = False) -> tuple[str, Path, int]:
    """The source of ``obj``, its file and its first line number.

    Without ``docstring``, every docstring in it (the object's and its
    methods') is left out, and a blank line that would open a body is too.
    """
    try:
        lines, first = inspect.getsourcelines(obj)
        path = Path(inspect.getsourcefile(obj) or "")
    except (TypeError, OSError) as err:
        msg = f"{obj!r} has no Python source to show ({err})"
        raise SourceError(msg) from None
    source = textwrap.dedent("".join(lines))
    if docstring:
        return source.rstrip() + "\n", path, first
    lines = source.splitlines()
    drop: set[int] = set()
    for first_line, last_line, alone in _docstrings(ast.parse(source)):
        drop.update(range(first_line, last_line + 1))
        if alone:  # the body is only the docstring: keep it valid Python
            indent = lines[first_line - 1][: -len(lines[first_line - 1].lstrip())]
            lines[first_line - 1] = f"{indent}..."
            drop.discard(first_line)
    # A blank line right after a docstring would now open the body: drop it.
    drop |= {n + 1 for n in drop if n < len(lines) and not lines[n].strip()}
    kept = [line for n, line in enumerate(lines, 1) if n not in drop]
    return "\n".join(kept).rstrip() + "\n", path, first


def excerpt(code: str, start_at: str | None, end_at: str | None) -> str:
    """The lines of ``code`` from ``start_at`` to ``end_at``, dedented."""
    if start_at is None and end_at is None:
        return code
    lines = code.splitlines()
    first, last = 0, len(lines) - 1
    if start_at is not None:
        found = [n for n, line in enumerate(lines) if start_at in line]
        if not found:
            msg = f"start-at text {start_at!r} is not in the listing"
            raise SourceError(msg)
        first = found[0]
    if end_at is not None:
        found = [n for n, line in enumerate(lines) if n >= first and end_at in line]
        if not found:
            msg = f"end-at text {end_at!r} is not in the listing after start-at"
            raise SourceError(msg)
        last = found[0]
    return textwrap.dedent("\n".join(lines[first : last + 1])) + "\n"


def api_target(obj: Any, dotted: str) -> str:
    """Where the API reference documents ``obj``: its defining module's name."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if module and qualname:
        return f"{module}.{qualname}"
    return dotted


class NnbookSource(SphinxDirective):
    """The ``nnbook-source`` directive; see the module docstring."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "dropdown": directives.flag,
        "docstring": directives.flag,
        "caption": directives.unchanged,
        "start-at": directives.unchanged_required,
        "end-at": directives.unchanged_required,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        """The listing, in its captioned container (and dropdown)."""
        dotted = self.arguments[0]
        try:
            obj = resolve(dotted)
            code, path, _ = listing(obj, docstring="docstring" in self.options)
            code = excerpt(
                code, self.options.get("start-at"), self.options.get("end-at")
            )
        except (SourceError, SyntaxError) as err:
            msg = f"nnbook-source: cannot show {dotted!r}: {err}"
            raise self.error(msg) from None
        self.env.note_dependency(str(path))
        block = nodes.literal_block(code, code, language="python")
        block["classes"].append("nnbook-source")
        self.set_source_info(block)
        name = dotted.rpartition(".")[2] if "." in dotted else dotted
        short = getattr(obj, "__qualname__", name)
        relative = _package_relative(path, getattr(obj, "__module__", ""))
        target = api_target(obj, dotted)
        # A private helper has no API entry to link to.
        private = any(part.startswith("_") for part in target.split("."))
        if self._is_rst():
            name_text = f"``{short}``" if private else f":py:obj:`{short} <{target}>`"
            default = f"{name_text} in ``{relative}``"
        else:
            name_text = f"`{short}`" if private else f"{{py:obj}}`{short} <{target}>`"
            default = f"{name_text} in `{relative}`"
        caption = self.options.get("caption") or default
        wrapped = container_wrapper(self, block, caption)
        self.add_name(wrapped)
        if "dropdown" not in self.options:
            return [wrapped]
        return self._in_dropdown(wrapped, short)

    def _is_rst(self) -> bool:
        """Whether the page is reStructuredText (else MyST: Markdown, notebooks)."""
        return Path(self.env.doc2path(self.env.docname)).suffix == ".rst"

    def _in_dropdown(self, content: nodes.Node, title: str) -> list[nodes.Node]:
        """``content`` inside a sphinx-design dropdown, made by sphinx-design."""
        marker = "nnbook-source-placeholder"
        if self._is_rst():
            text = f".. dropdown:: Source: ``{title}``\n\n   {marker}\n"
        else:
            text = f":::{{dropdown}} Source: `{title}`\n{marker}\n:::\n"
        holder = nodes.container()
        self.state.nested_parse(
            self.content.__class__(text.splitlines(), self.get_source_info()[0]),
            self.content_offset,
            holder,
        )
        for paragraph in holder.findall(nodes.paragraph):
            if paragraph.astext() == marker:
                paragraph.replace_self(content)
                return list(holder.children)
        msg = "nnbook-source: sphinx-design's dropdown did not render its body"
        raise self.error(msg)


def _package_relative(path: Path, module: str) -> str:
    """``nnbook/activations.py`` for the file of module ``nnbook.activations``."""
    depth = module.count(".") + (1 if path.name == "__init__.py" else 0)
    return "/".join(path.parts[-(depth + 1) :]) if module else path.name


def setup_source(app: Any) -> None:
    """Register the directive."""
    app.add_directive("nnbook-source", NnbookSource)
