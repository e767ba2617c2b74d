"""Digits with a 64-32-10 MLP: the slow accuracy target."""

import pytest

from nn import MLP, Adam, evaluate, fit
from nn.data import load_digits, standardize, train_val_test_split


@pytest.mark.slow
def test_digits_target_accuracy():
    train, validation, test = train_val_test_split(load_digits(), seed=0)
    (train, validation, test), _ = standardize(train, validation, test)
    model = MLP(64, [32, 10], "tanh", seed=0)

    fit(model, train, validation, epochs=10, batch_size=32,
        optimizer=Adam(model.parameters(), lr=0.005), patience=3, restore_best=True, seed=0)
    assert evaluate(model, test).accuracy >= 0.90
