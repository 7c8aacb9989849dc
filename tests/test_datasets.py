import numpy as np
import pytest
import torch

from nnbook.datasets import make_xor


def test_xor_known_values():
    X, y = make_xor()
    np.testing.assert_array_equal(X, [[0, 0, 1, 1], [0, 1, 0, 1]])
    np.testing.assert_array_equal(y, [[0, 1, 1, 0]])
    assert X.dtype == np.float64
    assert y.dtype == np.float64


def test_xor_target_is_exclusive_or_of_inputs():
    X, y = make_xor()
    for column in range(X.shape[1]):
        x1, x2 = X[:, column]
        assert y[0, column] == float(bool(x1) != bool(x2))


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_xor_dtype(dtype):
    X, y = make_xor(dtype=dtype)
    assert X.dtype == dtype
    assert y.dtype == dtype


def test_xor_fresh_arrays_each_call():
    X, _ = make_xor()
    X[0, 0] = 99.0
    X_again, _ = make_xor()
    assert X_again[0, 0] == 0.0


def test_xor_transpose_is_pytorch_layout():
    X, y = make_xor()
    X_torch = torch.from_numpy(X.T)
    y_torch = torch.from_numpy(y.T)
    assert tuple(X_torch.shape) == (4, 2)
    assert tuple(y_torch.shape) == (4, 1)
    # The seed's PyTorch tensors, sample per row.
    expected_X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    expected_y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    torch.testing.assert_close(X_torch.float(), expected_X)
    torch.testing.assert_close(y_torch.float(), expected_y)
