"""Figures that are not timelines: drawn by code here, committed as SVG files.

A page inlines its figure (``{raw} html`` with ``:file:``), so the picture is coloured
with the theme's CSS variables and follows light and dark mode, as the timelines do.
Each test below draws a figure again and compares it with the committed file, so a
hand edit of the SVG, or a change of the drawing not yet written out, fails. A figure
that states how asyncio behaves also has that behaviour checked, on the Python that
runs the tests, and its colours are measured against the theme's, in light and dark
mode (axe, in the browser tests, does not see the colour of SVG text).

Redraw the figures after changing a drawing::

    .venv/bin/python tests/test_figures.py
"""

from __future__ import annotations

import asyncio
import html
import re
import selectors
import socket
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from theme_contrast import contrast, theme_colours

DOCS_DIR = Path(__file__).resolve().parents[1] / "docs"
REDRAW = ".venv/bin/python tests/test_figures.py"

# -- The event loop's turn (docs/basics/event-loop.md) -------------------------------

#: Each step of one turn: a heading and the lines under it, as the figure shows them.
LOOP_TURN = [
    (
        "1. Run the callbacks that are ready, one after the other",
        [
            "Each runs to its end. A task's step is one: it runs until the",
            "task awaits something that has to wait. Callbacks added",
            "meanwhile (a task woken up, call_soon()) wait for the next turn.",
        ],
    ),
    (
        "2. Wait for I/O: the selector's select(timeout)",
        [
            "timeout: 0 if a callback is ready; else until the next timer",
            "is due; else no limit. The thread sleeps here, using no CPU.",
        ],
    ),
    (
        "3. Queue what is due",
        [
            "Callbacks of sockets and pipes that became ready, and of",
            "timers whose time has come, join the ready callbacks.",
        ],
    ),
]
LOOP_TURN_TITLE = "One turn of the event loop"

#: Colours are the theme's (furo's CSS variables), with fallbacks for a page without
#: them; the class prefix keeps these rules off the site's other pictures.
LOOP_TURN_STYLE = """
.loopturn text{font:13px var(--font-stack,sans-serif);fill:var(--color-foreground-primary,#222)}
.loopturn .head{font-weight:bold}
.loopturn .muted{fill:var(--color-foreground-secondary,#555)}
.loopturn .box{fill:var(--color-background-secondary,#f8f9fb);stroke:var(--color-brand-primary,#2962ff);stroke-width:1.5}
.loopturn .arrow{fill:none;stroke:var(--color-foreground-secondary,#555);stroke-width:1.5}
.loopturn .head-of-arrow{fill:var(--color-foreground-secondary,#555)}
"""

WIDTH = 490
BOX_X = 8
BOX_W = 420
LINE = 18
GAP = 28  # between two boxes, where the arrow goes
LANE_X = 462  # the vertical line of the arrow back to the first step


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _arrow_head(x: float, y: float, direction: str) -> str:
    """A small filled triangle whose tip is at (x, y), pointing down or left."""
    if direction == "down":
        points = [(x, y), (x - 5, y - 8), (x + 5, y - 8)]
    else:
        points = [(x, y), (x + 8, y - 5), (x + 8, y + 5)]
    path = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
    return f'<polygon class="head-of-arrow" points="{path}"/>'


def loop_turn_description() -> str:
    """The text alternative: every word of the picture, in reading order."""
    steps = " ".join(f"{head}: {' '.join(lines)}" for head, lines in LOOP_TURN)
    return f"{steps} Then the next turn begins with step 1."


