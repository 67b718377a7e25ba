"""Shared fixtures: the real lambda_handler, driven through the skill's own interaction model."""

from __future__ import annotations

import json

import pytest

import lambda_function
from helpers import LOCALES
from skill_console.device.simulator import Simulator
from skill_console.nlu.resolver import Resolver
from skill_console.paths import MODEL_OUTPUT_DIR


@pytest.fixture(scope="session")
def model() -> dict:
    return json.loads((MODEL_OUTPUT_DIR / "en-US.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def resolver(model) -> Resolver:
    return Resolver(model)


@pytest.fixture
def sim(resolver) -> Simulator:
    return Simulator(lambda_function.lambda_handler, resolver)

# YAML conversation tests under tests/conversations/ (see conversation_files.py there).
pytest_plugins = ["conversations.conversation_files"]


@pytest.fixture(scope="session")
def reachable_on_screens() -> dict:
    """Every reachable turn in every locale, asked from a device with a screen, gathered once."""
    from skill_console.certification.reachable import reachable
    from skill_console.device.console import Console

    return {locale: list(reachable(lambda locale=locale: Console(locale=locale, screen=True)))
            for locale in LOCALES}
