"""Draw a run's trace as a small SVG timeline: one row per coroutine, time across.

Deterministic: the same trace gives the same bytes (fixed number formats, no ids
from memory), so the site only changes when an example does. The picture is inlined
in the page and coloured with the theme's CSS variables, so it follows light and
dark mode; its ``<title>``/``<desc>`` carry a text alternative.
"""

from __future__ import annotations

import html
from typing import Any

ROW = 22
BAR = 12
PLOT = 480
TOP = 30
CHAR = 7.2
#: Waiting states drawn as waiting; "child" means waiting for a coroutine of its own.
WAITING = {
    "sleep",
    "lock",
    "semaphore",
    "event",
    "condition",
    "barrier",
    "queue",
    "await",
    "children",
    "gather",
    "task",
}
MARKS = {"cancelled": "✕", "failed": "!", "destroyed": "†"}
STYLE = """
.tl text{font:11px var(--font-stack--monospace,monospace);fill:var(--color-foreground-primary,#222)}
.tl .muted{fill:var(--color-foreground-secondary,#555)}
.tl .axis{stroke:var(--color-foreground-border,#949494);stroke-width:1}
.tl .life{fill:none;stroke:var(--color-brand-primary,#2962ff);stroke-width:1.5}
.tl .wait{fill:var(--color-brand-primary,#2962ff);fill-opacity:.24}
.tl .child{fill:none;stroke:var(--color-brand-primary,#2962ff);stroke-width:1;stroke-dasharray:3 2}
.tl .cancelled .life{stroke:var(--color-foreground-secondary,#555);stroke-dasharray:4 2}
.tl .failed .life{stroke:#d32f2f}
.tl .ran{stroke:var(--color-foreground-primary,#222);stroke-width:2}
.tl .print{fill:var(--color-foreground-primary,#222)}
"""


def rows_of(trace: dict[str, Any]) -> list[dict[str, Any]]:
    return list(trace.get("rows", []))


def worth_drawing(trace: dict[str, Any] | None) -> bool:
    """A timeline helps when more than one coroutine shares the time."""
    return trace is not None and len(rows_of(trace)) > 1 and trace.get("end", 0) > 0


def _step(end: float) -> float:
    for step in (
        0.1,
        0.2,
        0.25,
        0.5,
        1,
        2,
        5,
        10,
        20,
        30,
        60,
        120,
        300,
        600,
        1800,
        3600,
    ):
        if end / step <= 8:
            return step
    return end


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _seconds(t: float) -> str:
    return f"{t:.2f} s"


def describe(trace: dict[str, Any], name: str) -> str:
    """The text alternative: what the picture shows, row by row."""
    parts = []
    for row in rows_of(trace):
        text = f"{row['label']} from {row['start']:.2f} to {row['end']:.2f} s"
        waits = sorted({s for _, _, s in row["segments"] if s in WAITING})
        if waits:
            text += f" (waiting on {', '.join(waits)})"
        if row["outcome"] != "done":
            text += f", {row['outcome']}"
        parts.append(text)
    return (
        f"Timeline of {name}: "
        + "; ".join(parts)
        + f"; total {_seconds(trace['end'])}."
    )


