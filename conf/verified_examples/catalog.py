"""Find the examples on disk and read the facts declared about each one.

An example is ``examples/<chapter>/<stem>.py``. Its expected output lives beside it in
``<stem>.out`` (written by a run, never by hand), and the facts the tests and the site
need are declared once, in the chapter's ``examples.toml``::

    [gather_two_tasks]
    elapsed = 2.0          # total seconds the script takes: asserted by the tests
    # clock = "real"       # its point is real time (blocking calls, threads, CPU work)
    # python = "3.12"      # the oldest Python it runs on (default 3.11)
    # timed = false        # time is not its point: the real clock asserts no timing
    # timed = "printed"    # only the timings it prints are its point: the real clock
    #                      # asserts those, not its total (which includes, say,
    #                      # starting a process, whose cost varies with the machine)
    # tolerance = 0.1      # seconds a real-clock timing may be late, besides...
    # late_ratio = 0.25    # ...this share of the timing itself (defaults below)
    # timeout = 30         # real seconds before a run counts as hung
    # browser = "needs sockets"  # why a browser cannot run it: measured, written
    #                            # by `python -m verified_examples.browser_runs --write`
    # differs = { "3.14" = "3.14 words the error differently (gh-132825)" }
    #                      # from that Python on it prints something else, for the
    #                      # reason given: its output is <stem>.3.14.out, written
    #                      # by a run on that Python (pyodide.py, or a native one)

    # A variant that breaks the lesson, which the checks must catch (see Variant):
    [[gather_two_tasks.breaks]]
    lesson = "the two waits overlap"
    replace = "await asyncio.gather(task1(), task2())"
    by = "await task1()\n    await task2()"

    # A fault the pattern must survive, and what must then be true (see Fault):
    [[gather_two_tasks.faults]]
    fault = "SIGTERM while both wait"   # what goes wrong, in the page's words
    signal = "SIGTERM"                  # sent to the script's PID, `at` seconds
    at = 0.5                            # after its first line (or `after` a line
                                        # containing some text is printed)
    # replace = "..."; by = "..."       # and/or a misbehaving job, peer or client,
                                        # substituted in the script as variants are
    # output = "sigterm"                # its output teaches: recorded in
                                        # <stem>.sigterm.out, checked, and shown with
                                        # ```{fault-output} chapter/stem sigterm```
    within = 2.0      # seconds after the signal (or the start) by which the
                      # script and every process it started are gone (a fault
                      # without a signal, of an example that may run virtually,
                      # runs on the virtual clock: then seconds of loop time)
    exit = -15        # allowed exit status(es) (default 0); negative: killed by
                      # that signal (-2: Ctrl-C's KeyboardInterrupt, -15: SIGTERM)
    prints = ["..."]  # text its output must contain (the failure is reported;
                      # the others were served); stderr = [...] likewise
    unfixed = { replace = "...", by = "..." }  # the code before the fix (a table or
                      # a list of them): the same scenario must fail on it

An **exercise** is an example with more facts (see ``exercises.py``): the example is
its reference solution, checked like any other; beside it, the starter the reader
edits (``<stem>.starter.py``; for a prediction ``<stem>.starter.txt``) and, in the
same entry, what Check needs to know::

    [download_three.exercise]
    kind = "fix"              # "predict", "fix" (the bug) or "write" (the pattern)
    title = "Three downloads, one after another"  # on the page and the index
    # compare = "any-order"   # the printed lines, in any order (default "exact")
    # loop_time = 1.0         # the loop time goal (default: elapsed); false: none
    # tolerance = 0.05        # loop seconds the run may be off the goal
    # limit = { fetch = 3 }   # at most this many calls of fetch at once
    # predict = "order"       # predictions: "order" of the lines or total "time"
    # bound = 30              # loop seconds before a run counts as never ending
    hints = ["...", "..."]    # shown one at a time

    # A mistake readers make, and what Check must say to it (text it contains):
    [[download_three.exercise.wrong]]
    attempt = "awaits the downloads in a row"
    replace = "..."           # applied to the reference (predictions: the
    by = "..."                # starter); or file = "<stem>.<what>.py" beside it;
    feedback = "ran one after another"  # or, predicting, answer = "..."

Files named ``<stem>.<anything>.py`` belong to the example ``<stem>``: they are not
examples themselves.

Keeping the facts out of the script keeps the code readers copy free of test clutter.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .exercises import Exercise, ExerciseError
from .exercises import parse as parse_exercise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "examples"
MANIFEST = "examples.toml"
#: Per chapter, the sha256 of each script as it was when `make outputs` wrote its
#: .out file (sha256sum format). A script whose hash differs has a stale output.
STAMPS = "outputs.sha256"
#: The same for the outputs of a Python whose output differs (``differs``):
#: ``outputs.3.14.sha256`` for the ``<stem>.3.14.out`` files.
VERSION_STAMPS = "outputs.{version}.sha256"

#: Oldest Python the site teaches; examples declare a newer one with ``python``.
MIN_PYTHON = (3, 11)
#: The real-clock tolerance model. Exactness belongs to the virtual clock; on the real
#: clock each timing (the total, and each one the example prints) may come out late by
#: ``tolerance + late_ratio * claimed`` seconds, and hardly earlier than the claim
#: (beyond timer granularity): load can only make a wait end later. The allowance
#: grows with the claim, since a loaded machine stretches long runs more than short
#: ones, and stays below what breaks a lesson: a sequential variant of a concurrent
#: example (2 s claimed, 3 s taken), a heartbeat three times slower (0.1 s claimed,
#: 0.3 s taken) or a pool running one call at a time. Each example that teaches a
#: timing proves that with a breaking variant (``breaks``), which the tests run and
#: which must fail. Examples with CPU work or process start-up declare more.
REAL_TOLERANCE = 0.1
REAL_LATE_RATIO = 0.25

ClockPolicy = Literal["any", "real"]
_KEYS = {
    "elapsed",
    "clock",
    "python",
    "timed",
    "tolerance",
    "late_ratio",
    "timeout",
    "breaks",
    "typecheck",
    "idle_cores",
    "browser",
    "faults",
    "exercise",
    "differs",
}
_VARIANT_KEYS = {"lesson", "replace", "by", "count"}
_FAULT_KEYS = {
    "fault",
    "replace",
    "by",
    "count",
    "signal",
    "at",
    "after",
    "within",
    "exit",
    "prints",
    "stderr",
    "unfixed",
    "output",
}
#: Signals a fault may send: what a terminal (Ctrl-C) and a service manager send.
FAULT_SIGNALS = ("SIGINT", "SIGTERM")


@dataclass(frozen=True)
class Variant:
    """A change to an example's script that breaks its lesson.

    The tests apply it (``replace`` must occur in the script exactly ``count`` times,
    so a variant that no longer applies fails loudly), run the result on each clock
    the example runs on, and require the output or timing checks to reject it: a
    check that would pass a script without the lesson does not hold the lesson.
    """

    lesson: str  # what the variant takes away, as the page teaches it
    replace: str
    by: str
    count: int = 1

    def apply(self, source: str) -> str:
        found = source.count(self.replace)
        if found != self.count:
            raise ManifestError(
                f"variant breaking {self.lesson!r}: {self.replace!r} occurs {found} "
                f"time(s) in the script, expected {self.count}"
            )
        return source.replace(self.replace, self.by)


@dataclass(frozen=True)
class Substitution:
    """A text replaced in a script: ``replace`` must occur exactly ``count`` times."""

    replace: str
    by: str
    count: int = 1

    def apply(self, source: str, what: str) -> str:
        found = source.count(self.replace)
        if found != self.count:
            raise ManifestError(
                f"{what}: {self.replace!r} occurs {found} time(s) in the script, "
                f"expected {self.count}"
            )
        return source.replace(self.replace, self.by)


@dataclass(frozen=True)
class Fault:
    """A fault the example's pattern must survive, and what must then be true.

    What goes wrong is injected from outside the script readers copy: a signal to
    its PID (``signal``, ``at`` seconds after its first line or ``after`` it prints a
    line containing some text), and/or a substitution in the example's own job list,
    client or peer (``inject``). What must be true: the script and every process it
    started are gone within ``within`` real seconds of the fault (of the start,
    without a signal); it exits with one of ``exit``; its output contains each of
    ``prints`` (and stderr each of ``stderr``; with exit 0 and none declared, stderr
    is empty); asyncio reports nothing lost or leaked. ``unfixed`` is the code
    before the fix, on which the tests require the same scenario to fail.
    """

    fault: str
    within: float
    unfixed: tuple[Substitution, ...]
    inject: Substitution | None = None
    signal: str | None = None
    at: float | None = None
    after: str | None = None
    exit: tuple[int, ...] = (0,)
    prints: tuple[str, ...] = ()
    stderr: tuple[str, ...] = ()
    #: Where the fault run teaches something on a page: its output is recorded in
    #: ``<stem>.<output>.out`` by ``make outputs`` and checked like any output.
    output: str | None = None

    def source(self, source: str, *, fixed: bool = True) -> str:
        """The script with the fault injected, on the fixed code or the unfixed."""
        if not fixed:
            for step in self.unfixed:
                source = step.apply(source, f"fault {self.fault!r}, unfixed")
        if self.inject is not None:
            source = self.inject.apply(source, f"fault {self.fault!r}")
        return source


class ManifestError(ValueError):
    """An ``examples.toml`` that does not match the scripts beside it."""


@dataclass(frozen=True)
class Example:
    """One example script and the facts declared about it."""

    name: str  # "<chapter>/<stem>", as pages name it
    path: Path
    elapsed: float
    clock: ClockPolicy = "any"
    python: tuple[int, int] = MIN_PYTHON
    timed: bool | Literal["printed"] = True
    tolerance: float = REAL_TOLERANCE
    late_ratio: float = REAL_LATE_RATIO
    timeout: float | None = None
    breaks: tuple[Variant, ...] = ()
    faults: tuple[Fault, ...] = ()
    #: "clean": ``mypy --strict`` passes; "errors": the lesson is a mistake that the
    #: type checker reports, recorded in ``<stem>.mypy`` and shown on the page.
    typecheck: Literal["clean", "errors"] = "clean"
    #: Cores the lesson needs free (CPU parallelism): on a machine busy elsewhere no
    #: tolerance can hold such a claim, so a failed real-clock run is judged only
    #: when that many cores are idle, and reported as skipped otherwise.
    idle_cores: int = 0
    #: Why a browser cannot run it ("needs sockets"), as measured by running it
    #: there (verified_examples/browser_runs.py); None: the page has a Run button.
    browser: str | None = None
    #: The exercise this example is the reference solution of, if any.
    exercise: Exercise | None = None
    #: The Pythons from which it prints something else, oldest first, each with
    #: why: its output there is ``<stem>.<version>.out`` (see output_for).
    differs: tuple[tuple[tuple[int, int], str], ...] = ()

    @property
    def total_timed(self) -> bool:
        """Whether the real clock asserts the run's total time (not only printed ones)."""
        return self.timed is True

    def allowed_late(self, claimed: float) -> float:
        """Seconds a real-clock timing that claims ``claimed`` seconds may be late."""
        return self.tolerance + self.late_ratio * claimed

    @property
    def chapter(self) -> str:
        return self.path.parent.name

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def mypy_path(self) -> Path:
        """The type checker's recorded report, for ``typecheck = "errors"``."""
        return self.path.with_suffix(".mypy")

    def recorded_mypy(self) -> str | None:
        try:
            return self.mypy_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    @property
    def manifest_path(self) -> Path:
        return self.path.parent / MANIFEST

    @property
    def real_only(self) -> bool:
        return self.clock == "real"

    @property
    def python_label(self) -> str:
        return ".".join(map(str, self.python))

    def supported(self, version: tuple[int, ...] = tuple(sys.version_info[:2])) -> bool:
        """Whether this interpreter (or ``version``) is new enough to run the example."""
        return tuple(version[:2]) >= self.python

    @property
    def stamps_path(self) -> Path:
        return self.path.parent / STAMPS

    def script_hash(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def recorded_hash(self) -> str | None:
        """The script's hash when its expected output was last written by a run."""
        return read_stamps(self.path.parent).get(self.path.name)

    def stale_reason(self) -> str | None:
        """Why the committed output cannot be trusted to match the script, if it can't."""
        rel = f"examples/{self.name}"
        if not self.out_path.exists():
            return f"{rel}.out is missing: run `make outputs NAME={self.name}`"
        if self.recorded_hash() != self.script_hash():
            return (
                f"{rel}.out is stale: {rel}.py changed after its output was written. "
                f"Run `make outputs NAME={self.name}` and review the diff."
            )
        for version, _ in self.differs:
            reason = self.version_stale_reason(version)
            if reason:
                return reason
        return None

    def expected_output(self) -> str | None:
        """The committed expected output, or None if there is none yet."""
        try:
            return self.out_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def version_out_path(self, version: tuple[int, int]) -> Path:
        """Where the output of a Python it ``differs`` on lives: ``<stem>.3.14.out``."""
        return self.path.with_suffix(f".{version[0]}.{version[1]}.out")

    def output_version(self, python: tuple[int, ...]) -> tuple[int, int] | None:
        """The ``differs`` version whose output Python ``python`` prints (None: .out)."""
        found = [v for v, _ in self.differs if tuple(python[:2]) >= v]
        return found[-1] if found else None

    def output_for(self, python: tuple[int, ...]) -> str | None:
        """The output a run on Python ``python`` must print: its version's, or .out."""
        version = self.output_version(python)
        if version is None:
            return self.expected_output()
        try:
            return self.version_out_path(version).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def output_path_for(self, python: tuple[int, ...]) -> Path:
        version = self.output_version(python)
        return self.out_path if version is None else self.version_out_path(version)

    def version_stale_reason(self, version: tuple[int, int]) -> str | None:
        """Why the output recorded for ``version`` cannot be trusted, if it can't."""
        label = ".".join(map(str, version))
        rel = f"examples/{self.chapter}/{self.version_out_path(version).name}"
        command = f"make outputs NAME={self.name}"
        if not self.version_out_path(version).exists():
            return f"{rel} is missing: run `{command}` (it runs on Python {label})"
        recorded = read_stamps(self.path.parent, version).get(self.path.name)
        if recorded != self.script_hash():
            return (
                f"{rel} is stale: examples/{self.name}.py changed after its Python "
                f"{label} output was written. Run `{command}` and review the diff."
            )
        return None


def stamps_file(chapter: Path, version: tuple[int, int] | None = None) -> Path:
    """The chapter's stamps: of its .out files, or of one Python's outputs."""
    if version is None:
        return chapter / STAMPS
    return chapter / VERSION_STAMPS.format(version=".".join(map(str, version)))


def read_stamps(
    chapter: Path, version: tuple[int, int] | None = None
) -> dict[str, str]:
    """Script file name -> sha256 recorded in the chapter's stamps file (or that of
    ``version``'s outputs)."""
    try:
        lines = stamps_file(chapter, version).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}
    return {
        name: digest for digest, _, name in (line.partition("  ") for line in lines)
    }


