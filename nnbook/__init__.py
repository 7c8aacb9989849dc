"""nnbook: neural networks from the ground up, in NumPy and PyTorch.

This package is the code that the book runs. Every number and every figure
in a chapter is computed by these functions at build time.

The public names are imported lazily (:pep:`562`): ``from nnbook import
sigmoid`` loads :mod:`nnbook.activations` only. Chapters therefore depend on
the modules they use and nothing else, which is what lets the book re-execute
exactly the chapters that an edit to the package affects.

Layout conventions
------------------
NumPy functions use the book's layout, **features x samples**: a batch of
``m`` samples with ``n`` features is an array ``X`` of shape ``(n, m)``.
The PyTorch counterparts in :mod:`nnbook.pytorch` use PyTorch's layout,
samples x features.

Examples
--------
>>> import nnbook
>>> float(nnbook.sigmoid(0.0))
0.5
"""

from nnbook._lazy import attach

__version__ = "0.1.0"

#: Where each public name is defined: ``name -> module``.
_SOURCES: dict[str, str] = {
    # activations
    "ACTIVATIONS": "activations",
    "Activation": "activations",
    "get_activation": "activations",
    "sigmoid": "activations",
    "sigmoid_derivative": "activations",
    "tanh": "activations",
    "tanh_derivative": "activations",
    "relu": "activations",
    "relu_derivative": "activations",
    "leaky_relu": "activations",
    "leaky_relu_derivative": "activations",
    "linear": "activations",
    "linear_derivative": "activations",
    "softmax": "probability",
    "log_softmax": "probability",
    # the perceptron
    "Perceptron": "perceptron",
    # forward propagation
    "forward_neuron": "forward",
    "forward_layer": "forward",
    "forward_network": "forward",
    # parameter initialisation
    "initialize_parameters": "initialization",
    # losses
    "mse_loss": "losses",
    "binary_cross_entropy": "losses",
    "binary_cross_entropy_with_logits": "losses",
    "categorical_cross_entropy": "losses",
    "categorical_cross_entropy_with_logits": "losses",
    # data sets
    "make_xor": "datasets",
    # figures
    "plot_function_and_derivative": "plotting",
    "plot_activation_comparison": "plotting",
    # Chapter 2: backpropagation and training
    "activation_backward": "backward",
    "dense_backward": "backward",
    "backward_network": "backward",
    "mse_loss_gradient": "loss_gradients",
    "binary_cross_entropy_gradient": "loss_gradients",
    "categorical_cross_entropy_gradient": "loss_gradients",
    "sigmoid_bce_backward": "loss_gradients",
    "softmax_cce_backward": "loss_gradients",
    "numerical_gradient": "gradcheck",
    "relative_error": "gradcheck",
    "gradient_check": "gradcheck",
    "minibatches": "training",
    "Network": "network",
    "make_moons": "datasets",
    "make_spirals": "datasets",
    "plot_decision_boundary": "plotting",
    "plot_training_curve": "plotting",
}

__all__ = ["__version__", *_SOURCES]


__getattr__, __dir__ = attach(__name__, _SOURCES)
