"""`make package`: dist/lambda.zip for Lambda's python3.13 on arm64, built without Docker.

- the runtime dependencies, fetched for that platform (pip --platform, --python-version,
  --only-binary), so compiled wheels such as MarkupSafe's are the arm64 ones;
- the skill from lambda/, with its Jinja2 templates precompiled to Python modules, and every
  answer that carries none of the user's words rendered by them (prerender.py), so a cold start
  that says one of those never loads Jinja2;
- bytecode for every module, compiled by python3.13 itself with unchecked-hash invalidation:
  Lambda's /var/task is read-only, and a .pyc that Python thought stale (extraction timestamps)
  would be recompiled at every cold start.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from skill_console.paths import BUILD_DIR, DIST_DIR, LAMBDA_DIR, REPO_ROOT

PACKAGE_BUILD_DIR = BUILD_DIR / "package"
ZIP_PATH = DIST_DIR / "lambda.zip"
PYTHON_VERSION = "3.13"
PLATFORM = "manylinux2014_aarch64"
# Where Lambda unpacks the code: tracebacks then name the paths the function really has.
TASK_ROOT = "/var/task"
# A fixed date for every zip entry, so the same input gives the same zip.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class PackagingError(RuntimeError):
    pass


def find_python313() -> str:
    """python3.13: $PYTHON313, then PATH, then pyenv's versions (installed but not on PATH here)."""
    candidates = [os.environ.get("PYTHON313"), shutil.which("python3.13")]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    if shutil.which("pyenv"):
        done = subprocess.run(["pyenv", "root"], capture_output=True, text=True)
        pyenv_root = done.stdout.strip() or pyenv_root
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.13.*/bin/python3.13"), reverse=True)
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and _is_python313(candidate):
            return candidate
    raise PackagingError("python3.13 not found: install it (pyenv install 3.13) or set PYTHON313")


def _is_python313(path: str) -> bool:
    # A pyenv shim exists on PATH yet fails when 3.13 is not the selected version.
    done = subprocess.run([path, "-c", "import sys; print(sys.version_info[:2] == (3, 13))"],
                          capture_output=True, text=True)
    return done.returncode == 0 and done.stdout.strip() == "True"


def build(python313: str | None = None, build_dir: Path = PACKAGE_BUILD_DIR, zip_path: Path = ZIP_PATH) -> Path:
    python313 = python313 or find_python313()
    if build_dir.exists():
        shutil.rmtree(build_dir)
    build_dir.mkdir(parents=True)
    _run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "--target", str(build_dir), "--platform", PLATFORM, "--implementation", "cp",
          "--python-version", PYTHON_VERSION, "--only-binary=:all:", "--no-compile",
          "-r", str(LAMBDA_DIR / "requirements.txt")])
    # Console scripts of the dependencies; nothing runs them on Lambda.
    shutil.rmtree(build_dir / "bin", ignore_errors=True)
    shutil.copytree(LAMBDA_DIR, build_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "requirements.txt"))
    _precompile_templates(build_dir / "facial_spasm_guide")
    _prerender(python313, build_dir)
    _run([python313, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash",
          "-s", str(build_dir), "-p", TASK_ROOT, str(build_dir)])
    zip_folder(build_dir, zip_path)
    return zip_path


def _precompile_templates(package: Path) -> None:
    from facial_spasm_guide import templating

    target = package / templating.COMPILED_DIR.name
    templating.ENVIRONMENT.compile_templates(str(target), zip=None, ignore_errors=False)
    # The compiled modules replace the template files in the package.
    shutil.rmtree(package / templating.TEMPLATE_DIR.name)


# The built package, then this repository (for skill_console.release.prerender), and nothing else.
PRERENDER = """
import sys
sys.path[:0] = sys.argv[1:3]
from skill_console.release import prerender
from facial_spasm_guide import speech
prerender.write(speech.PRERENDERED_DIR)
"""


def _prerender(python313: str, build_dir: Path) -> None:
    _run([python313, "-I", "-S", "-B", "-c", PRERENDER, str(build_dir), str(REPO_ROOT)])


def zip_folder(folder: Path, zip_path: Path) -> None:
    """The folder's files as a zip, in a fixed order with fixed dates."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_DATE)
            entry.external_attr = (0o755 if os.access(path, os.X_OK) else 0o644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise PackagingError(f"{' '.join(command[:4])} ... failed:\n{done.stderr[-2000:]}")


def main() -> int:
    try:
        path = build()
    except PackagingError as error:
        print(f"make package: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path.relative_to(REPO_ROOT)}: {path.stat().st_size / 1024:.0f} KB "
          f"(python{PYTHON_VERSION}, {PLATFORM})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
