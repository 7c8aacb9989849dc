"""Execute the book's chapters correctly: never publish a stale output.

MyST-NB caches executed notebooks with jupyter-cache, which keys a notebook
on its own code cells only. An edit to ``nnbook`` therefore does not change
the key of a chapter that imports it, and the cache would keep serving the
old outputs. This extension closes that gap and two smaller ones:

1. **Stale outputs.** For every chapter it finds the ``nnbook`` modules the
   chapter imports (statically, from its code cells, following the package's
   own imports) and fingerprints their source. When a fingerprint changes,
   the chapter is marked outdated and its cache record is removed, so MyST-NB
   executes it again. Other chapters keep their cache.
2. **Parallel builds.** ``sphinx-build -j N`` forks workers that would each
   create the cache database on a clean build and race
   (``sqlite3.OperationalError: table ... already exists``). The database is
   created once, in the main process, before any worker starts.
3. **Parallel execution.** With ``-j N`` the chapters to be executed run N
   at a time before Sphinx's workers read them (see
   :func:`execute_in_parallel`).
4. **Executed notebooks.** MyST-NB 1.4 writes ``<doc>.ipynb`` without outputs
   when they came from the cache; the outputs are merged back in here, so the
   downloadable notebook and the outputs check always see them.

5. **Printed output.** A cell's printed text reaches the build in pieces that
   differ from run to run; they are joined verbatim (see
   :func:`merge_streams`), so the page is the same on every build.

It also points IPython at the book's ``conf/ipython_kernel_config.py``, which keeps the
kernels' log quiet and their figures deterministic.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

PACKAGE = "nnbook"
FINGERPRINTS = "nnbook-fingerprints.json"
IMPORTS = "nnbook-imports.json"  # the modules each chapter's cells name


# --------------------------------------------------------------------------
# Which nnbook modules does a piece of code import?
# --------------------------------------------------------------------------


def _parse(source: str) -> ast.Module:
    """Parse notebook code, ignoring IPython magics and shell escapes.

    A cell that is not valid Python parses as empty: it imports nothing, and
    executing it fails the build with MyST-NB's message naming the cell.
    """
    lines = [
        "" if line.lstrip().startswith(("%", "!")) else line
        for line in source.splitlines()
    ]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def _lazy_names(package_dir: Path) -> dict[str, str]:
    """Map each lazily exported name of a package to its submodule.

    Reads the ``_SOURCES`` dictionary of the package's ``__init__.py``
    (see :mod:`nnbook`), without importing the package.
    """
    init = package_dir / "__init__.py"
    if not init.exists():
        return {}
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"))):
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "_SOURCES" for t in targets):
                return ast.literal_eval(node.value)
    return {}


def module_file(module: str, root: Path) -> Path | None:
    """The source file of ``module`` (dotted name) below ``root``, if any."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _resolve(module: str, names: Iterable[str], root: Path) -> set[str]:
    """Modules loaded by ``from module import names``."""
    found = {module}
    package_dir = root.joinpath(*module.split("."))
    lazy = _lazy_names(package_dir)
    for name in names:
        if module_file(f"{module}.{name}", root):
            found.add(f"{module}.{name}")
        elif name in lazy:
            found.add(f"{module}.{lazy[name]}")
        elif name == "*":
            found.update(f"{module}.{sub}" for sub in set(lazy.values()))
    return found