def draw_loop_turn() -> str:
    """The SVG of one turn of the event loop: three steps in a cycle."""
    out: list[str] = []
    y = 8.0
    tops: list[float] = []
    bottoms: list[float] = []
    for i, (head, lines) in enumerate(LOOP_TURN):
        height = 14 + LINE * (1 + len(lines)) + 8
        tops.append(y)
        bottoms.append(y + height)
        out.append(
            f'<rect class="box" x="{BOX_X}" y="{_num(y)}" width="{BOX_W}" '
            f'height="{_num(height)}" rx="6"/>'
        )
        text_y = y + 14 + 13
        out.append(
            f'<text class="head" x="{BOX_X + 12}" y="{_num(text_y)}">'
            f"{html.escape(head)}</text>"
        )
        for line in lines:
            text_y += LINE
            out.append(
                f'<text class="muted" x="{BOX_X + 12}" y="{_num(text_y)}">'
                f"{html.escape(line)}</text>"
            )
        y += height
        if i < len(LOOP_TURN) - 1:
            mid = BOX_X + BOX_W / 2
            out.append(
                f'<line class="arrow" x1="{_num(mid)}" y1="{_num(y)}" '
                f'x2="{_num(mid)}" y2="{_num(y + GAP - 2)}"/>'
            )
            out.append(_arrow_head(mid, y + GAP, "down"))
            y += GAP
    # Back from the last step to the first: out to the right, up, and in again.
    right = BOX_X + BOX_W
    start_y = (tops[-1] + bottoms[-1]) / 2
    end_y = (tops[0] + bottoms[0]) / 2
    out.append(
        f'<path class="arrow" d="M{right} {_num(start_y)}H{LANE_X}'
        f'V{_num(end_y)}H{right + 9}"/>'
    )
    out.append(_arrow_head(right + 1, end_y, "left"))
    label_y = (start_y + end_y) / 2
    out.append(
        f'<text x="{LANE_X + 16}" y="{_num(label_y)}" text-anchor="middle" '
        f'transform="rotate(-90 {LANE_X + 16} {_num(label_y)})">next turn</text>'
    )
    height = y + 8
    return (
        "\n".join(
            [
                f'<svg class="loopturn" xmlns="http://www.w3.org/2000/svg" '
                f'viewBox="0 0 {WIDTH} {_num(height)}" width="{WIDTH}" '
                'style="max-width:100%;height:auto" role="img" '
                'aria-labelledby="loopturn-title loopturn-desc">',
                f'<title id="loopturn-title">{LOOP_TURN_TITLE}</title>',
                f'<desc id="loopturn-desc">{html.escape(loop_turn_description())}</desc>',
                f"<style>{LOOP_TURN_STYLE.strip()}</style>",
                *out,
                "</svg>",
            ]
        )
        + "\n"
    )


