r"""The 8x8 handwritten digits, split and standardised the way practitioners do.

Taught in Chapter 4, Classifying handwritten digits, section
:ref:`nn-digits-data`. The images are scikit-learn's bundled copy of the test
part of the UCI "Optical Recognition of Handwritten Digits" data set
(1,797 images of 8 x 8 pixels, values 0 to 16); :func:`load_digits` reads the
file inside the scikit-learn wheel, nothing is downloaded. Arrays use the
book's layout, **features x samples**: 64 pixel rows, one column per image.

The split is written here rather than taken from scikit-learn's
``train_test_split`` because the chapter shows it: one seeded NumPy generator
makes all three parts in one call, class by class, so that every part keeps
the class proportions (a *stratified* split). The standardisation is fitted on
the training images only, and the test part is handed out sealed
(:class:`HeldOutTestSet`), so that it can be looked at exactly once.
"""

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from nnbook._validation import (
    as_float_array,
    check_int,
    check_random_state,
    reraise_as,
)

__all__ = [
    "DigitsSplit",
    "DigitsSubset",
    "HeldOutTestSet",
    "load_digits",
    "load_digits_split",
    "one_hot",
    "stratified_split",
]

#: Pixels of the images, and the number of classes.
N_PIXELS, N_CLASSES = 64, 10
#: Larger class indices are surely a mistake (and would not fit an int64).
_MAX_LABEL = 2**31


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """Return the 1,797 digit images, features x samples, and their labels.

    Returns
    -------
    pixels : ndarray of shape (64, 1797)
        Grey levels 0 to 16 (float64), one image per column, row-major: pixel
        ``(r, c)`` is row ``8 * r + c``.
    labels : ndarray of shape (1797,)
        The digit shown, 0 to 9 (int64).

    Notes
    -----
    scikit-learn is imported here, not when :mod:`nnbook` is, so that the
    package stays light for the chapters that do not use the digits.

    References
    ----------
    .. [1] E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten
       Digits", UCI Machine Learning Repository, 1998.

    Examples
    --------
    >>> pixels, labels = load_digits()
    >>> pixels.shape, labels.shape, float(pixels.max())
    ((64, 1797), (1797,), 16.0)
    """
    from sklearn.datasets import load_digits as sklearn_load_digits

    bunch = sklearn_load_digits()
    pixels = np.ascontiguousarray(bunch.data.T, dtype=np.float64)
    return pixels, bunch.target.astype(np.int64)


def _check_labels(labels: Any, *, func: str, name: str = "labels") -> np.ndarray:
    array = as_float_array(labels, name, func=func, ndim=1)
    bad_mask = (array != np.round(array)) | (array < 0) | (array > _MAX_LABEL)
    if bad_mask.any():
        bad = array[bad_mask][0]
        msg = (
            f"{func}(): argument {name!r} must hold class indices 0, 1, 2, ...; "
            f"got {bad:g}. Pass integer labels, e.g. y.astype(int)."
        )
        raise ValueError(msg)
    return array.astype(np.int64)


def one_hot(labels: ArrayLike, n_classes: int = N_CLASSES) -> np.ndarray:
    """Turn class indices into one-hot columns, classes x samples.

    Parameters
    ----------
    labels : array-like of shape (n_samples,)
        Class indices 0 to ``n_classes - 1``.
    n_classes : int, default 10
        Number of classes, the number of rows of the result.

    Returns
    -------
    ndarray of shape (n_classes, n_samples)
        Column ``i`` is 1 in row ``labels[i]`` and 0 elsewhere.

    Raises
    ------
    ValueError
        If a label is not a whole number in ``[0, n_classes)``.

    Examples
    --------
    >>> one_hot([2, 0], n_classes=3)
    array([[0., 1.],
           [0., 0.],
           [1., 0.]])
    """
    func = "one_hot"
    n_classes = check_int(n_classes, "n_classes", func=func, min_value=2)
    y = _check_labels(labels, func=func)
    if (y >= n_classes).any():
        msg = (
            f"one_hot(): argument 'labels' must lie in [0, {n_classes - 1}] for "
            f"n_classes={n_classes}; got {int(y.max())}. Pass a larger n_classes."
        )
        raise ValueError(msg)
    return np.eye(n_classes)[y].T


