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


LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]
# Written out here rather than read from the skill, so a wrong number in the skill fails.
EMERGENCY = {"en-US": "call 911", "en-CA": "call 911", "en-GB": "call 999", "en-AU": "call 000",
             "en-IN": "call 112"}


@pytest.fixture(scope="session")
def reachable_on_screens() -> dict:
    """Every reachable turn in every locale, asked from a device with a screen, gathered once."""
    from skill_console.console import Console
    from skill_console.reachable import reachable

    return {locale: list(reachable(lambda locale=locale: Console(locale=locale, screen=True)))
            for locale in LOCALES}