def write_stamp(example: Example, version: tuple[int, int] | None = None) -> None:
    """Record the script's hash as its output (or ``version``'s output) was written."""
    stamps = read_stamps(example.path.parent, version)
    stamps[example.path.name] = example.script_hash()
    existing = {p.name for p in example.path.parent.glob("*.py")}
    text = "".join(f"{stamps[n]}  {n}\n" for n in sorted(stamps) if n in existing)
    stamps_file(example.path.parent, version).write_text(text, encoding="utf-8")


def _parse_differs(raw: object, where: str) -> tuple[tuple[tuple[int, int], str], ...]:
    if not isinstance(raw, dict) or not all(
        isinstance(why, str) and why for why in raw.values()
    ):
        raise ManifestError(
            f"{where}: differs must map a Python to why its output differs, e.g. "
            'differs = { "3.14" = "3.14 words the error differently" }'
        )
    found = sorted((_parse_version(v, where), why) for v, why in raw.items())
    return tuple(found)


def _parse_version(text: object, where: str) -> tuple[int, int]:
    try:
        major, minor = str(text).split(".")
        return int(major), int(minor)
    except ValueError:
        raise ManifestError(
            f'{where}: python must look like "3.12", not {text!r}'
        ) from None


def _read_manifest(chapter: Path) -> dict[str, dict[str, object]]:
    path = chapter / MANIFEST
    if not path.exists():
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as error:
        raise ManifestError(f"{path}: {error}") from None


