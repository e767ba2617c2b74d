"""save and load: bit-exact round trips and clear errors for bad files."""

import json
import math
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn import MLP, load, save


def _bits(x):
    return struct.pack("<d", x)


def test_round_trip_architecture(tmp_path):
    model = MLP(3, [5, 2], activation="relu", output="sigmoid", init="glorot", seed=4)
    save(model, tmp_path / "m.json")
    loaded = load(tmp_path / "m.json")
    assert (loaded.nin, loaded.sizes, loaded.activation, loaded.output, loaded.init) == (3, [5, 2], "relu", "sigmoid", "glorot")


def test_round_trip_same_outputs(tmp_path):
    model = MLP(3, [5, 2], seed=1)
    save(model, tmp_path / "m.json")
    assert load(tmp_path / "m.json").evaluate([0.1, 0.2, 0.3]) == model.evaluate([0.1, 0.2, 0.3])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(allow_nan=False), min_size=9, max_size=9))
def test_round_trip_bit_exact(tmp_path_factory, weights):
    path = tmp_path_factory.mktemp("model") / "m.json"
    model = MLP(2, [3], seed=0)
    for p, w in zip(model.parameters(), weights):
        p.data = w
    save(model, path)
    for p, q in zip(model.parameters(), load(path).parameters()):
        assert _bits(p.data) == _bits(q.data)


def test_round_trip_non_finite(tmp_path):
    model = MLP(1, [1], seed=0)
    model.layers[0].neurons[0].w[0].data = math.inf
    model.layers[0].neurons[0].b.data = math.nan
    save(model, tmp_path / "m.json")
    loaded = load(tmp_path / "m.json").layers[0].neurons[0]
    assert loaded.w[0].data == math.inf
    assert math.isnan(loaded.b.data)


def test_saved_file_is_plain_json(tmp_path):
    save(MLP(2, [2], seed=0), tmp_path / "m.json")
    document = json.loads((tmp_path / "m.json").read_text())
    assert document["format"] == "flowgrad.MLP"


def test_missing_file_named(tmp_path):
    path = tmp_path / "absent.json"
    with pytest.raises(FileNotFoundError, match=r"model file '.*absent\.json' not found"):
        load(path)


def test_truncated_file_named(tmp_path):
    path = tmp_path / "m.json"
    save(MLP(2, [3, 2], seed=0), path)
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(ValueError, match=r"invalid model file '.*m\.json': not valid JSON .*truncated"):
        load(path)


def _edit(path, change):
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("sizes"), r"missing key 'sizes'"),
        (lambda d: d.update(activation="softplus"), r"the architecture is invalid: unknown activation 'softplus'"),
        (lambda d: d["layers"][0][1]["w"].pop(), r"layers\.0\.neurons\.1\.w must be a list of 2 numbers"),
        (lambda d: d["layers"][1][0]["w"].__setitem__(0, "0.5"), r"layers\.1\.neurons\.0\.w\.0 must be a number, got '0\.5'"),
        (lambda d: d["layers"].pop(), r"'sizes' lists 2 layers but 'layers' has 1"),
        (lambda d: d.update(format="other"), r"not a flowgrad model"),
        (lambda d: d.update(version=2), r"version 2 is not supported"),
        (lambda d: d["layers"][0][0].pop("b"), r"layers\.0\.neurons\.0 must be an object with keys 'w' and 'b'"),
    ],
    ids=["missing-key", "activation", "weight-count", "weight-type", "layer-count", "format", "version", "bias"],
)
def test_edited_file_named(tmp_path, change, message):
    path = tmp_path / "m.json"
    save(MLP(2, [3, 2], seed=0), path)
    _edit(path, change)
    with pytest.raises(ValueError, match=r"invalid model file '.*m\.json': " + message):
        load(path)


def test_save_rejects_other_modules(tmp_path):
    from nn import Neuron

    with pytest.raises(TypeError, match=r"save\(\) writes an MLP, got Neuron"):
        save(Neuron(2), tmp_path / "n.json")


def test_load_warns_about_non_finite_weights(tmp_path, caplog):
    model = MLP(2, [2], seed=0)
    model.layers[0].neurons[0].w[0].data = math.nan
    path = tmp_path / "model.json"
    save(model, path)
    with caplog.at_level("WARNING", logger="nn.serialize"):
        load(path)

    assert "1 weights that are NaN or infinite, such as layers.0.neurons.0.w.0" in caplog.text
