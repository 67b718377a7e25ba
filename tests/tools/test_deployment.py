"""lambda/ is exactly what ships, and template.yaml deploys it as Alexa needs."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from importlib.metadata import packages_distributions

import yaml

from helpers import REPO_ROOT

LAMBDA = REPO_ROOT / "lambda"


def runtime_requirements() -> set[str]:
    lines = (LAMBDA / "requirements.txt").read_text().splitlines()
    return {line.split("==")[0].strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def test_requirements_are_the_runtime_dependencies_only():
    assert runtime_requirements() == {"ask-sdk-core", "jinja2"}


def test_lambda_holds_no_test_or_dev_code():
    for path in LAMBDA.rglob("*"):
        assert "test" not in path.name.lower(), path
        assert path.suffix not in {".yaml", ".yml", ".toml", ".cfg", ".ini"}, path


def test_every_import_in_lambda_is_the_standard_library_the_skill_or_a_runtime_dependency():
    allowed = runtime_requirements() | {"ask-sdk-model", "ask-sdk-runtime", "ask-sdk-model-runtime",
                                        "markupsafe"}  # installed with ask-sdk-core and Jinja2
    distributions = packages_distributions()
    for path in LAMBDA.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in {"facial_spasm_guide", "__future__"}:
                    continue
                owners = {d.lower() for d in distributions.get(top, [])}
                assert owners & allowed, f"{path.relative_to(REPO_ROOT)} imports {name}, not a runtime dependency"


class _SamLoader(yaml.SafeLoader):
    """Reads CloudFormation's short tags (!Ref, !Sub, !GetAtt) as plain values."""


_SamLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else None)


def test_sam_template_deploys_the_package_as_alexa_needs():
    template = yaml.load((REPO_ROOT / "template.yaml").read_text(), Loader=_SamLoader)
    function = template["Resources"]["SkillFunction"]["Properties"]
    assert function["Runtime"] == "python3.13"
    assert function["Architectures"] == ["arm64"]
    assert function["Timeout"] < 8
    # The zip `make package` writes from lambda/ (see test_package.py for what is in it).
    assert function["CodeUri"] == "dist/lambda.zip"
    module, handler = function["Handler"].split(".")
    assert f"def {handler}(" in (REPO_ROOT / "lambda" / f"{module}.py").read_text()
    assert function["Events"]["AlexaSkill"]["Type"] == "AlexaSkill"
    assert "SKILL_ID" in function["Environment"]["Variables"]
    assert "SkillFunctionArn" in template["Outputs"]
    assert function["LoggingConfig"]["LogFormat"] == "JSON"
    log_group = template["Resources"]["SkillLogGroup"]["Properties"]
    assert log_group["RetentionInDays"]


def test_make_deploy_packages_first():
    planned = subprocess.run(["make", "-n", "deploy"], cwd=REPO_ROOT, capture_output=True, text=True,
                             timeout=60).stdout
    assert planned.index("skill_console.release.packaging") < planned.index("skill_console.release.deploy")


def test_deploying_stops_loudly_without_the_zip_and_runs_sam_with_it(tmp_path, monkeypatch, capsys):
    from skill_console.release import deploy

    ran = tmp_path / "sam-ran"
    sam = tmp_path / "bin" / "sam"
    sam.parent.mkdir()
    sam.write_text(f"#!/bin/sh\necho \"$@\" > {ran}\n")
    sam.chmod(0o755)
    monkeypatch.setenv("PATH", f"{sam.parent}:{os.environ['PATH']}")
    missing = tmp_path / "lambda.zip"
    assert deploy.main([], zip_path=missing) == 1
    assert "is missing: `make package` writes it" in capsys.readouterr().err
    assert not ran.exists()
    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("something_else.py", "")
    assert deploy.main([], zip_path=missing) == 1
    assert "does not hold lambda_function.py" in capsys.readouterr().err
    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("lambda_function.py", "")
    assert deploy.main(["--no-confirm-changeset"], zip_path=missing) == 0
    assert ran.read_text().startswith(f"deploy --template-file {REPO_ROOT / 'template.yaml'}")
    assert "--no-confirm-changeset" in ran.read_text()
