r"""How good a classifier is: accuracy and the confusion matrix.

Taught in Chapter 4, Classifying handwritten digits, section
:ref:`nn-digits-evaluation`. Both take class indices (not one-hot columns),
one per sample: the true labels and the predicted ones, e.g.
``Network.predict(X).ravel()``. They are written in NumPy, not taken from
scikit-learn, because each is one line that the chapter shows.
"""

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import as_float_array, check_int

__all__ = ["accuracy", "confusion_matrix"]


def _labels_pair(
    y_true: ArrayLike, y_pred: ArrayLike, *, func: str
) -> tuple[np.ndarray, np.ndarray]:
    arrays = []
    for name, value in (("y_true", y_true), ("y_pred", y_pred)):
        array = as_float_array(value, name, func=func, ndim=(1, 2)).ravel()
        bad = (array != np.round(array)) | (array < 0) | (array > 2**31)
        if bad.any():
            msg = (
                f"{func}(): argument {name!r} must hold class indices 0, 1, 2, ...; "
                f"got {array[bad][0]:g}. For "
                "one-hot columns Y (classes x samples) pass Y.argmax(axis=0)."
            )
            raise ValueError(msg)
        arrays.append(array.astype(np.int64))
    if arrays[0].size != arrays[1].size or arrays[0].size == 0:
        msg = (
            f"{func}(): 'y_true' and 'y_pred' must hold one label per sample, the "
            f"same non-zero number; got {arrays[0].size} and {arrays[1].size}."
        )
        raise ValueError(msg)
    return arrays[0], arrays[1]


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    r"""Return the fraction of samples whose predicted class is the true one.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (1, n_samples)
        Class indices.

    Returns
    -------
    float
        :math:`\frac{1}{m}\sum_i [\hat y_i = y_i]`, between 0 and 1.

    Raises
    ------
    ValueError
        If the two hold different numbers of labels, none, or a label that is
        not a non-negative whole number.

    Examples
    --------
    >>> accuracy([0, 1, 2, 2], [0, 2, 2, 2])
    0.75
    """
    true, pred = _labels_pair(y_true, y_pred, func="accuracy")
    return float(np.mean(true == pred))


def confusion_matrix(
    y_true: ArrayLike, y_pred: ArrayLike, n_classes: int | None = None
) -> np.ndarray:
    """Count how often each true class was predicted as each class.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (1, n_samples)
        Class indices.
    n_classes : int, optional
        Number of classes; by default one more than the largest label seen.

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes)
        Entry ``[t, p]`` is the number of samples of true class ``t``
        predicted as ``p``: the diagonal holds the correct ones, each row
        sums to the number of samples of its class.

    Raises
    ------
    ValueError
        As for :func:`accuracy`, and if a label is ``>= n_classes``.

    Examples
    --------
    >>> confusion_matrix([0, 1, 2, 2], [0, 2, 2, 2])
    array([[1, 0, 0],
           [0, 0, 1],
           [0, 0, 2]])
    """
    func = "confusion_matrix"
    true, pred = _labels_pair(y_true, y_pred, func=func)
    largest = int(max(true.max(), pred.max()))
    if n_classes is None:
        n_classes = largest + 1
    n_classes = check_int(n_classes, "n_classes", func=func, min_value=1)
    if largest >= n_classes:
        msg = (
            f"{func}(): labels must lie in [0, {n_classes - 1}] for "
            f"n_classes={n_classes}; got {largest}. Pass a larger n_classes."
        )
        raise ValueError(msg)
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (true, pred), 1)  # one count per (true, predicted)
    return counts
