"""What the browser tests need: the built site on a local server, Chromium, and the
measurements they make in the page (colour contrast, page weight, axe-core).

The site is served from 127.0.0.1 under the path of its base URL (``html_baseurl``,
read from the canonical link of its first page), as a host would serve it, so the
404 page's absolute links resolve; a missing address gets 404.html with status 404.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

#: Debian's Chromium; Playwright's own browser download is not used.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
INSTALL_HINT = (
    f"Chromium is not installed at {CHROMIUM}: install Debian's package "
    "(as root: apt-get update && apt-get install -y chromium), or point CHROMIUM at "
    "a Chromium binary. CI (.ci/run) installs it."
)

#: Page weight budget: each page's own transfer, bodies uncompressed.
AVERAGE_BUDGET = 300 * 1024
LARGEST_BUDGET = 600 * 1024


def need_chromium() -> None:
    """Skip when Chromium is missing, but fail under CI, where it must be there."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the browser tests must run. {INSTALL_HINT}")
    pytest.skip(INSTALL_HINT)


# --------------------------------------------------------------------------- server


def base_path(site: Path) -> str:
    """The path part of the site's base URL ("/" when it has none)."""
    index = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', index)
    if not found:
        return "/"
    path = urlsplit(found.group(1)).path
    return path.rsplit("/", 1)[0] + "/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its base path; 404.html for any missing address."""

    prefix = "/"
    site = Path()

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(self.site / "__outside_the_site__")
        relative = Path(path[len(self.prefix) :])
        if ".." in relative.parts:
            return str(self.site / "__outside_the_site__")
        return str(self.site / relative)

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    #: Paths under these (after the prefix) may be cached, as a host lets them be.
    cached: tuple[str, ...] = ()

    def end_headers(self) -> None:
        # Every test measures a fresh load (except of what `cached` names).
        path = urlsplit(self.path).path[len(self.prefix) :]
        if self.cached and path.startswith(self.cached):
            self.send_header("Cache-Control", "max-age=3600")
        else:
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    origin: str
    prefix: str

    def url(self, page: str = "") -> str:
        return f"{self.origin}{self.prefix}{page}"


