"""`make bench`, the reader's side: how soon a Run button answers, as medians.

Not a test: the machine is shared and noisy, so it reports figures instead of
asserting them (the goals are in issue 19, section 3). It serves the built site
(``make html``; ``SITE_DIR`` to time another build) from 127.0.0.1, as
tests/test_browser_run.py does (Pyodide's files may be cached, as a host lets
them be), opens the page of ``basics/gather_two_tasks`` (its first line is printed
after its own 1 s wait) in Debian's Chromium, and times, each over a fresh
browser profile:

- **first visit**: a profile that never ran anything; the pointer moves onto Run
  and clicks it at once (no time to start early), then click to first line;
- **second Run on the same page**, clicked as soon as the first run ends: click to
  first line, less the example's own 1 s;
- **later visit, new page**: another page of the same profile, in the same browser
  session;
- **later visit, browser restarted**: the same profile in a new browser process
  (nothing left in memory: what a reader who comes back another day meets);
- the same first and later visits with the pointer resting on Run for
  ``--hover`` seconds before the click (a reader's hand on its way to the button);
- the **longest main-thread task** (PerformanceObserver 'longtask', 50 ms and
  over) from the moment the pointer moves until the first line, on each visit.

and, for each, how much of it was Python's start: click to the script's start
(run.js's ``data-start-ms``), the rest being the script's own time to its line.

Every figure is the median of ``--repeat`` (3) rounds; the load average is
printed with them, since two cores are shared with whatever else runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf"))
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, Server, serve  # noqa: E402
from verified_examples.browser import SITE_PYODIDE  # noqa: E402

SCRIPT = "gather_two_tasks.py"
#: When the example prints its first line, by its own clock.
OWN_MS = 1000.0

#: Installed before any of the page's scripts: long tasks, clicks on Run, and when
#: the output panel first shows text after each click (all in the page's clock).
OBSERVE_JS = """
window.__bench = { longtasks: [], clicks: [], firstLines: [], mark: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __bench.longtasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest(".example-run-start"))
    __bench.clicks.push(performance.now());
}, true);
document.addEventListener("DOMContentLoaded", () => {
  for (const out of document.querySelectorAll(".example-run-output")) {
    let empty = true;
    new MutationObserver(() => {
      const now = out.textContent.length > 0;
      if (empty && now) __bench.firstLines.push(performance.now());
      empty = !now;
    }).observe(out, { childList: true, characterData: true, subtree: true });
  }
});
"""


def page_of(site: Path) -> str | None:
    """The first page of the site (path in it) with the example's Run button."""
    for page in sorted(site.rglob("*.html")):
        if f'data-script="{SCRIPT}"' in page.read_text(encoding="utf-8"):
            return page.relative_to(site).as_posix()
    return None


class Visit:
    """The example's page in one tab."""

    def __init__(self, context: Any, server: Server, path: str) -> None:
        self.page = context.new_page()
        self.page.add_init_script(OBSERVE_JS)
        self.page.goto(server.url(path), wait_until="load")
        self.page.wait_for_function("() => window.exampleRunner !== undefined")
        self.block = self.page.locator(f".example-run[data-script='{SCRIPT}']")
        self.button = self.block.locator(".example-run-start")
        self.button.scroll_into_view_if_needed()
        self.page.wait_for_timeout(
            500
        )  # the page's own load is over before the reader acts

    def run(self, hover: float = 0.0) -> tuple[float, float, float]:
        """Click Run (after resting on it ``hover`` s): ms to the first line, the
        longest main-thread task from the pointer's move to that line, and ms to
        the start of the script (run.js's ``data-start-ms``: Python's part)."""
        page = self.page
        seen = page.evaluate(
            "() => { __bench.mark = performance.now(); return __bench.firstLines.length; }"
        )
        self.block.evaluate("(b) => delete b.dataset.exit")
        if hover:
            self.button.hover()
            page.wait_for_timeout(hover * 1000)
        self.button.click()
        page.wait_for_function(
            f"() => __bench.firstLines.length > {seen}", timeout=180_000
        )
        found = page.evaluate(
            """(seen) => {
              const click = __bench.clicks[__bench.clicks.length - 1];
              const first = __bench.firstLines[seen];
              const longest = Math.max(0, ...__bench.longtasks
                .filter(([start, d]) => start + d >= __bench.mark && start <= first)
                .map(([, d]) => d));
              return [first - click, longest];
            }""",
            seen,
        )
        self.block.locator("xpath=self::*[@data-exit]").wait_for(timeout=60_000)
        exit = self.block.get_attribute("data-exit")
        if exit != "0":
            raise RuntimeError(f"the run ended with {exit!r}")
        return found[0], found[1], float(self.block.get_attribute("data-start-ms") or 0)

    def close(self) -> None:
        self.page.close()