def imported_modules(tree: ast.Module, root: Path, current: str = "") -> set[str]:
    """Names of the ``nnbook`` modules a parsed piece of code imports.

    Parameters
    ----------
    tree : ast.Module
        The code.
    root : Path
        The folder that contains the ``nnbook`` package.
    current : str
        The dotted name of the module the code belongs to, to resolve its
        relative imports ("" for a notebook).
    """
    found: set[str] = set()
    aliases: dict[str, str] = {}  # local name -> module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    found.add(alias.name)
                    aliases[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else PACKAGE
                    )
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative import inside the package
                parts = current.split(".")
                is_package = module_file(current, root) == (
                    root.joinpath(*parts) / "__init__.py"
                )
                base = parts if is_package else parts[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            if module.split(".")[0] == PACKAGE:
                found |= _resolve(module, [a.name for a in node.names], root)
    # `import nnbook` then `nnbook.sigmoid(...)`: follow attribute access.
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            found |= _resolve(aliases[node.value.id], [node.attr], root)
    # A subpackage used as an object (`from nnbook import pytorch`,
    # `import nnbook.pytorch`, `nnbook.losses.mse_loss`) can reach any of its
    # lazily exported names, which the lines above do not follow through it:
    # count them all, as for `from ... import *` (more re-execution, never a
    # stale page).
    for module in list(found):
        if (
            module != PACKAGE
            and _is_package(module, root)
            and (module in aliases.values() or _bound_by_name(tree, module))
        ):
            found |= _resolve(module, ["*"], root)
    return found


def _is_package(module: str, root: Path) -> bool:
    path = module_file(module, root)
    return path is not None and path.name == "__init__.py"


def _bound_by_name(tree: ast.Module, module: str) -> bool:
    """Whether the code binds or reaches ``module`` as an object.

    That is ``from parent import name``, ``import parent.name`` (used as
    ``parent.name.x``) or an attribute ``parent.name`` of a bound package;
    not ``from parent.name import x``, which names exactly what it uses.
    """
    parent, _, name = module.rpartition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == parent:
            if any(alias.name == name for alias in node.names):
                return True
        elif isinstance(node, ast.Import):
            if any(alias.name == module for alias in node.names):
                return True
        elif isinstance(node, ast.Attribute) and node.attr == name:
            return True
    return False


def dependency_closure(modules: Iterable[str], root: Path) -> dict[str, Path]:
    """Every module that importing ``modules`` loads, with its file.

    Importing ``a.b.c`` runs ``a/__init__.py`` and ``a/b/__init__.py`` too,
    and each module's own ``nnbook`` imports are followed.
    """
    todo = list(modules)
    files: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        if module in files:
            continue
        path = module_file(module, root)
        if path is None:
            continue
        files[module] = path
        parts = module.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        todo.extend(imported_modules(tree, root, current=module))
    return files


def fingerprint(files: Iterable[Path], root: Path) -> str:
    """A hash of the names and contents of ``files``."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


# --------------------------------------------------------------------------
# Sphinx glue
# --------------------------------------------------------------------------


def _notebook_cells(path: Path) -> list[str]:
    """The code cells of a MyST Markdown or ipynb notebook."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        notebook = nbformat.reads(text, as_version=4)
    else:
        from myst_nb.core.read import read_myst_markdown_notebook

        notebook = read_myst_markdown_notebook(text, path=str(path))
    return [c.source for c in notebook.cells if c.cell_type == "code"]


_KERNELSPEC = re.compile(r"^kernelspec:", re.MULTILINE)


def is_notebook(path: Path) -> bool:
    """Whether the book executes ``path``: an ipynb, or MyST with a kernelspec.

    The build, the outputs check and the benchmark all ask this question,
    and all ask it here.
    """
    if path.suffix == ".ipynb":
        return True
    if path.suffix != ".md":
        return False
    text = path.read_text(encoding="utf-8")
    end = text.find("\n---", 3) if text.startswith("---") else -1
    return end > 0 and bool(_KERNELSPEC.search(text[3:end]))


def _chapters(app: Sphinx) -> Iterator[tuple[str, Path]]:
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if path.exists() and is_notebook(path):
            yield docname, path


def _package_root() -> Path:
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        msg = f"cannot find the {PACKAGE!r} package: install it (pip install -e .)"
        raise RuntimeError(msg)
    return Path(spec.origin).parent.parent


def memo_key(path: Path, root: Path) -> str:
    """What a notebook's directly imported modules depend on, as a key.

    The notebook, and the package's lazy exports (every ``__init__.py``,
    with its ``_SOURCES``) and file names: what turns the names a notebook
    uses into modules.
    """
    digest = hashlib.sha256(path.read_bytes())
    for file in sorted((root / PACKAGE).rglob("*.py")):
        digest.update(file.relative_to(root).as_posix().encode())
        if file.name == "__init__.py":
            digest.update(file.read_bytes())
    return f"{path} {digest.hexdigest()}"


def notebook_modules(
    path: Path, root: Path, memo: dict[str, list[str]] | None = None
) -> set[str]:
    """The ``nnbook`` modules a notebook imports, directly or not.

    The cells are parsed one by one (a cell that is not Python spoils only
    itself) and read as one program, since a name imported in one cell
    (``import nnbook``) is used in the next ones (``nnbook.make_xor()``).
    Reading a notebook is the slow part; ``memo`` keeps the modules its
    cells name, keyed by everything they depend on (the notebook, the
    package's ``__init__`` and its list of files), from build to build.
    """
    key = memo_key(path, root) if memo is not None else None
    if key is not None and memo is not None and key in memo:
        direct = set(memo[key])
    else:
        cells = [_parse(cell) for cell in _notebook_cells(path)]
        program = ast.Module(
            body=[node for cell in cells for node in cell.body], type_ignores=[]
        )
        direct = imported_modules(program, root)
        if key is not None and memo is not None:
            memo[key] = sorted(direct)
    return set(dependency_closure(direct, root))


def chapter_fingerprint(
    path: Path, root: Path, memo: dict[str, list[str]] | None = None
) -> str:
    """Fingerprint of the ``nnbook`` source a chapter executes."""
    modules = notebook_modules(path, root, memo)
    return fingerprint(filter(None, (module_file(m, root) for m in modules)), root)


def _cache_path(app: Sphinx) -> Path:
    config: Any = app.env.mystnb_config  # type: ignore[attr-defined]
    return Path(config.execution_cache_path)


def prepare(app: Sphinx) -> None:
    """Create the cache database and the IPython profile before workers fork.

    For every builder: the PDF's and the EPUB's builds share the site's
    cache, and a chapter they execute must run in the same kernels.
    """
    cache = get_cache(_cache_path(app))
    cache.list_cache_records()  # creates every table, once, in this process
    profile = Path(app.outdir).parent / ".ipython" / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(
        Path(app.confdir) / "ipython_kernel_config.py",
        profile / "ipython_kernel_config.py",
    )
    os.environ["IPYTHONDIR"] = str(profile.parent)
    # One thread per kernel. The book's arrays are tiny, so extra BLAS and
    # PyTorch threads only contend with each other (and with the other
    # kernels of a parallel build); one thread also fixes the order of every
    # floating-point reduction, so two builds print the same digits.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")


#: What else a chapter's outputs depend on: the versions of what computes and
#: draws them. (``nox -s lock`` can change these without touching a file the
#: chapters import.)
RUNTIME = ("numpy", "matplotlib", "pillow", "torch", "ipykernel", "myst-nb")


def environment_fingerprint(confdir: Path) -> str:
    """A hash of the kernels' configuration, Python and the runtime's versions.

    It covers the modules of the machinery that run inside the kernels,
    :mod:`sphinx_nnbook.glue` and :mod:`sphinx_nnbook.figures`: an edit to
    them changes what every chapter glues or how it shows its figures.
    """
    from importlib.metadata import PackageNotFoundError, version

    from . import figures, glue

    parts = [
        sys.version,
        (confdir / "ipython_kernel_config.py").read_text(),
        Path(glue.__file__).read_text(encoding="utf-8"),
        Path(figures.__file__).read_text(encoding="utf-8"),
    ]
    for name in RUNTIME:
        try:
            parts.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} missing")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def invalidate_stale(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Re-read every chapter whose inputs changed; drop its cache record.

    A chapter's inputs, besides its own code cells (which MyST-NB's cache
    already keys on), are the ``nnbook`` modules it imports and the
    environment that runs them (:func:`environment_fingerprint`).

    Two records of fingerprints: the build environment's says which
    chapters this output folder must re-read, the cache's says which code
    made each cached notebook. Several output folders share one cache (the
    site, ``nox -s serve``, the PDF and the EPUB): each re-reads a chapter
    whose code changed, but only the first executes it.
    """
    cache_dir = _cache_path(app)
    store = Path(app.doctreedir) / FINGERPRINTS
    known = json.loads(store.read_text()) if store.exists() else {}
    cache_store = cache_dir / FINGERPRINTS
    cached = json.loads(cache_store.read_text()) if cache_store.exists() else {}
    imports_file = cache_dir / IMPORTS
    old_memo = json.loads(imports_file.read_text()) if imports_file.exists() else {}
    memo = dict(old_memo)
    root = _package_root()
    environment = environment_fingerprint(Path(app.confdir))
    cache = get_cache(cache_dir)
    records = cache.list_cache_records()
    stale: list[str] = []
    chapters = list(_chapters(app))
    paths = {str(path) for _, path in chapters}
    # A record of a chapter that is gone (renamed, moved) would be matched by
    # its code alone if a chapter with the same code came back: drop it.
    for record in records:
        if record.uri not in paths:
            cache.remove_cache(record.pk)
    for docname, path in chapters:
        current = f"{chapter_fingerprint(path, root, memo)} {environment}"
        # A cache made before the cache kept fingerprints: trust this folder's.
        if cached.get(str(path), known.get(str(path))) != current:
            for record in records:
                if record.uri == str(path):
                    cache.remove_cache(record.pk)
        cached[str(path)] = current
        if known.get(str(path)) == current:
            continue
        known[str(path)] = current
        if docname not in added and docname not in changed:
            logger.info("[nnbook] %s: its nnbook code or runtime changed", docname)
            stale.append(docname)
    # Saved when the build succeeds (see save_fingerprints): a build stopped
    # while re-reading must find these chapters stale again next time.
    app._nnbook_fingerprints = (  # type: ignore[attr-defined]
        (store, known),
        (cache_store, cached),
    )
    # Only this build's entries, so the file does not grow with every edit.
    keep = {memo_key(path, root) for _, path in _chapters(app)}
    memo = {key: value for key, value in memo.items() if key in keep}
    if memo != old_memo:
        imports_file.write_text(json.dumps(memo, indent=1, sort_keys=True))
    return stale


def save_fingerprints(app: Sphinx, exception: Exception | None) -> None:
    """Record the chapters' fingerprints once the build has succeeded."""
    pending = getattr(app, "_nnbook_fingerprints", ())
    if exception is None:
        for store, known in pending:
            store.write_text(json.dumps(known, indent=1, sort_keys=True))