def load_chapter(chapter: Path) -> tuple[list[Example], list[str]]:
    """The examples of one chapter folder, and the problems of its manifest."""
    examples: list[Example] = []
    problems: list[str] = []
    facts = _read_manifest(chapter)
    # <stem>.starter.py and the like belong to the example <stem>.
    scripts = {p.stem: p for p in sorted(chapter.glob("*.py")) if "." not in p.stem}
    where = chapter / MANIFEST
    for stem in sorted(scripts.keys() - facts.keys()):
        problems.append(
            f"{where}: no entry for {stem}.py; add [{stem}] with its elapsed time"
        )
    for stem in sorted(facts.keys() - scripts.keys()):
        problems.append(f"{where}: [{stem}] names no script {chapter / stem}.py")
    for stem, entry in facts.items():
        if stem not in scripts:
            continue
        here = f"{where} [{stem}]"
        unknown = set(entry) - _KEYS
        if unknown:
            problems.append(
                f"{here}: unknown key(s) {sorted(unknown)}; known: {sorted(_KEYS)}"
            )
            continue
        if not isinstance(entry.get("elapsed"), int | float):
            problems.append(f"{here}: elapsed = <seconds> is required")
            continue
        if entry.get("clock", "any") not in ("any", "real"):
            problems.append(
                f'{here}: clock must be "real" (or left out), not {entry["clock"]!r}'
            )
            continue
        try:
            python = _parse_version(entry.get("python", "3.11"), here)
        except ManifestError as error:
            problems.append(str(error))
            continue
        try:
            breaks = _parse_variants(entry.get("breaks", []), here)
            faults = _parse_faults(entry.get("faults", []), here)
        except ManifestError as error:
            problems.append(str(error))
            continue
        timed = entry.get("timed", True)
        if not (isinstance(timed, bool) or timed == "printed"):
            problems.append(f'{here}: timed must be true, false or "printed"')
            continue
        if entry.get("typecheck", "clean") not in ("clean", "errors"):
            problems.append(f'{here}: typecheck must be "errors" (or left out)')
            continue
        if not isinstance(entry.get("browser", ""), str):
            problems.append(f'{here}: browser must be a reason, e.g. "needs sockets"')
            continue
        try:
            exercise = (
                parse_exercise(entry["exercise"], here, entry["elapsed"], timed)  # type: ignore[arg-type]
                if "exercise" in entry
                else None
            )
        except ExerciseError as error:
            problems.append(str(error))
            continue
        try:
            differs = _parse_differs(entry.get("differs", {}), here)
        except ManifestError as error:
            problems.append(str(error))
            continue
        examples.append(
            Example(
                name=f"{chapter.name}/{stem}",
                path=scripts[stem],
                elapsed=float(entry["elapsed"]),  # type: ignore[arg-type]
                clock=entry.get("clock", "any"),  # type: ignore[arg-type]
                python=python,
                timed=entry.get("timed", True),  # type: ignore[arg-type]
                tolerance=float(entry.get("tolerance", REAL_TOLERANCE)),  # type: ignore[arg-type]
                late_ratio=float(entry.get("late_ratio", REAL_LATE_RATIO)),  # type: ignore[arg-type]
                breaks=breaks,
                faults=faults,
                typecheck=entry.get("typecheck", "clean"),  # type: ignore[arg-type]
                idle_cores=int(entry.get("idle_cores", 0)),  # type: ignore[call-overload]
                timeout=float(entry["timeout"]) if "timeout" in entry else None,  # type: ignore[arg-type]
                browser=entry.get("browser"),  # type: ignore[arg-type]
                exercise=exercise,
                differs=differs,
            )
        )
    return examples, problems


