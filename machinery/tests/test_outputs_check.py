"""Tests of the outputs check (:mod:`sphinx_nnbook.outputs`, ``nnbook-outputs``).

Most tests build a tiny book by hand, in ``tmp_path``: a chapter source
with a ``kernelspec`` and the executed notebook a build would have written
(``docs/_build/jupyter_execute/...``), made with nbformat. The last test
builds a real tiny book with Sphinx and MyST-NB, end to end.
"""

import base64
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from sphinx_nnbook.outputs import snapshot
from sphinx_nnbook.outputs.cli import main
from sphinx_nnbook.outputs.compare import align, first_mismatch
from sphinx_nnbook.outputs.model import Cell, Chapter, Item
from sphinx_nnbook.outputs.normalise import Normaliser
from sphinx_nnbook.outputs.tolerance import Tolerance

ROOT = Path(__file__).resolve().parents[2]  # the book's repository
SAMPLE_PYPROJECT = Path(__file__).resolve().parent / "roots" / "pyproject.toml"

DOCNAME = "chapters/basics"
SNAPSHOT = Path("tests/snapshots/chapters/basics")
EXECUTED = Path("docs/_build/jupyter_execute/chapters/basics.ipynb")


# --------------------------------------------------------------------------
# A tiny book, by hand
# --------------------------------------------------------------------------


