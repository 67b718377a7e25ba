"""Where things are in the repository: the one place the local tools learn its layout."""

from __future__ import annotations

from pathlib import Path


def _repository() -> Path:
    """The checkout the tools work on: the source tree they are in (an editable install), or,
    installed from a wheel, the nearest folder from the current one up that holds the skill."""
    here = Path(__file__).resolve().parent.parent
    for folder in (here, Path.cwd(), *Path.cwd().parents):
        if (folder / "lambda" / "lambda_function.py").is_file() and (folder / "interaction_model").is_dir():
            return folder
    return here


REPO_ROOT = _repository()
LAMBDA_DIR = REPO_ROOT / "lambda"
LAMBDA_ENTRY = LAMBDA_DIR / "lambda_function.py"
SKILL_CONTENT_DIR = LAMBDA_DIR / "facial_spasm_guide" / "content"
MODEL_SOURCE_DIR = REPO_ROOT / "interaction_model"
SKILL_PACKAGE_DIR = REPO_ROOT / "skill-package"
MODEL_OUTPUT_DIR = SKILL_PACKAGE_DIR / "interactionModels" / "custom"
PHRASINGS_DIR = REPO_ROOT / "tests" / "phrasings"
BUILD_DIR = REPO_ROOT / "build"
DIST_DIR = REPO_ROOT / "dist"
