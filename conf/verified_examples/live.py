"""Fresh runs for the live preview, cached by what the script is.

``make preview`` builds with ``examples_live``: an example whose script changed since
its expected output was written (its hash differs from the chapter's stamps) is run
again, on the virtual clock where it may, so the page shows what it prints now.
sphinx-autobuild starts a new build process on every save, so results are cached on
disk, keyed by the script's content, the clock and the interpreter.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from .catalog import Example
from .runner import RunResult, output_clock, run

_FIELDS = (
    "clock",
    "command",
    "returncode",
    "stdout",
    "stderr",
    "elapsed",
    "wall",
    "timeout",
    "pending",
)


def fresh_run(example: Example, cache_dir: Path) -> RunResult:
    """Run ``example`` as `make outputs` would, or reuse the run of the same script."""
    clock = output_clock(example)
    key = hashlib.sha256(
        f"{example.script_hash()} {clock} {sys.version} {example.timeout}".encode()
    ).hexdigest()[:32]
    cached = cache_dir / f"{example.name.replace('/', '--')}-{key}.json"
    if cached.exists():
        data = json.loads(cached.read_text(encoding="utf-8"))
        return RunResult(example=example, **data)
    result = run(example, clock)
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(result).items() if k in _FIELDS}
    cached.write_text(json.dumps(data), encoding="utf-8")
    return result
