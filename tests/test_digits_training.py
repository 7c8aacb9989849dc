"""Chapter 4's classifier: the fused gradient, and NumPy = PyTorch training."""

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

import nnbook
from nnbook import Network, fit_with_validation, initialize_parameters
from nnbook.pytorch import (
    Classifier,
    evaluate_classifier,
    load_parameters,
    train_classifier,
)


def test_fused_gradient_is_jacobian_times_cce_gradient_and_torch(rng):
    Z = rng.normal(scale=3.0, size=(10, 7))
    Y = nnbook.one_hot(rng.integers(10, size=7))
    fused = nnbook.softmax_cce_backward(Y, Z)
    A = nnbook.softmax(Z)
    dA = nnbook.categorical_cross_entropy_gradient(Y, A)
    jacobian = np.stack(
        [(np.diag(a) - np.outer(a, a)).T @ da for a, da in zip(A.T, dA.T, strict=True)],
        axis=1,
    )
    Z_t = torch.tensor(Z.T, requires_grad=True)
    torch.nn.functional.cross_entropy(Z_t, torch.from_numpy(Y.T)).backward()
    np.testing.assert_allclose(fused, jacobian, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(fused, Z_t.grad.numpy().T, rtol=1e-12, atol=1e-15)


def _problem(rng, n=60, n_val=20):
    X = rng.normal(size=(6, n + n_val))
    labels = np.argmax(X[:3], axis=0)  # a learnable rule, 3 classes
    Y = nnbook.one_hot(labels, 3)
    return (X[:, :n], Y[:, :n], labels[:n]), (X[:, n:], Y[:, n:], labels[n:])


def _tensors(X, labels):
    return torch.from_numpy(X.T.copy()), torch.from_numpy(labels)


@pytest.mark.parametrize("sizes", [[6, 3], [6, 5, 3]])
def test_numpy_and_pytorch_training_curves_agree(rng, sizes):
    (X, Y, y), (Xv, Yv, yv) = _problem(rng)
    initial = initialize_parameters(sizes, method="glorot", rng=1)
    order = DataLoader(
        range(X.shape[1]),
        batch_size=8,
        shuffle=True,
        generator=torch.Generator().manual_seed(4),
    )
    net = Network.from_parameters(
        initial, output_activation="softmax", loss="categorical_cross_entropy"
    )
    history_np = fit_with_validation(
        net,
        (X, Y),
        (Xv, Yv),
        epochs=5,
        learning_rate=0.3,
        batches=lambda: (batch.numpy() for batch in order),
    )
    loader = DataLoader(
        TensorDataset(*_tensors(X, y)),
        batch_size=8,
        shuffle=True,
        generator=torch.Generator().manual_seed(4),
    )
    model = Classifier(sizes, dtype=torch.float64)
    load_parameters(model.layers, initial)
    history_t = train_classifier(
        model, loader, _tensors(X, y), _tensors(Xv, yv), epochs=5, learning_rate=0.3
    )
    for key in ("loss", "val_loss"):
        np.testing.assert_allclose(history_np[key], history_t[key], rtol=0, atol=1e-12)
    assert history_np["val_accuracy"] == history_t["val_accuracy"]
    assert history_np["loss"][-1] < history_np["loss"][0]  # it did learn
    for key, value in net.parameters.items():
        layer = model.layers[2 * (int(key[1:]) - 1)]
        torch_value = layer.weight if key[0] == "W" else layer.bias
        np.testing.assert_allclose(
            value.reshape(torch_value.shape), torch_value.detach().numpy(), atol=1e-12
        )


def test_fit_with_validation_rejects_a_non_network():
    with pytest.raises(TypeError, match=r"fit_with_validation\(\): argument 'net'"):
        fit_with_validation(
            None,
            ([[0.0]], [[1.0]]),
            ([[0.0]], [[1.0]]),
            epochs=1,
            learning_rate=0.1,
            batches=lambda: [[0]],
        )


def test_fit_with_validation_needs_callable_batches():
    net = Network([1, 2], output_activation="softmax", loss="categorical_cross_entropy")
    with pytest.raises(TypeError, match=r"argument 'batches' must be a function"):
        fit_with_validation(
            net,
            ([[0.0]], [[1.0], [0.0]]),
            ([[0.0]], [[1.0], [0.0]]),
            epochs=1,
            learning_rate=0.1,
            batches=[[0]],
        )


def test_fit_with_validation_needs_pairs():
    net = Network([1, 2], output_activation="softmax", loss="categorical_cross_entropy")
    with pytest.raises(TypeError, match=r"argument 'validation' must be a pair"):
        fit_with_validation(
            net,
            ([[0.0]], [[1.0], [0.0]]),
            None,
            epochs=1,
            learning_rate=0.1,
            batches=lambda: [[0]],
        )


def test_fit_with_validation_reports_bad_data_under_its_name():
    net = Network([1, 2], output_activation="softmax", loss="categorical_cross_entropy")
    with pytest.raises(ValueError, match=r"^fit_with_validation\(\): argument 'X'"):
        fit_with_validation(
            net,
            ([[0.0], [1.0]], [[1.0], [0.0]]),
            ([[0.0]], [[1.0], [0.0]]),
            epochs=1,
            learning_rate=0.1,
            batches=lambda: [[0]],
        )


def test_fit_with_validation_reports_divergence():
    net = Network(
        [1, 2], output_activation="softmax", loss="categorical_cross_entropy", rng=0
    )
    X, Y = np.array([[1e150, 1e150]]), np.eye(2)  # the same input, two labels
    with pytest.raises(FloatingPointError, match=r"training diverged at epoch"):
        fit_with_validation(
            net,
            (X, Y),
            (X, Y),
            epochs=5,
            learning_rate=1e200,
            batches=lambda: [np.array([0, 1])],
        )


def test_train_classifier_rejects_a_non_module():
    X, y = torch.zeros(2, 1, dtype=torch.float64), torch.tensor([0, 1])
    with pytest.raises(TypeError, match=r"train_classifier\(\): argument 'model'"):
        train_classifier(None, [(X, y)], (X, y), (X, y), epochs=1, learning_rate=0.1)


def test_train_classifier_needs_an_iterable_loader():
    X, y = torch.zeros(2, 1, dtype=torch.float64), torch.tensor([0, 1])
    model = Classifier([1, 2], dtype=torch.float64)
    with pytest.raises(TypeError, match=r"argument 'loader' must be an iterable"):
        train_classifier(model, 3, (X, y), (X, y), epochs=1, learning_rate=0.1)


def test_evaluate_classifier_needs_int64_labels():
    model = Classifier([1, 2], dtype=torch.float64)
    X = torch.zeros(2, 1, dtype=torch.float64)
    with pytest.raises(TypeError, match=r"evaluate_classifier\(\): .*int64"):
        evaluate_classifier(model, X, torch.tensor([0.0, 1.0]))


def test_evaluate_classifier_needs_one_label_per_row():
    model = Classifier([1, 2], dtype=torch.float64)
    X = torch.zeros(2, 1, dtype=torch.float64)
    with pytest.raises(ValueError, match=r"must hold X of shape \(n, n_features\)"):
        evaluate_classifier(model, X, torch.tensor([0, 1, 1]))
