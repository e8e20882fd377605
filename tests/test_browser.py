"""The site as readers use it, in a real browser (Debian's Chromium, via Playwright).

Every page is served from 127.0.0.1 and loaded as a reader would: it must load with
no console errors, no failed requests and no request to any other host; its copy
buttons, downloads and outputs must match the files the tests run; it must fit a
phone's width, keep code and output readable (4.5:1 contrast) in light and dark
mode, pass axe-core with no serious or critical violation in light and dark mode,
and stay light (see the page weight summary at the end of the run, also written to
_build/page-weight.txt).

Each page is loaded once and shared by the tests of that page (the ``tab`` fixture;
pytest runs a page's tests together), so the run stays short.

Reads the site `make html` built (SITE_DIR), or builds one strictly into a temporary
folder when run on its own. Without Chromium the tests skip locally, and fail when
CI is set.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_support import (
    AVERAGE_BUDGET,
    CODE_COLOURS_JS,
    LARGEST_BUDGET,
    STRUCTURE_JS,
    WIDE_ELEMENTS_JS,
    Server,
    Tab,
    WeightReport,
    base_path,
    contrast,
    luminance,
    run_axe,
    serve,
    visit,
)
from bs4 import BeautifulSoup
from conftest import DOCS_DIR, EXAMPLES, fail_with, pages_showing
from verified_examples import Example
from verified_examples.catalog import ROOT
from verified_examples.runner import reader_command

#: Every page: one per source in docs/, and the pages Sphinx writes itself.
PAGES = [
    *(
        page.relative_to(DOCS_DIR).with_suffix(".html").as_posix()
        for page in sorted(DOCS_DIR.rglob("*.md"))
    ),
    "genindex.html",
    "search.html",
    "404.html",
]
SEARCH_TERMS = ["gather", "TaskGroup", "timeout"]
#: Minimum WCAG contrast ratio for normal text (level AA).
MIN_CONTRAST = 4.5
PHONE = {"width": 375, "height": 812}
SERIOUS = {"serious", "critical"}
#: The colour conditions a reader can read the site in.
LIGHT = {"color_scheme": "light", "theme": "auto"}
COLOUR_MODES = {
    "light": LIGHT,
    # The reader's system asks for dark; furo follows it ("auto").
    "system-dark": {"color_scheme": "dark", "theme": "auto"},
    # The reader chose dark with furo's toggle, on a light system.
    "toggle-dark": {"color_scheme": "light", "theme": "dark"},
}


def anchor_of(example: Example) -> str:
    return "example-" + example.name.replace("/", "-").replace("_", "-")


def _examples_by_page() -> dict[str, list[Example]]:
    """The examples each page's directives show, by page (path in the site)."""
    by_name = {example.name: example for example in EXAMPLES}
    on_page: dict[str, list[Example]] = {}
    for name, sources in pages_showing().items():
        for source in sources:
            page = Path(source).relative_to("docs").with_suffix(".html").as_posix()
            if name in by_name:
                on_page.setdefault(page, []).append(by_name[name])
    return on_page


EXAMPLES_ON_PAGE = _examples_by_page()


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = os.environ.get("SITE_DIR")
    if built:
        return ROOT / built
    out = tmp_path_factory.mktemp("html")
    command = [sys.executable, "-m", "sphinx", "-c", "conf", "-W", "--keep-going"]
    subprocess.run(
        [*command, "-n", "-q", "-b", "html", "docs", str(out)], cwd=ROOT, check=True
    )
    return out


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[Server]:
    with serve(site) as running:
        yield running


@pytest.fixture(scope="session")
def weights(request: pytest.FixtureRequest) -> Iterator[WeightReport]:
    report = WeightReport(ROOT / "_build" / "page-weight.txt")
    request.config.pluginmanager.register(report, "page-weight-report")
    yield report
    report.write()