def png(slope: float = 1.0, size: float = 2.0) -> str:
    """A small line plot, base64-encoded as in a notebook."""
    figure = Figure(figsize=(size, size), dpi=40)
    figure.add_subplot().plot([0, 1], [0, slope], linewidth=3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode()


def stdout(text: str) -> dict:
    return new_output("stream", name="stdout", text=text)


def result(text: str) -> dict:
    return new_output("execute_result", data={"text/plain": text}, execution_count=1)


def figure(slope: float = 1.0, size: float = 2.0) -> dict:
    data = {
        "image/png": png(slope, size),
        "text/plain": "<Figure size 80x80 with 1 Axes>",
    }
    return new_output("display_data", data=data)


def glued(name: str, text: str, display: bool) -> dict:
    """An output of ``myst_nb.glue(name, value, display)``."""
    prefix = "" if display else "application/papermill.record/"
    return new_output(
        "display_data",
        data={f"{prefix}text/plain": text},
        metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
    )


def cell(source: str, *outputs: dict, **metadata) -> nbformat.NotebookNode:
    return new_code_cell(
        source, outputs=list(outputs), execution_count=1, metadata=metadata
    )


def standard_cells() -> list:
    return [
        cell("import torch\nprint(torch.sigmoid(torch.tensor([-2.0, -1.0])))",
             stdout("tensor([0.1192, 0.2689])\n")),
        cell("x = 0.1 + 0.2\nx", result("0.30000000000000004")),
        cell("plot_line(1.0)", figure()),
        cell("object()", result("<object at 0x7f64ffec7390>")),
    ]  # fmt: skip


def write_book(root: Path, cells: list, glue: dict | None = None) -> None:
    """Write the chapter source and the build's executed notebook."""
    source = root / "docs" / "chapters" / "basics.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text("---\nkernelspec:\n  name: python3\n---\n\n# Basics\n")
    (root / "docs" / "index.md").write_text("# Index\n")  # not a notebook
    notebook = new_notebook(cells=[new_markdown_cell("# Basics"), *cells])
    notebook.metadata["source_map"] = [6 + 4 * i for i in range(len(notebook.cells))]
    executed = root / EXECUTED
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, executed)
    glue_file = executed.with_name("basics.glue.json")
    if glue:
        glue_file.write_text(json.dumps(glue))
    else:
        glue_file.unlink(missing_ok=True)


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A book whose snapshot matches its build; the working folder is its root."""
    monkeypatch.chdir(tmp_path)
    write_book(tmp_path, standard_cells())
    assert run("update") == 0
    return tmp_path


def run(*args: str) -> int:
    return main([*args, "--root", "."])


def snapshot_files(root: Path) -> dict[str, bytes]:
    folder = root / "tests" / "snapshots"
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }


def checked(capsys) -> tuple[int, str, str]:
    code = run("check")
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------
# Passing
# --------------------------------------------------------------------------


def test_update_writes_a_readable_snapshot_and_check_passes(book, capsys):
    markdown = (book / SNAPSHOT / "outputs.md").read_text()
    assert "# chapters/basics" in markdown
    assert "## Cell 1: `import torch`" in markdown
    assert (
        "### Output 1: stream, stdout\n\n```text\ntensor([0.1192, 0.2689])\n```"
        in markdown
    )
    assert "![cell 03, output 1](cell-03-output-1.png)" in markdown
    assert (
        (book / SNAPSHOT / "cell-03-output-1.png").read_bytes().startswith(b"\x89PNG")
    )
    assert "<Figure size" not in markdown  # the image is what the page shows
    capsys.readouterr()
    code, out, err = checked(capsys)
    assert (code, err) == (0, "")
    assert "1 chapter(s) match" in out


def test_float_noise_and_padding_below_tolerance_pass(book, capsys):
    cells = standard_cells()
    cells[0] = cell(cells[0].source, stdout("tensor([0.11920001, 0.2689])\n"))
    cells[1] = cell(cells[1].source, result("0.3"))
    write_book(book, cells)
    assert checked(capsys)[0] == 0


def test_numpy_column_padding_is_not_a_difference(book, capsys):
    cells = [*standard_cells(), cell("a", result("array([1.        , 0.50000001])"))]
    write_book(book, cells)
    run("update")
    cells[-1] = cell("a", result("array([1. , 0.5])"))
    write_book(book, cells)
    assert checked(capsys)[0] == 0


def test_memory_addresses_are_normalised(book, capsys):
    assert "<object at 0x<address>>" in (book / SNAPSHOT / "outputs.md").read_text()
    cells = standard_cells()
    cells[3] = cell("object()", result("<object at 0x55d0c0ffee00>"))
    write_book(book, cells)
    assert checked(capsys)[0] == 0


def test_how_the_kernel_split_printing_does_not_matter(book, capsys):
    text = "z:                   [-1000.  1000.]\nsigmoid(z):          [0. 1.]\n"
    pieces = [
        "z:                  ",
        " [-1000.  1000.]\nsigmoid(z):",
        "          [0. 1.]\n",
    ]
    cells = [*standard_cells(), cell("show()", stdout(text))]
    write_book(book, cells)
    run("update")
    cells[-1] = cell("show()", *(stdout(piece) for piece in pieces))
    write_book(book, cells)
    assert checked(capsys)[0] == 0
    # What MyST-NB's merge shows on the page: a line break after each piece.
    page = "".join(piece.rstrip() + "\n" for piece in pieces)
    cells[-1] = cell("show()", stdout(page))
    write_book(book, cells)
    assert checked(capsys)[0] == 0


def test_progress_bars_show_their_last_state(book):
    bar = [
        stdout("10%\r"),
        stdout("100%\n"),
        new_output("stream", name="stderr", text="w\n"),
    ]
    write_book(book, [*standard_cells(), cell("train()", *bar)])
    run("update")
    text = (book / SNAPSHOT / "outputs.md").read_text()
    assert "### Output 1: stream, stdout\n\n```text\n100%\n```" in text
    assert "### Output 2: stream, stderr" in text


def test_update_keeps_what_matches_within_tolerance(book, capsys):
    markdown = book / SNAPSHOT / "outputs.md"
    cells = standard_cells()
    cells[1] = cell(cells[1].source, result("0.3"))  # float noise
    cells[0] = cell(cells[0].source, stdout("tensor([0.5, 0.2689])\n"))  # a change
    write_book(book, cells)
    assert run("update") == 0
    text = markdown.read_text()
    assert "0.30000000000000004" in text
    assert "tensor([0.5, 0.2689])" in text
    assert checked(capsys)[0] == 0


def test_check_passes_after_update_of_a_change(book, capsys):
    cells = standard_cells()
    cells[1] = cell(cells[1].source, result("0.5"))
    write_book(book, cells)
    assert checked(capsys)[0] == 1
    assert run("update") == 0
    assert checked(capsys)[0] == 0


# --------------------------------------------------------------------------
# Failing
# --------------------------------------------------------------------------


def test_a_changed_number_beyond_tolerance_fails_with_a_diff(book, capsys):
    cells = standard_cells()
    cells[0] = cell(cells[0].source, stdout("tensor([0.1193, 0.2689])\n"))
    write_book(book, cells)
    before = snapshot_files(book)
    code, out, _ = checked(capsys)
    assert code == 1
    assert "chapters/basics (docs/chapters/basics.md): 1 difference(s)" in out
    assert "cell 1 (`import torch`, docs/chapters/basics.md:10)" in out
    assert "output 1 (stream, stdout) differs" in out
    assert "0.1192 is now 0.1193, beyond rtol=1e-06, atol=1e-09" in out
    assert "-tensor([0.1192, 0.2689])" in out
    assert "+tensor([0.1193, 0.2689])" in out
    assert snapshot_files(book) == before  # a check never writes the snapshot


@pytest.mark.parametrize(
    ("expected", "got"),
    [
        ("torch.Size([3, 2])", "torch.Size([3, 3])"),  # integers are exact
        ("loss: 0.25", "cost: 0.25"),  # words are exact
        ("0.25", "0.25\n0.5"),  # so are lines
    ],
)
def test_text_other_than_float_noise_fails(expected, got):
    assert first_mismatch(expected, got, Tolerance()) is not None


def test_a_changed_figure_fails_and_writes_the_difference(book, capsys):
    cells = standard_cells()
    cells[2] = cell(cells[2].source, figure(slope=-1.0))
    write_book(book, cells)
    code, out, _ = checked(capsys)
    assert code == 1
    assert "cell 3 (`plot_line(1.0)`" in out
    assert "the figure changed: RMS difference" in out
    diff = book / "docs/_build/outputs-diff/chapters/basics"
    names = sorted(p.name for p in diff.iterdir())
    assert names == [
        "cell-03-output-1-expected.png",
        "cell-03-output-1-failed-diff.png",
        "cell-03-output-1.png",
    ]
    assert (
        str(
            Path(
                "docs/_build/outputs-diff/chapters/basics/cell-03-output-1-failed-diff.png"
            )
        )
        in out
    )


def test_a_figure_of_another_size_fails(book, capsys):
    cells = standard_cells()
    cells[2] = cell(cells[2].source, figure(size=3.0))
    write_book(book, cells)
    code, out, _ = checked(capsys)
    assert code == 1
    assert "the figure changed size, from 80x80 to 120x120 px" in out
    assert (
        book
        / "docs/_build/outputs-diff/chapters/basics/cell-03-output-1-failed-diff.png"
    ).exists()


def svg_figure(slope: float = 1.0) -> dict:
    """A figure as the book's kernels show a line plot: deterministic SVG."""
    from sphinx_nnbook.figures import render

    figure = Figure(figsize=(2.0, 2.0))
    figure.add_subplot().plot([0, 1], [0, slope])
    return new_output(
        "display_data", data={"image/svg+xml": render(figure, "svg").decode()}
    )