def render(
    trace: dict[str, Any], *, name: str, ident: str, end: float | None = None
) -> str:
    """The SVG for ``trace``; ``end`` fixes the time axis (to compare two pictures)."""
    rows = rows_of(trace)
    span = max(end or 0.0, trace["end"]) or 1.0
    label_w = min(max(len("printed"), *(len(r["label"]) for r in rows)), 22) * CHAR + 12
    width = label_w + PLOT + 40
    prints_y = TOP + len(rows) * ROW + 6
    axis_y = prints_y + 18
    height = axis_y + 32

    def x(t: float) -> str:
        return _fmt(label_w + t / span * PLOT)

    out = [
        f'<svg class="tl" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(width)} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">Timeline of {html.escape(name)}</title>',
        f'<desc id="{ident}-desc">{html.escape(describe(trace, name))}</desc>',
        f"<style>{STYLE.strip()}</style>",
        # Legend: shapes and words, so colour is never the only carrier of meaning.
        '<g class="legend">'
        f'<line class="ran" x1="{_fmt(label_w + 4)}" x2="{_fmt(label_w + 4)}" y1="5" y2="17"/>'
        f'<text x="{_fmt(label_w + 10)}" y="15">runs</text>'
        f'<rect class="wait" x="{_fmt(label_w + 50)}" y="6" width="16" height="10"/>'
        f'<text x="{_fmt(label_w + 70)}" y="15">waits (on what)</text>'
        f'<rect class="child" x="{_fmt(label_w + 190)}" y="6" width="16" height="10"/>'
        f'<text x="{_fmt(label_w + 210)}" y="15">awaits a coroutine</text>'
        f'<text x="{_fmt(label_w + 350)}" y="15">✕ cancelled ! failed</text></g>',
    ]
    for i, row in enumerate(rows):
        y = TOP + i * ROW
        bar_y = y + (ROW - BAR) / 2
        out.append(f'<g class="row {row["outcome"]}">')
        out.append(
            f'<text x="{_fmt(label_w - 8)}" y="{y + 15}" text-anchor="end">{html.escape(row["label"][:22])}</text>'
        )
        start, stop = row["start"], row["end"]
        bar_w = max(float(x(stop)) - float(x(start)), 2.0)
        out.append(
            f'<rect class="life" x="{x(start)}" y="{_fmt(bar_y)}" width="{_fmt(bar_w)}" height="{BAR}"/>'
        )
        for t0, t1, state in row["segments"]:
            w = float(x(t1)) - float(x(t0))
            if state == "child":
                out.append(
                    f'<rect class="child" x="{x(t0)}" y="{_fmt(bar_y + 1)}" width="{_fmt(w)}" height="{BAR - 2}"/>'
                )
            elif state in WAITING:
                out.append(
                    f'<rect class="wait" x="{x(t0)}" y="{_fmt(bar_y + 1)}" width="{_fmt(w)}" height="{BAR - 2}"/>'
                )
                if w >= len(state) * 6.5 + 6:
                    out.append(
                        f'<text class="muted" x="{_fmt(float(x(t0)) + 4)}" y="{y + 14}">{state}</text>'
                    )
        for t in row["ran"]:
            out.append(
                f'<line class="ran" x1="{x(t)}" x2="{x(t)}" y1="{_fmt(bar_y - 2)}" y2="{_fmt(bar_y + BAR + 2)}"/>'
            )
        mark = MARKS.get(row["outcome"])
        if mark:
            out.append(
                f'<text x="{_fmt(float(x(stop)) + 4)}" y="{y + 15}">{mark}</text>'
            )
        out.append("</g>")
    out.append(
        f'<text class="muted" x="{_fmt(label_w - 8)}" y="{prints_y + 9}" text-anchor="end">printed</text>'
    )
    for t, line in trace.get("prints", []):
        out.append(
            f'<path class="print" d="M{x(t)} {prints_y}l4 9h-8z"><title>{_seconds(t)}: {html.escape(line)}</title></path>'
        )
    out.append(
        f'<line class="axis" x1="{_fmt(label_w)}" x2="{_fmt(label_w + PLOT)}" y1="{axis_y}" y2="{axis_y}"/>'
    )
    step = _step(span)
    tick = 0.0
    while tick <= span + 1e-9:
        out.append(
            f'<line class="axis" x1="{x(tick)}" x2="{x(tick)}" y1="{axis_y}" y2="{axis_y + 4}"/>'
        )
        out.append(
            f'<text class="muted" x="{x(tick)}" y="{axis_y + 16}" text-anchor="middle">{tick:g} s</text>'
        )
        tick = round(tick + step, 6)
    out.append(
        f'<text x="{_fmt(label_w + PLOT)}" y="{axis_y + 30}" text-anchor="end">total {_seconds(trace["end"])}</text>'
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"
