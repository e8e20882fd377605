"""Type-check the examples with ``mypy --strict``, each at its own minimum Python.

Examples are typed so that readers copy typed code, and a type checker catches some
asyncio mistakes before anything runs (a forgotten ``await``, ``gather(list)``). So:

- an example with ``typecheck = "clean"`` (the default) must pass ``mypy --strict``
  at the oldest Python it declares;
- an example whose lesson *is* such a mistake declares ``typecheck = "errors"``; the
  checker's report is recorded in ``<stem>.mypy`` by ``make outputs`` (never typed by
  hand), the page shows it, and the check fails when the report changes.

mypy runs in the example's folder on its bare file name, so the report reads as it
would for a reader who runs ``mypy --strict name.py`` beside the file.
"""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .catalog import ROOT, Example

#: The command a reader runs, as the page shows it.
FLAGS = ("--strict",)
CACHE = ROOT / "_build" / "mypy-cache"


def reader_command(example: Example) -> str:
    return f"mypy {' '.join(FLAGS)} {example.path.name}"


def mypy(folder: Path, files: Iterable[str], python: str) -> tuple[int, str]:
    """Run mypy on ``files`` in ``folder`` for Python ``python``; (exit code, report)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            *FLAGS,
            "--python-version",
            python,
            "--cache-dir",
            str(CACHE / python),
            "--no-color-output",
            "--no-pretty",
            *files,
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def report(example: Example) -> str:
    """What ``mypy --strict`` says about the example, at its minimum Python."""
    return mypy(example.path.parent, [example.path.name], example.python_label)[1]


def check(examples: list[Example]) -> list[str]:
    """Problems: clean examples with errors, recorded reports that changed or are missing."""
    problems: list[str] = []
    clean: dict[tuple[Path, str], list[str]] = defaultdict(list)
    for example in examples:
        if example.typecheck == "clean":
            clean[example.path.parent, example.python_label].append(example.path.name)
            if example.mypy_path.exists():
                problems.append(
                    f"examples/{example.name}.mypy exists, but the example is "
                    'type-clean: delete it, or declare typecheck = "errors"'
                )
            continue
        recorded = example.recorded_mypy()
        now = report(example)
        if recorded is None:
            problems.append(
                f"examples/{example.name}.mypy is missing: run "
                f"`make outputs NAME={example.name}`"
            )
        elif recorded != now:
            problems.append(
                f"mypy's report on examples/{example.name}.py changed; if that is "
                f"right, run `make outputs NAME={example.name}`.\n"
                f"recorded:\n{recorded}now:\n{now}"
            )
        elif "error:" not in now:
            problems.append(
                f'examples/{example.name} declares typecheck = "errors", but mypy '
                "finds none: remove the declaration and its .mypy file"
            )
    for (folder, python), files in sorted(clean.items()):
        code, text = mypy(folder, sorted(files), python)
        if code != 0:
            problems.append(
                f"mypy --strict --python-version {python} in examples/{folder.name}/ (examples must be "
                f"type-clean at their minimum Python):\n{text}"
            )
    return problems


def write(example: Example) -> str | None:
    """Record the checker's report for an example that declares errors; its state."""
    if example.typecheck != "errors":
        return None
    now = report(example)
    old = example.recorded_mypy()
    if old != now:
        example.mypy_path.write_text(now, encoding="utf-8")
    return "same  " if old == now else ("new   " if old is None else "update")
