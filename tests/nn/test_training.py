"""fit: the update rule, shuffling, stopping rules, history and sanity checks."""

import math
import random
import statistics

import pytest

from nn import MLP, SGD, Adam, cross_entropy, evaluate, fit
from nn.data import Dataset, load_digits, load_iris, make_moons, standardize, train_val_test_split


def _tiny(n=10, seed=0):
    rng = random.Random(seed)
    X = [[rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)] for _ in range(n)]
    y = [i % 3 for i in range(n)]
    return Dataset(X, y)


@pytest.mark.parametrize(
    ("dataset", "sizes"),
    [(load_iris(), [16, 3]), (load_digits().subset(list(range(200))), [32, 10])],
    ids=["iris-3-classes", "digits-10-classes"],
)
def test_initial_loss_about_log_k(dataset, sizes):
    (train,), _ = standardize(dataset)
    k = sizes[-1]
    # Random initial logits add about half their variance to log K, so average over seeds.
    losses = [evaluate(MLP(train.n_features, sizes, seed=seed), train).loss for seed in range(10)]
    assert abs(statistics.fmean(losses) - math.log(k)) < 0.2 * math.log(k)


def test_overfits_ten_samples():
    data = _tiny(10)
    model = MLP(3, [16, 3], seed=0)
    history = fit(model, data, epochs=300, batch_size=10, optimizer=Adam(model.parameters(), lr=0.05))
    assert evaluate(model, data).accuracy == 1.0
    assert history.train_loss[-1] < 0.1 * history.train_loss[0]


def test_last_batch_step_is_its_mean():
    data = _tiny(4, seed=3)
    model = MLP(3, [2, 3], seed=5)
    reference = MLP(3, [2, 3], seed=5)
    fit(model, data, epochs=1, batch_size=3, optimizer=SGD(model.parameters(), lr=0.5), seed=11)

    # Replay by hand: the same shuffle, then per batch the mean of per-sample gradients.
    order = list(range(4))
    random.Random(11).shuffle(order)
    params = reference.parameters()
    for batch in (order[:3], order[3:]):
        sums = [0.0] * len(params)
        for i in batch:
            reference.zero_grad()
            cross_entropy(reference(data.X[i]), data.y[i]).backward()
            sums = [s + p.grad for s, p in zip(sums, params)]
        for p, s in zip(params, sums):
            p.data -= 0.5 * s / len(batch)

    for trained, replayed in zip(model.parameters(), params):
        assert trained.data == pytest.approx(replayed.data, abs=1e-12)


def test_full_batch_is_gradient_descent():
    data = _tiny(6)
    seeded = [MLP(3, [4, 3], seed=2) for _ in range(2)]
    fit(seeded[0], data, epochs=3, optimizer=SGD(seeded[0].parameters(), lr=0.3), seed=0)
    fit(seeded[1], data, epochs=3, optimizer=SGD(seeded[1].parameters(), lr=0.3), seed=99)
    # With one batch the order does not matter, up to float rounding.
    for a, b in zip(seeded[0].parameters(), seeded[1].parameters()):
        assert a.data == pytest.approx(b.data, abs=1e-12)


def test_same_seed_same_history():
    data = _tiny(12)
    histories = []
    for _ in range(2):
        model = MLP(3, [4, 3], seed=0)
        histories.append(fit(model, data, epochs=5, batch_size=4, seed=3).train_loss)
    assert histories[0] == histories[1]


def test_different_seed_different_order():
    data = _tiny(12)
    losses = []
    for seed in (3, 4):
        model = MLP(3, [4, 3], seed=0)
        losses.append(fit(model, data, epochs=5, batch_size=4, seed=seed).train_loss)
    assert losses[0] != losses[1]


def test_stop_below_threshold():
    data = _tiny(10)
    model = MLP(3, [16, 3], seed=0)
    history = fit(model, data, data, epochs=500, batch_size=10,
                  optimizer=Adam(model.parameters(), lr=0.05), stop_below=0.5)
    assert history.stop_reason == "stop_below"
    assert history.val_loss[-1] < 0.5
    assert history.val_loss[-2] >= 0.5


