"""Compare flowgrad's engine with micrograd 0.1.0, side by side in one process.

Run from the repository root after installing both engines:

    pip install -e ".[dev]" && pip install -r benchmarks/requirements.txt
    python benchmarks/bench_engine.py

Workloads:

1. One SGD training step of an MLP 2-16-16-1 (ReLU hidden units, linear
   output) on 32 seeded two-moons points: forward, sum of hinge losses
   relu(1 - y * score), zero grads, backward and update. Both engines start
   from the same weights. Each engine runs with the garbage collector in its
   default state and with ``gc.disable()``. flowgrad runs twice: with
   `autograd.sum` (one n-ary node per sum) and with Python's ``sum``.
2. A chain of ``y = y * 1.0001 + 0.5`` steps, forward and backward.
   micrograd's recursive topological sort raises RecursionError near depth
   1,000, so the script finds the shortest chain on which it fails.
3. Bytes per node, measured with tracemalloc, for the chain of workload 2
   and for a chain ``y = y * a + b`` of Value-by-Value operations, on which
   both engines create exactly the same nodes.

Every timing is a median of several repeats measured with
``time.perf_counter``.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from typing import Callable, List, Sequence, Tuple

import autograd
from autograd import Value as FlowValue

try:
    from micrograd.engine import Value as MicroValue
    from micrograd.nn import MLP as MicroMLP
except ImportError:
    sys.exit("micrograd is missing: run `pip install -r benchmarks/requirements.txt`")

SEED = 0
LAYER_SIZES = (2, 16, 16, 1)
POINTS = 32
LEARNING_RATE = 0.05
CHAIN_STEPS = 1_000_000
MEMORY_NODES = 100_000


# Data and weights shared by both engines -------------------------------------


def make_moons(n: int, noise: float, rng: random.Random) -> Tuple[List[List[float]], List[float]]:
    """Return n two-moons points and labels -1 or +1, like scikit-learn's make_moons."""
    n_outer = n // 2
    n_inner = n - n_outer
    points = []
    labels = []
    for i in range(n_outer):
        angle = math.pi * i / (n_outer - 1)
        points.append([math.cos(angle), math.sin(angle)])
        labels.append(-1.0)
    for i in range(n_inner):
        angle = math.pi * i / (n_inner - 1)
        points.append([1.0 - math.cos(angle), 0.5 - math.sin(angle)])
        labels.append(1.0)
    for point in points:
        point[0] += rng.gauss(0.0, noise)
        point[1] += rng.gauss(0.0, noise)
    return points, labels


def initial_weights(rng: random.Random) -> List[float]:
    """Return weights in micrograd's parameter order: each neuron's w, then its b = 0."""
    weights = []
    for n_in, n_out in zip(LAYER_SIZES, LAYER_SIZES[1:]):
        for _ in range(n_out):
            weights.extend(rng.uniform(-1.0, 1.0) for _ in range(n_in))
            weights.append(0.0)
    return weights


# flowgrad's MLP, written as micrograd.nn writes its own ----------------------


class Neuron:
    def __init__(self, nin: int, nonlin: bool = True, nary_sum: bool = True) -> None:
        self.w = [FlowValue(0.0) for _ in range(nin)]
        self.b = FlowValue(0.0)
        self.nonlin = nonlin
        self.nary_sum = nary_sum

    def __call__(self, x):
        if self.nary_sum:
            act = autograd.sum([wi * xi for wi, xi in zip(self.w, x)] + [self.b])
        else:
            act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, nin: int, nout: int, **kwargs) -> None:
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, nin: int, nouts: Sequence[int], nary_sum: bool = True) -> None:
        sizes = [nin] + list(nouts)
        self.layers = [
            Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1, nary_sum=nary_sum)
            for i in range(len(nouts))
        ]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0


# Workload 1: one training step ---------------------------------------------------


def make_step(model, value_type, points, labels, total: Callable) -> Callable[[], float]:
    """Return a function that runs one SGD step on ``model`` and returns the loss."""
    parameters = model.parameters()

    def step() -> float:
        inputs = [list(map(value_type, point)) for point in points]
        scores = list(map(model, inputs))
        losses = [(1 - y * score).relu() for y, score in zip(labels, scores)]
        loss = total(losses)
        model.zero_grad()
        loss.backward()
        for p in parameters:
            p.data -= LEARNING_RATE * p.grad
        return loss.data

    return step


