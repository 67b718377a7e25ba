"""`skill-console`: the maintainers' command line."""

from __future__ import annotations

import argparse
import sys

from . import model_builder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="skill-console", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    model = commands.add_parser(
        "model", help="generate skill-package/interactionModels/custom/<locale>.json")
    model.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 if a committed model is out of date")
    args = parser.parse_args(argv)
    if args.command == "model":
        return _model(check_only=args.check)
    return 2


def _model(check_only: bool) -> int:
    try:
        if check_only:
            stale = model_builder.stale()
            for locale in stale:
                print(f"{model_builder.output_path(locale)} is out of date: run `make model`")
            return 1 if stale else 0
        for path in model_builder.write_all():
            print(f"wrote {path.relative_to(model_builder.REPO_ROOT)}")
        return 0
    except model_builder.ModelError as error:
        print(f"interaction model error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
