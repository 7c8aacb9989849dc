"""The book's execution cache: chapters re-execute when their nnbook code changes.

The module under test is :mod:`sphinx_nnbook.execution`. The unit tests
check which modules a chapter is found to import; the end-to-end test builds
a tiny book against a stand-in ``nnbook`` package, edits one of its modules,
rebuilds, and checks that exactly the chapter that imports it re-executed and
that its page shows the new output.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sphinx_nnbook import execution as ext

ROOT = Path(__file__).resolve().parents[2]  # the book's repository
SAMPLE_PYPROJECT = Path(__file__).resolve().parent / "roots" / "pyproject.toml"

FRONT_MATTER = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A stand-in ``nnbook`` with a lazy ``__init__`` like the real one."""
    root = tmp_path / "src"
    write(
        root / "nnbook" / "__init__.py",
        """\
        _SOURCES = {"one": "first", "two": "second"}
        def __getattr__(name):
            from importlib import import_module
            return getattr(import_module(f"nnbook.{_SOURCES[name]}"), name)
        """,
    )
    write(root / "nnbook" / "first.py", "def one():\n    return 1\n")
    write(
        root / "nnbook" / "second.py",
        "from .shared import base\ndef two():\n    return base() + 1\n",
    )
    write(root / "nnbook" / "shared.py", "def base():\n    return 1\n")
    write(root / "nnbook" / "sub" / "__init__.py", "from nnbook.first import one\n")
    return root


def modules_of(code: str, root: Path) -> set[str]:
    return set(
        ext.dependency_closure(ext.imported_modules(ext._parse(code), root), root)
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("from nnbook import one", {"nnbook", "nnbook.first"}),
        ("from nnbook import two", {"nnbook", "nnbook.second", "nnbook.shared"}),
        ("import nnbook\nnnbook.two()", {"nnbook", "nnbook.second", "nnbook.shared"}),
        ("import nnbook as nb\nnb.one()", {"nnbook", "nnbook.first"}),
        ("from nnbook.first import one", {"nnbook", "nnbook.first"}),
        ("import nnbook.sub", {"nnbook", "nnbook.sub", "nnbook.first"}),
        ("from nnbook import sub", {"nnbook", "nnbook.sub", "nnbook.first"}),
        ("%matplotlib inline\nimport numpy as np", set()),
        ("from nnbook import one\n:tags: [oops]", set()),  # not Python: no imports
    ],
)
def test_a_chapter_depends_on_the_modules_it_imports(package, code, expected):
    assert modules_of(code, package) == expected


@pytest.fixture
def lazy_sub(package: Path) -> Path:
    """``nnbook.lazy``: a subpackage with lazy exports of its own."""
    write(
        package / "nnbook" / "lazy" / "__init__.py",
        """\
        _SOURCES = {"three": "third", "four": "fourth"}
        """,
    )
    write(package / "nnbook" / "lazy" / "third.py", "def three():\n    return 3\n")
    write(package / "nnbook" / "lazy" / "fourth.py", "def four():\n    return 4\n")
    return package


ALL_OF_LAZY = {"nnbook", "nnbook.lazy", "nnbook.lazy.third", "nnbook.lazy.fourth"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # Named exactly: only that module.
        (
            "from nnbook.lazy import three",
            {"nnbook", "nnbook.lazy", "nnbook.lazy.third"},
        ),
        # Used as an object: all of it (never a stale page).
        ("from nnbook import lazy\nlazy.three()", ALL_OF_LAZY),
        ("import nnbook.lazy\nnnbook.lazy.three()", ALL_OF_LAZY),
        ("import nnbook\nnnbook.lazy.three()", ALL_OF_LAZY),
    ],
)
def test_a_subpackage_used_as_an_object_counts_whole(lazy_sub, code, expected):
    assert modules_of(code, lazy_sub) == expected


