"""make package: the zip answers Alexa in a clean python3.13 with nothing but itself on sys.path,
with templates precompiled and every module's bytecode valid whatever the file dates."""

from __future__ import annotations

import json
import subprocess
import zipfile

import pytest

import lambda_function
from facial_spasm_guide import speech
from facial_spasm_guide.locales import LOCALES
from skill_console.device import envelopes
from skill_console.device.console import load_resolver
from skill_console.nlu.resolver import SlotFill
from skill_console.release import prerender
from skill_console.release.packaging import PackagingError, build, find_python313

pytestmark = pytest.mark.slow

ANSWER = r"""
import json, sys
sys.path[:] = [sys.argv[1]] + [p for p in sys.path if "site-packages" not in p]
import lambda_function
answers, jinja2_loaded = [], []
for event in json.load(sys.stdin):
    answers.append(lambda_function.lambda_handler(event, None))
    jinja2_loaded.append("jinja2" in sys.modules)
from facial_spasm_guide import templating
compiled = type(templating.ENVIRONMENT.loader._loader).__name__
modules = [m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
outside = [f for f in modules if not f.startswith(sys.argv[1]) and "site-packages" in f]
print(json.dumps({"answers": answers, "jinja2_loaded": jinja2_loaded, "loader": compiled,
                  "outside": outside, "version": list(sys.version_info[:2])}))
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
    """A launch and a question, whose answers were rendered at build time, then a question
    about something the guide does not have, whose answer says the user's words back."""
    resolver = load_resolver("en-US")
    device = envelopes.Device()
    causes = resolver.resolve("what causes facial twitching")
    # "what is a pizza oven", as Alexa sends it: the words in the slot, unmatched.
    unknown = {"spasmType": SlotFill("a pizza oven", "SPASM_TYPE", "ER_SUCCESS_NO_MATCH")}
    return [
        envelopes.envelope(envelopes.launch_request("en-US"), device,
                           envelopes.new_session_id(), True, {}),
        envelopes.envelope(envelopes.intent_request("en-GB", causes.intent, causes.slots),
                           device, envelopes.new_session_id(), False, {}),
        envelopes.envelope(envelopes.intent_request("en-US", "SpasmTypesIntent", unknown),
                           device, envelopes.new_session_id(), False, {}),
    ]


def test_the_package_answers_in_a_clean_python313(python313, unpacked):
    _, task = unpacked
    sent = events()
    done = subprocess.run([python313, "-I", "-S", "-B", "-c", ANSWER, str(task)],
                          input=json.dumps(sent), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["version"] == [3, 13]
    launch, causes, unknown = result["answers"]
    assert "Welcome to Facial Spasm Guide" in launch["response"]["outputSpeech"]["ssml"]
    assert "three main kinds of cause" in causes["response"]["outputSpeech"]["ssml"]
    assert causes["response"]["card"]["type"] == "Standard"
    assert "pizza" in unknown["response"]["outputSpeech"]["ssml"]
    # Answers rendered at build time are said without loading Jinja2; the user's own words
    # are rendered then and there, by the precompiled templates.
    assert result["jinja2_loaded"] == [False, False, True]
    assert result["loader"] == "ModuleLoader", "templates were not precompiled"
    assert result["outside"] == []
    # The same answers, word for word, as the skill's source gives here (the user agent names
    # the Python version, so it is left out).
    here = [lambda_function.lambda_handler(event, None) for event in sent]
    for packaged, local in zip(result["answers"], here, strict=True):
        assert packaged["response"] == local["response"]
        assert packaged["sessionAttributes"] == local["sessionAttributes"]


def test_the_answers_rendered_at_build_time_are_the_ones_the_templates_give(unpacked):
    _, task = unpacked
    folder = task / "facial_spasm_guide" / speech.PRERENDERED_DIR.name
    shipped = {(path.parent.name, path.stem): json.loads(path.read_text(encoding="utf-8"))
               for path in folder.glob("*/*.json")}
    assert shipped == prerender.tables()
    assert {locale for locale, _ in shipped} == set(LOCALES)


def test_every_module_has_unchecked_hash_bytecode_from_python313(unpacked):
    _, task = unpacked
    sources = list(task.rglob("*.py"))
    assert len(sources) > 100
    for source in sources:
        pyc = source.parent / "__pycache__" / f"{source.stem}.cpython-313.pyc"
        assert pyc.is_file(), source
        flags = int.from_bytes(pyc.read_bytes()[4:8], "little")
        assert flags == 0b01, f"{pyc}: not an unchecked hash-based pyc (flags {flags})"


def test_the_package_holds_the_arm64_builds_and_no_template_files(unpacked):
    zip_path, _ = unpacked
    names = zipfile.ZipFile(zip_path).namelist()
    assert "lambda_function.py" in names
    assert not any("/templates/" in n for n in names)
    assert any("templates_compiled/tmpl_" in n for n in names)
    compiled = [n for n in names if n.endswith(".so")]
    assert compiled and all("aarch64" in n for n in compiled), compiled
    assert not any(n.startswith(("tests/", "skill_console/")) for n in names)
