"""Sphinx configuration for the site. Built with ``sphinx-build -c conf docs <out>``."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

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
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
    "sphinx_reredirects",
]
# A page that moves keeps its old address: a reader's bookmark or a link from
# elsewhere lands on the new page (an HTML redirect written at the old path).
redirects = {
    "basics/gather": "tasks.html",
    "tasks/eager-tasks": "../lowlevel/eager-tasks.html",
}

root_doc = "index"
exclude_patterns = ["_build", ".venv"]
templates_path = [str(HERE / "_templates")]
html_static_path = [str(HERE / "_static")]
# a11y.css and a11y.js: accessibility fixes the browser tests found (see each file).
html_css_files = ["examples.css", "a11y.css"]
html_js_files = [("a11y.js", {"defer": "defer"}), ("examples.js", {"defer": "defer"})]

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

# Hosting. Where the site is published: Read the Docs says so itself
# (READTHEDOCS_CANONICAL_URL); the GitHub Pages workflow passes SITE_URL; any other
# build uses SITE_BASE_URL, the placeholder to change to the real address. It gives
# every page its canonical link, the sitemap's addresses, the Open Graph URLs and the
# path prefix of the 404 page's links (which must be absolute: it is served for any
# missing address).
SITE_BASE_URL = "https://example.org/asyncio-by-example/"
# "Edit this page" links point here (change it to the project's real repository).
REPOSITORY_URL = "https://github.com/OWNER/asyncio-by-example"
REPOSITORY_BRANCH = "main"

html_baseurl = (
    os.environ.get("READTHEDOCS_CANONICAL_URL")
    or os.environ.get("SITE_URL")
    or SITE_BASE_URL
).rstrip("/") + "/"

# sphinx-sitemap: sitemap.xml lists the pages under html_baseurl, which already holds
# any language/version path, so links are not prefixed again.
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "genindex.html", "404.html"]

# sphinxext-opengraph: title, description and URL for link previews. No social card
# images: they would need matplotlib and a font download.
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_social_cards = {"enable": False}
# Its import prints that matplotlib (for those cards) is missing: keep builds quiet.
with contextlib.redirect_stdout(io.StringIO()):
    importlib.import_module("sphinxext.opengraph")

# sphinx-notfound-page: 404.html, with links absolute under the base URL's path.
notfound_urls_prefix = urlparse(html_baseurl).path
notfound_context = {
    "title": "Page not found",
    "body": (
        "<h1>Page not found</h1>\n<p>There is no page at this address. Start from "
        '<a href="' + notfound_urls_prefix + 'index.html">the first page</a> or use '
        "the search.</p>"
    ),
}

# furo: "edit this page" and "view source" links on every page (plain links).
html_theme_options = {
    "source_repository": REPOSITORY_URL.rstrip("/") + "/",
    "source_branch": REPOSITORY_BRANCH,
    "source_directory": "docs/",
}

# The left sidebar: furo's own, plus a link to every example in one zip.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/examples-archive.html",
        "sidebar/ethical-ads.html",
        "sidebar/scroll-end.html",
        "sidebar/variant-selector.html",
    ]
}

# Every example in one download, written with the site: examples/**/*.py and *.out
# under one folder, in a stable order with fixed timestamps and modes, so two builds
# of the same examples give the same bytes.
EXAMPLES_ROOT = HERE.parent / "examples"
EXAMPLES_ARCHIVE = "_downloads/asyncio-by-example-examples.zip"
ARCHIVE_FOLDER = "asyncio-by-example-examples"
html_context = {"examples_archive": EXAMPLES_ARCHIVE}


def archive_members(root: Path = EXAMPLES_ROOT) -> list[Path]:
    """The files the archive holds, relative to ``root``, in archive order."""
    files = [*root.rglob("*.py"), *root.rglob("*.out")]
    return sorted(
        (path.relative_to(root) for path in files if "__pycache__" not in path.parts),
        key=lambda path: path.as_posix(),
    )


def write_examples_archive(target: Path, root: Path = EXAMPLES_ROOT) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for member in archive_members(root):
            info = zipfile.ZipInfo(
                f"{ARCHIVE_FOLDER}/{member.as_posix()}", date_time=(1980, 1, 1, 0, 0, 0)
            )
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, wherever it is built
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (root / member).read_bytes(), compresslevel=9)
    partial.replace(target)


def _build_examples_archive(app: Any, exception: BaseException | None) -> None:
    if exception is None and app.builder.format == "html":
        # The examples this build shows (examples_dir, set by verified_examples).
        root = Path(getattr(app.config, "examples_dir", EXAMPLES_ROOT))
        write_examples_archive(Path(app.outdir) / EXAMPLES_ARCHIVE, root)


# A toctree's caption ("Contents") is marked role="heading" with no aria-level, which
# ARIA requires (axe-core: aria-required-attr, critical). Give the captions in the
# page body and in furo's navigation sidebar level 2, after furo built the sidebar.
_CAPTION = 'class="caption" role="heading"'


def _caption_heading_level(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in ("body", "furo_navigation_tree"):
        if isinstance(context.get(key), str):
            context[key] = context[key].replace(_CAPTION, f'{_CAPTION} aria-level="2"')


def setup(app: Any) -> None:
    app.connect("build-finished", _build_examples_archive)
    app.connect("html-page-context", _caption_heading_level, priority=900)