def test_svg_figures_are_snapshot_files_checked_within_tolerance(book, capsys):
    cells = standard_cells()
    cells[2] = cell(cells[2].source, svg_figure())
    write_book(book, cells)
    assert run("update") == 0
    capsys.readouterr()
    stored = book / SNAPSHOT / "cell-03-output-1.svg"
    assert stored.read_text().lstrip().startswith("<?xml")
    assert "<svg" not in (book / SNAPSHOT / "outputs.md").read_text()
    # The same figure, drawn again: equal (no date, fixed ids).
    cells[2] = cell(cells[2].source, svg_figure())
    write_book(book, cells)
    assert checked(capsys)[0] == 0
    # A coordinate within float noise passes; a changed line fails.
    cells[2] = cell(cells[2].source, svg_figure(slope=1.0 + 1e-12))
    write_book(book, cells)
    assert checked(capsys)[0] == 0
    cells[2] = cell(cells[2].source, svg_figure(slope=0.5))
    write_book(book, cells)
    code, out, _ = checked(capsys)
    assert code == 1
    assert "cell 3 (`plot_line(1.0)`" in out
    assert "the SVG figure changed (line" in out
    diff = book / "docs/_build/outputs-diff/chapters/basics"
    assert sorted(p.name for p in diff.iterdir()) == [
        "cell-03-output-1-expected.svg",
        "cell-03-output-1.svg",
    ]


