"""The package's lazy public namespace (PEP 562)."""

import importlib
import pkgutil
import subprocess
import sys

import pytest

import nnbook
import nnbook.pytorch

MODULES = {info.name for info in pkgutil.iter_modules(nnbook.__path__)}


@pytest.mark.parametrize("name", sorted(nnbook._SOURCES))
def test_every_public_name_comes_from_the_module_it_is_listed_under(name):
    module = importlib.import_module(f"nnbook.{nnbook._SOURCES[name]}")
    assert getattr(nnbook, name) is getattr(module, name)
    assert name in module.__all__


def test_no_module_shadows_a_public_name():
    # Importing nnbook.x sets the attribute nnbook.x to the module, so a module
    # named like a public function would replace that function.
    assert not MODULES & set(nnbook._SOURCES)


def test_an_unknown_name_raises_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'sigmoidd'"):
        _ = nnbook.sigmoidd


def test_dir_lists_the_public_names():
    assert set(nnbook.__all__) <= set(dir(nnbook))


def test_importing_nnbook_loads_neither_numpy_modules_nor_torch():
    code = (
        "import sys, nnbook; "
        "print(sorted(m for m in sys.modules if m.startswith(('nnbook.', 'torch'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['nnbook._lazy']"


def test_building_a_torch_network_does_not_load_the_training_code():
    code = (
        "import sys; from nnbook.pytorch import build_network; "
        "print(sorted(m for m in sys.modules if m.startswith('nnbook.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "nnbook.pytorch.networks" in out
    assert "training" not in out


@pytest.mark.parametrize("name", sorted(nnbook.pytorch._SOURCES))
def test_every_torch_name_comes_from_its_module(name):
    module = importlib.import_module(f"nnbook.pytorch.{nnbook.pytorch._SOURCES[name]}")
    assert getattr(nnbook.pytorch, name) is getattr(module, name)
