#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Sessions that test the package, lint it, and build and check the book.

Run ``nox -l`` to list them. Every session installs its dependencies with the
exact pins of ``constraints.txt``, so that the book renders the same numbers
on every machine, and virtual environments are reused between runs.
"""

import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"  # dependency groups, default=False

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
CONSTRAINTS = ("--constraint", str(ROOT / "constraints.txt"))
PYTHON = "3.11"  # the interpreter the pinned CPU build of PyTorch is made for
TORCH = "torch==2.13.0"  # what lock pins; the other sessions read constraints.txt

DOCS = ROOT / "docs"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
SERVE = BUILD / "serve"  # nox -s serve's own output folder
CHROMIUM = Path("/usr/bin/chromium")  # the system's: apt-get install chromium
MACHINERY = ROOT / "machinery"  # sphinx-nnbook: builds, checks, measures the book

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True


def install(
    session: nox.Session,
    *groups: str,
    package: bool = True,
    machinery: str | None = None,
) -> None:
    """Install the given dependency groups and the package, pinned.

    ``machinery`` installs the book's machinery too, with those extras
    (``""`` for none). Both are editable, so that the chapters run (and
    show) the source in ``nnbook/``.
    """
    requirements = [
        req
        for group in groups
        for req in nox.project.dependency_groups(PYPROJECT, group)
    ]
    editable = ["-e", "."] if package else []
    if machinery is not None:
        extras = f"[{machinery}]" if machinery else ""
        editable += ["-e", f"{MACHINERY}{extras}"]
    session.install(*CONSTRAINTS, *requirements, *editable)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite and the package's doctests (default).

    Extra arguments go to pytest, e.g. ``nox -s tests -- -k sigmoid``.
    """
    install(session, "test")  # no Sphinx: nnbook never imports it
    session.run("pytest", *session.posargs, env={"MPLBACKEND": "Agg"})


@nox.session(python=PYTHON)
def machinery(session: nox.Session) -> None:
    """Test the book's machinery on tiny sample books (default).

    ``machinery/tests`` builds small books with ``sphinx.testing`` and runs
    the outputs check, the citation tools and the browser checks (in the
    system's Chromium) on made-up inputs. Extra arguments go to pytest.
    """
    # print: the LaTeX builder of the sample books loads the SVG converter.
    install(session, "docs", "machinery", "print", machinery="browser")
    session.run("npm", "ci", "--no-audit", "--no-fund")  # KaTeX, axe-core
    session.run(
        "pytest", "-c", str(MACHINERY / "pyproject.toml"), str(MACHINERY / "tests"),
        *session.posargs,
        env={"MPLBACKEND": "Agg"},
    )  # fmt: skip


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint, format-check and type-check the code; review the repository (default).

    ruff checks and format-checks everything; mypy type-checks ``nnbook``
    and the machinery (with their dependencies installed, so that the
    types of NumPy, PyTorch and Sphinx are known); sp-repo-review checks the
    repository against the Scientific Python Development Guide; zizmor
    checks the GitHub workflows' security and actionlint their syntax,
    expressions and the inputs they give each action.
    """
    install(session, "lint", "docs", machinery="")
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("sp-repo-review", ".")
    session.run("zizmor", "--offline", ".github/workflows")
    workflows = sorted(map(str, (ROOT / ".github" / "workflows").glob("*.yml")))
    session.run("actionlint", *workflows)


def build_book(session: nox.Session, *args: str) -> None:
    """Build the book incrementally: the one sphinx-build of ``docs`` and ``outputs``.

    With the build up to date this is a no-op of seconds; MyST-NB's cache
    means a chapter is never executed twice for the same code. ``npm ci``
    first installs the pinned KaTeX (package-lock.json) that typesets the
    math at build time.
    """
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)
    session.run(
        "sphinx-build",
        "-c", "conf",
        "-b", "html",
        "-W", "--keep-going", "-n",
        "-d", str(BUILD / "doctrees"),  # kept out of the published html/
        *args,
        str(DOCS),
        str(HTML),
        env={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )  # fmt: skip


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the book into ``docs/_build/html`` (default).

    The build is strict (every warning is an error) and cached: a rebuild
    re-executes only the chapters whose code, or whose ``nnbook`` modules,
    changed. Extra arguments go to sphinx-build, e.g. ``-- -j 2`` for a
    parallel build or ``-- -E`` to re-read every page.
    """
    install(session, "docs", machinery="")
    build_book(session, *session.posargs)
    # Every chapter page has its "Cite this chapter" box and citation_* tags.
    session.run("nnbook-citation", "check-site", str(HTML))
    # ... and its Colab and Binder links, to the notebooks a release publishes.
    session.run("nnbook-launch", "check-site", str(HTML))
    session.log(f"The book is in {HTML.relative_to(ROOT)}/index.html")