def test_added_removed_moved_and_edited_cells_are_reported(book, capsys):
    a, b, c, d = standard_cells()
    e = cell("z, a = forward_neuron(x, w, b)", result("0.5"))
    write_book(book, [e, c, a, b])  # d removed, e added, c moved
    code, out, _ = checked(capsys)
    assert code == 1
    added = "cell 1 (`z, a = forward_neuron(x, w, b)`, docs/chapters/basics.md:10)"
    assert f"{added} was added" in out
    assert "cell 4 (`object()`) was removed" in out
    assert (
        "cell 2 (`plot_line(1.0)`, docs/chapters/basics.md:14) moved from 3 to 2" in out
    )
    write_book(book, [a, b, cell("plot_line(2.0)", *c.outputs), d])
    code, out, _ = checked(capsys)
    assert "cell 3 (`plot_line(2.0)`" in out
    assert "its code changed since the snapshot" in out
    assert "-plot_line(1.0)" in out


def test_align_matches_cells_by_code():
    a, b, c, d = (Cell(source, []) for source in ["a = 1", "b = 2", "c = 3", "d = 4"])
    pairs = align([a, b, c, d], [b, a, Cell("x = 5", []), c])
    assert [(p.old, p.new, p.status) for p in pairs] == [
        (1, 0, "moved"),
        (0, 1, "same"),
        (None, 2, "added"),
        (2, 3, "same"),
        (3, None, "removed"),
    ]
    # An edit pairs two similar cells; unrelated code is a removal and an addition.
    pairs = align([a, b, c], [a, Cell("b = 2.5", []), Cell("print('hello')", [])])
    assert [(p.old, p.new, p.status) for p in pairs] == [
        (0, 0, "same"),
        (1, 1, "edited"),
        (None, 2, "added"),
        (2, None, "removed"),
    ]


def test_changed_and_hidden_glued_values_are_checked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    gluing = "glue('acc', accuracy, display=False)\nglue('n', 3)"
    # A fresh execution: hidden glue only in glue.json, shown glue in the cell.
    shown = glued("n", "3", display=True)
    glue = {"acc": glued("acc", "0.975", display=False), "n": shown}
    write_book(tmp_path, [*standard_cells(), cell(gluing, shown)], glue)
    assert run("update") == 0
    assert "## Glued value: `acc`" in (tmp_path / SNAPSHOT / "outputs.md").read_text()
    # A build served from the cache: the hidden output is back in the cell.
    cached = cell(gluing, glued("acc", "0.975", display=False), shown)
    write_book(tmp_path, [*standard_cells(), cached], glue)
    assert checked(capsys)[0] == 0
    glue["acc"] = glued("acc", "0.95", display=False)
    write_book(tmp_path, [*standard_cells(), cell(gluing, shown)], glue)
    code, out, _ = checked(capsys)
    assert code == 1
    assert "glued value `acc`: output 1 (display_data, text/plain) differs" in out


# --------------------------------------------------------------------------
# Tolerances
# --------------------------------------------------------------------------


def test_a_cell_overrides_the_tolerance(book, capsys):
    cells = standard_cells()
    cells[0] = cell(cells[0].source, stdout("tensor([0.1193, 0.2689])\n"))
    write_book(book, cells)
    assert checked(capsys)[0] == 1
    # As MyST-NB writes `rtol: 1e-3` of a code-cell's options: a string.
    cells[0].metadata = {"nnbook": {"outputs": {"rtol": "1e-3"}}}
    cells[2] = cell(
        cells[2].source, figure(slope=0.9), nnbook={"outputs": {"image_tol": 255}}
    )
    write_book(book, cells)
    assert checked(capsys)[0] == 0


def test_a_glued_value_has_the_tolerance_of_the_cell_that_glues_it(book, capsys):
    gluing = "glue_float('acc', accuracy)"
    glue = {"acc": glued("acc", "0.975", display=False)}
    write_book(book, [*standard_cells(), cell(gluing)], glue)
    run("update")
    glue = {"acc": glued("acc", "0.9751", display=False)}
    loose = {"nnbook": {"outputs": {"rtol": 1e-3}}}
    write_book(book, [*standard_cells(), cell(gluing)], glue)
    assert checked(capsys)[0] == 1
    write_book(book, [*standard_cells(), cell(gluing, **loose)], glue)
    assert checked(capsys)[0] == 0


def test_project_tolerances_come_from_pyproject(book, capsys):
    cells = standard_cells()
    cells[0] = cell(cells[0].source, stdout("tensor([0.1193, 0.2689])\n"))
    write_book(book, cells)
    (book / "pyproject.toml").write_text("[tool.nnbook.outputs]\nrtol = 1e-2\n")
    assert checked(capsys)[0] == 0


