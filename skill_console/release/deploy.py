"""`make deploy`: the function to AWS with SAM, from the zip `make package` has just written.

template.yaml's CodeUri is dist/lambda.zip, which `sam deploy` uploads as it is (`sam build` is
not used: with a zip CodeUri it copies nothing and still says "Build Succeeded"). So the zip is
checked first, and a missing or wrong one stops the deploy with a message, before SAM runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from skill_console.paths import REPO_ROOT
from skill_console.release.packaging import ZIP_PATH

SAM_INSTALL = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html"


def package_problem(zip_path: Path = ZIP_PATH) -> str | None:
    """What is wrong with the zip about to be deployed, or None."""
    shown = zip_path.relative_to(REPO_ROOT) if zip_path.is_relative_to(REPO_ROOT) else zip_path
    if not zip_path.is_file():
        return f"{shown} is missing: `make package` writes it (make deploy runs it first; did it fail?)"
    try:
        with zipfile.ZipFile(zip_path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return f"{shown} is not a zip file: run `make package` again"
    if "lambda_function.py" not in names:
        return f"{shown} does not hold lambda_function.py: run `make package` again"
    return None


def main(argv: list[str] | None = None, zip_path: Path = ZIP_PATH) -> int:
    problem = package_problem(zip_path)
    if problem:
        print(f"make deploy: {problem}", file=sys.stderr)
        return 1
    sam = shutil.which("sam")
    if sam is None:
        print(f"make deploy: the AWS SAM CLI (sam) is not installed; see {SAM_INSTALL}", file=sys.stderr)
        return 1
    command = [sam, "deploy", "--template-file", str(REPO_ROOT / "template.yaml")]
    if not (REPO_ROOT / "samconfig.toml").is_file():
        command.append("--guided")  # the first deploy asks for the stack, region and SkillId
    print(f"deploying {zip_path.relative_to(REPO_ROOT) if zip_path.is_relative_to(REPO_ROOT) else zip_path}")
    return subprocess.call([*command, *(argv or [])], cwd=REPO_ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