def _execute(path: str, source: str, timeout: int | None) -> tuple[str | None, float]:
    """Execute one notebook (in a worker process); its JSON, or None on error."""
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.reads(source, as_version=4)
    result = single_nb_execution(
        notebook,
        cwd=str(Path(path).parent),
        timeout=timeout,
        allow_errors=False,
        meta_override=True,
    )
    return (None if result.err else nbformat.writes(notebook)), result.time


def execute_in_parallel(app: Sphinx, env, docnames: list[str]) -> None:
    """With ``-j N``, execute the chapters to be read N at a time, up front.

    Sphinx hands the documents to its workers in chunks of consecutive names,
    so the chapters (all under ``chapters/``) tend to land in one chunk and
    run one after another. Executing them here, in N processes, and caching
    the results lets every worker then find its chapter in the cache. A
    chapter that fails is not cached: MyST-NB executes it again while
    reading and fails the build with its usual message naming the cell.
    """
    if app.parallel <= 1 or app.builder.format != "html":
        return
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from jupyter_cache.base import CacheBundleIn
    from myst_nb.core.read import create_nb_reader

    cache = get_cache(_cache_path(app))
    todo: dict[Path, nbformat.NotebookNode] = {}
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if not (path.exists() and is_notebook(path)):
            continue
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
        notebook = reader.read(text)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:  # not cached: to be executed
            todo[path] = notebook
    if len(todo) < 2:  # nothing to gain over MyST-NB executing it while reading
        return
    timeout = env.mystnb_config.execution_timeout
    with ProcessPoolExecutor(app.parallel, mp_context=get_context("fork")) as pool:
        futures = {
            path: pool.submit(_execute, str(path), nbformat.writes(nb), timeout)
            for path, nb in todo.items()
        }
        for path in futures:
            logger.info(f"{path}: Executing notebook in a parallel worker")
    for path, future in futures.items():
        executed, seconds = future.result()
        if executed is None:
            continue
        cache.cache_notebook_bundle(
            CacheBundleIn(
                nbformat.reads(executed, as_version=4),
                str(path),
                data={"execution_seconds": seconds},
            ),
            check_validity=False,
            overwrite=True,
        )