def test_a_bad_override_is_an_error_naming_the_cell(book, capsys):
    cells = standard_cells()
    cells[1].metadata = {"nnbook": {"outputs": {"rtl": 1e-3}}}
    write_book(book, cells)
    code, _, err = checked(capsys)
    assert code == 2
    assert "docs/chapters/basics.md: cell 2 (`x = 0.1 + 0.2`" in err
    assert "unknown tolerance 'rtl'" in err


# --------------------------------------------------------------------------
# Bad input: one clear line naming the file; the snapshot left alone
# --------------------------------------------------------------------------


def test_a_malformed_snapshot_is_an_error_and_left_unchanged(book, capsys):
    path = book / SNAPSHOT / "outputs.md"
    path.write_text(
        path.read_text().replace("### Output 1: stream, stdout", "### Ouput 1")
    )
    before = snapshot_files(book)
    code, _, err = checked(capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert f"{SNAPSHOT / 'outputs.md'}:" in err
    assert "malformed snapshot: expected '### Output <n>: <kind>, <mime type>'" in err
    assert snapshot_files(book) == before


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("```text\n0.30000000000000004\n```", "```text\n0.3"),
        lambda text: text.replace("# chapters/basics", "# chapters/other"),
        lambda text: text + "\nstray prose\n",
        lambda text: text.replace("## Cell 2:", "## Cell 7:"),
    ],
)
def test_malformed_snapshots_are_errors(book, capsys, damage):
    path = book / SNAPSHOT / "outputs.md"
    path.write_text(damage(path.read_text()))
    code, _, err = checked(capsys)
    assert code == 2
    assert "malformed snapshot" in err


def test_a_missing_snapshot_or_image_is_an_error(book, capsys):
    (book / SNAPSHOT / "cell-03-output-1.png").unlink()
    code, _, err = checked(capsys)
    assert code == 2
    assert "cell-03-output-1.png of cell 3 is missing" in err
    (book / SNAPSHOT / "outputs.md").unlink()
    code, _, err = checked(capsys)
    assert code == 2
    assert f"{SNAPSHOT / 'outputs.md'}: no snapshot of chapter chapters/basics" in err


def test_a_snapshot_of_a_removed_chapter_is_an_error(book, capsys):
    orphan = book / "tests/snapshots/chapters/gone"
    orphan.mkdir()
    (orphan / "outputs.md").write_text("# chapters/gone\n")
    code, _, err = checked(capsys)
    assert code == 2
    assert (
        "tests/snapshots/chapters/gone/outputs.md: snapshot of chapter chapters/gone"
        in err
    )
    assert orphan.exists()
    assert run("update") == 0
    assert not orphan.exists()


def test_a_chapter_without_executed_notebook_is_an_error(book, capsys):
    (book / EXECUTED).unlink()
    before = snapshot_files(book)
    code, _, err = checked(capsys)
    assert code == 2
    assert f"{EXECUTED}: no executed notebook for chapter chapters/basics" in err
    assert run("update") == 2  # nothing is written from a broken build
    assert snapshot_files(book) == before


def test_an_unreadable_executed_notebook_is_an_error(book, capsys):
    (book / EXECUTED).write_text("{not json")
    code, _, err = checked(capsys)
    assert code == 2
    assert err.startswith(f"error: {EXECUTED}: not a readable notebook")
    assert err.count("\n") == 1


def test_the_difference_images_of_a_previous_check_are_removed(book, capsys):
    cells = standard_cells()
    cells[2] = cell(cells[2].source, figure(slope=-1.0))
    write_book(book, cells)
    assert checked(capsys)[0] == 1
    write_book(book, standard_cells())
    assert checked(capsys)[0] == 0
    assert not (book / "docs/_build/outputs-diff").exists()


def test_a_chapter_that_did_not_execute_is_an_error(book, capsys):
    unrun = [new_code_cell(c.source) for c in standard_cells()]
    write_book(book, unrun)
    code, _, err = checked(capsys)
    assert code == 2
    assert "chapter chapters/basics was not executed" in err


def test_update_rewrites_only_what_changed(book, capsys):
    markdown = book / SNAPSHOT / "outputs.md"
    mtime = markdown.stat().st_mtime_ns
    assert run("update") == 0
    assert markdown.stat().st_mtime_ns == mtime
    cells = standard_cells()
    del cells[2]  # the figure goes: its PNG is deleted
    write_book(book, cells)
    assert run("update") == 0
    assert not (book / SNAPSHOT / "cell-03-output-1.png").exists()


