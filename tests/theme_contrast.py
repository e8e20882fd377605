"""The theme's colours and WCAG contrast, for the tests of pictures drawn in SVG.

The site's pictures (the figures of tests/test_figures.py, the timelines of
timeline.py) are inlined in the page and coloured with furo's CSS variables, so
they follow light and dark mode. axe, in the browser tests, does not judge the
colour of SVG text or shapes: these helpers let a test measure the theme's own
values instead, as WCAG does (text 4.5:1, lines and shapes 3:1).
"""

from __future__ import annotations

import re
from pathlib import Path


def theme_colours() -> dict[str, dict[str, str]]:
    """furo's colour variables in light and dark mode, from the theme's own CSS."""
    import furo  # the site's theme, pinned in requirements.txt

    css = (
        Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
    ).read_text(encoding="utf-8")

    def block(selector: str) -> dict[str, str]:
        for match in re.finditer(
            r"(?<![\w-])" + re.escape(selector) + r"\{([^}]*)\}", css
        ):
            found = dict(re.findall(r"(--color-[\w-]+):(#[0-9a-fA-F]{3,8})", match[1]))
            if "--color-foreground-primary" in found:
                return found
        raise AssertionError(f"no colours for {selector} in furo.css")

    return {"light": block("body"), "dark": block("body[data-theme=dark]")}


def _channels(colour: str) -> list[int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return [int(digits[i : i + 2], 16) for i in (0, 2, 4)]


def _luminance(colour: str) -> float:
    channels = [c / 255 for c in _channels(colour)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rgb``/``#rrggbb`` colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(fill: str, opacity: float, background: str) -> str:
    """The colour a ``fill`` at ``fill-opacity`` shows over ``background``, as a
    browser composites it (in sRGB, to whole 8-bit channels)."""
    return "#" + "".join(
        f"{round(opacity * f + (1 - opacity) * b):02x}"
        for f, b in zip(_channels(fill), _channels(background), strict=True)
    )
