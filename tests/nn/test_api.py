"""The public names of nn and nn.data."""

import importlib

import pytest

import nn
import nn.data


@pytest.mark.parametrize("module", [nn, nn.data], ids=["nn", "nn.data"])
def test_all_names_exist(module):
    for name in module.__all__:
        assert hasattr(module, name), name


@pytest.mark.parametrize("module", [nn, nn.data], ids=["nn", "nn.data"])
def test_all_without_duplicates(module):
    assert len(module.__all__) == len(set(module.__all__))


def test_lazy_names_kept():
    assert set(nn._LAZY) >= {"layer_deltas", "compare_with_engine", "network_view"}


def test_unknown_name_raises():
    with pytest.raises(AttributeError, match=r"module 'nn' has no attribute 'nothing'"):
        importlib.import_module("nn").nothing


def test_every_public_name_resolves():
    for name in nn.__all__:
        assert getattr(nn, name) is not None, name
