"""Shared fixtures: the real lambda_handler, driven through the skill's own interaction model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lambda_function
from skill_console.resolver import Resolver
from skill_console.simulator import Simulator

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "skill-package" / "interactionModels" / "custom" / "en-US.json"


@pytest.fixture(scope="session")
def model() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def resolver(model) -> Resolver:
    return Resolver(model)


@pytest.fixture
def sim(resolver) -> Simulator:
    return Simulator(lambda_function.lambda_handler, resolver)

# YAML conversation tests under tests/conversations/ (see conversation_files.py).
pytest_plugins = ["conversation_files"]
