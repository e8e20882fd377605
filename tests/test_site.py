"""The built site shows each example as the tests check it.

Reads the site `make html` built (SITE_DIR), or builds one strictly into a temporary
folder when run on its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import DOCS_DIR, EXAMPLES, example_id
from verified_examples import Example, verified
from verified_examples.browser import runtime_python
from verified_examples.catalog import ROOT

RECORD = verified.read_record()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("SITE_DIR")
    if built:
        return ROOT / built
    out = tmp_path_factory.mktemp("html")
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-c",
        "conf",
        "-W",
        "--keep-going",
        "-n",
        "-q",
    ]
    subprocess.run([*command, "-b", "html", "docs", str(out)], cwd=ROOT, check=True)
    return out


def page_of(example: Example, shown: dict[str, list[str]]) -> Path:
    [page] = shown[example.name]
    return Path(page).relative_to("docs").with_suffix(".html")


def block(
    site: Path, example: Example, shown: dict[str, list[str]]
) -> tuple[Tag, Path]:
    page = site / page_of(example, shown)
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    anchor = "example-" + example.name.replace("/", "-").replace("_", "-")
    found = soup.find(id=anchor)
    assert isinstance(found, Tag), f"{page} has no #{anchor}"
    return found, page


def text_of(container: Tag, css: str) -> str:
    found = container.select_one(css)
    assert found is not None, f"no {css} in the example block"
    return found.get_text()


@pytest.mark.parametrize("example", EXAMPLES, ids=example_id)
def test_page_shows_code_output_command_and_download(
    site: Path, example: Example, shown: dict[str, list[str]]
) -> None:
    container, page = block(site, example, shown)
    assert text_of(container, ".example-code pre") == example.path.read_text(
        encoding="utf-8"
    )
    assert text_of(container, ".example-output pre") == example.expected_output()
    assert (
        text_of(container, ".example-command pre").strip()
        == f"$ python3 {example.path.name}"
    )
    facts = text_of(container, ".example-facts")
    assert f"Python {example.python_label} or newer" in facts
    # "Verified on": the CPython versions examples/verified.toml records for the
    # script and output as they are, and the browser's Python where a Run button
    # is (its verdict held by test_browser_run.py).
    pythons = verified.verified_on(example, RECORD, runtime_python())
    assert verified.sentence(example, RECORD, runtime_python()) in facts
    if pythons:
        assert f"Verified on {' · '.join(pythons)}" in facts
    else:
        assert "Not yet verified on a Python here" in facts
    others = container.select(".example-output-other pre")
    assert [o.get_text() for o in others] == [
        example.output_for(version) for version, _ in example.differs
    ]
    shown = container.get_text().replace("\u2019", "'")  # Sphinx's smart quotes
    for version, why in example.differs:
        assert f"Python {verified.label(version)} prints something else. {why}" in shown
    if example.idle_cores:
        assert f"needs {example.idle_cores} idle core" in facts
        assert (f"{example.elapsed:.2f} s" in facts) == (example.timed is True)
    elif example.timed or not example.real_only:
        assert f"{example.elapsed:.2f} s" in facts
    else:  # no time is claimed where no time is checked
        assert "not how long it takes" in facts
        assert f"{example.elapsed:.2f} s" not in facts
    if example.typecheck == "errors":
        report = text_of(container, ".example-typecheck pre")
        assert (
            report == f"$ mypy --strict {example.path.name}\n{example.recorded_mypy()}"
        )
    link = container.select_one("a.download")
    assert link is not None, "no download link"
    downloaded = (page.parent / str(link["href"])).resolve()
    assert downloaded.read_bytes() == example.path.read_bytes()


def test_copy_buttons_skip_prompts_and_outputs(site: Path) -> None:
    options = (site / "_static" / "copybutton.js").read_text(encoding="utf-8")
    assert "div:not(.example-output) > div.highlight > pre" in options
    assert r">>> |\\.\\.\\. |\\$ " in options


def test_every_page_is_in_the_site(site: Path) -> None:
    for page in DOCS_DIR.rglob("*.md"):
        assert (site / page.relative_to(DOCS_DIR).with_suffix(".html")).exists(), page


def _fault_outputs_shown() -> list[tuple[str, str, str]]:
    """(page, example name, output name) for each {fault-output} on a page."""
    import re

    found = []
    for page in sorted(DOCS_DIR.rglob("*.md")):
        for name, output in re.findall(
            r"^\s*```+\{fault-output\}\s+(\S+)\s+(\S+)",
            page.read_text(encoding="utf-8"),
            re.MULTILINE,
        ):
            found.append((str(page.relative_to(DOCS_DIR)), name, output))
    return found


@pytest.mark.parametrize(("page", "name", "output"), _fault_outputs_shown())
def test_a_fault_output_shows_the_recorded_run(
    site: Path, page: str, name: str, output: str
) -> None:
    from verified_examples.catalog import find
    from verified_examples.faults import recorded

    _, text = recorded(find(name), output)
    soup = BeautifulSoup(
        (site / Path(page).with_suffix(".html")).read_text(encoding="utf-8"),
        "html.parser",
    )
    shown = [pre.get_text() for pre in soup.select(".fault-output pre")]
    assert text in shown, f"{page} does not show {name}'s recorded {output} output"


def _redirects() -> dict[str, str]:
    """conf.py's redirects: a moved page's old address and where it now is."""
    import ast

    tree = ast.parse((ROOT / "conf" / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "redirects" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    return {}


@pytest.mark.parametrize(("old", "new"), sorted(_redirects().items()))
def test_a_moved_page_keeps_its_old_address(site: Path, old: str, new: str) -> None:
    page = site / f"{old}.html"
    assert page.is_file(), f"{old}.html is gone: a reader's bookmark would 404"
    assert new in page.read_text(encoding="utf-8")
    assert (page.parent / new).resolve().is_file(), f"{old} points to no page: {new}"
    assert not (DOCS_DIR / f"{old}.md").exists(), f"{old} redirects but still exists"


def test_no_page_shows_the_build_machines_paths(site: Path) -> None:
    """Nothing the site shows depends on the machine that built it: a diff between
    two steps, say, names the files as a reader knows them, not by this checkout."""
    found = [
        str(page.relative_to(site))
        for page in sorted(site.rglob("*.html"))
        if str(ROOT) in page.read_text(encoding="utf-8")
    ]
    assert not found, f"pages that show {ROOT}: {found}"


#: which-tool.md shows "the heart of the pattern in three lines" per situation; its
#: excerpts start and end at text in the examples, so an edited example could
#: silently grow one.
WHICH_TOOL_LINES = 3


def test_which_tool_shows_three_lines_per_situation(site: Path) -> None:
    """Each excerpt on the which-tool page stays three lines long, the length the
    page promises, whatever the examples it is cut from become."""
    soup = BeautifulSoup(
        (site / "which-tool.html").read_text(encoding="utf-8"), "html.parser"
    )
    blocks = soup.select("article div.highlight pre")
    assert len(blocks) >= 11, f"which-tool.html shows {len(blocks)} excerpts"
    lines = [pre.get_text().splitlines() for pre in blocks]
    longer = [
        (shown[0], len(shown)) for shown in lines if len(shown) != WHICH_TOOL_LINES
    ]
    assert not longer, f"excerpts not {WHICH_TOOL_LINES} lines long: {longer}"
