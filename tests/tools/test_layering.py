"""The local tools' subpackages depend on one another one way only, so each can be read (and
changed) knowing only what is below it: nlu knows nothing of request envelopes, the device
nothing of the certification check, and what ships to Lambda nothing of the tools."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import REPO_ROOT

TOOLS = REPO_ROOT / "skill_console"
# Subpackage -> the other parts of skill_console it may import.
ALLOWED = {
    "nlu": set(),
    "model": {"paths"},
    "device": {"nlu", "paths"},
    "phrasings": {"device", "nlu", "paths"},
    "release": {"conversation_search", "paths"},
    "certification": {"conversation_search", "device", "model", "nlu", "paths"},
    "web": {"device", "paths"},
}


def imported_parts(path: Path, package: str) -> set[str]:
    """The parts of skill_console a module imports, absolute or relative."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            elif node.level == 2:
                names = [f"skill_console.{node.module or ''}"]
            else:
                names = [f"skill_console.{package}.{node.module or ''}"]
        for name in names:
            parts = name.split(".")
            if parts[0] == "skill_console" and len(parts) > 1 and parts[1]:
                found.add(parts[1])
    return found - {package}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_subpackage_imports_only_what_is_below_it(package):
    for path in sorted((TOOLS / package).glob("*.py")):
        assert imported_parts(path, package) <= ALLOWED[package], path.relative_to(REPO_ROOT)


def test_the_deployed_skill_imports_none_of_the_tools():
    for path in sorted((REPO_ROOT / "lambda").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        modules += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not any(m.split(".")[0] == "skill_console" for m in modules), path.relative_to(REPO_ROOT)