@contextmanager
def profile_browser(playwright: Any, profile: Path, server: Server) -> Iterator[Any]:
    """Chromium on the profile in ``profile`` (created when new)."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900},
    )
    outside: list[str] = []

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    # A pattern, matched by Playwright's driver: a Python predicate would hold every
    # request while this script waits.
    context.route(re.compile(rf"^(?!{re.escape(server.origin)}/)"), refuse)
    try:
        yield context
    finally:
        context.close()
        if outside:
            raise RuntimeError(f"requests to other hosts: {outside}")


def one_round(
    playwright: Any, server: Server, path: str, hover: float
) -> dict[str, float]:
    """Every measure once, each starting from a fresh profile where it says so."""
    got: dict[str, float] = {}

    def measure(key: str, visit: Visit, hover: float = 0.0) -> None:
        got[key], got[f"{key}_task"], got[f"{key}_start"] = visit.run(hover)

    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        profile = Path(tmp) / "profile"
        with profile_browser(playwright, profile, server) as context:
            visit = Visit(context, server, path)
            measure("first", visit)
            measure("second", visit)
            got["second"] -= OWN_MS
            # The snapshot is in the browser's storage before the reader leaves.
            visit.page.evaluate("() => window.exampleRunner.warm()")
            visit.close()
            visit = Visit(context, server, path)
            measure("later", visit)
            visit.page.evaluate("() => window.exampleRunner.warm()")
            visit.close()
        with profile_browser(playwright, profile, server) as context:
            visit = Visit(context, server, path)
            measure("restart", visit)
            visit.close()
    if hover:
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
            profile = Path(tmp) / "profile"
            with profile_browser(playwright, profile, server) as context:
                visit = Visit(context, server, path)
                measure("first_hover", visit, hover)
                visit.page.evaluate("() => window.exampleRunner.warm()")
                visit.close()
            with profile_browser(playwright, profile, server) as context:
                visit = Visit(context, server, path)
                measure("restart_hover", visit, hover)
                visit.close()
    return got


ROWS = [
    ("first", "first visit (fresh profile), click to first line", 2500),
    ("later", "later visit (same profile, new page), click to first line", 1500),
    (
        "restart",
        "later visit (same profile, browser restarted), click to first line",
        1500,
    ),
    ("second", "second Run on the same page, beyond the example's own 1 s", 100),
    ("first_hover", "first visit, pointer on Run {hover} s before the click", None),
    ("restart_hover", "later visit (restarted), pointer on Run {hover} s before", None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--hover",
        type=float,
        default=0.5,
        help="seconds on Run before a click (0: skip)",
    )
    args = parser.parse_args()
    site = ROOT / os.environ.get("SITE_DIR", "_build/html")
    path = page_of(site) if site.is_dir() else None
    if path is None:
        print(
            f"no page in {site} runs {SCRIPT}: run `make html` first", file=sys.stderr
        )
        return 2
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        print(f"Chromium is not installed at {CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()
    rounds: list[dict[str, float]] = []
    with serve(site, cached=(SITE_PYODIDE + "/",)) as server, sync_playwright() as pw:
        for _ in range(args.repeat):
            rounds.append(one_round(pw, server, path, args.hover))
    after = os.getloadavg()

    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    print(
        f"Run on {path} ({SCRIPT}), medians of {len(rounds)}; load average "
        f"{load[0]:.2f} before, {after[0]:.2f} after ({os.cpu_count()} cores)"
    )
    for key, label, goal in ROWS:
        if key not in rounds[0]:
            continue
        each = " ".join(f"{r[key]:.0f}" for r in rounds)
        target = f"  (goal {goal} ms)" if goal else ""
        print(
            f"  {label.format(hover=args.hover):<72} {median(key):6.0f} ms"
            f"  [{each}]{target}"
        )
    starts = [k for k in rounds[0] if k.endswith("_start")]
    print(
        "  of which click to the script's start (Python's part): "
        + ", ".join(f"{k.removesuffix('_start')} {median(k):.0f} ms" for k in starts)
    )
    tasks = [k for k in rounds[0] if k.endswith("_task")]
    print(
        "  longest main-thread task while Python starts (goal 200 ms): "
        + ", ".join(f"{k.removesuffix('_task')} {median(k):.0f} ms" for k in tasks)
        + f"; worst of all {max(r[k] for r in rounds for k in tasks):.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