@nox.session(python=PYTHON)
def outputs(session: nox.Session) -> None:
    """Check that the outputs the book shows still match the snapshot (default).

    Brings the build up to date first (as ``nox -s docs``, so nothing is
    executed twice), then compares every chapter's executed notebook with
    ``tests/snapshots/``, cell by cell; see ``sphinx_nnbook.outputs``. After
    an intended change, ``nox -s outputs -- --update`` rewrites the snapshot:
    review it with ``git diff tests/snapshots`` before committing.
    """
    install(session, "docs", machinery="")
    build_book(session)
    args = [arg for arg in session.posargs if arg != "--update"]
    command = "update" if "--update" in session.posargs else "check"
    session.run(
        "nnbook-outputs", command,
        "--source", str(DOCS.relative_to(ROOT)),
        "--build", str(BUILD.relative_to(ROOT)),
        "--snapshots", "tests/snapshots",
        *args,
    )  # fmt: skip


@nox.session(python=PYTHON, default=False)
def notebooks(session: nox.Session) -> None:
    """Run each downloaded chapter notebook as a reader would (not default; CI runs it).

    Reuses the built site (``nox -s docs`` first; nothing is rebuilt). Builds
    the sdist and the wheel (``python -m build``, then ``twine check``), makes
    a fresh virtual environment with only the wheel's pinned runtime
    dependencies and ``ipykernel`` (no Sphinx, and no ``nnbook`` either: each
    notebook's setup cell installs it, offline, from the wheel), runs each
    ``_sources/<chapter>.ipynb`` there with nbclient and compares its outputs
    with the site's (``nnbook-notebooks``, see ``sphinx_nnbook.readers``).
    Last, it writes the tree that the release workflow publishes as the
    tag ``notebooks-v<version>``, which each chapter's Colab and Binder
    links open: these notebooks, and Binder's requirements (``reader/launch``,
    see ``sphinx_nnbook.web.launch``). Extra arguments go to ``nnbook-notebooks``.
    """
    downloads = sorted((HTML / "_sources").rglob("*.ipynb"))
    if not downloads:
        session.error(f"no notebooks in {HTML}/_sources: run `nox -s docs` first")
    install(session, "release", package=False, machinery="")
    reader = BUILD / "reader"  # dist/, venv/: made afresh on every run
    dist, venv = reader / "dist", reader / "venv"
    shutil.rmtree(reader, ignore_errors=True)
    session.run("python", "-m", "build", "--outdir", str(dist), str(ROOT))
    [sdist], [wheel] = dist.glob("*.tar.gz"), dist.glob("*.whl")
    session.run("twine", "check", "--strict", str(sdist), str(wheel))
    session.run("python", "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    # The wheel's own dependencies at their pins, then the wheel removed:
    # the notebooks' setup cell must install it (from dist/, no index).
    session.run(
        python, "-m", "pip", "install", "--quiet", *CONSTRAINTS, str(wheel),
        "ipykernel", external=True,
    )  # fmt: skip
    session.run(
        python, "-m", "pip", "uninstall", "--quiet", "--yes", "nnbook", external=True
    )
    session.run(
        "nnbook-notebooks", str(HTML), "--python", python, "--find-links", str(dist),
        "--save", str(reader / "executed"), *session.posargs,
    )  # fmt: skip
    # The first notebook's setup cell installed the wheel from dist/ (pip
    # writes direct_url.json only for a path, a URL or an editable install).
    version = PYPROJECT["project"]["version"]
    session.run(
        python, "-c",
        "import importlib.metadata as m, sys; d = m.distribution('nnbook');"
        f" sys.exit(d.version != {version!r} or bool(d.read_text('direct_url.json')))",
        external=True,
    )  # fmt: skip
    session.run("nnbook-launch", "tree", str(HTML), str(reader / "launch"))


@nox.session(python=PYTHON, default=False)
def browser(session: nox.Session) -> None:
    """Test the built book in Chromium (not default; CI runs it).

    Brings the build up to date first (a no-op right after ``nox -s docs``),
    serves it on 127.0.0.1 and checks every page in the system's Chromium:
    no request to another host, no console error, typeset math, alt text,
    phone layout, axe-core in light and dark mode, the page-weight budget,
    search and downloads, the Nu HTML Checker (the system's Java) on every
    page and Lighthouse on every chapter. See ``tests/browser/`` and
    ``sphinx_nnbook.browser``. Extra arguments go to
    pytest, e.g. ``nox -s browser -- -k budget``.
    """
    if not CHROMIUM.exists():
        session.error(
            f"{CHROMIUM} is missing: install Chromium with "
            "`apt-get install chromium` (Playwright's own browsers are not used)"
        )
    install(session, "docs", "test", "browser", machinery="browser")
    build_book(session)
    # Two workers (pytest-xdist), each with one Chromium and a fresh context
    # per test: one worker's page loads while the other's checks run, and
    # vnu and Lighthouse run beside the page tests. `-- -n 0` runs serially.
    session.run(
        "pytest", "tests/browser", "--numprocesses", "2", *session.posargs,
        env={"NNBOOK_BROWSER": "1"},
    )  # fmt: skip


def build_printed(session: nox.Session, builder: str, *args: str) -> Path:
    """Build the book with Sphinx's ``latex`` or ``epub`` builder; its folder.

    Its own output and doctrees folders, the site's execution cache: no
    chapter runs again for it (only one whose code changed, once, for
    every format). Strict, as the site's build.
    """
    session.run("npm", "ci", "--no-audit", "--no-fund", external=True)  # KaTeX
    out = BUILD / builder
    session.run(
        "sphinx-build",
        "-c", "conf",
        "-b", builder,
        "-W", "--keep-going", "-n",
        "-d", str(BUILD / f"doctrees-{builder}"),
        "-D", f"nb_execution_cache_path={BUILD / '.jupyter_cache'}",
        *args,
        str(DOCS),
        str(out),
        env={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )  # fmt: skip
    return out


@nox.session(python=PYTHON, default=False)
def pdf(session: nox.Session) -> None:
    """Build the book as a PDF, ``docs/_build/latex/nnbook.pdf``, and check it.

    Beside it, one PDF per chapter (``<chapter>.pdf``), numbered as in the
    book, with the chapter's citation on its first page.

    Not default: it needs TeX Live, latexmk, rsvg-convert and poppler-utils
    from the system (``.ci/run`` installs them). Sphinx writes LaTeX from
    the site's execution cache; latexmk runs xelatex until the references
    settle; the site's build (as ``nox -s docs``) then copies the PDFs into
    ``docs/_build/html/pdf/`` and links them from the pages' download menus
    and the landing page; ``tests/printed`` checks fonts, text, metadata,
    the log and those links.
    Extra arguments go to pytest, e.g. ``nox -s pdf -- -k fonts``.
    """
    install(session, "docs", "print", "test", machinery="")
    latex = build_printed(session, "latex")
    session.run("make", "-C", str(latex), "all-pdf", external=True, silent=True)
    # The site links the PDFs it finds and copies them into html/pdf/: bring
    # it up to date (only the pages that link a new PDF are written again).
    build_book(session)
    session.run(
        "pytest", "tests/printed", "-k", "pdf", *session.posargs,
        env={"NNBOOK_PRINTED": "1"},
    )  # fmt: skip
    session.log(f"The PDF is {(latex / 'nnbook.pdf').relative_to(ROOT)}")


@nox.session(python=PYTHON, default=False)
def epub(session: nox.Session) -> None:
    """Build the book as an EPUB 3, ``docs/_build/epub/nnbook.epub``, and check it.

    Not default: epubcheck comes from the system (``.ci/run`` installs it).
    The EPUB comes from the site's execution cache, with MathML math;
    ``tests/printed`` runs epubcheck (0 errors, 0 warnings) and checks that
    every chapter and figure is in it. Extra arguments go to pytest.
    """
    install(session, "docs", "test", machinery="")
    build_printed(session, "epub")
    session.run(
        "pytest", "tests/printed", "-k", "epub", *session.posargs,
        env={"NNBOOK_PRINTED": "1"},
    )  # fmt: skip


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Measure the build and the code; print a table, write JSON (not default).

    Builds run on temporary copies of the repository, so the working tree is
    untouched; every figure is a median of ``--repeat`` runs (default 3).
    The page weights and the Lighthouse scores need the built site
    (``nox -s docs``) and Chromium.
    Extra arguments go to ``nnbook-bench``, e.g. ``-- --repeat 5`` or
    ``-- --only code``; results land in ``docs/_build/bench.json``.
    """
    install(session, "docs", machinery="bench")
    session.run("npm", "ci", "--no-audit", "--no-fund")
    one_thread = dict.fromkeys(
        ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1"
    )
    session.run("nnbook-bench", *session.posargs, env=one_thread)


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Live preview: rebuild on save and reload the browser (not default).

    sphinx-autobuild serves the book on http://127.0.0.1:8000 from an output
    folder of its own (``docs/_build/serve``), so that what it writes never
    hides a warning from ``nox -s docs``, but with the same execution cache:
    a prose edit shows in seconds and no chapter runs again unless its code
    or an ``nnbook`` module it imports changed. It does not stop on warnings.
    Extra arguments go to sphinx-autobuild, e.g. ``-- --port 8001``.
    """
    install(session, "docs", "serve", machinery="")
    session.run("npm", "ci", "--no-audit", "--no-fund")
    session.run(
        "sphinx-autobuild",
        "-c", "conf",
        "-b", "html",
        "-n", "--keep-going",
        "-d", str(SERVE / "doctrees"),
        "-D", f"nb_execution_cache_path={BUILD / '.jupyter_cache'}",
        "--watch", "nnbook", "--watch", "conf", "--watch", str(MACHINERY / "src"),
        "--ignore", str(BUILD),
        *session.posargs,
        str(DOCS),
        str(SERVE / "html"),
        env={"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    )  # fmt: skip


@nox.session(python=PYTHON, default=False)
def citation(session: nox.Session) -> None:
    """Regenerate ``CITATION.cff`` and ``.zenodo.json`` from ``pyproject.toml``.

    Not run by default. Run it after changing the book's metadata ([project]
    or [tool.nnbook.book]); the tests fail while the committed file is stale.
    Extra arguments go to ``cffconvert``.
    """
    session.install(*CONSTRAINTS, "cffconvert", "-e", str(MACHINERY))
    session.run("nnbook-citation", "write-cff")
    session.run("cffconvert", "--validate", "-i", "CITATION.cff", *session.posargs)


@nox.session(python=PYTHON, default=False, reuse_venv=False)
def lock(session: nox.Session) -> None:
    """Re-resolve every dependency group and rewrite ``constraints.txt``.

    Not run by default. A fresh environment each time, so that pip really
    resolves the newest versions the ranges in ``pyproject.toml`` allow.
    Extra arguments go to ``pip install`` (e.g. ``-- --pre``). Review the
    diff before committing: a new version of a rendering dependency can
    change what the book shows (``nox -s outputs`` will tell).
    """
    groups = list(PYPROJECT["dependency-groups"])
    requirements = [
        req
        for group in groups
        for req in nox.project.dependency_groups(PYPROJECT, group)
    ]
    session.install(
        TORCH, *requirements, "-e", ".", "-e", f"{MACHINERY}[bench,browser]",
        *session.posargs,
    )  # fmt: skip
    frozen = session.run("pip", "freeze", "--exclude-editable", silent=True)
    pins = [
        line.replace("+cpu", "")
        for line in frozen.splitlines()
        if line and not line.startswith(("nnbook", "sphinx-nnbook", "#"))
    ]
    header = (
        "# Exact pins for every nox session: the book renders the same numbers"
        " everywhere.\n# Regenerate with: nox -s lock  (then review the diff).\n"
    )
    (ROOT / "constraints.txt").write_text(header + "\n".join(pins) + "\n")


if __name__ == "__main__":
    nox.main()
