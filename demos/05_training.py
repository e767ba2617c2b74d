"""Mini-batch SGD on iris and two moons, and gradient descent against SGD on the same seed.

The script version of 05_training.ipynb. It prints the test accuracies and
losses, and saves the loss curves and the two-moons decision boundary as
PNG files in the current folder.

    python demos/05_training.py
"""

import nn
from nn import data
from nn.plots import plot_decision_boundary, plot_history


def main() -> None:
    iris = data.load_iris()
    train, validation, test = data.train_val_test_split(iris, seed=0)
    (train, validation, test), _ = data.standardize(train, validation, test)

    model = nn.MLP(4, [8, 3], seed=0)
    history = nn.fit(model, train, validation, epochs=100, batch_size=16,
                     optimizer=nn.SGD(model.parameters(), lr=0.1), patience=10, seed=0)
    print(f"iris: {history.epochs} epochs ({history.stop_reason}), "
          f"test accuracy {nn.evaluate(model, test).accuracy:.3f}")
    plot_history(history, "iris-loss.png", title="iris, 4-8-3 MLP, batch 16")

    moons = data.make_moons(200, noise=0.1, seed=0)
    moons_train, moons_validation, moons_test = data.train_val_test_split(moons, seed=0)
    moons_model = nn.MLP(2, [8, 8, 2], seed=0)
    moons_history = nn.fit(moons_model, moons_train, moons_validation, epochs=60, batch_size=16,
                           optimizer=nn.SGD(moons_model.parameters(), lr=0.05, momentum=0.9), seed=0)
    print(f"two moons: test accuracy {nn.evaluate(moons_model, moons_test).accuracy:.3f}")
    plot_history(moons_history, "moons-loss.png", title="two moons, 2-8-8-2 MLP")
    plot_decision_boundary(moons_model, moons, "moons-boundary.png", resolution=80)

    # Batch size B = 90 (all of train) is gradient descent, 1 is SGD, 16 is mini-batch SGD.
    for label, batch_size in (("gradient descent", 90), ("mini-batch SGD", 16), ("SGD", 1)):
        run_model = nn.MLP(4, [8, 3], seed=0)
        run = nn.fit(run_model, train, validation, epochs=30, batch_size=batch_size,
                     optimizer=nn.SGD(run_model.parameters(), lr=0.1), seed=0)
        print(f"{label:<17} B = {batch_size:<3} validation loss after 30 epochs {run.val_loss[-1]:.4f}")

    for lr in (0.01, 0.1, 1.0, 10.0):
        run_model = nn.MLP(4, [8, 3], seed=0)
        run = nn.fit(run_model, train, validation, epochs=30, batch_size=16,
                     optimizer=nn.SGD(run_model.parameters(), lr=lr), seed=0)
        print(f"lr {lr:<5} validation loss after 30 epochs {run.val_loss[-1]:.4f}")
    print("saved iris-loss.png, moons-loss.png and moons-boundary.png")


if __name__ == "__main__":
    main()
