"""Data: shipped sets, seeded generators, stratified splits and standardisation."""

import math
import statistics

import pytest

from nn.data import (
    Dataset,
    Standardizer,
    load_digits,
    load_iris,
    make_moons,
    make_spirals,
    make_xor,
    standardize,
    train_val_test_split,
)


def test_iris_shape_and_classes():
    iris = load_iris()
    assert len(iris) == 150
    assert [iris.y.count(k) for k in range(3)] == [50, 50, 50]
    assert all(len(x) == 4 for x in iris.X)


def test_iris_first_row():
    # The first flower in Fisher's table: 5.1, 3.5, 1.4, 0.2 cm, setosa.
    iris = load_iris()
    assert iris.X[0] == [5.1, 3.5, 1.4, 0.2]
    assert iris.y[0] == 0


def test_digits_shape_and_range():
    digits = load_digits()
    assert len(digits) == 1797
    assert all(len(x) == 64 for x in digits.X)
    assert min(min(x) for x in digits.X) == 0.0
    assert max(max(x) for x in digits.X) == 16.0
    assert sorted(set(digits.y)) == list(range(10))


def test_digits_matches_sklearn_copy():
    pytest.importorskip("sklearn")
    shipped = load_digits()
    reference = load_digits(source="sklearn")
    assert shipped.X == reference.X
    assert shipped.y == reference.y


def test_digits_unknown_source_rejected():
    with pytest.raises(ValueError, match=r"unknown source 'web'; use 'package' or 'sklearn'"):
        load_digits(source="web")


@pytest.mark.parametrize("make", [make_moons, make_spirals, make_xor], ids=["moons", "spirals", "xor"])
def test_generator_seeded(make):
    first, second, other = make(seed=5), make(seed=5), make(seed=6)
    assert first.X == second.X
    assert first.y == second.y
    assert first.X != other.X


@pytest.mark.parametrize("make", [make_moons, make_spirals, make_xor], ids=["moons", "spirals", "xor"])
def test_generator_two_features(make):
    data = make(n_samples=60, seed=0)
    assert len(data) == 60
    assert data.n_features == 2


def test_moons_noise_free_on_arcs():
    moons = make_moons(50, noise=0.0, seed=0)
    for (x0, x1), label in zip(moons.X, moons.y):
        centre = (0.0, 0.0) if label == 0 else (1.0, 0.5)
        assert math.hypot(x0 - centre[0], x1 - centre[1]) == pytest.approx(1.0)


def test_generator_bad_noise_rejected():
    with pytest.raises(ValueError, match=r"noise must be a number >= 0, got -1"):
        make_moons(noise=-1)


def test_split_sizes_and_strata():
    train, validation, test = train_val_test_split(load_iris(), seed=0)
    assert (len(train), len(validation), len(test)) == (90, 30, 30)
    for part, per_class in ((train, 30), (validation, 10), (test, 10)):
        assert [part.y.count(k) for k in range(3)] == [per_class] * 3


def test_split_disjoint_and_complete():
    iris = load_iris()
    parts = train_val_test_split(iris, seed=1)
    rows = [tuple(x) + (label,) for part in parts for x, label in zip(part.X, part.y)]
    expected = [tuple(x) + (label,) for x, label in zip(iris.X, iris.y)]
    assert sorted(rows) == sorted(expected)


def test_split_seeded():
    assert train_val_test_split(load_iris(), seed=2)[2].X == train_val_test_split(load_iris(), seed=2)[2].X
    assert train_val_test_split(load_iris(), seed=2)[2].X != train_val_test_split(load_iris(), seed=3)[2].X


def test_split_bad_fractions_rejected():
    with pytest.raises(ValueError, match=r"fractions must be three numbers >= 0 that sum to 1"):
        train_val_test_split(load_iris(), fractions=(0.5, 0.5, 0.5))


def test_standardize_uses_training_statistics():
    train = Dataset([[1.0, 10.0], [3.0, 10.0]], [0, 1])
    test = Dataset([[5.0, 12.0]], [0])
    (scaled_train, scaled_test), scaler = standardize(train, test)
    # mean (2, 10), std (1, 0 -> 1): the test point is scaled with these, not its own.
    assert scaler.mean == [2.0, 10.0]
    assert scaled_train.X == [[-1.0, 0.0], [1.0, 0.0]]
    assert scaled_test.X == [[3.0, 2.0]]


def test_standardized_training_features():
    (train,), _ = standardize(load_iris())
    for column in zip(*train.X):
        assert statistics.fmean(column) == pytest.approx(0.0, abs=1e-12)
        assert statistics.pstdev(column) == pytest.approx(1.0, abs=1e-12)


def test_transform_before_fit_rejected():
    with pytest.raises(ValueError, match=r"call fit\(\) on the training features"):
        Standardizer().transform([[1.0]])


def test_dataset_length_mismatch_rejected():
    with pytest.raises(ValueError, match=r"X has 2 samples but y has 1 labels"):
        Dataset([[1.0], [2.0]], [0])