@contextmanager
def serve(site: Path, cached: tuple[str, ...] = ()) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1, on a free port, from a thread.

    Nothing may be cached but the paths under ``cached`` (relative to the site).
    """
    prefix = base_path(site)
    handler = type(
        "SiteHandler",
        (_Handler,),
        {"prefix": prefix, "site": site.resolve(), "cached": cached},
    )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    httpd.daemon_threads = True
    thread = threading.Thread(
        target=httpd.serve_forever, name="site-server", daemon=True
    )
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", prefix)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# ---------------------------------------------------------------------- page visits


@dataclass
class Visit:
    """One page in its own browser context, with what went wrong while it loaded."""

    page: Any  # playwright.sync_api.Page
    server: Server
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)
    status: int = 0

    def problems(self, *, expected_status: dict[str, int] | None = None) -> list[str]:
        expected = expected_status or {}
        # The browser logs an error for every HTTP error status, expected or not.
        found = [
            f"console error: {text}" + (f" ({url})" if url else "")
            for text, url in self.console_errors
            if url not in expected
        ]
        found += [f"failed request: {text}" for text in self.failed_requests]
        found += [f"request to another host: {url}" for url in self.external_requests]
        for response in self.responses:
            if response.status >= 400 and expected.get(response.url) != response.status:
                found.append(f"HTTP {response.status}: {response.url}")
        return found

    def weight(self) -> dict[str, int]:
        """Bytes of each response body the page has loaded, uncompressed.

        Read from the browser's resource timing (decodedBodySize) in one call: the
        document itself and everything it loaded (CSS, JS, images, fonts).
        """
        return self.page.evaluate(WEIGHT_JS)


def watch(page: Any, server: Server) -> Visit:
    visit = Visit(page, server)
    page.on(
        "console",
        lambda message: (
            visit.console_errors.append((message.text, message.location.get("url", "")))
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: visit.console_errors.append((str(error), "")))
    page.on(
        "requestfailed",
        lambda request: visit.failed_requests.append(
            f"{request.url} ({request.failure})"
        ),
    )
    page.on("response", lambda response: visit.responses.append(response))
    return visit


def _new_page(
    browser: Any, server: Server, *, color_scheme: str, width: int, height: int
) -> tuple[Any, Visit]:
    """A page in a fresh context; requests to any other host are refused."""
    context = browser.new_context(
        color_scheme=color_scheme,
        viewport={"width": width, "height": height},
        reduced_motion="reduce",
    )
    # Copy buttons are tested through the clipboard.
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=server.origin
    )
    page = context.new_page()
    seen = watch(page, server)

    def refuse(route: Any) -> None:
        seen.external_requests.append(route.request.url)
        route.abort()

    context.route(re.compile(rf"^(?!{re.escape(server.origin)}/)"), refuse)
    return page, seen


@contextmanager
def visit(
    browser: Any,
    server: Server,
    path: str,
    *,
    color_scheme: str = "light",
    width: int = 1280,
    height: int = 900,
) -> Iterator[Visit]:
    """Open ``path`` in a fresh context, for one test."""
    page, seen = _new_page(
        browser, server, color_scheme=color_scheme, width=width, height=height
    )
    try:
        response = page.goto(server.url(path), wait_until="load")
        seen.status = response.status if response else 0
        yield seen
    finally:
        page.context.close()


class Tab:
    """One page of the site, loaded once and shared by all the tests of that page.

    Each test states the conditions it needs with :meth:`show` (colour scheme,
    furo's theme choice, window size) instead of assuming what an earlier test left.
    """

    DESKTOP = (1280, 900)

    def __init__(self, browser: Any, server: Server, path: str) -> None:
        self.path = path
        self.page, self.visit = _new_page(
            browser,
            server,
            color_scheme="light",
            width=self.DESKTOP[0],
            height=self.DESKTOP[1],
        )
        response = self.page.goto(server.url(path), wait_until="load")
        self.status = self.visit.status = response.status if response else 0
        #: What loading the page cost, measured before any test touches it.
        self.load_problems = self.visit.problems()
        self.weight = self.visit.weight()

    def show(
        self,
        *,
        color_scheme: str = "light",
        theme: str = "auto",
        width: int = DESKTOP[0],
        height: int = DESKTOP[1],
    ) -> None:
        """Put the page in the given conditions.

        ``theme`` is the reader's choice in furo ("auto" follows the system's colour
        scheme). "light" or "dark" is chosen as a reader does, with furo's toggle
        button, which stores the choice in localStorage and sets body[data-theme].
        """
        self.page.emulate_media(color_scheme=color_scheme)
        if self.page.viewport_size != {"width": width, "height": height}:
            self.page.set_viewport_size({"width": width, "height": height})
            # Let the page's resize handlers run (a11y.js) before anything measures.
            self.page.evaluate(
                "() => new Promise((done) =>"
                " requestAnimationFrame(() => requestAnimationFrame(done)))"
            )
        chosen = "() => [localStorage.getItem('theme') || 'auto', document.body.dataset.theme]"
        if theme == "auto":
            # What furo does on load when the reader never chose.
            self.page.evaluate(
                "() => { localStorage.removeItem('theme');"
                " document.body.dataset.theme = 'auto'; }"
            )
        else:
            toggle = self.page.locator("button.theme-toggle:visible").first
            for _ in range(3):  # furo cycles through auto, dark and light
                if self.page.evaluate(chosen) == [theme, theme]:
                    break
                toggle.click()
        assert self.page.evaluate(chosen) == [theme, theme], (
            f"furo's theme is {self.page.evaluate(chosen)}, not {theme}"
        )

    def close(self) -> None:
        self.page.context.close()


# ------------------------------------------------------------------------- measures

WEIGHT_JS = """
() => {
  const sizes = {};
  for (const entry of [...performance.getEntriesByType("navigation"),
                       ...performance.getEntriesByType("resource")]) {
    if (!entry.name.startsWith("data:"))
      sizes[entry.name] = (sizes[entry.name] || 0) + entry.decodedBodySize;
  }
  return sizes;
}
"""

#: axe-core's rules that judge colours: the only ones whose verdict can change with
#: the colour scheme (the page's structure is the same in light and dark mode).
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

#: Runs axe-core in the page and returns its violations: every rule, or (colours
#: only) just AXE_COLOUR_RULES. One exception: axe's colour rules skip code blocks,
#: where checking every highlighted token one by one takes most of axe's time; the
#: tests measure those blocks' contrast themselves (CODE_COLOURS_JS), for every token
#: colour, in light and dark mode.
AXE_RUN_JS = """
async ([colourRules, coloursOnly]) => {
  const options = { resultTypes: ["violations"] };
  const off = Object.fromEntries(colourRules.map((id) => [id, { enabled: false }]));
  const rest = coloursOnly ? { violations: [] } :
    await window.axe.run(document, { ...options, rules: off });
  const colours = await window.axe.run({ exclude: [["div.highlight"]] }, {
    ...options, runOnly: { type: "rule", values: colourRules } });
  return { violations: [...rest.violations, ...colours.violations] };
}
"""


def run_axe(page: Any, source: str, *, colours_only: bool = False) -> dict[str, Any]:
    """axe-core's results for the page as it is now (injected once per document)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(AXE_RUN_JS, [AXE_COLOUR_RULES, colours_only])


