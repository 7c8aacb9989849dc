r"""Figures, one module per topic.

==========================================  ===================================
module                                      figures
==========================================  ===================================
:mod:`nnbook.plotting.activations`          activations and their derivatives
                                            (Chapter 1)
:mod:`nnbook.plotting.training`             decision regions and loss curves
                                            (Chapter 2)
:mod:`nnbook.plotting.digits`               digit images, mistakes and
                                            first-layer weights (Chapter 4)
:mod:`nnbook.plotting.metrics`              confusion matrix and learning
                                            curves (Chapter 4)
:mod:`nnbook.plotting.optim`                paths of optimizers over a loss
                                            surface (Chapter 5)
:mod:`nnbook.plotting.layers`               per-layer spread of activations
                                            and gradients (Chapter 6)
:mod:`nnbook.plotting.style`                the book's style every figure is
                                            drawn in: sizes for the page's
                                            column, fonts readable on a phone,
                                            the palette (``BOOK_STYLE``,
                                            ``FIGSIZES``)
==========================================  ===================================

Every function returns a :class:`matplotlib.figure.Figure`; in a notebook,
end the cell with the figure (or call ``display(fig)``) to show it. Names are
imported lazily, as in :mod:`nnbook`: ``from nnbook.plotting import
plot_training_curve`` loads :mod:`nnbook.plotting.training` only.
"""

from nnbook._lazy import attach

_SOURCES: dict[str, str] = {
    "BOOK_STYLE": "style",
    "FIGSIZES": "style",
    "PALETTE": "style",
    "book_figure": "style",
    "smallest_text_px": "style",
    "plot_function_and_derivative": "activations",
    "plot_activation_comparison": "activations",
    "plot_decision_boundary": "training",
    "plot_training_curve": "training",
    "plot_digit_grid": "digits",
    "plot_misclassified": "digits",
    "plot_weight_images": "digits",
    "plot_confusion_matrix": "metrics",
    "plot_learning_curves": "metrics",
    "plot_trajectories": "optim",
    "plot_layer_statistics": "layers",
}

__all__ = sorted(_SOURCES)

__getattr__, __dir__ = attach(__name__, _SOURCES)
