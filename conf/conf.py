"""Sphinx configuration for the site. Built with ``sphinx-build -c conf docs <out>``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the project's own extension: verified_examples

project = "asyncio by example"
author = "the asyncio by example authors"
copyright = "2026, the asyncio by example authors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "verified_examples.sphinxext",
]

root_doc = "index"
exclude_patterns = ["_build", ".venv"]
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
html_css_files = ["examples.css"]

# Strictness: the Makefile builds with -W --keep-going -n; every reference must resolve.
nitpicky = True
nitpick_ignore: list[tuple[str, str]] = []

# asyncio names link to the official reference. The build reads a committed
# inventory (written by `make inventory`), so it needs no network and links the same
# on every machine.
intersphinx_mapping = {
    "python": (
        "https://docs.python.org/3",
        os.environ.get("PYTHON_INVENTORY") or str(HERE / "_intersphinx" / "python.inv"),
    )
}

# MyST: fenced directives only, plus a few conveniences for prose.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Theme
html_theme = "furo"
html_title = "asyncio by example"
html_show_sourcelink = False
pygments_style = "friendly"
pygments_dark_style = "monokai"

# Copy buttons copy code only: no "$ " or ">>> " prompts, and none on output blocks.
copybutton_selector = "div:not(.example-output) > div.highlight > pre"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_exclude = ".linenos, .gp, .go"

# Link checking needs no network by default: `make linkcheck` checks the site's own
# pages, files and anchors; set LINKCHECK_EXTERNAL=1 to check outside links as well.
if not os.environ.get("LINKCHECK_EXTERNAL"):
    linkcheck_ignore = [r"https?://"]
linkcheck_anchors = True