@pytest.fixture(scope="session", params=PAGES)
def tab(
    request: pytest.FixtureRequest, browser: Any, server: Server, weights: WeightReport
) -> Iterator[Tab]:
    """One page, loaded once for all of its tests."""
    opened = Tab(browser, server, request.param)
    if opened.status == 200:
        weights.add(opened.path, opened.weight)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, as the axe-playwright-python package ships it."""
    from axe_playwright_python.base import AXE_SCRIPT

    return AXE_SCRIPT


def loaded(tab: Tab) -> None:
    if tab.status != 200:
        pytest.fail(
            f"{tab.path}: HTTP {tab.status}. Is the site built from the current docs/?"
            " (make html)",
            pytrace=False,
        )


# ------------------------------------------------------------------ loading cleanly


def test_page_loads_cleanly(tab: Tab) -> None:
    """No console error, failed request or request to any other host."""
    loaded(tab)
    elsewhere = tab.page.evaluate(
        """() => [...document.querySelectorAll("script[src], link[href], img[src],"
                  + " iframe[src], source[src], video[src], audio[src]")]
            .filter((e) => e.tagName !== "LINK" || !/\\b(canonical|edit|alternate)\\b/.test(e.rel))
            .map((e) => new URL(e.src || e.href, location.href))
            .filter((u) => u.origin !== location.origin && u.protocol !== "data:")
            .map((u) => u.href)"""
    )
    fail_with(
        [f"{tab.path}: {problem}" for problem in tab.load_problems]
        + [f"{tab.path} loads a resource from another host: {url}" for url in elsewhere]
    )


# ------------------------------------------------------------------------- examples


#: For each example block on the page: its copy buttons, the text of its output
#: block, and what its download link serves (fetched by the page, as a reader's
#: browser would), in one call.
EXAMPLE_BLOCKS_JS = """
async () => Promise.all([...document.querySelectorAll(".example")].map(async (block) => {
  const count = (css) => block.querySelectorAll(css).length;
  const output = block.querySelector(".example-output pre");
  const links = block.querySelectorAll("a.download");
  let download = null;
  if (links.length === 1) {
    const response = await fetch(links[0].href, { cache: "no-store" });
    download = { url: response.url, status: response.status,
                 bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
  }
  return {
    id: block.id,
    codeButtons: count(".example-code button.copybtn"),
    commandButtons: count(".example-command button.copybtn"),
    outputButtons: count(".example-output button.copybtn"),
    output: output ? output.textContent : null,
    links: links.length,
    download,
  };
}))
"""


#: Waits (polling, up to 10 s) until the clipboard holds something else than the
#: marker it was given, and returns what it holds.
CLIPBOARD_CHANGE_JS = """
async (marker) => {
  const deadline = performance.now() + 10000;
  for (;;) {
    const text = await navigator.clipboard.readText();
    if (text !== marker || performance.now() > deadline) return text;
    await new Promise((next) => setTimeout(next, 20));
  }
}
"""
NOTHING_COPIED = "(the copy button copied nothing)"


def _copied(page: Any, block: Any) -> str:
    """Hover over a block, click its copy button, return what is on the clipboard."""
    page.evaluate("(marker) => navigator.clipboard.writeText(marker)", NOTHING_COPIED)
    block.hover()
    block.locator("button.copybtn").click()
    return page.evaluate(CLIPBOARD_CHANGE_JS, NOTHING_COPIED)


def _check_example(page: Any, example: Example, found: dict[str, Any]) -> list[str]:
    problems = []
    container = page.locator(f"#{anchor_of(example)}")
    # An exercise's reference solution waits behind its "Show a solution" button.
    container.evaluate(
        "(e) => { const s = e.closest('.exercise-solution');"
        " if (s && s.hidden) s.closest('.exercise').querySelector('.exercise-solve').click(); }"
    )
    source = example.path.read_text(encoding="utf-8")
    if found["codeButtons"] != 1:
        problems.append(f"the code has {found['codeButtons']} copy buttons, not 1")
    else:
        # sphinx-copybutton drops the last newline (so that a paste into a shell
        # does not run at once); everything else must be the file.
        code = _copied(page, container.locator(".example-code"))
        if code + "\n" != source:
            problems.append(
                f"the code's copy button copied\n{code!r}\ninstead of the file\n"
                f"{source!r}"
            )
    if found["commandButtons"] != 1:
        problems.append(
            f"the run command has {found['commandButtons']} copy buttons, not 1"
        )
    else:
        command = _copied(page, container.locator(".example-command"))
        if command != reader_command(example):
            problems.append(
                f"the run command's copy button copied {command!r}, "
                f"not {reader_command(example)!r}"
            )
    if found["output"] != example.expected_output():
        problems.append(
            f"the output block shows\n{found['output']!r}\nnot "
            f"{example.out_path.name}\n{example.expected_output()!r}"
        )
    if found["outputButtons"]:
        problems.append("the output block has a copy button")
    download = found["download"]
    if download is None:
        problems.append(f"{found['links']} download links, not 1")
    elif download["status"] != 200 or bytes(download["bytes"]) != (
        example.path.read_bytes()
    ):
        problems.append(
            f"the download link ({download['url']}, HTTP {download['status']}) "
            f"does not serve {example.path.name}"
        )
    return problems


def test_examples_copy_download_and_output(tab: Tab) -> None:
    """Each example's copy buttons, output and download match the files."""
    loaded(tab)
    tab.show(**LIGHT)
    expected = EXAMPLES_ON_PAGE.get(tab.path, [])
    blocks = {found["id"]: found for found in tab.page.evaluate(EXAMPLE_BLOCKS_JS)}
    problems = [
        f"{tab.path} shows #{anchor} but no directive on its page names it"
        for anchor in sorted(set(blocks) - {anchor_of(e) for e in expected})
    ]
    for example in expected:
        if anchor_of(example) not in blocks:
            problems.append(f"{tab.path} has no #{anchor_of(example)}")
            continue
        problems += [
            f"{tab.path}, {example.name}: {problem}"
            for problem in _check_example(tab.page, example, blocks[anchor_of(example)])
        ]
    # Anything that went wrong since the page loaded (a click's console error).
    problems += [
        f"{tab.path}: {problem}"
        for problem in tab.visit.problems()
        if problem not in tab.load_problems
    ]
    fail_with(problems)


# ------------------------------------------------------------ phone, colour modes


def test_fits_a_phone(tab: Tab) -> None:
    """At 375 px, nothing scrolls sideways except inside code blocks."""
    loaded(tab)
    tab.show(**LIGHT, **PHONE)
    measured = tab.page.evaluate(WIDE_ELEMENTS_JS)
    problems = [f"{tab.path}: {wide}" for wide in measured["wide"]]
    if measured["scrollWidth"] > measured["width"]:
        problems.insert(
            0,
            f"{tab.path} scrolls sideways: {measured['scrollWidth']} px of content "
            f"in a {measured['width']} px window",
        )
    fail_with(problems)


@pytest.mark.parametrize("mode", COLOUR_MODES)
def test_code_and_output_contrast(tab: Tab, mode: str) -> None:
    """Every colour in code and output blocks has 4.5:1 contrast, light and dark."""
    loaded(tab)
    tab.show(**COLOUR_MODES[mode])
    measured = tab.page.evaluate(CODE_COLOURS_JS)
    dark = luminance(measured["body"]) < 0.1
    assert dark == mode.endswith("dark"), (
        f"{tab.path} is not {'dark' if mode.endswith('dark') else 'light'} in "
        f"{mode} (furo theme {measured['theme']!r})"
    )
    problems = []
    for block in measured["blocks"]:
        for text in block["texts"]:
            ratio = contrast(text["colour"], text["bg"])
            if ratio < MIN_CONTRAST:
                problems.append(
                    f"{tab.path} ({mode}): {text['token']} text {text['sample']!r} in "
                    f"{block['block']!r} has contrast {ratio:.2f} (colour "
                    f"{text['colour'][:3]} on {text['bg'][:3]}), below {MIN_CONTRAST}"
                )
    fail_with(problems)


# -------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_accessibility(tab: Tab, axe_source: str, scheme: str) -> None:
    """axe-core finds no serious or critical violation (see AXE_RUN_JS).

    Every rule runs in light mode; in dark mode only the rules that judge colours,
    since nothing else on the page changes with the scheme.
    """
    loaded(tab)
    tab.show(color_scheme=scheme, theme="auto")
    results = run_axe(tab.page, axe_source, colours_only=scheme == "dark")
    problems = []
    for violation in results["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        nodes = "\n".join(
            f"    {' '.join(map(str, node['target']))}: "
            + node.get("failureSummary", "").replace("\n", " ")
            for node in violation["nodes"][:5]
        )
        more = len(violation["nodes"]) - 5
        problems.append(
            f"{tab.path} ({scheme}): {violation['impact']} {violation['id']}: "
            f"{violation['help']} ({len(violation['nodes'])} elements)\n{nodes}"
            + (f"\n    ... and {more} more" if more > 0 else "")
        )
    fail_with(problems)


def test_headings_and_text_alternatives(tab: Tab) -> None:
    """The article starts at h1 and never skips a level; images have alt text."""
    loaded(tab)
    found = tab.page.evaluate(STRUCTURE_JS)
    problems = [f"{tab.path}: {item}" for item in found["unlabelled"]]
    previous = 0
    for heading in found["headings"]:
        if heading["level"] > previous + 1:
            problems.append(
                f"{tab.path}: heading h{heading['level']} {heading['text']!r} follows "
                f"{f'h{previous}' if previous else 'no heading'}: a level is skipped"
            )
        previous = heading["level"]
    fail_with(problems)


# ----------------------------------------------------------- site-wide, one at a time


def test_missing_address_serves_the_404_page(browser: Any, server: Server) -> None:
    """Any missing address shows the 404 page, styled, with links that work."""
    missing = server.url("no/such/chapter/page.html")
    with visit(browser, server, "no/such/chapter/page.html") as seen:
        assert seen.status == 404
        fail_with(seen.problems(expected_status={missing: 404}))
        assert seen.page.locator("article h1").inner_text().startswith("Page not found")
        # furo's stylesheet and scripts loaded from the absolute URLs: the sidebar
        # sits beside the content and the theme is set.
        assert seen.page.locator(".sidebar-drawer").is_visible()
        assert seen.page.locator("body[data-theme]").count() == 1
        seen.page.locator("article a", has_text="the first page").click()
        seen.page.wait_for_load_state("load")
        assert seen.page.url == server.url("index.html")


#: Examples shown folded: ```{example} chapter/stem, then :fold-after: <text>.
FOLDED = re.compile(r"^```\{example\} (\S+)\n:fold-after: (.+)$", re.MULTILINE)


def _folds() -> list[tuple[str, Example, str]]:
    by_name = {example.name: example for example in EXAMPLES}
    return [
        (
            page.relative_to(DOCS_DIR).with_suffix(".html").as_posix(),
            by_name[name],
            marker,
        )
        for page in sorted(DOCS_DIR.rglob("*.md"))
        for name, marker in FOLDED.findall(page.read_text(encoding="utf-8"))
    ]


def test_shared_code_folds_and_unfolds(browser: Any, server: Server) -> None:
    """A folded example shows its code up to the marker line; a button shows the rest.

    The copy button still copies the whole file: test_examples_copy_download_and_output
    checks that on the same, folded, page.
    """
    folds = _folds()
    assert folds, "no page folds an example: this test checks nothing"
    for path in sorted({path for path, _, _ in folds}):
        with visit(browser, server, path) as seen:
            for _, example, marker in (f for f in folds if f[0] == path):
                source = example.path.read_text(encoding="utf-8")
                lines = source.splitlines(keepends=True)
                head = next(i for i, line in enumerate(lines, 1) if marker in line)
                container = seen.page.locator(f"#{anchor_of(example)}")
                pre = container.locator(".example-code-wrapper div.highlight > pre")
                toggle = container.locator("button.example-fold-toggle")
                shown = "".join(lines[:head])
                assert pre.inner_text().rstrip("\n") == shown.rstrip("\n"), (
                    f"{example.name}: folded, the code does not end at line {head}"
                )
                assert toggle.get_attribute("aria-expanded") == "false"
                assert toggle.inner_text() == f"Show lines {head + 1}\u2013{len(lines)}"
                toggle.click()
                assert pre.inner_text().rstrip("\n") == source.rstrip("\n"), (
                    f"{example.name}: unfolded, the code is not the whole file"
                )
                assert toggle.get_attribute("aria-expanded") == "true"
                toggle.click()
                assert toggle.get_attribute("aria-expanded") == "false"
            fail_with(seen.problems())


def test_all_examples_download_as_one_zip(browser: Any, server: Server) -> None:
    """The sidebar links one zip of every example, the same files as on disk."""
    examples = ROOT / "examples"
    expected = sorted(
        path.relative_to(examples).as_posix()
        for pattern in ("*.py", "*.out")
        for path in examples.rglob(pattern)
        if "__pycache__" not in path.parts
    )
    with visit(browser, server, "index.html") as seen:
        link = seen.page.locator(".examples-archive a[download]")
        assert link.count() == 1, "no link to the examples archive in the sidebar"
        url = urljoin(seen.page.url, link.get_attribute("href") or "")
        response = seen.page.context.request.get(url)
        assert response.ok, f"{url}: HTTP {response.status}"
        body = response.body()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        infos = archive.infolist()
        folder = "asyncio-by-example-examples/"
        assert [info.filename for info in infos] == [folder + n for n in expected], (
            "the archive does not hold examples/**/*.py and *.out as they are now "
            "(is the site built from the current examples/?)"
        )
        for info, name in zip(infos, expected, strict=True):
            assert archive.read(info) == (examples / name).read_bytes(), name
            # Fixed timestamps and modes: the same examples give the same bytes.
            assert info.date_time == (1980, 1, 1, 0, 0, 0), name
            assert info.external_attr >> 16 == 0o100644, name


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds_a_page(browser: Any, server: Server, term: str) -> None:
    mentioned = [
        page.relative_to(DOCS_DIR).as_posix()
        for page in sorted(DOCS_DIR.rglob("*.md"))
        if term.lower() in page.read_text(encoding="utf-8").lower()
    ]
    if not mentioned:
        pytest.skip(f"no page in docs/ mentions {term!r} yet")
    with visit(browser, server, f"search.html?q={term}") as seen:
        results = seen.page.locator("#search-results")
        # The title turns from "Searching" to "Search Results" when it is done.
        results.locator("h2", has_text="Search Results").wait_for()
        found = results.locator("ul.search li a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
        fail_with(seen.problems())
    assert [href for href in found if not href.startswith(("genindex", "search"))], (
        f"searching for {term!r} found no page, though these mention it: {mentioned}"
    )


def test_page_weight_within_budget(
    browser: Any, server: Server, weights: WeightReport
) -> None:
    """Pages average under 300 KB and none is over 600 KB (own transfer, uncompressed)."""
    for page in PAGES:
        if page not in weights.pages:  # not loaded by the tests of that page
            with visit(browser, server, page) as seen:
                if seen.status == 200:
                    weights.add(page, seen.weight())
    totals = weights.totals()
    average = sum(totals.values()) / len(totals)
    largest = max(totals, key=totals.__getitem__)
    print("\n" + "\n".join(weights.lines()))
    assert average < AVERAGE_BUDGET, f"pages average {average / 1024:.1f} KB"
    assert totals[largest] < LARGEST_BUDGET, (
        f"{largest} weighs {totals[largest] / 1024:.1f} KB"
    )


# ------------------------------------------------------------ links, without browser


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    """Every link, script, stylesheet and image a page names within the site exists,
    and so does the anchor (id) a link points to.

    `make linkcheck` checks outside links (LINKCHECK_EXTERNAL=1) and the strict
    build resolves every cross-reference; this checks the links as built.
    """
    prefix = base_path(site)
    ids: dict[Path, set[str]] = {}
    soups: dict[Path, BeautifulSoup] = {}

    def soup_of(page: Path) -> BeautifulSoup:  # each page parsed once
        if page not in soups:
            soups[page] = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        return soups[page]

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            soup = soup_of(page)
            ids[page] = {str(tag["id"]) for tag in soup.find_all(id=True)} | {
                str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})
            }
        return ids[page]

    problems = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in {"_static", "_sources", "_downloads"}:
            continue
        soup = soup_of(page)
        for tag, attribute in (
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
        ):
            for element in soup.find_all(tag, attrs={attribute: True}):
                target = str(element[attribute])
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or target.startswith("mailto:"):
                    continue  # outside the site: make linkcheck LINKCHECK_EXTERNAL=1
                path = unquote(parts.path)
                if path.startswith("/"):  # absolute (the 404 page): under the base
                    if not path.startswith(prefix):
                        problems.append(f"{page.name}: {target} is outside {prefix}")
                        continue
                    file = site / path[len(prefix) :]
                else:
                    file = (page.parent / path) if path else page
                if file.is_dir():
                    file = file / "index.html"
                where = page.relative_to(site).as_posix()
                if not file.is_file():
                    problems.append(f"{where}: {target} does not exist")
                elif (
                    parts.fragment
                    and file.suffix == ".html"
                    and unquote(parts.fragment) not in ids_of(file.resolve())
                ):
                    problems.append(f"{where}: {target} has no such anchor")
    fail_with(problems)