def restore_outputs(app: Sphinx, doctree) -> None:
    """Merge cached outputs into the executed notebook MyST-NB wrote."""
    config = getattr(app.env, "mystnb_config", None)
    if config is None:
        return
    target = Path(config.output_folder, *f"{app.env.docname}.ipynb".split("/"))
    if not target.exists():
        return
    notebook = nbformat.read(target, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    if not code or any(c.get("outputs") for c in code):
        return
    try:
        _, merged = get_cache(config.execution_cache_path).merge_match_into_notebook(
            notebook
        )
    except KeyError:
        return  # not executed (e.g. a page without code): nothing to restore
    nbformat.write(merged, target)


_BACKSPACE = re.compile(r"[^\n]\x08")  # a character and the backspace after it
_CARRIAGE_RETURN = re.compile(r"[^\n]*\r(?=[^\n])")  # a line that \r overwrites


def merge_streams(outputs: list) -> list:
    """One output per stream, its text exactly what the cell printed.

    The kernel sends printed text in pieces, split wherever its flush timer
    happened to fire, so the split differs from run to run. Joining the
    pieces verbatim makes the page the same on every build. Backspaces and
    carriage returns then act as in a terminal (progress bars), and stdout
    comes before stderr, since which of them the kernel flushes first is
    timing too. The outputs are copies: the notebook keeps what the kernel
    sent. (MyST-NB's own merge strips each piece and appends a newline,
    turning a timing accident into a visible line break, and edits the
    notebook's output objects, so the executed notebook repeated the merged
    text.) The outputs check merges with this same function.
    """
    merged: list = []
    streams: dict[str, dict] = {}
    for output in outputs:
        if output.get("output_type") != "stream":
            merged.append(output)
            continue
        name = output.get("name", "stdout")
        text = output.get("text", "")
        text = "".join(text) if isinstance(text, list) else str(text)
        if name in streams:
            streams[name]["text"] += text
        else:
            streams[name] = copy.deepcopy(output)
            streams[name]["text"] = text
            merged.append(streams[name])
    for stream in streams.values():
        text = None
        while text != stream["text"]:
            text = stream["text"]
            stream["text"] = _BACKSPACE.sub("", text)
        stream["text"] = _CARRIAGE_RETURN.sub("", stream["text"])
    if "stdout" in streams and "stderr" in streams:
        positions = [
            i for i, o in enumerate(merged) if o.get("output_type") == "stream"
        ]
        ordered = sorted(
            (merged[i] for i in positions), key=lambda o: o["name"] != "stdout"
        )
        for i, output in zip(positions, ordered, strict=True):
            merged[i] = output
    return merged


def setup_execution(app: Sphinx) -> None:
    """Keep the cache honest, execute in parallel, restore outputs.

    Printed output is merged by :func:`merge_streams` (see
    :mod:`sphinx_nnbook.patches`).
    """
    app.connect("builder-inited", prepare)
    app.connect("env-get-outdated", invalidate_stale)
    app.connect("env-before-read-docs", execute_in_parallel)
    app.connect("doctree-read", restore_outputs)
    app.connect("build-finished", save_fingerprints)
