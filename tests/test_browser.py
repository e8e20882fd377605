"""The site as readers use it, in a real browser (Debian's Chromium, via Playwright).

Every page is served from 127.0.0.1 and loaded as a reader would: it must load with
no console errors, no failed requests and no request to any other host; its copy
buttons, downloads and outputs must match the files the tests run; it must fit a
phone's width, keep code readable in dark mode, pass axe-core with no serious or
critical violation in light and dark mode, and stay light (see the page weight
summary at the end of the run, also written to _build/page-weight.txt).

Each page is loaded once and shared by the tests of that page (the ``tab`` fixture;
pytest runs a page's tests together), so the run stays short.

Reads the site `make html` built (SITE_DIR), or builds one strictly into a temporary
folder when run on its own. Without Chromium the tests skip locally, and fail when
CI is set.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from browser_support import (
    AVERAGE_BUDGET,
    CHROMIUM,
    CHROMIUM_ARGS,
    CODE_COLOURS_JS,
    LARGEST_BUDGET,
    STRUCTURE_JS,
    WIDE_ELEMENTS_JS,
    Server,
    Tab,
    WeightReport,
    contrast,
    luminance,
    need_chromium,
    serve,
    visit,
)
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
DARK_MODES = {
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
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


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
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


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


def _copied(page: Any, block: Any) -> str:
    """Click the block's copy button and return what it put on the clipboard."""
    page.evaluate("navigator.clipboard.writeText('(nothing was copied)')")
    block.scroll_into_view_if_needed()
    block.hover()
    button = block.locator("button.copybtn")
    if button.count() != 1:
        return "(no copy button)"
    button.click()
    # sphinx-copybutton marks the button once the text is on the clipboard.
    block.locator("button.copybtn.success").wait_for()
    return page.evaluate("navigator.clipboard.readText()")


def _check_example(tab: Tab, example: Example) -> list[str]:
    page = tab.page
    container = page.locator(f"#{anchor_of(example)}")
    problems = []
    source = example.path.read_text(encoding="utf-8")
    # sphinx-copybutton drops the last newline (so that a paste into a shell does
    # not run at once); everything else must be the file.
    code = _copied(page, container.locator(".example-code"))
    if code + "\n" != source:
        problems.append(
            f"the code's copy button copied\n{code!r}\ninstead of the file\n{source!r}"
        )
    command = _copied(page, container.locator(".example-command"))
    if command != reader_command(example):
        problems.append(
            f"the run command's copy button copied {command!r}, "
            f"not {reader_command(example)!r}"
        )
    output = container.locator(".example-output pre").text_content()
    if output != example.expected_output():
        problems.append(
            f"the output block shows\n{output!r}\nnot {example.out_path.name}\n"
            f"{example.expected_output()!r}"
        )
    if container.locator(".example-output button.copybtn").count():
        problems.append("the output block has a copy button")
    link = container.locator("a.download")
    if link.count() != 1:
        return [*problems, "no download link"]
    url = urljoin(page.url, link.get_attribute("href") or "")
    response = page.context.request.get(url)
    if not response.ok or response.body() != example.path.read_bytes():
        problems.append(
            f"the download link ({url}, HTTP {response.status}) does not serve "
            f"{example.path.name}"
        )
    return problems


def test_examples_copy_download_and_output(tab: Tab) -> None:
    """Each example's copy buttons, output and download match the files."""
    loaded(tab)
    tab.show(**LIGHT)
    expected = EXAMPLES_ON_PAGE.get(tab.path, [])
    shown = tab.page.locator(".example").evaluate_all("blocks => blocks.map(b => b.id)")
    problems = [
        f"{tab.path} shows #{anchor} but no directive on its page names it"
        for anchor in sorted(set(shown) - {anchor_of(e) for e in expected})
    ]
    for example in expected:
        if anchor_of(example) not in shown:
            problems.append(f"{tab.path} has no #{anchor_of(example)}")
            continue
        problems += [
            f"{tab.path}, {example.name}: {problem}"
            for problem in _check_example(tab, example)
        ]
    problems += [f"{tab.path}: {problem}" for problem in tab.visit.problems()]
    fail_with(problems)


# ---------------------------------------------------------------- phone, dark mode


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


@pytest.mark.parametrize("mode", DARK_MODES)
def test_code_and_output_readable_in_dark_mode(tab: Tab, mode: str) -> None:
    """In dark mode every colour in code and output blocks has 4.5:1 contrast."""
    loaded(tab)
    tab.show(**DARK_MODES[mode])
    measured = tab.page.evaluate(CODE_COLOURS_JS)
    assert luminance(measured["body"]) < 0.1, (
        f"{tab.path} is not dark in {mode} (theme {measured['theme']!r})"
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
def test_accessibility(tab: Tab, axe: Any, scheme: str) -> None:
    """axe-core finds no serious or critical violation."""
    loaded(tab)
    tab.show(color_scheme=scheme, theme="auto")
    results = axe.run(tab.page).response
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
