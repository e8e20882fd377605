"""Run the site's examples and check them: one runner for the tests, the site and authors.

The pytest harness (``tests/``), the Sphinx extension (``sphinxext``) and the
``python -m verified_examples`` command all import this package, so "what the test
saw" and "what the page shows" come from the same code.
"""

from .catalog import EXAMPLES_DIR, Example, discover, find
from .checks import Problem, check_run, compare_output
from .runner import Clock, RunResult, run

__all__ = [
    "EXAMPLES_DIR",
    "Clock",
    "Example",
    "Problem",
    "RunResult",
    "check_run",
    "compare_output",
    "discover",
    "find",
    "run",
]