# --------------------------------------------------------------------------
# Pieces
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("<object at 0x7f64ffec7390>", "<object at 0x<address>>"),
        ("CPU times: user 1.2 s, sys: 3 ms", "CPU times: <duration>"),
        ("epoch 1 took 2.35s, loss 0.5", "epoch 1 took <duration>, loss 0.5"),
        ("<Figure size 640x480 with 1 Axes>", "<Figure size <w>x<h> with 1 Axes>"),
        ("/home/me/book/nnbook/x.py:3: Warning  \n\n", "<root>/nnbook/x.py:3: Warning"),
        ("\x1b[31mValueError\x1b[0m: bad", "ValueError: bad"),
        ("W1 has 10 samples", "W1 has 10 samples"),
    ],
)
def test_normaliser(text, normalised):
    assert Normaliser([(Path("/home/me/book"), "<root>")])(text) == normalised


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=60, deadline=None)
@given(source=TEXT, outputs=st.lists(TEXT, max_size=3), glue=TEXT)
def test_the_snapshot_reads_back_what_it_wrote(tmp_path_factory, source, outputs, glue):
    normalise = Normaliser()
    items = [
        Item(n, "stream", "stdout", normalise(t)) for n, t in enumerate(outputs, 1)
    ]
    code = "\n".join(line.rstrip() for line in source.strip("\n").splitlines())
    chapter = Chapter(
        "a/b",
        [Cell(code, items)],
        {"g": [Item(1, "display_data", "text/plain", normalise(glue))]},
    )
    folder = tmp_path_factory.mktemp("snapshots")
    snapshot.write(folder, chapter, "docs/a/b.md")
    back = snapshot.read(folder, "a/b")
    assert [(c.source, c.items) for c in back.cells] == [(code, items)]
    assert back.glue == chapter.glue


# --------------------------------------------------------------------------
# End to end: an edit to nnbook changes a chapter's output
# --------------------------------------------------------------------------

CONF = """\
extensions = ["myst_nb", "sphinx_nnbook"]
exclude_patterns = ["_build"]
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_merge_streams = True
"""

CHAPTER = """\
---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Scaling

```{code-cell} ipython3
from nnbook import scale

print(scale(1.5))
```

```{code-cell} ipython3
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [0, scale(1.0)])
plt.show()
```
"""


@pytest.mark.slow
def test_an_edit_to_nnbook_fails_the_check_after_the_rebuild(
    tmp_path, monkeypatch, capsys
):
    """A tiny real book, built by Sphinx, on a fake ``nnbook``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf/conf.py").write_text(CONF)
    (tmp_path / "pyproject.toml").write_text(SAMPLE_PYPROJECT.read_text())
    kernel_config = (ROOT / "conf/ipython_kernel_config.py").read_text()
    (tmp_path / "conf/ipython_kernel_config.py").write_text(kernel_config)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Book\n\n```{toctree}\nscaling\n```\n")
    (tmp_path / "docs/scaling.md").write_text(CHAPTER)
    package = tmp_path / "pkg" / "nnbook"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .core import scale\n")
    (package / "core.py").write_text("def scale(x):\n    return 2.0 * x\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg")}
    env.pop("MPLBACKEND", None)

    def build() -> None:
        command = [
            sys.executable,
            "-m",
            "sphinx",
            "-c",
            "conf",
            "-b",
            "html",
            "-W",
            "-q",
        ]
        done = subprocess.run(
            [*command, "docs", "docs/_build/html"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    build()
    assert run("update") == 0
    markdown = (tmp_path / "tests/snapshots/scaling/outputs.md").read_text()
    assert "```text\n3.0\n```" in markdown
    # The book's kernels show a line plot as SVG (sphinx_nnbook.figures).
    assert (tmp_path / "tests/snapshots/scaling/cell-02-output-1.svg").exists()
    build()  # up to date: nothing re-executes, nothing changes
    capsys.readouterr()
    assert checked(capsys)[0] == 0

    (package / "core.py").write_text("def scale(x):\n    return 2.5 * x\n")
    build()
    code, out, _ = checked(capsys)
    assert code == 1
    assert "cell 1 (`from nnbook import scale`, docs/scaling.md:" in out
    assert "-3.0\n" in out
    assert "+3.75\n" in out
    assert "cell 2 (`import matplotlib.pyplot as plt`" in out
    assert "the SVG figure changed" in out