def test_patience_stops_and_restores_best():
    data = _tiny(10)
    model = MLP(3, [4, 3], seed=0)
    # A learning rate this large makes the loss jump around, so it stops improving.
    history = fit(model, data, data, epochs=200, batch_size=1, optimizer=SGD(model.parameters(), lr=5.0),
                  patience=3, restore_best=True)
    assert history.stop_reason in ("patience", "diverged")
    if history.stop_reason == "patience":
        assert history.epochs - history.best_epoch == 3
        assert evaluate(model, data).loss == pytest.approx(history.val_loss[history.best_epoch - 1], abs=1e-12)


def test_epochs_done_reason():
    history = fit(MLP(3, [2, 3], seed=0), _tiny(6), epochs=2)
    assert history.stop_reason == "epochs"
    assert history.epochs == 2


def test_callback_sees_every_batch_and_epoch():
    events = []
    fit(MLP(3, [2, 3], seed=0), _tiny(10), epochs=2, batch_size=4, callbacks=[events.append])
    kinds = [(e.kind, e.epoch, e.batch) for e in events]
    assert kinds.count(("epoch", 1, 3)) == 1
    assert [k for k in kinds if k[0] == "batch"] == [("batch", 1, 1), ("batch", 1, 2), ("batch", 1, 3),
                                                     ("batch", 2, 1), ("batch", 2, 2), ("batch", 2, 3)]


def test_callback_can_stop():
    history = fit(MLP(3, [2, 3], seed=0), _tiny(10), epochs=50, callbacks=[lambda p: p.kind == "epoch"])
    assert history.stop_reason == "callback"
    assert history.epochs == 1


def test_history_rows_have_validation():
    data = _tiny(9)
    history = fit(MLP(3, [2, 3], seed=0), data, data, epochs=3)
    rows = history.rows()
    assert len(rows) == 3
    assert list(rows[0]) == ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy"]


def test_diverging_training_stops():
    # A linear model with squared error and a huge step overshoots more on every step.
    model = MLP(3, [3], seed=0)
    history = fit(model, _tiny(10), epochs=500, loss="mse", optimizer=SGD(model.parameters(), lr=100.0))
    assert history.stop_reason == "diverged"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"epochs": 0}, ValueError, r"epochs must be an int >= 1, got 0"),
        ({"batch_size": 0}, ValueError, r"batch_size must be an int >= 1, got 0"),
        ({"loss": "l1"}, ValueError, r"unknown loss 'l1'; use one of cross_entropy"),
        ({"train": ([[1.0, 2.0]], [0])}, ValueError, r"train sample 0 has 2 features but the model expects 3"),
        ({"train": ([[1.0, 2.0, 3.0]], [5])}, ValueError, r"train label 0 is 5"),
        ({"train": ([[1.0, "x", 3.0]], [0])}, TypeError, r"train sample 0: .*got str 'x'"),
    ],
    ids=["epochs", "batch-size", "loss", "features", "label", "feature-type"],
)
def test_bad_fit_arguments_rejected(kwargs, error, message):
    arguments = {"train": _tiny(4)}
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        fit(MLP(3, [2, 3], seed=0), **arguments)


def _prepared(dataset, seed):
    train, validation, test = train_val_test_split(dataset, seed=seed)
    (train, validation, test), _ = standardize(train, validation, test)
    return train, validation, test


def test_iris_target_accuracy():
    train, validation, test = _prepared(load_iris(), seed=0)
    model = MLP(4, [16, 3], seed=0)
    fit(model, train, validation, epochs=200, batch_size=16,
        optimizer=SGD(model.parameters(), lr=0.05, momentum=0.9), patience=20, restore_best=True)
    assert evaluate(model, test).accuracy >= 0.93


def test_moons_target_accuracy():
    train, validation, test = _prepared(make_moons(200, noise=0.1, seed=0), seed=0)
    model = MLP(2, [8, 2], seed=0)
    fit(model, train, validation, epochs=100, batch_size=16,
        optimizer=Adam(model.parameters(), lr=0.05), patience=10, restore_best=True)
    assert evaluate(model, test).accuracy >= 0.97