def time_training_steps(rounds: int, steps_per_round: int) -> dict:
    """Time one training step per engine and gc state, and return the medians in seconds."""
    rng = random.Random(SEED)
    points, labels = make_moons(POINTS, 0.1, rng)
    weights = initial_weights(rng)

    micro_model = MicroMLP(LAYER_SIZES[0], list(LAYER_SIZES[1:]))
    flow_nary = MLP(LAYER_SIZES[0], LAYER_SIZES[1:], nary_sum=True)
    flow_python = MLP(LAYER_SIZES[0], LAYER_SIZES[1:], nary_sum=False)
    for model in (micro_model, flow_nary, flow_python):
        for p, w in zip(model.parameters(), weights):
            p.data = w

    # Each configuration trains its own copy of the model, so that runs with
    # and without the garbage collector start from the same weights.
    steps = {}
    for gc_state in ("gc on", "gc off"):
        micro_step = make_step(_copy_micro(micro_model), MicroValue, points, labels, sum)
        nary_step = make_step(_copy_flow(flow_nary), FlowValue, points, labels, autograd.sum)
        python_step = make_step(_copy_flow(flow_python), FlowValue, points, labels, sum)
        steps[f"micrograd, {gc_state}"] = (micro_step, gc_state)
        steps[f"flowgrad autograd.sum, {gc_state}"] = (nary_step, gc_state)
        steps[f"flowgrad Python sum, {gc_state}"] = (python_step, gc_state)

    first_losses = {name: step() for name, (step, _) in steps.items()}
    _check_same_loss(first_losses)

    times = {name: [] for name in steps}
    for _ in range(rounds):
        for name, (step, gc_state) in steps.items():
            gc.collect()
            if gc_state == "gc off":
                gc.disable()
            try:
                for _ in range(steps_per_round):
                    start = time.perf_counter()
                    step()
                    times[name].append(time.perf_counter() - start)
            finally:
                gc.enable()
    gc.collect()
    return {name: statistics.median(values) for name, values in times.items()}


def _copy_micro(model):
    copy = MicroMLP(LAYER_SIZES[0], list(LAYER_SIZES[1:]))
    for p, q in zip(copy.parameters(), model.parameters()):
        p.data = q.data
    return copy


def _copy_flow(model: MLP) -> MLP:
    copy = MLP(LAYER_SIZES[0], LAYER_SIZES[1:], nary_sum=model.layers[0].neurons[0].nary_sum)
    for p, q in zip(copy.parameters(), model.parameters()):
        p.data = q.data
    return copy


def _check_same_loss(losses: dict) -> None:
    reference = losses["micrograd, gc on"]
    for name, loss in losses.items():
        if not math.isclose(loss, reference, rel_tol=1e-9):
            sys.exit(
                f"the engines disagree on the first loss: {name} gives {loss!r}, "
                f"micrograd gives {reference!r}; check that both start from the same weights"
            )


# Workload 2: a deep chain -----------------------------------------------------------


def build_chain(value_type, steps: int):
    y = value_type(1.0)
    for _ in range(steps):
        y = y * 1.0001 + 0.5
    return y


def time_flowgrad_chain(steps: int, repeats: int) -> Tuple[float, float]:
    """Return the median forward and backward times of flowgrad on the chain."""
    forward_times = []
    backward_times = []
    for _ in range(repeats):
        start = time.perf_counter()
        y = build_chain(FlowValue, steps)
        middle = time.perf_counter()
        y.backward()
        end = time.perf_counter()
        forward_times.append(middle - start)
        backward_times.append(end - middle)
        del y
    return statistics.median(forward_times), statistics.median(backward_times)


def micrograd_fails_backward(steps: int) -> bool:
    """True if micrograd's backward raises RecursionError on a chain of ``steps`` steps."""
    y = build_chain(MicroValue, steps)
    try:
        y.backward()
    except RecursionError:
        return True
    finally:
        del y
        gc.collect()
    return False


def shortest_failing_micrograd_chain(limit: int) -> int:
    """Return the fewest chain steps on which micrograd's backward fails (0: never up to limit)."""
    if not micrograd_fails_backward(limit):
        return 0
    low, high = 1, limit
    while low < high:
        middle = (low + high) // 2
        if micrograd_fails_backward(middle):
            high = middle
        else:
            low = middle + 1
    return low


