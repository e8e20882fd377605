"""The ``example`` directive: one line on a page shows one verified example.

    ```{example} basics/gather_two_tasks
    ```

renders, the same way on every page: the script (with its file name and a download
link), the command that runs it, its expected output (the committed ``.out`` file
that the tests compare every run against), the Python version it needs and the
running time its manifest declares, which the tests assert.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .catalog import MANIFEST, Example, ManifestError, find
from .checks import update_command
from .runner import reader_command

logger = logging.getLogger(__name__)


def _literal(text: str, language: str, classes: list[str]) -> nodes.literal_block:
    block = nodes.literal_block(text, text, classes=classes)
    block["language"] = language
    return block


def _captioned(
    caption: nodes.Node, block: nodes.literal_block, classes: list[str]
) -> nodes.container:
    wrapper = nodes.container(
        "", literal_block=True, classes=["literal-block-wrapper", *classes]
    )
    wrapper += nodes.caption("", "", caption)
    wrapper += block
    return wrapper


def _timing_note(example: Example) -> str:
    if example.real_only:
        return (
            f"Takes about {example.elapsed:.2f} s; the tests check that on the real clock, "
            f"allowing up to {example.tolerance:.2f} s more on a busy machine, so timings "
            "on yours may differ slightly."
        )
    return (
        f"Takes {example.elapsed:.2f} s; the tests check that exactly on a "
        "fast-forwarding clock, and again on the real clock."
    )


class ExampleDirective(SphinxDirective):
    """Show an example from ``examples/``: code, run command, output, facts."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].removesuffix(".py")
        root: Path = self.env.app.config.examples_dir
        chapter = root / name.partition("/")[0]
        # Rebuild this page when anything in the example's chapter changes, even if
        # the example is broken now (the author is fixing it).
        self.env.note_dependency(str(chapter / MANIFEST))
        self.env.note_dependency(str(root / f"{name}.py"))
        try:
            example = find(name, root)
        except (LookupError, ManifestError) as error:
            raise self.error(str(error)) from None
        self.env.note_dependency(str(example.out_path))

        source = example.path.read_text(encoding="utf-8")
        root = nodes.container(
            classes=["example"],
            ids=[f"example-{name.replace('/', '-').replace('_', '-')}"],
        )
        root += _captioned(
            nodes.Text(example.path.name),
            _literal(source, "python", ["example-code"]),
            ["example-code-wrapper"],
        )
        root += _literal(f"$ {reader_command(example)}", "console", ["example-command"])

        output = example.expected_output()
        if output is None:
            logger.warning(
                "examples/%s.out is missing: run `%s`",
                name,
                update_command(example),
                location=(self.env.docname, self.lineno),
            )
            output = "(no expected output yet)"
        root += _captioned(
            nodes.Text("Output"),
            _literal(output, "text", ["example-output"]),
            ["example-output-wrapper"],
        )

        facts = nodes.paragraph(classes=["example-facts"])
        download = addnodes.download_reference(
            "",
            "",
            nodes.literal("", example.path.name),
            reftarget="/" + os.path.relpath(example.path, self.env.srcdir),
            refdoc=self.env.docname,
            refexplicit=True,
            reftype="download",
            refdomain="",
        )
        facts += nodes.Text("Download ")
        facts += download
        facts += nodes.Text(
            f" · Python {example.python_label} or newer · {_timing_note(example)}"
        )
        root += facts
        return [root]


def setup(app: Sphinx) -> dict[str, Any]:
    from .catalog import EXAMPLES_DIR

    app.add_config_value("examples_dir", EXAMPLES_DIR, "env", types=frozenset({Path}))
    app.add_directive("example", ExampleDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