def _parse_variants(raw: object, where: str) -> tuple[Variant, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, dict) for v in raw):
        raise ManifestError(f"{where}: breaks must be [[<stem>.breaks]] tables")
    variants = []
    for entry in raw:
        unknown = set(entry) - _VARIANT_KEYS
        missing = {"lesson", "replace", "by"} - set(entry)
        if unknown or missing:
            raise ManifestError(
                f"{where}: a breaks entry needs lesson, replace and by (and may have "
                f"count); unknown {sorted(unknown)}, missing {sorted(missing)}"
            )
        variants.append(
            Variant(
                lesson=str(entry["lesson"]),
                replace=str(entry["replace"]),
                by=str(entry["by"]),
                count=int(entry.get("count", 1)),
            )
        )
    return tuple(variants)


def _substitution(entry: object, where: str) -> Substitution:
    if (
        not isinstance(entry, dict)
        or not {"replace", "by"} <= set(entry) <= {"replace", "by", "count"}
        or not isinstance(entry["replace"], str)
        or not isinstance(entry["by"], str)
    ):
        raise ManifestError(
            f"{where} needs replace and by (texts, and may have count), not {entry!r}"
        )
    return Substitution(entry["replace"], entry["by"], int(entry.get("count", 1)))


def _texts(entry: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ManifestError(f"{where}: {key} must be a text or a list of texts")
    return tuple(value)


def _output_name(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(
        r"[a-z0-9]+(?:-[a-z0-9]+)*", value
    ):
        raise ManifestError(
            f"{where}: output names the recorded file <stem>.<output>.out, in "
            f"lower-case words joined by hyphens, not {value!r}"
        )
    return value


def _parse_faults(raw: object, where: str) -> tuple[Fault, ...]:
    if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
        raise ManifestError(f"{where}: faults must be [[<stem>.faults]] tables")
    faults = []
    for entry in raw:
        here = f"{where} fault {entry.get('fault', '?')!r}"
        unknown = set(entry) - _FAULT_KEYS
        missing = {"fault", "within", "unfixed"} - set(entry)
        if unknown or missing:
            raise ManifestError(
                f"{here}: unknown {sorted(unknown)}, missing {sorted(missing)} (a "
                "fault needs fault, within and unfixed: the code before the fix)"
            )
        signal = entry.get("signal")
        if signal is not None and signal not in FAULT_SIGNALS:
            raise ManifestError(f"{here}: signal must be one of {FAULT_SIGNALS}")
        if (signal is None) != ("at" not in entry and "after" not in entry):
            raise ManifestError(f"{here}: a signal needs at or after, and only it")
        if "at" in entry and "after" in entry:
            raise ManifestError(f"{here}: at or after, not both")
        if signal is None and "replace" not in entry:
            raise ManifestError(f"{here}: nothing goes wrong (no signal, no replace)")
        unfixed = entry["unfixed"]
        steps = unfixed if isinstance(unfixed, list) else [unfixed]
        if not steps:
            raise ManifestError(f"{here}: unfixed must change the code")
        exits = entry.get("exit", 0)
        exits = exits if isinstance(exits, list) else [exits]
        if not all(isinstance(code, int) for code in exits):
            raise ManifestError(f"{here}: exit must be an int or a list of ints")
        faults.append(
            Fault(
                fault=str(entry["fault"]),
                within=float(entry["within"]),
                unfixed=tuple(_substitution(s, f"{here}: unfixed") for s in steps),
                inject=(
                    _substitution(
                        {k: entry[k] for k in ("replace", "by", "count") if k in entry},
                        here,
                    )
                    if "replace" in entry or "by" in entry
                    else None
                ),
                signal=signal,
                at=float(entry["at"]) if "at" in entry else None,
                after=str(entry["after"]) if "after" in entry else None,
                exit=tuple(exits),
                prints=_texts(entry, "prints", here),
                stderr=_texts(entry, "stderr", here),
                output=_output_name(entry.get("output"), here),
            )
        )
    return tuple(faults)


def chapters(root: Path = EXAMPLES_DIR) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name[0] not in "._")


def discover(root: Path = EXAMPLES_DIR) -> list[Example]:
    """Every example under ``root``, chapter by chapter, each with its declared facts.

    Raises ManifestError when a script has no entry, an entry has no script, or an
    entry has a key or value the harness does not know.
    """
    examples: list[Example] = []
    problems: list[str] = []
    for chapter in chapters(root):
        found, wrong = load_chapter(chapter)
        examples += found
        problems += wrong
    if problems:
        raise ManifestError("\n".join(problems))
    return examples


def find(name: str, root: Path = EXAMPLES_DIR) -> Example:
    """The example a page names as ``<chapter>/<stem>``, reading only its chapter.

    Raises LookupError if there is no such example, ManifestError if its entry (or
    its chapter's manifest as a whole) is wrong.
    """
    chapter, _, stem = name.removesuffix(".py").partition("/")
    folder = root / chapter
    if not stem or not (folder / f"{stem}.py").is_file():
        raise LookupError(
            f"no example {name!r}: expected examples/{chapter}/{stem}.py with an entry "
            f"in examples/{chapter}/{MANIFEST}"
        )
    examples, problems = load_chapter(folder)
    for example in examples:
        if example.name == f"{chapter}/{stem}":
            return example
    raise ManifestError("\n".join(problems))