# Workload 3: memory per node ----------------------------------------------------------


def chain_after_backward(steps: int):
    y = build_chain(FlowValue, steps)
    y.backward()
    return y


def chain_of_values(value_type, steps: int):
    a = value_type(1.0001)
    b = value_type(0.5)
    y = value_type(1.0)
    for _ in range(steps):
        y = y * a + b
    return y


def traced_bytes(build: Callable[[], object]) -> int:
    """Return the bytes still allocated after ``build()``, while its result is alive."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        graph = build()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del graph
    gc.collect()
    return after - before


# Report ---------------------------------------------------------------------------------


def describe_machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}"


def report_training(rounds: int, steps_per_round: int) -> None:
    print(f"\n1. Training step, MLP 2-16-16-1 on {POINTS} points "
          f"(median of {rounds * steps_per_round} steps)")
    medians = time_training_steps(rounds, steps_per_round)
    micro_on = medians["micrograd, gc on"]
    micro_off = medians["micrograd, gc off"]
    print(f"   {'configuration':<34} {'median ms':>10} {'vs micrograd gc on':>19} {'vs micrograd gc off':>20}")
    for name, seconds in medians.items():
        print(f"   {name:<34} {seconds * 1e3:10.2f} {micro_on / seconds:18.2f}x {micro_off / seconds:19.2f}x")


def report_chain(steps: int, repeats: int) -> None:
    print(f"\n2. Chain of {steps:,} steps y = y * 1.0001 + 0.5 (median of {repeats})")
    forward, backward = time_flowgrad_chain(steps, repeats)
    print(f"   flowgrad: completes, {2 * steps:,} nodes, forward {forward:.2f} s, "
          f"backward {backward:.2f} s, total {forward + backward:.2f} s")
    failing = shortest_failing_micrograd_chain(min(steps, 10_000))
    if failing:
        print(f"   micrograd: backward raises RecursionError from {failing:,} steps on "
              f"(graph depth {2 * failing:,} op nodes, recursion limit {sys.getrecursionlimit()})")
    else:
        print("   micrograd: no RecursionError up to 10,000 steps")


def report_memory(nodes: int) -> None:
    steps = nodes // 2
    print(f"\n3. Bytes per node, tracemalloc, graph alive after the forward pass ({steps:,} steps)")
    graphs = {
        "chain y * 1.0001 + 0.5": (build_chain, 2, 4),
        "chain y * a + b (Values)": (chain_of_values, 2, 2),
    }
    print(f"   {'graph':<26} {'engine':<10} {'nodes':>9} {'bytes/node':>11} {'bytes/step':>11}")
    for title, (build, flow_per_step, micro_per_step) in graphs.items():
        for engine, value_type, per_step in (("flowgrad", FlowValue, flow_per_step),
                                             ("micrograd", MicroValue, micro_per_step)):
            size = traced_bytes(lambda: build(value_type, steps))
            count = per_step * steps
            print(f"   {title:<26} {engine:<10} {count:>9,} {size / count:11.1f} {size / steps:11.1f}")
    size = traced_bytes(lambda: chain_after_backward(steps))
    print(f"   flowgrad, chain y * 1.0001 + 0.5 after backward (grads filled): "
          f"{size / nodes:.1f} bytes/node")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5,
                        help="rounds of training steps per configuration (default 5)")
    parser.add_argument("--steps-per-round", type=int, default=4,
                        help="consecutive training steps timed in each round (default 4)")
    parser.add_argument("--chain-steps", type=int, default=CHAIN_STEPS,
                        help=f"steps of the chain of workload 2 (default {CHAIN_STEPS:,})")
    parser.add_argument("--chain-repeats", type=int, default=3,
                        help="repeats of the chain of workload 2 (default 3)")
    parser.add_argument("--workloads", default="123",
                        help="which workloads to run, as digits (default 123)")
    args = parser.parse_args(argv)

    print(f"flowgrad vs micrograd 0.1.0 on {describe_machine()}")
    if "1" in args.workloads:
        report_training(args.rounds, args.steps_per_round)
    if "2" in args.workloads:
        report_chain(args.chain_steps, args.chain_repeats)
    if "3" in args.workloads:
        report_memory(MEMORY_NODES)


if __name__ == "__main__":
    main()
