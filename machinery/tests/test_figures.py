"""How the kernels show a figure: the lighter of SVG and 2x PNG, deterministic."""

from __future__ import annotations

import base64
import io
import re

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from sphinx_nnbook import figures


def line_plot() -> Figure:
    figure = Figure(figsize=(3.0, 2.0))
    ax = figure.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 0])
    ax.set_title("Loss", fontsize=12)
    ax.tick_params(labelsize=9)
    return figure


def dense_plot() -> Figure:
    """Thousands of random markers: heavier as paths than as pixels."""
    figure = Figure(figsize=(3.0, 3.0))
    points = np.random.default_rng(0).random((2, 20_000))
    figure.add_subplot().scatter(*points, s=2)
    return figure


def test_a_line_plot_is_svg_and_deterministic():
    data, metadata = figures.figure_output(line_plot())
    assert list(data) == ["image/svg+xml"]
    assert metadata == {}
    svg = data["image/svg+xml"]
    assert svg == figures.figure_output(line_plot())[0]["image/svg+xml"]
    assert "<dc:date>" not in svg
    # 3 inches wide: 216 pt, which a browser shows at 288 CSS px.
    assert re.search(r'<svg[^>]* width="216pt"', svg)
    assert "design width 288 px; smallest text 9 pt" in svg


def test_a_dense_plot_is_a_png_at_twice_its_css_size():
    figure = dense_plot()
    data, metadata = figures.figure_output(figure)
    assert list(data) == ["image/png"]
    png = base64.b64decode(data["image/png"])
    assert len(png) < len(figures.render(figure, "svg"))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (576, 576)  # 3 in at 192 dpi
        assert "smallest text" in image.text["Description"]
    # shown at 288 CSS px: two image pixels per CSS pixel
    assert metadata == {"image/png": {"width": 288, "height": 288}}


def test_smallest_text_ignores_hidden_and_empty_text():
    figure = line_plot()
    figure.draw_without_rendering()
    assert figures.smallest_text_pt(figure) == 9
    figure.text(0.5, 0.5, "tiny", fontsize=4, visible=False)
    figure.text(0.5, 0.5, " ", fontsize=3)
    assert figures.smallest_text_pt(figure) == 9
    assert figures.smallest_text_pt(Figure()) is None
    assert "smallest text none" in figures.description(Figure())


class _Shell:
    """Just what load_ipython_extension uses of an IPython shell."""

    def __init__(self) -> None:
        from IPython.core.formatters import DisplayFormatter

        self.display_formatter = DisplayFormatter()


def test_the_extension_takes_over_how_figures_are_shown(monkeypatch):
    shell = _Shell()
    figures.load_ipython_extension(shell)
    published = []
    monkeypatch.setattr(
        "IPython.display.publish_display_data",
        lambda data, metadata: published.append((data, metadata)),
    )
    format_dict, _ = shell.display_formatter.format(line_plot())
    assert format_dict == {}  # handled: no other format is added
    assert [list(data) for data, _ in published] == [["image/svg+xml"]]


def test_the_png_optimiser_keeps_the_description(tmp_path):
    from sphinx_nnbook.web.assets import optimise_images

    path = tmp_path / "figure.png"
    path.write_bytes(figures.render(dense_plot(), "png"))
    optimise_images(tmp_path)
    with Image.open(path) as image:
        assert image.mode == "P"  # it was optimised
        assert "smallest text" in image.text["Description"]