def test_the_imports_memo_follows_a_subpackages_exports(tmp_path, lazy_sub):
    chapter = tmp_path / "chapter.md"
    chapter.write_text(
        FRONT_MATTER + "# A chapter\n\n```{code-cell} ipython3\n"
        "from nnbook.lazy import three\n```\n"
    )
    memo: dict[str, list[str]] = {}
    assert "nnbook.lazy.third" in ext.notebook_modules(chapter, lazy_sub, memo)
    assert len(memo) == 1
    # `three` moves to fourth.py: the memo must not answer with third.py.
    write(
        lazy_sub / "nnbook" / "lazy" / "__init__.py",
        """\
        _SOURCES = {"three": "fourth", "four": "fourth"}
        """,
    )
    found = ext.notebook_modules(chapter, lazy_sub, memo)
    assert "nnbook.lazy.fourth" in found
    assert "nnbook.lazy.third" not in found


def test_the_fingerprint_changes_with_the_source(package):
    files = ext.dependency_closure({"nnbook.second"}, package).values()
    before = ext.fingerprint(files, package)
    (package / "nnbook" / "shared.py").write_text("def base():\n    return 2\n")
    assert ext.fingerprint(files, package) != before


def test_a_name_imported_in_one_cell_counts_in_the_next(tmp_path, package):
    chapter = tmp_path / "chapter.md"
    chapter.write_text(
        FRONT_MATTER
        + "# A chapter\n\n```{code-cell} ipython3\nimport nnbook\n```\n\n"
        + "Text.\n\n```{code-cell} ipython3\nnnbook.two()\n```\n\n"
        + "```{code-cell} ipython3\n:tags: [raises-exception]\nnot python\n```\n"
    )
    assert ext.notebook_modules(chapter, package) == {
        "nnbook",
        "nnbook.second",
        "nnbook.shared",
    }


def test_the_real_chapters_depend_on_real_modules():
    """Every chapter is valid Python and imports modules that exist."""
    for chapter in (ROOT / "docs" / "chapters").glob("*.md"):
        for cell in ext._notebook_cells(chapter):
            python = "\n".join(
                line for line in cell.splitlines() if not line.startswith(("%", "!"))
            )
            compile(python, str(chapter), "exec")
        modules = ext.notebook_modules(chapter, ROOT)
        assert "nnbook" in modules, chapter
        for module in modules:
            assert ext.module_file(module, ROOT) is not None, (chapter, module)


# -- end to end: a real Sphinx build with real kernels ------------------------


def make_book(tmp_path: Path, chapters: dict[str, str]) -> Path:
    """A minimal book whose chapters are the given code cells."""
    project = tmp_path / "book"
    conf = project / "conf"
    conf.mkdir(parents=True)
    shutil.copy(ROOT / "conf" / "ipython_kernel_config.py", conf)
    shutil.copy(SAMPLE_PYPROJECT, project)  # the book's metadata
    write(
        conf / "conf.py",
        """\
        extensions = ["myst_nb", "sphinx_nnbook"]
        nb_execution_mode = "cache"
        nb_execution_raise_on_error = True
        """,
    )
    toctree = "\n".join(chapters)
    write(project / "docs" / "index.md", f"# Book\n\n```{{toctree}}\n{toctree}\n```\n")
    for name, code in chapters.items():
        cell = f"```{{code-cell}} ipython3\n{code}\n```\n"
        write(project / "docs" / f"{name}.md", f"{FRONT_MATTER}# {name}\n\n{cell}")
    return project


