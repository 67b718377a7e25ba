"""skill-console: talk to Facial Spasm Guide by text, offline, through its own interaction model."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any, TextIO

HISTORY_FILE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / \
    "facial-spasm-guide" / "console_history"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _check(args: argparse.Namespace) -> int:
    from skill_console.certification.check import run

    report = run(args.package)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.to_text())
    return 0 if report.ok else 1


def _export_annotations(args: argparse.Namespace) -> int:
    from skill_console.phrasings.annotations import write
    from skill_console.phrasings.questions import PhrasingError

    try:
        for path in write(args.files, args.out):
            print(f"wrote {path}")
    except PhrasingError as error:
        print(f"skill-console: {error}", file=sys.stderr)
        return 2
    return 0


def _train_red_flags(args: argparse.Namespace) -> int:
    from skill_console.phrasings.red_flag_training import write

    print(f"wrote {write()}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from skill_console.web.server import serve

    return serve(args.host, args.port, verify=not args.no_verify)


def _talk(args: argparse.Namespace) -> int:
    """`chat` and `ask`: turns through the console, shown as text or JSON."""
    from skill_console.device.console import Console, UnknownLocale

    try:
        console = Console(locale=args.locale, screen=args.screen)
    except UnknownLocale as error:
        print(f"skill-console: {error}", file=sys.stderr)
        return 2
    output = Output(args)
    if args.command == "ask":
        output.show(console.turn(args.utterance))
        return 0
    if args.json or not sys.stdin.isatty():
        for line in sys.stdin:
            output.show(console.turn(line.rstrip("\n")))
        return 0
    return _interactive(console, output)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skill-console", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    talk = argparse.ArgumentParser(add_help=False)
    talk.add_argument("--locale", default="en-US", help="the interaction model to use (default en-US)")
    talk.add_argument("--screen", action="store_true",
                      help="talk as a device with a screen (APL), and show what it displays")
    talk.add_argument("--json", action="store_true", help="one JSON object per turn")
    talk.add_argument("--verbose", action="store_true", help="also print request and response JSON")
    talk.add_argument("--speak", action="store_true", help="say each answer aloud with espeak-ng")
    talk.add_argument("--wav", type=Path, metavar="FILE", help="write the spoken answer to FILE")
    commands.add_parser("chat", parents=[talk], help="a conversation in the terminal "
                        "(with --json or piped input: one utterance per line)").set_defaults(run=_talk)
    ask = commands.add_parser("ask", parents=[talk], help="one turn in a new session")
    ask.add_argument("utterance", help='what the user says, e.g. "what causes facial twitching"')
    ask.set_defaults(run=_talk)
    model = commands.add_parser(
        "model", help="generate skill-package/interactionModels/custom/<locale>.json")
    model.add_argument("--check", action="store_true",
                       help="write nothing; exit 1 if a committed model is out of date")
    model.set_defaults(run=_model)
    check = commands.add_parser(
        "check", help="offline certification check of skill-package/ (exit 1 on any failure)")
    check.add_argument("--json", action="store_true", help="the report as JSON")
    check.add_argument("--package", type=Path, default=None,
                       help="the skill package folder (default skill-package/)")
    check.set_defaults(run=_check)
    evaluate = commands.add_parser(
        "evaluate", help="how well labelled phrasings (tests/phrasings/*.yaml) are understood: "
                         "accuracy per intent, urgent advice per locale and context, the misses")
    evaluate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="the report as JSON")
    evaluate.add_argument("--min-rate", type=float, default=0.0, metavar="R",
                          help="exit 1 if intent or answer accuracy is under R (0 to 1)")
    evaluate.add_argument("--min-urgent", type=float, default=0.0, metavar="R",
                          help="exit 1 if the share of red flags given urgent advice is under R")
    evaluate.add_argument("--no-misses", action="store_true", help="leave the misses out")
    evaluate.set_defaults(run=_evaluate)
    export = commands.add_parser(
        "export-annotations", help="the phrasing files as Alexa NLU annotation sets, one per "
                                   "locale (JSON for SMAPI, CSV for the developer console)")
    export.add_argument("files", nargs="+", type=Path, metavar="FILE")
    export.add_argument("--out", type=Path, default=Path("build/annotations"),
                        help="folder to write <locale>.json and <locale>.csv (default build/annotations)")
    export.set_defaults(run=_export_annotations)
    commands.add_parser(
        "train-red-flags", help="train the skill's second red-flag net on the dev phrasing sets "
                                "(writes lambda/facial_spasm_guide/content/red_flag_reader.json)",
    ).set_defaults(run=_train_red_flags)
    serve = commands.add_parser(
        "serve", help="the local web server: the browser console at / and the Alexa endpoint "
                      "POST /alexa (make run)")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"),
                       help="address to listen on (default 127.0.0.1, or $HOST)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "3000")),
                       help="port (default 3000, or $PORT)")
    serve.add_argument("--no-verify", action="store_true",
                       help="turn Alexa request verification OFF, for local experiments only")
    serve.set_defaults(run=_serve)
    return parser


def _interactive(console, output: Output) -> int:
    _enable_line_editing()
    print(f"Facial Spasm Guide, local console ({console.locale}). Try \"open facial spasm guide\".\n"
          "Commands: :new starts a new session, :tap ITEM taps a screen item (--screen), "
          ":quit or Ctrl-D leaves.")
    while True:
        try:
            line = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line.strip() == ":quit":
            return 0
        if line.strip() == ":new":
            console.new_session()
            print("(new session)")
            continue
        if line.strip().startswith(":tap"):
            # What tapping the screen sends: the item's SendEvent argument, as an APL UserEvent.
            output.show(console.touch([line.strip().removeprefix(":tap").strip()]))
            continue
        output.show(console.turn(line))


def _enable_line_editing() -> None:
    try:
        import atexit
        import readline
    except ImportError:  # not every platform has readline; plain input() still works
        return
    HISTORY_FILE.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # no history yet
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(1000)
    atexit.register(readline.write_history_file, HISTORY_FILE)


class Output:
    def __init__(self, args: argparse.Namespace, stream: TextIO = sys.stdout) -> None:
        self.args = args
        self.stream = stream
        self.turns = 0

    def show(self, turn) -> None:
        self.turns += 1
        record = turn.to_json()
        if self.args.json:
            print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)
        else:
            self._print_human(record)
        if self.args.verbose:
            for label, body in (("request", turn.result.request), ("response", turn.result.response)):
                print(f"--- {label}\n{json.dumps(body, indent=2, ensure_ascii=False)}", file=self.stream)
        if record["ssml"] and (self.args.speak or self.args.wav):
            self._voice(record["ssml"])

    def _print_human(self, record: dict[str, Any]) -> None:
        width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
        said = textwrap.fill(record["text"] or "(says nothing)", width=width,
                             initial_indent="alexa> ", subsequent_indent=" " * 7)
        print(said, file=self.stream)
        what = record["intent"] or record["request_type"]
        slots = ", ".join(f"{name}={slot['value']}" + (f" ({slot['id']})" if slot["id"] else "")
                          for name, slot in record["slots"].items() if slot["value"])
        print(f"       [{what} · {record['match']}{' · ' + slots if slots else ''}]", file=self.stream)
        if record["card"]:
            print(f"       card: {record['card']['title']}", file=self.stream)
        if record["screen"]:
            print(f"       screen: {record['screen']['title']}", file=self.stream)
            screen = record["screen"]
            for point in screen["points"]:
                tap = f" [:tap {point['topic']}]" if point["topic"] else ""
                print(textwrap.fill(point["text"] + tap, width=width, initial_indent="         - ",
                                    subsequent_indent=" " * 11), file=self.stream)
            if screen.get("offer"):
                print(f"         ({screen['offer']}) [:tap offer]", file=self.stream)
            if screen.get("footer"):
                print(f"         {screen['footer']}", file=self.stream)
        if record["end_session"]:
            print("       (session ended)", file=self.stream)

    def _voice(self, ssml: str) -> None:
        from skill_console.device.voice import VoiceUnavailable, speak, write_wav

        try:
            if self.args.speak:
                speak(ssml, self.args.locale)
            if self.args.wav:
                path = self.args.wav
                if self.args.command == "chat" and self.turns > 1:
                    path = path.with_name(f"{path.stem}-{self.turns}{path.suffix}")
                seconds = write_wav(ssml, self.args.locale, path)
                print(f"wrote {path} ({seconds:.2f} s)", file=sys.stderr)
        except VoiceUnavailable as error:
            print(f"skill-console: {error}", file=sys.stderr)


def _evaluate(args: argparse.Namespace) -> int:
    from skill_console.phrasings import moves, questions
    from skill_console.phrasings.questions import PhrasingError

    # A file of conversation moves (tests/phrasings/moves/) is judged on its own terms.
    move_files = [path for path in args.files if moves.is_moves_file(path)]
    question_files = [path for path in args.files if path not in move_files]
    try:
        reports = [questions.evaluate(question_files)] if question_files else []
        if move_files:
            reports.append(moves.evaluate(move_files))
    except PhrasingError as error:
        print(f"skill-console: {error}", file=sys.stderr)
        return 2
    rates: dict[str, float] = {}
    for report in reports:
        if args.no_misses:
            report.misses.clear()
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False) if args.json
              else report.to_text())
        rates.update(report.rates())
    failed = [name for name, rate in rates.items()
              if rate < (args.min_urgent if name == "urgent" else args.min_rate)]
    if failed:
        print(f"under the required rate: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _model(args: argparse.Namespace) -> int:
    from skill_console.model import build
    from skill_console.paths import REPO_ROOT

    try:
        if args.check:
            stale = build.stale()
            for locale in stale:
                print(f"{build.output_path(locale)} is out of date: run `make model`")
            return 1 if stale else 0
        for path in build.write_all():
            print(f"wrote {path.relative_to(REPO_ROOT)}")
        return 0
    except build.ModelError as error:
        print(f"interaction model error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
