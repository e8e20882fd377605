"""Runs for the site build, cached by what the script is.

The build runs examples for two reasons: every example that may run on the virtual
clock is run traced, to draw its timeline and to check that it still prints its
committed output; and the live preview (``examples_live``) re-runs a real-clock
example whose script changed since its output was written. sphinx-autobuild starts
a new build process on every save, so results are cached on disk, keyed by the
script's content, the clock, the interpreter and the harness's own code.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from .catalog import Example
from .runner import BOOTSTRAP, Clock, RunResult, run

_FIELDS = ("clock", "command", "returncode", "stdout", "stderr", "elapsed", "wall")
_FIELDS += ("timeout", "pending", "trace")
_HARNESS = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted(BOOTSTRAP.parent.glob("_*.py")))
).hexdigest()


def _cache_file(example: Example, clock: Clock, cache_dir: Path) -> Path:
    key = hashlib.sha256(
        f"{example.script_hash()} {clock} {sys.version} {example.timeout} {_HARNESS}".encode()
    ).hexdigest()[:32]
    return cache_dir / f"{example.name.replace('/', '--')}-{clock}-{key}.json"


def cached_run(example: Example, clock: Clock, cache_dir: Path) -> RunResult:
    """Run ``example`` on ``clock``, or reuse the result for the same script."""
    cached = _cache_file(example, clock, cache_dir)
    if cached.exists():
        return RunResult(
            example=example, **json.loads(cached.read_text(encoding="utf-8"))
        )
    result = run(example, clock)
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(result).items() if k in _FIELDS}
    cached.write_text(json.dumps(data), encoding="utf-8")
    return result


class Prefetch:
    """Start the runs a build will need, side by side, before its pages ask."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        self.futures: dict[tuple[str, Clock], Future[RunResult]] = {}

    def start(self, examples: list[Example], clock: Clock, cache_dir: Path) -> None:
        for example in examples:
            key = (example.name, clock)
            if key not in self.futures:
                self.futures[key] = self.executor.submit(
                    cached_run, example, clock, cache_dir
                )

    def result(self, example: Example, clock: Clock, cache_dir: Path) -> RunResult:
        future = self.futures.get((example.name, clock))
        return future.result() if future else cached_run(example, clock, cache_dir)