def build(project: Path, package: Path, *options: str, out: str = "_build/html") -> str:
    """Build the book with the stand-in package first on the path; the log."""
    env = {**os.environ, "PYTHONPATH": str(package), "MPLBACKEND": "Agg"}
    command = [sys.executable, "-m", "sphinx", *options, "-c", "conf", "docs"]
    result = subprocess.run(
        [*command, out],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def executed(log: str) -> set[str]:
    """The chapters that the build's log says it executed."""
    return {
        Path(line.split(":")[0]).stem
        for line in log.splitlines()
        if "Executing notebook" in line
    }


@pytest.mark.slow
def test_editing_nnbook_re_executes_exactly_the_chapters_that_import_it(
    tmp_path, package
):
    project = make_book(
        tmp_path,
        {
            "first": "from nnbook import one\nprint('value', one() * 100)",
            "second": "from nnbook import two\nprint('value', two() * 100)",
        },
    )
    html = project / "_build" / "html"

    log = build(project, package)
    assert executed(log) == {"first", "second"}
    assert "value 100" in (html / "first.html").read_text()

    log = build(project, package)
    assert executed(log) == set(), "a no-op rebuild must execute nothing"

    (package / "nnbook" / "first.py").write_text("def one():\n    return 7\n")
    log = build(project, package)
    assert executed(log) == {"first"}
    assert "value 700" in (html / "first.html").read_text()
    assert "value 200" in (html / "second.html").read_text()

    # A module reached only through another module's import counts too.
    (package / "nnbook" / "shared.py").write_text("def base():\n    return 4\n")
    log = build(project, package)
    assert executed(log) == {"second"}
    assert "value 500" in (html / "second.html").read_text()

    # The executed notebook keeps its outputs even when they came from the cache.
    notebook = project / "_build" / "jupyter_execute" / "first.ipynb"
    assert "value 700" in notebook.read_text()


@pytest.mark.slow
def test_a_clean_parallel_build_neither_races_nor_logs_kernel_noise(tmp_path, package):
    chapters = {f"chapter{i}": f"print('chapter {i}')" for i in range(4)}
    project = make_book(tmp_path, chapters)
    log = build(project, package, "-j", "2")
    assert executed(log) == set(chapters)
    assert log.count("in a parallel worker") == len(chapters)
    assert "already exists" not in log
    assert "without encryption" not in log


def test_printed_pieces_are_joined_verbatim_without_touching_the_notebook():
    from nbformat.v4 import new_output

    outputs = [
        new_output("stream", name="stdout", text="z:"),
        new_output("stream", name="stderr", text="careful\n"),
        new_output("stream", name="stdout", text=" [1. 2.]\n"),
        new_output("display_data", data={"text/plain": "x"}),
    ]
    merged = ext.merge_streams(outputs)
    assert [o.get("text") for o in merged] == ["z: [1. 2.]\n", "careful\n", None]
    assert [o.get("text") for o in outputs] == ["z:", "careful\n", " [1. 2.]\n", None]


def test_the_kernels_configuration_is_part_of_every_fingerprint(tmp_path):
    config = tmp_path / "ipython_kernel_config.py"
    config.write_text("c.InlineBackend.rc = {'figure.dpi': 96}\n")
    before = ext.environment_fingerprint(tmp_path)
    assert ext.environment_fingerprint(tmp_path) == before
    config.write_text("c.InlineBackend.rc = {'figure.dpi': 200}\n")
    assert ext.environment_fingerprint(tmp_path) != before


def test_printed_output_acts_like_a_terminal_and_stdout_comes_first():
    from nbformat.v4 import new_output

    outputs = [
        new_output("stream", name="stderr", text="warning\n"),
        new_output("stream", name="stdout", text="10%\r50%\r"),
        new_output("stream", name="stdout", text="100%\nab\x08c\n"),
    ]
    merged = ext.merge_streams(outputs)
    assert [(o["name"], o["text"]) for o in merged] == [
        ("stdout", "100%\nac\n"),
        ("stderr", "warning\n"),
    ]


@pytest.mark.slow
def test_another_output_folder_reuses_the_cache_and_runs_a_change_once(
    tmp_path, package
):
    """The PDF and the EPUB build into folders of their own, with the site's cache."""
    project = make_book(
        tmp_path, {"first": "from nnbook import one\nprint('value', one() * 100)"}
    )
    text = ("-b", "text")  # its own doctrees: _build/text/.doctrees
    assert executed(build(project, package)) == {"first"}
    assert executed(build(project, package, *text, out="_build/text")) == set()

    (package / "nnbook" / "first.py").write_text("def one():\n    return 7\n")
    assert executed(build(project, package, *text, out="_build/text")) == {"first"}
    assert "value 700" in (project / "_build" / "text" / "first.txt").read_text()
    # The site re-reads the chapter from the cache the other folder filled.
    assert executed(build(project, package)) == set()
    assert "value 700" in (project / "_build" / "html" / "first.html").read_text()