#: Each committed figure and the function that draws it.
FIGURES: dict[Path, Callable[[], str]] = {
    DOCS_DIR / "basics" / "event-loop-turn.svg": draw_loop_turn,
}


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_figure_is_current(path: Path) -> None:
    """The committed SVG is exactly what its drawing function gives now."""
    drawn = FIGURES[path]()
    assert path.exists(), f"{path} is missing: run `{REDRAW}`"
    assert path.read_text(encoding="utf-8") == drawn, (
        f"{path.relative_to(DOCS_DIR.parent)} is not what tests/test_figures.py "
        f"draws: run `{REDRAW}` and review the diff"
    )


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_figure_is_shown_and_described(path: Path) -> None:
    """A page inlines the figure, and the picture carries its words as text."""
    pages = [
        page
        for page in DOCS_DIR.rglob("*.md")
        if f":file: {path.name}" in page.read_text(encoding="utf-8")
        and page.parent == path.parent
    ]
    assert pages, f"no page in {path.parent} shows {path.name} with {{raw}} :file:"
    svg = ET.fromstring(path.read_text(encoding="utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    ids = {e.get("id"): e for e in svg.iter() if e.get("id")}
    for ident in (svg.get("aria-labelledby") or "").split():
        assert (ids[ident].text or "").strip(), f"#{ident} is empty"
    # Everything written in the picture is also in its text alternative.
    desc = svg.find(f"{ns}desc")
    assert desc is not None
    for text in svg.iter(f"{ns}text"):
        words = (text.text or "").strip()
        assert words in (desc.text or "") or words == "next turn", words


#: What each class of the figure draws over, and how much contrast it needs: text
#: 4.5:1 (WCAG AA, as axe's color-contrast rule asks), lines and shapes 3:1 (WCAG
#: 1.4.11). axe reads a text's CSS ``color``, not the ``fill`` SVG text is painted
#: with, so it passes any colour here: this test measures the theme's own values.
LOOP_TURN_CONTRAST = [
    # (the rule in LOOP_TURN_STYLE, its colour property, what it is drawn over, ratio)
    (".loopturn text", "fill", "--color-background-secondary", 4.5),  # in a box
    (".loopturn text", "fill", "--color-background-primary", 4.5),  # "next turn"
    (".loopturn .muted", "fill", "--color-background-secondary", 4.5),
    (".loopturn .box", "stroke", "--color-background-primary", 3.0),
    (".loopturn .arrow", "stroke", "--color-background-primary", 3.0),
    (".loopturn .head-of-arrow", "fill", "--color-background-primary", 3.0),
]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_figure_contrast_in_the_theme(mode: str) -> None:
    """Every colour the figure uses, with the theme's values, in light and dark mode."""
    colours = theme_colours()[mode]
    for rule, prop, back, needed in LOOP_TURN_CONTRAST:
        body = re.search(re.escape(rule) + r"\{([^}]*)\}", LOOP_TURN_STYLE)
        assert body, f"no rule {rule} in LOOP_TURN_STYLE"
        fore = re.search(rf"(?<![\w-]){prop}:var\((--[\w-]+)", body[1])
        assert fore, f"{rule} sets no {prop} from a theme variable"
        ratio = contrast(colours[fore[1]], colours[back])
        assert ratio >= needed, (
            f"{mode}: {rule} ({prop}: {fore[1]}, {colours[fore[1]]}) on {back} "
            f"({colours[back]}) has contrast {ratio:.2f}, below {needed}:1"
        )


class RecordingSelector(selectors.DefaultSelector):
    """The default selector, recording the timeout of each wait in the turns' log."""

    def __init__(self, log: list[tuple[str, object]]) -> None:
        super().__init__()
        self.log = log

    def select(
        self, timeout: float | None = None
    ) -> list[tuple[selectors.SelectorKey, int]]:
        events = super().select(timeout)
        self.log.append(("wait", timeout))
        return events


def _run(
    main: Callable[[asyncio.AbstractEventLoop], object],
) -> list[tuple[str, object]]:
    """Run ``main(loop)`` (a coroutine) on a selector loop that records its turns."""
    log: list[tuple[str, object]] = []
    loop = asyncio.SelectorEventLoop(RecordingSelector(log))
    try:
        loop.run_until_complete(main(loop))  # type: ignore[arg-type]
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()
    return log


def test_the_loop_turns_as_the_figure_shows() -> None:
    """Step 1, then 2, then 3, again and again: on this Python's selector loop."""

    async def main(loop: asyncio.AbstractEventLoop) -> None:
        log = loop._selector.log  # type: ignore[attr-defined]

        def callback(name: str) -> None:
            log.append(("run", name))

        woken = loop.create_future()

        async def sleeper() -> None:
            await woken
            log.append(("run", "task woken up"))

        def adds_one() -> None:
            log.append(("run", "adds one"))
            loop.call_soon(callback, "added meanwhile")
            woken.set_result(None)  # wakes sleeper(): its next step is queued

        sleeping = loop.create_task(sleeper())
        await asyncio.sleep(0)  # sleeper() runs its first step, up to its await
        log.clear()
        loop.call_later(0.4, callback, "timer at 0.4 s")
        loop.call_soon(callback, "ready")
        loop.call_soon(adds_one)
        reader, writer = socket.socketpair()
        with reader, writer:
            reader.setblocking(False)

            def readable() -> None:
                log.append(("run", f"reader got {reader.recv(8)!r}"))
                loop.remove_reader(reader)

            loop.add_reader(reader, readable)
            loop.call_later(0.2, writer.send, b"x")
            await asyncio.sleep(0.5)
        await sleeping

    log = _run(main)
    # Callbacks are ready, so the wait is 0; they run one after the other, and the
    # ones added meanwhile (a callback, a task woken up) wait for the next turn,
    # after another wait of 0.
    assert log[:6] == [
        ("wait", 0),
        ("run", "ready"),
        ("run", "adds one"),
        ("wait", 0),
        ("run", "added meanwhile"),
        ("run", "task woken up"),
    ], log
    # Nothing is ready then: the wait lasts until the next timer, the send at 0.2 s.
    kind, timeout = log[6]
    assert kind == "wait", log
    assert isinstance(timeout, float), log
    assert 0 < timeout <= 0.2, log
    # The socket became readable during a wait: its callback ran after it; then the
    # timer's, after a wait bounded by the time left until it (0.2 s at most).
    runs = [what for kind, what in log if kind == "run"]
    assert runs[4:] == ["reader got b'x'", "timer at 0.4 s"], log
    reader_at = log.index(("run", "reader got b'x'"))
    assert log[reader_at - 1][0] == "wait", log
    kind, timeout = log[log.index(("run", "timer at 0.4 s")) - 1]
    assert kind == "wait", log
    assert isinstance(timeout, float), log
    assert 0 <= timeout <= 0.2 + 0.001, log


def test_with_no_timer_the_wait_has_no_limit() -> None:
    """No callback ready and no timer: select(None), and the thread uses no CPU."""

    async def main(loop: asyncio.AbstractEventLoop) -> None:
        log = loop._selector.log  # type: ignore[attr-defined]
        done = loop.create_future()
        cpu = time.process_time()

        def in_a_thread() -> None:
            time.sleep(0.3)  # the loop has nothing to do meanwhile
            loop.call_soon_threadsafe(done.set_result, None)

        log.clear()
        worker = loop.run_in_executor(None, in_a_thread)
        await done
        await worker
        log.append(("cpu", time.process_time() - cpu))

    log = _run(main)
    assert ("wait", None) in log, log
    [(_, cpu)] = [entry for entry in log if entry[0] == "cpu"]
    assert isinstance(cpu, float), log
    assert cpu < 0.1, log


def redraw() -> None:
    for path, draw in FIGURES.items():
        path.write_text(draw(), encoding="utf-8")
        print(f"wrote {path.relative_to(DOCS_DIR.parent)}")


if __name__ == "__main__":
    redraw()
    sys.exit(0)