#: Colours of code and output blocks as the reader sees them: for each block, the
#: background behind it and every distinct text colour in it, as [r, g, b, a] in
#: 0-255, read through a canvas so any CSS colour syntax is understood.
CODE_COLOURS_JS = """
() => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "#000";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data);
  };
  const over = (top, bottom) => {
    const a = top[3] / 255;
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([255]);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 255) break;
    }
    let result = [255, 255, 255, 255];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const blocks = [];
  for (const pre of document.querySelectorAll("div.highlight pre")) {
    const wrapper = pre.closest("[class*='highlight-']") || pre;
    const bg = background(pre);
    const colours = new Map();
    const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.data.trim()) continue;
      const element = text.parentElement;
      if (element.closest("button")) continue;
      const style = getComputedStyle(element);
      const colour = over(rgba(style.color), background(element));
      const key = colour.join(",");
      if (!colours.has(key))
        colours.set(key, { colour, sample: text.data.trim().slice(0, 30),
                            token: element.className || element.tagName.toLowerCase(),
                            bg: background(element) });
    }
    blocks.push({ block: wrapper.className, background: bg, texts: [...colours.values()] });
  }
  const body = rgba(getComputedStyle(document.body).backgroundColor);
  return { blocks, body, theme: document.body.dataset.theme || "" };
}
"""


def luminance(colour: list[float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: list[float], background: list[float]) -> float:
    """WCAG 2 contrast ratio of two opaque colours."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


#: Everything wider than the viewport that is not a code block (or inside one).
WIDE_ELEMENTS_JS = """
() => {
  const width = window.innerWidth;
  const code = "pre, code, div.highlight, div[class*='highlight-'], .literal-block-wrapper";
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest(code)) continue;
    const box = element.getBoundingClientRect();
    if (box.width > width + 0.5) {
      const name = element.tagName.toLowerCase() +
        (element.id ? "#" + element.id : "") +
        (element.className && typeof element.className === "string"
          ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      wide.push(`${name} is ${Math.round(box.width)} px wide`);
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, width, wide };
}
"""

#: The article's headings in order, and images or diagrams without a text alternative.
STRUCTURE_JS = """
() => {
  const article = document.querySelector("article[role=main]") || document.body;
  const headings = [...article.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => h.offsetParent !== null || h.getClientRects().length)
    .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.replace("#", "").trim() }));
  const unlabelled = [];
  for (const img of article.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) unlabelled.push(`img ${img.getAttribute("src")} has no alt`);
  }
  for (const svg of article.querySelectorAll("svg")) {
    if (svg.closest("button, a, label, [aria-hidden=true]")) continue;
    if (svg.getAttribute("aria-hidden") === "true") continue;
    const labelledBy = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/)
      .filter(Boolean).map((id) => document.getElementById(id));
    const named = (svg.getAttribute("aria-label") || "").trim() ||
      labelledBy.map((label) => (label ? label.textContent.trim() : "")).join("") ||
      (svg.querySelector(":scope > title") || { textContent: "" }).textContent.trim();
    if (labelledBy.includes(null))
      unlabelled.push("svg diagram labelled by an element that does not exist");
    else if (!named)
      unlabelled.push("svg diagram without a text alternative (aria-label, " +
                      "aria-labelledby or <title>)");
  }
  for (const object of article.querySelectorAll("object, embed, canvas")) {
    if (!(object.getAttribute("aria-label") || object.textContent.trim()))
      unlabelled.push(`${object.tagName.toLowerCase()} without a text alternative`);
  }
  return { headings, unlabelled };
}
"""


@dataclass
class WeightReport:
    """Page weights gathered by the tests, printed and written at the end."""

    path: Path
    pages: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, page: str, sizes: dict[str, int]) -> None:
        self.pages[page] = sizes

    def totals(self) -> dict[str, int]:
        return {page: sum(sizes.values()) for page, sizes in sorted(self.pages.items())}

    def lines(self) -> list[str]:
        totals = self.totals()
        if not totals:
            return []
        lines = [f"{'page':<48} {'KB':>8} {'requests':>9}"]
        for page, total in totals.items():
            lines.append(f"{page:<48} {total / 1024:8.1f} {len(self.pages[page]):9d}")
        average = sum(totals.values()) / len(totals)
        largest = max(totals, key=totals.__getitem__)
        lines.append(
            f"average {average / 1024:.1f} KB (budget {AVERAGE_BUDGET // 1024} KB); "
            f"largest {totals[largest] / 1024:.1f} KB, {largest} "
            f"(budget {LARGEST_BUDGET // 1024} KB); {len(totals)} pages"
        )
        return lines

    def write(self) -> None:
        lines = self.lines()
        if lines:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # pytest hook, called on this object once it is registered as a plugin.
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        lines = self.lines()
        if lines:
            terminalreporter.section("page weight (each page's own transfer)")
            for line in lines:
                terminalreporter.write_line(line)
            terminalreporter.write_line(f"written to {self.path}")
