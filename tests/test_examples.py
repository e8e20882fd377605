"""Every example, checked as the page presents it.

Parametrised over the examples on disk: adding an example (a script, its entry in the
chapter's examples.toml, its .out file and a directive on a page) adds its tests.
"""

from __future__ import annotations

import re
import ssl
import time

import pytest
from conftest import EXAMPLES, MANIFEST_ERROR, example_id, fail_with, needs_python
from verified_examples import EXAMPLES_DIR, Example, check_run
from verified_examples.checks import free_cores, load_note

examples = pytest.mark.parametrize("example", EXAMPLES, ids=example_id)


def test_manifests_match_the_scripts() -> None:
    """Each script has an entry in its chapter's examples.toml, and each entry a script."""
    assert MANIFEST_ERROR is None, MANIFEST_ERROR
    assert EXAMPLES, "no examples found under examples/"


@examples
@pytest.mark.runs_on("virtual")
def test_virtual_clock(example: Example, runs) -> None:
    """Output identical to the .out file; running time exactly as declared."""
    needs_python(example)
    if example.real_only:
        pytest.skip('clock = "real": its point is real time; checked on the real clock')
    fail_with(check_run(runs.result(example, "virtual")))


#: Problems a busy machine can cause on the real clock; anything else fails at once.
TIMING_PROBLEMS = {"elapsed", "output"}


@examples
@pytest.mark.runs_on("real")
def test_real_clock(example: Example, runs) -> None:
    """Run as a reader runs it: same output, timings within the stated tolerance.

    Real runs overlap, so on a loaded machine one can come out late. A run whose only
    problems are timings is run once more, alone, and judged by that run: a
    sequential variant of a concurrent example is late both times, and still fails.
    """
    needs_python(example)
    problems = check_run(runs.result(example, "real"))
    if problems and {p.kind for p in problems} <= TIMING_PROBLEMS:
        runs.settle()
        with free_cores() as free:
            problems = check_run(runs.rerun_alone(example, "real"))
        if problems and example.idle_cores and free() < example.idle_cores - 0.2:
            pytest.skip(
                f"its lesson needs {example.idle_cores} idle cores and other programs "
                f"left it {free():.1f} while it ran ({load_note()}); not judged:\n"
                + "\n".join(map(str, problems))
            )
    fail_with(problems)


VARIANTS = [
    pytest.param(example, variant, clock, id=f"{example.name}#{i}-{clock}")
    for example in EXAMPLES
    for i, variant in enumerate(example.breaks)
    for clock in (("real",) if example.real_only else ("virtual", "real"))
]
#: What a breaking variant must trip: a check of output or timing. A variant that
#: only crashes, hangs or warns proves nothing about the checks of the lesson.
LESSON_PROBLEMS = {"output", "elapsed"}


@pytest.mark.parametrize(
    "example", [e for e in EXAMPLES if e.real_only and e.timed], ids=example_id
)
def test_a_real_clock_timing_lesson_has_a_breaking_variant(example: Example) -> None:
    """The real clock's tolerance is only trusted where a variant proves it tight."""
    assert example.breaks, (
        f"examples/{example.name}.py runs on the real clock and its timing is asserted, "
        f"but {example.chapter}/examples.toml declares no [[{example.path.stem}.breaks]]: "
        "add a variant without the lesson (the tests require the checks to fail it), "
        "or `timed = false` if time is not its point"
    )


@pytest.mark.parametrize(("example", "variant", "clock"), VARIANTS)
def test_breaking_variant_fails(example: Example, variant, clock: str, runs) -> None:
    """A script without the lesson (the manifest's ``breaks``) fails the checks.

    This is what keeps each check honest: if the tolerance let a variant without the
    lesson pass, the page's claim would not be held by its test.
    """
    needs_python(example)
    result = runs.variant(example, variant, clock)
    problems = check_run(result)
    kinds = {p.kind for p in problems}
    assert kinds & LESSON_PROBLEMS, (
        f"{example.name} without the lesson ({variant.lesson!r}: {variant.replace!r} "
        f"-> {variant.by!r}) passed on the {clock} clock: the checks do not hold this "
        "lesson. Tighten the example's tolerance or make the lesson print a timing."
        + ("\n" + "\n".join(map(str, problems)) if problems else "")
    )
    assert kinds <= LESSON_PROBLEMS | {"stderr"}, "\n".join(map(str, problems))


#: Settings that only quiet or tighten the harness's strict runs (-X dev -W error).
#: The harness owns those (runner.PYTHON_FLAGS, _bootstrap.SLOW_STEP_LIMIT); an example
#: sets one only when it is the example's lesson.
HARNESS_ONLY = re.compile(r"slow_callback_duration|PYTHONASYNCIODEBUG")
SETTING_IS_THE_LESSON = {"production/slow_callback_logged"}


@examples
def test_no_setting_exists_only_for_the_harness(example: Example) -> None:
    """Examples are reader code: nothing in them is there because the tests are strict."""
    if example.name in SETTING_IS_THE_LESSON:
        return
    found = HARNESS_ONLY.findall(example.path.read_text(encoding="utf-8"))
    assert not found, (
        f"examples/{example.name}.py sets {sorted(set(found))}: readers would copy a "
        "setting that exists only for the test harness. The harness relaxes its own "
        "strictness in one place (conf/verified_examples/_bootstrap.py); if the "
        "setting is this example's lesson, add it to SETTING_IS_THE_LESSON."
    )


@examples
def test_output_file_is_up_to_date(example: Example) -> None:
    """The .out file was written by a run of the script as it is now."""
    reason = example.stale_reason()
    assert reason is None, reason


@examples
def test_shown_on_a_page(example: Example, shown: dict[str, list[str]]) -> None:
    pages = shown.get(example.name)
    assert pages, (
        f"examples/{example.name}.py is not shown on any page: add "
        f"```{{example}} {example.name}``` to a page under docs/, or remove it"
    )
    assert len(pages) == 1, f"{example.name} is shown on several pages: {pages}"


def test_pages_name_existing_examples(shown: dict[str, list[str]]) -> None:
    known = {example.name for example in EXAMPLES}
    unknown = {name: pages for name, pages in shown.items() if name not in known}
    assert not unknown, f"pages name examples that do not exist: {unknown}"


#: Certificates committed beside the examples (the TLS page's demo certificate).
CERTIFICATES = sorted(EXAMPLES_DIR.glob("*/*cert*.pem"))
#: A demo certificate must outlive this margin, so its renewal is due long before
#: readers' copies of the example stop working.
CERTIFICATE_MARGIN_DAYS = 365


@pytest.mark.parametrize("certificate", CERTIFICATES, ids=lambda p: p.name)
def test_demo_certificate_is_far_from_expiry(certificate) -> None:
    # The standard library reads a PEM certificate's fields only through this
    # private helper; the test needs no third-party package for one date.
    fields = ssl._ssl._test_decode_cert(str(certificate))  # type: ignore[attr-defined]
    expires = ssl.cert_time_to_seconds(fields["notAfter"])
    days = (expires - time.time()) / 86400
    assert days > CERTIFICATE_MARGIN_DAYS, (
        f"examples/{certificate.parent.name}/{certificate.name} expires in {days:.0f} "
        f"days ({fields['notAfter']}): renew it with the command on its page, then "
        "`make outputs` for the examples that use it"
    )
