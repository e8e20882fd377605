"""`make test-all`: the test suite under every Python >= 3.11 found on this machine.

The Makefile puts pyenv's interpreters on PATH when pyenv is here; elsewhere nox
finds python3.X on PATH. Missing interpreters are skipped, not failed.
"""

import nox

nox.options.error_on_missing_interpreters = False
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]
PYTHONS = ["3.11", "3.12", "3.13", "3.14"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-r", "requirements.txt")
    session.run(
        "python",
        "-m",
        "pytest",
        "tests/test_examples.py",
        "tests/test_faults.py",
        "tests/test_figures.py",
        "tests/test_harness.py",
        "tests/test_timelines.py",
        *session.posargs,
    )


@nox.session(python=PYTHONS)
def outputs(session: nox.Session) -> None:
    """Write the expected outputs of the examples that need this Python."""
    session.install("-r", "requirements.txt")
    session.run(
        "python",
        "-m",
        "verified_examples",
        "outputs",
        "--own-version",
        *session.posargs,
    )
