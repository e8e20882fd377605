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
from .checks import check_process, compare_output, update_command
from .live import fresh_run
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
        root = Path(self.config.examples_dir)
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
        self.env.note_dependency(str(example.stamps_path))

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

        output, notes = self._output(example)
        root += notes
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

    def _output(self, example: Example) -> tuple[str, list[nodes.Node]]:
        """The output to show, and any notice about it.

        The strict build shows the committed .out file and warns (so fails) when it
        is missing or its script changed since it was written. The live preview
        instead runs a changed script and shows what it prints now, with a notice
        when that differs from the committed file or when the run fails.
        """
        committed = example.expected_output()
        reason = example.stale_reason()
        location = (self.env.docname, self.lineno)
        if reason is None:
            return committed or "", []
        if not self.config.examples_live:
            logger.warning(reason, location=location, type="example", subtype="stale")
            return committed or "(no expected output yet)", []

        cache = Path(self.env.app.doctreedir) / "example-runs"
        result = fresh_run(example, cache)
        problems = check_process(result)
        rel = f"examples/{example.name}"
        if problems:
            text = "\n\n".join(map(str, problems))
            logger.warning("%s fails:\n%s", rel + ".py", text, location=location)
            notice = nodes.error(
                "",
                nodes.paragraph(
                    "",
                    f"{rel}.py does not run cleanly; the output below is the last "
                    "committed one. What the run reported:",
                ),
                _literal(text, "text", ["example-problem"]),
                classes=["example-error"],
            )
            return committed or "", [notice]
        tolerance = None if result.clock == "virtual" else example.tolerance
        if committed is not None and compare_output(
            committed, result.stdout, tolerance
        ):
            return committed, []
        message = (
            f"{rel}.out is stale: below is what the script prints now. "
            f"Run `{update_command(example)}` to update the file, then review its diff."
        )
        logger.warning(message, location=location, type="example", subtype="stale")
        notice = nodes.warning(
            "", nodes.paragraph("", message), classes=["example-stale"]
        )
        return result.stdout, [notice]


def setup(app: Sphinx) -> dict[str, Any]:
    from .catalog import EXAMPLES_DIR

    app.add_config_value(
        "examples_dir", str(EXAMPLES_DIR), "env", types=frozenset({str})
    )
    # Set by `make preview` (-D examples_live=1): run changed examples while authoring.
    app.add_config_value("examples_live", False, "env", types=frozenset({bool}))
    app.add_directive("example", ExampleDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