def stratified_split(
    labels: ArrayLike,
    fractions: tuple[float, float, float] = (0.6, 0.2, 0.2),
    *,
    rng: int | np.random.Generator | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split sample indices into train, validation and test, class by class.

    Parameters
    ----------
    labels : array-like of shape (n_samples,)
        Class indices.
    fractions : tuple of three floats, default (0.6, 0.2, 0.2)
        Shares of train, validation and test; positive, summing to 1.
    rng : int, numpy.random.Generator or None
        Shuffles each class; ``None`` is the package's fixed seed.

    Returns
    -------
    train, validation, test : ndarray of int
        Sorted, disjoint sample indices that together cover every sample.
        Each class is cut in the given proportions (rounded), so every part
        has about the class balance of the whole.

    Raises
    ------
    ValueError
        If the fractions are not three positive numbers summing to 1, or a
        class has fewer than three samples (one for each part).

    Examples
    --------
    >>> train, val, test = stratified_split([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], rng=0)
    >>> len(train), len(val), len(test)
    (6, 2, 2)
    """
    func = "stratified_split"
    y = _check_labels(labels, func=func)
    if y.size < 3:
        msg = (
            f"{func}(): argument 'labels' must hold at least 3 samples, one for "
            f"each part; got {y.size}."
        )
        raise ValueError(msg)
    shares = as_float_array(fractions, "fractions", func=func, ndim=1)
    if shares.shape != (3,) or (shares <= 0).any() or abs(shares.sum() - 1) > 1e-9:
        msg = (
            f"{func}(): argument 'fractions' must be three positive shares "
            f"(train, validation, test) summing to 1; got {shares.tolist()}. "
            "For example (0.6, 0.2, 0.2)."
        )
        raise ValueError(msg)
    generator = check_random_state(rng, func=func)
    parts: list[list[np.ndarray]] = [[], [], []]
    for label in np.unique(y):
        members = generator.permutation(np.flatnonzero(y == label))
        if members.size < 3:
            msg = (
                f"{func}(): class {label} has {members.size} sample(s); each class "
                "needs at least 3, one for each part. Drop the class or add data."
            )
            raise ValueError(msg)
        # Round the cut points, keeping at least one sample in every part.
        n_train = max(1, round(shares[0] * members.size))
        n_val = max(1, round(shares[1] * members.size))
        n_train = min(n_train, members.size - 2)
        n_val = min(n_val, members.size - n_train - 1)
        cuts = np.split(members, [n_train, n_train + n_val])
        for part, chunk in zip(parts, cuts, strict=True):
            part.append(chunk)
    train, val, test = (np.sort(np.concatenate(part)) for part in parts)
    return train, val, test


class DigitsSubset(NamedTuple):
    """One part of the split, every array with one column (or entry) per image.

    Attributes
    ----------
    X : ndarray of shape (64, m)
        Standardised pixels, the network's input.
    Y : ndarray of shape (10, m)
        One-hot labels.
    labels : ndarray of shape (m,)
        The digits, 0 to 9.
    pixels : ndarray of shape (64, m)
        The raw grey levels 0 to 16, for drawing.
    """

    X: np.ndarray
    Y: np.ndarray
    labels: np.ndarray
    pixels: np.ndarray


class HeldOutTestSet:
    """The test images, sealed: :meth:`open` hands them out once.

    A test accuracy is an honest estimate of the accuracy on new images only
    if nothing was chosen by looking at it. Choices (the model, the learning
    rate, when to stop) are made on the validation set; the test set is
    opened once, at the end.
    """

    def __init__(self, subset: DigitsSubset):
        self._subset: DigitsSubset | None = subset
        self.size = subset.labels.size

    @property
    def opened(self) -> bool:
        """Whether :meth:`open` has been called."""
        return self._subset is None

    def __repr__(self) -> str:
        state = "opened" if self.opened else "sealed"
        return f"HeldOutTestSet({self.size} images, {state})"

    def open(self) -> DigitsSubset:
        """Return the test images, once; a second call raises.

        Raises
        ------
        RuntimeError
            If the test set was opened before.
        """
        if self._subset is None:
            msg = (
                "HeldOutTestSet.open(): the test set was already opened once. "
                "Using it again to choose a model would make its accuracy an "
                "optimistic estimate: compare models on the validation set, or "
                "call load_digits_split() again to start over."
            )
            raise RuntimeError(msg)
        subset, self._subset = self._subset, None
        return subset


class DigitsSplit(NamedTuple):
    """The digits, split into three parts, standardised by the training part.

    Attributes
    ----------
    train, validation : DigitsSubset
        Fit on ``train``; choose models on ``validation``.
    test : HeldOutTestSet
        Opened once, at the end.
    mean, scale : ndarray of shape (64, 1)
        The training pixels' mean and standard deviation (1 where a pixel
        never varies in training), as used by ``X = (pixels - mean) / scale``.
    """

    train: DigitsSubset
    validation: DigitsSubset
    test: HeldOutTestSet
    mean: np.ndarray
    scale: np.ndarray


def _subset(
    pixels: np.ndarray, labels: np.ndarray, mean: np.ndarray, scale: np.ndarray
) -> DigitsSubset:
    return DigitsSubset((pixels - mean) / scale, one_hot(labels), labels, pixels)


def load_digits_split(
    fractions: tuple[float, float, float] = (0.6, 0.2, 0.2),
    *,
    rng: int | np.random.Generator | None = 0,
) -> DigitsSplit:
    r"""Load the digits, split them (stratified, seeded) and standardise them.

    Parameters
    ----------
    fractions : tuple of three floats, default (0.6, 0.2, 0.2)
        Shares of train, validation and test (see :func:`stratified_split`).
    rng : int, numpy.random.Generator or None, default 0
        Seed of the split.

    Returns
    -------
    DigitsSplit
        ``train`` and ``validation`` as :class:`DigitsSubset`, ``test``
        sealed in a :class:`HeldOutTestSet`, and the standardisation.

    Raises
    ------
    ValueError
        If ``fractions`` is not three positive shares summing to 1.

    Notes
    -----
    Every pixel :math:`j` is standardised with the **training** statistics,

    .. math:: x_j \leftarrow \frac{x_j - \mu_j}{s_j}, \qquad
              \mu_j, s_j \text{ from the training images only},

    so that nothing about the validation or test images leaks into the
    model. Pixels that are 0 in every training image (3 of the 64 with the
    default split, such as the top-left corner) have
    :math:`s_j = 0`; they keep :math:`s_j = 1` and stay 0.

    Examples
    --------
    >>> data = load_digits_split()
    >>> data.train.X.shape, data.validation.X.shape, data.test
    ((64, 1078), (64, 359), HeldOutTestSet(360 images, sealed))
    """
    pixels, labels = load_digits()
    with reraise_as("load_digits_split"):  # a bad fraction or seed, named as ours
        train, val, test = stratified_split(labels, fractions, rng=rng)
    mean = pixels[:, train].mean(axis=1, keepdims=True)
    std = pixels[:, train].std(axis=1, keepdims=True)
    scale = np.where(std > 0, std, 1.0)
    parts = [_subset(pixels[:, i], labels[i], mean, scale) for i in (train, val, test)]
    return DigitsSplit(parts[0], parts[1], HeldOutTestSet(parts[2]), mean, scale)
