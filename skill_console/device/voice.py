"""Hearing an answer: espeak-ng reads the skill's SSML aloud or into a WAV file."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

VOICES = {"en-US": "en-us", "en-GB": "en-gb", "en-CA": "en-us", "en-AU": "en-au", "en-IN": "en-in"}
INSTALL_HINT = "espeak-ng is not installed; on Debian or Ubuntu: sudo apt-get install espeak-ng"


class VoiceUnavailable(RuntimeError):
    """espeak-ng is missing or failed; the message says what to do."""


def _run(ssml: str, locale: str, extra: list[str]) -> None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise VoiceUnavailable(INSTALL_HINT)
    # -m reads SSML markup; --stdin keeps long answers off the command line.
    command = [espeak, "-m", "-v", VOICES.get(locale, "en"), *extra, "--stdin"]
    done = subprocess.run(command, input=ssml.encode("utf-8"), capture_output=True, timeout=60)
    if done.returncode != 0:
        raise VoiceUnavailable(f"espeak-ng failed: {done.stderr.decode(errors='replace').strip()}")


def speak(ssml: str, locale: str) -> None:
    _run(ssml, locale, [])


def write_wav(ssml: str, locale: str, path: Path) -> float:
    """Write the spoken answer to a WAV file; its length in seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _run(ssml, locale, ["-w", str(path)])
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()
