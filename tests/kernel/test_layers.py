"""The import-linter contract in pyproject.toml holds the layers (``make test`` runs
``lint-imports``); these tests keep the contract itself whole, so a new kernel module cannot slip
out of it."""

import pkgutil
import tomllib
from pathlib import Path

import leefbaarheid

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
APPS_TOP_DOWN = ["leefbaarheid.site", "evaluations", "interventions", "residents", "complexes"]


def _layers() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = (c for c in config["contracts"] if c["type"] == "layers")
    return contract["layers"]


def _kernel_layer() -> set[str]:
    return {name.strip() for name in _layers()[-1].split(":")}


def test_the_layers_run_from_the_top_through_the_apps_to_the_kernel():
    assert _layers()[:-1] == APPS_TOP_DOWN


def test_every_submodule_of_leefbaarheid_but_the_top_is_in_the_kernel_layer():
    submodules = {
        f"leefbaarheid.{module.name}"
        for module in pkgutil.iter_modules(leefbaarheid.__path__)
        if module.name != "site"
    }
    assert sorted(submodules - _kernel_layer()) == []


def test_the_kernel_layer_names_only_modules_that_exist():
    submodules = {
        f"leefbaarheid.{module.name}" for module in pkgutil.iter_modules(leefbaarheid.__path__)
    }
    assert sorted(_kernel_layer() - submodules) == []
