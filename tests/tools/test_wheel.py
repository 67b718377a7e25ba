"""The project as a wheel: its runtime dependencies are lambda/requirements.txt, its packages
are found by themselves, and the installed `skill-console` (with the `console` extra's
dependencies) talks to the skill."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from helpers import REPO_ROOT

pytestmark = pytest.mark.slow


def requirements() -> list[str]:
    lines = (REPO_ROOT / "lambda" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(REPO_ROOT)], check=True, capture_output=True, timeout=300)
    [built] = out.glob("*.whl")
    return built


def test_the_wheel_requires_exactly_the_lambda_requirements(wheel):
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
        names = archive.namelist()
    runtime = [line.split(": ", 1)[1] for line in text.splitlines()
               if line.startswith("Requires-Dist: ") and "extra ==" not in line]
    assert runtime == requirements()
    assert "Provides-Extra: console" in text.splitlines()
    # Every subpackage is found, with its data: no hand-written package list to fall out of.
    for package in ("skill_console/nlu", "skill_console/device", "skill_console/model",
                    "skill_console/phrasings", "skill_console/certification", "skill_console/release",
                    "skill_console/web/static", "facial_spasm_guide/alexa/apl",
                    "facial_spasm_guide/templates/en", "facial_spasm_guide/content"):
        assert any(name.startswith(package + "/") for name in names), package


def test_the_installed_skill_console_answers_from_a_checkout(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    # The wheel's packages ahead of this checkout's; the dependencies from this environment.
    program = ("import sys; sys.path.insert(0, sys.argv[1]); import skill_console.cli as cli; "
               "assert cli.__file__.startswith(sys.argv[1]), cli.__file__; "
               "sys.exit(cli.main(['ask', 'what causes facial twitching']))")
    done = subprocess.run([sys.executable, "-I", "-c", program, str(site)], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "three main kinds of cause" in done.stdout
