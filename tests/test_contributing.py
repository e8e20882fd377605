"""CONTRIBUTING.md's steps work: this test follows them, word for word.

It copies the project to a scratch folder, writes the files the guide shows (blocks
whose first line is ``# file: PATH``, ``# append to: PATH`` or
``<!-- append to: PATH -->``), and runs each ``$ `` command of its console blocks, in
order. Every command must succeed, and the example must end up on the built page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from verified_examples.catalog import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
FENCE = re.compile(r"^(`{3,})(\w*)\n(.*?)^\1$", re.MULTILINE | re.DOTALL)
TARGET = re.compile(r"^(?:# |<!-- )(file|append to): (\S+?)(?: -->)?\n\n?")


def steps(guide: str) -> list[tuple[str, str, str]]:
    """(action, path or command, text) for each actionable block, in order."""
    found = []
    for _, language, body in FENCE.findall(guide):
        if language == "console":
            found += [
                ("run", line[2:], "")
                for line in body.splitlines()
                if line.startswith("$ ")
            ]
            continue
        target = TARGET.match(body)
        if target:
            found.append((target[1], target[2], body[target.end() :]))
    return found


def project_copy(destination: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


#: Caches a contributor's checkout has once it has built and checked: the example
#: runs of the build (keyed by each script's content, the clock, the interpreter and
#: the harness) and mypy's (keyed by each file's size and time). With them the guide's
#: `make html` and `make check` rerun only what the guide changed, as they do for a
#: contributor; without them this test spends half a minute rebuilding the rest.
CACHES = ("_build/html/.doctrees/example-runs", "_build/mypy-cache")


def warm_caches(project: Path) -> None:
    for cache in CACHES:
        if (ROOT / cache).is_dir():
            shutil.copytree(ROOT / cache, project / cache)


def test_the_guide_has_steps_to_follow() -> None:
    kinds = [kind for kind, _, _ in steps(GUIDE.read_text(encoding="utf-8"))]
    assert kinds.count("file") >= 1
    assert kinds.count("append to") >= 2
    assert kinds.count("run") >= 3


@pytest.mark.slow
def test_the_guide_works_on_a_scratch_example(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the project's git checkout to copy it")
    project = project_copy(tmp_path / "project")
    warm_caches(project)
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "SITE_DIR"))
    }
    env["VENV"] = str(ROOT / ".venv")  # reuse the installed tools
    added: list[str] = []
    for kind, target, text in steps(GUIDE.read_text(encoding="utf-8")):
        if kind == "run":
            done = subprocess.run(
                ["bash", "-c", target],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, (
                f"`{target}` failed:\n{done.stdout}\n{done.stderr}"
            )
            continue
        path = project / target
        if kind == "file":
            assert not path.exists(), f"the guide's new file {target} already exists"
            path.write_text(text, encoding="utf-8")
            added.append(target)
        else:
            assert path.exists(), f"the guide appends to {target}, which does not exist"
            path.write_text(
                path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8"
            )
    for script in added:
        chapter, stem = Path(script).parts[1], Path(script).stem
        assert (project / script).with_suffix(".out").exists(), (
            f"no output for {script}"
        )
        anchor = f'id="example-{chapter}-{stem.replace("_", "-")}"'
        built = (project / "_build" / "html").rglob("*.html")
        assert any(anchor in page.read_text() for page in built), (
            f"{script} is on no page"
        )
