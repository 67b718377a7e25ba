"""make package: the zip answers Alexa in a clean python3.13 with nothing but itself on sys.path,
with templates precompiled and every module's bytecode valid whatever the file dates."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

from skill_console import envelopes
from skill_console.console import load_resolver
from skill_console.packaging import PackagingError, build, find_python313

ANSWER = r"""
import json, sys
sys.path[:] = [sys.argv[1]] + [p for p in sys.path if "site-packages" not in p]
import lambda_function
from facial_spasm_guide import speech
events = json.load(sys.stdin)
answers = [lambda_function.lambda_handler(event, None) for event in events]
compiled = type(speech.ENVIRONMENT.loader._loader).__name__
modules = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
outside = [f for f in modules if not f.startswith(sys.argv[1]) and "site-packages" in f]
print(json.dumps({"answers": answers, "loader": compiled, "outside": outside,
                  "version": list(sys.version_info[:2])}))
"""


@pytest.fixture(scope="module")
def python313() -> str:
    try:
        return find_python313()
    except PackagingError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def unpacked(python313, tmp_path_factory):
    root = tmp_path_factory.mktemp("package")
    zip_path = build(python313, build_dir=root / "build", zip_path=root / "lambda.zip")
    task = root / "task"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(task)
    return zip_path, task


def events() -> list[dict]:
    resolver = load_resolver("en-US")
    device = envelopes.Device()
    resolution = resolver.resolve("what causes facial twitching")
    return [
        envelopes.envelope(envelopes.launch_request("en-US"), device,
                           envelopes.new_session_id(), True, {}),
        envelopes.envelope(envelopes.intent_request("en-GB", resolution.intent, resolution.slots),
                           device, envelopes.new_session_id(), False, {}),
    ]


def test_the_package_answers_in_a_clean_python313(python313, unpacked):
    _, task = unpacked
    done = subprocess.run([python313, "-I", "-S", "-B", "-c", ANSWER, str(task)],
                          input=json.dumps(events()), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["version"] == [3, 13]
    launch, intent = result["answers"]
    assert "Welcome to Facial Spasm Guide" in launch["response"]["outputSpeech"]["ssml"]
    assert "three main kinds of cause" in intent["response"]["outputSpeech"]["ssml"]
    assert intent["response"]["card"]["type"] == "Standard"
    assert result["loader"] == "ModuleLoader", "templates were not precompiled"
    assert result["outside"] == []


def test_every_module_has_unchecked_hash_bytecode_from_python313(unpacked):
    _, task = unpacked
    sources = [p for p in task.rglob("*.py")]
    assert len(sources) > 100
    for source in sources:
        pyc = source.parent / "__pycache__" / f"{source.stem}.cpython-313.pyc"
        assert pyc.is_file(), source
        flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
        assert flags == 0b01, f"{pyc}: not an unchecked hash-based pyc (flags {flags})"


def test_the_package_holds_the_arm64_builds_and_no_template_files(unpacked):
    zip_path, task = unpacked
    names = zipfile.ZipFile(zip_path).namelist()
    assert "lambda_function.py" in names
    assert not any("/templates/" in n for n in names)
    assert any("templates_compiled/tmpl_" in n for n in names)
    compiled = [n for n in names if n.endswith(".so")]
    assert compiled and all("aarch64" in n for n in compiled), compiled
    assert not any(n.startswith(("tests/", "skill_console/")) for n in names)
