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
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import browser, typecheck, verified
from .catalog import MANIFEST, Example, ManifestError, chapters, find, load_chapter
from .checks import allowance, check_process, compare_output, update_command
from .live import Prefetch, cached_run
from .runner import output_clock, reader_command
from .timeline import render, worth_drawing

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
    if example.idle_cores:
        cores = (
            "1 idle core"
            if example.idle_cores == 1
            else f"{example.idle_cores} idle cores"
        )
        took = f"Takes about {example.elapsed:.2f} s. " if example.timed is True else ""
        return (
            f"{took}Its claim is a comparison that needs {cores}: the tests judge "
            "its timings when the machine has them. It runs on the real clock only, "
            "so it has no timeline."
        )
    if not example.timed:
        if example.real_only:
            return (
                "Its point is not time, so the tests check what it prints and that it "
                "exits, not how long it takes. It runs on the real clock only, so it "
                "has no timeline."
            )
        return (
            f"Takes {example.elapsed:.2f} s on a fast-forwarding clock, where the tests "
            "check it exactly; on the real clock they check what it prints, not its time."
        )
    if example.real_only and example.timed == "printed":
        return (
            f"Takes about {example.elapsed:.2f} s, part of it starting a process, which "
            "varies from machine to machine: the tests check the timings it prints on "
            f"the real clock (each may be {example.late_ratio:.0%} of itself plus "
            f"{example.tolerance:.2f} s later on a busy machine), not its total. It "
            "runs on the real clock only, so it has no timeline."
        )
    if example.real_only:
        late = example.allowed_late(example.elapsed)
        return (
            f"Takes about {example.elapsed:.2f} s; the tests check that on the real clock, "
            f"allowing up to {late:.2f} s more (and each printed timing "
            f"{example.late_ratio:.0%} of itself plus {example.tolerance:.2f} s) on a "
            "busy machine, so timings on yours may come out a little later. It runs on "
            "the real clock only, so it has no timeline."
        )
    return (
        f"Takes {example.elapsed:.2f} s; the tests check that exactly on a "
        "fast-forwarding clock, and again on the real clock."
    )


class ExampleDirective(SphinxDirective):
    """Show an example from ``examples/``: code, run command, output, facts."""

    required_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        # Fix the timeline's time axis, to compare two examples' pictures at a glance.
        "timeline-end": float,
        # Fold the script after the first line that contains this text (a comment
        # that says what follows): code that several examples share, a test server
        # say, shown in full once on the page. The page still holds every line, so the copy button, the download
        # and the Run button all take the whole script; without JavaScript the code
        # shows unfolded. _static/examples.js draws the fold.
        "fold-after": directives.unchanged_required,
    }

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
        code = _literal(source, "python", [VERIFIED])
        if "fold-after" in self.options:
            code["classes"] += self._fold(source, self.options["fold-after"])
        root += _captioned(
            nodes.Text(example.path.name), code, ["example-code-wrapper"]
        )
        root += _literal(f"$ {reader_command(example)}", "console", ["example-command"])
        root += browser.controls(example)  # Run in the reader's browser, or why not

        output, notes, trace = self._output(example)
        root += notes
        root += _captioned(
            nodes.Text("Output"),
            _literal(output, "text", ["example-output"]),
            ["example-output-wrapper"],
        )
        root += self._version_outputs(example)  # where a newer Python differs

        if example.typecheck == "errors":
            # The lesson is a mistake a type checker reports: show its real report.
            self.env.note_dependency(str(example.mypy_path))
            report = example.recorded_mypy()
            if report is None:
                logger.warning(
                    f"examples/{name}.mypy is missing: run `make outputs NAME={name}`",
                    location=(self.env.docname, self.lineno),
                )
            root += _captioned(
                nodes.Text("What a type checker says"),
                _literal(
                    f"$ {typecheck.reader_command(example)}\n{report or ''}",
                    "console",
                    ["example-typecheck"],
                ),
                ["example-typecheck-wrapper"],
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
            f" · Python {example.python_label} or newer · "
            f"{self._verified_note(example)}{_timing_note(example)}"
        )
        root += facts
        root += self._timeline(example, trace)
        return [root]

    def _verified_note(self, example: Example) -> str:
        """The facts line's "Verified on ...", from the records (verified.py)."""
        self.env.note_dependency(str(verified.RECORD))
        try:
            pyodide: tuple[int, int] | None = browser.runtime_python()
        except FileNotFoundError:
            pyodide = None  # not an HTML build: no Run buttons, no browser claim
        return verified.sentence(example, verified.read_record(), pyodide) + " "

    def _version_outputs(self, example: Example) -> list[nodes.Node]:
        """Beside the output, what a newer Python prints instead, and why."""
        shown: list[nodes.Node] = []
        for version, why in example.differs:
            label = verified.label(version)
            path = example.version_out_path(version)
            self.env.note_dependency(str(path))
            text = example.output_for(version)
            if text is None:
                logger.warning(
                    f"examples/{example.chapter}/{path.name} is missing: run "
                    f"`make outputs NAME={example.name}`",
                    location=(self.env.docname, self.lineno),
                )
                text = ""
            try:
                runs_here = not example.browser and browser.runtime_python() >= version
            except FileNotFoundError:
                runs_here = False
            also = (
                f" The Run button runs Python {label}: it prints this."
                if runs_here
                else ""
            )
            box = nodes.container(classes=["example-output-version"])
            box += nodes.paragraph(
                "",
                f"Python {label} prints something else. {why}{also}",
                classes=["example-output-version-why"],
            )
            box += _captioned(
                nodes.Text(f"Output on Python {label}"),
                _literal(text, "text", ["example-output", "example-output-other"]),
                ["example-output-wrapper"],
            )
            shown.append(box)
        return shown

    def _fold(self, source: str, marker: str) -> list[str]:
        """Classes that tell examples.js to fold the code after the marker's line."""
        lines = source.splitlines()
        for number, line in enumerate(lines, start=1):
            if marker.strip() in line:
                if number == len(lines):
                    break
                return ["example-fold", f"example-fold-after-{number}"]
        raise self.error(
            f"fold-after: no line to fold after contains {marker!r} in "
            f"examples/{self.arguments[0]}"
        )

    def _output(
        self, example: Example
    ) -> tuple[str, list[nodes.Node], dict[str, Any] | None]:
        """The output to show, any notice about it, and the trace for its timeline.

        The strict build shows the committed .out file and warns (so fails) when it
        is missing, when its script changed since it was written, or when the traced
        run prints something else. The live preview instead shows what a changed
        script prints now, with a notice, or an error block if it fails.
        """
        committed = example.expected_output()
        live = bool(self.config.examples_live)
        cache = Path(self.env.app.doctreedir) / "example-runs"
        location = (self.env.docname, self.lineno)
        rel = f"examples/{example.name}"
        stale = example.stale_reason()

        def warn(message: str) -> None:
            logger.warning(message, location=location, type="example", subtype="stale")

        if stale and not live:
            warn(stale)
        result = None
        if not example.supported():
            pass  # this Python is too old to run it: show the committed output
        elif not example.real_only and self.config.examples_timelines:
            result = PREFETCH.result(example, "virtual", cache)
        elif stale and live:
            result = cached_run(example, output_clock(example), cache)
        if result is None:
            return committed or "(no expected output yet)", [], None

        problems = check_process(result)
        if problems:
            text = "\n\n".join(map(str, problems))
            warn(f"{rel}.py does not run cleanly:\n{text}")
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
            return committed or "", [notice], None
        # The run is judged against its own Python's output (<stem>.3.14.out where
        # that Python prints something else); the page shows .out all the same.
        own = example.output_for(result.python) if example.differs else committed
        if own is not None and compare_output(
            own, result.stdout, allowance(example, result.clock)
        ):
            return committed or "", [], result.trace
        if live:
            message = (
                f"{rel}.out is stale: below is what the script prints now. "
                f"Run `{update_command(example)}` to update the file, then review its diff."
            )
            warn(message)
            notice = nodes.warning(
                "", nodes.paragraph("", message), classes=["example-stale"]
            )
            return result.stdout, [notice], result.trace
        if not stale:  # (a stale stamp was reported above)
            warn(
                f"{rel}.out is stale: the script prints something else now. "
                f"Run `{update_command(example)}` and review the diff."
            )
        return committed or "", [], None

    def _timeline(
        self, example: Example, trace: dict[str, Any] | None
    ) -> list[nodes.Node]:
        if not worth_drawing(trace):
            return []
        assert trace is not None
        ident = "timeline-" + example.name.replace("/", "-").replace("_", "-")
        end = self.options.get("timeline-end")
        svg = render(trace, name=example.path.name, ident=ident, end=end)
        figure = nodes.container(classes=["example-timeline"])
        figure += nodes.raw("", svg, format="html")
        figure += nodes.paragraph(
            "",
            "Timeline of a traced run on the fast-forwarding clock: a row per "
            "coroutine, from when it started to when it finished. Point at a ▲ to see "
            "the line printed then.",
            classes=["example-timeline-caption"],
        )
        return [figure]


class ExcerptDirective(LiteralInclude):
    """Show part of a verified example, e.g. one function: ``{excerpt} chapter/stem``.

    Takes literalinclude's options (``:pyobject:``, ``:start-at:``, ``:end-before:``,
    ``:lines:``, ``:dedent:``, ``:emphasize-lines:``...), so a page can point at the
    lines it discusses while the code itself stays in a script the tests run.
    """

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].removesuffix(".py")
        try:
            example = find(name, Path(self.config.examples_dir))
        except (LookupError, ManifestError) as error:
            raise self.error(str(error)) from None
        self.arguments[0] = "/" + os.path.relpath(example.path, self.env.srcdir)
        if "diff" in self.options:
            # ``:diff: chapter/stem``: what changed from that example to this one,
            # drawn from the two verified files (a project's steps).
            try:
                before = find(
                    self.options["diff"].removesuffix(".py"),
                    Path(self.config.examples_dir),
                )
            except (LookupError, ManifestError) as error:
                raise self.error(str(error)) from None
            self.options["diff"] = "/" + os.path.relpath(before.path, self.env.srcdir)
            self.options.setdefault(
                "caption",
                f"What changed from {before.path.name} to {example.path.name}",
            )
            self.options["class"] = [*self.options.get("class", []), EXCERPT]
            result = super().run()
            # The diff's header names the files by the build machine's paths: name
            # them as the reader knows them.
            names = {
                str(before.path): before.path.name,
                str(example.path): example.path.name,
            }
            for block in (n for r in result for n in r.findall(nodes.literal_block)):
                text = block.astext()
                for path, name in names.items():
                    text = text.replace(path, name)
                block.children = [nodes.Text(text)]
                block.rawsource = text
            return result
        self.options.setdefault("language", "python")
        self.options.setdefault("caption", f"From {example.path.name}")
        self.options["class"] = [*self.options.get("class", []), EXCERPT]
        return super().run()


class FaultOutputDirective(SphinxDirective):
    """Show what an example printed under one of its faults: ``{fault-output}
    chapter/stem name`` shows ``<stem>.<name>.out``, recorded by ``make outputs``
    from a run with the fault injected and checked by the tests like any output."""

    required_arguments = 2

    def run(self) -> list[nodes.Node]:
        from . import faults

        try:
            example = find(
                self.arguments[0].removesuffix(".py"), Path(self.config.examples_dir)
            )
            fault, text = faults.recorded(example, self.arguments[1])
        except (LookupError, ManifestError) as error:
            raise self.error(str(error)) from None
        self.env.note_dependency(str(example.manifest_path))
        self.env.note_dependency(str(faults.output_path(example, fault)))
        stale = faults.stale_reason(example, fault)
        if stale:
            logger.warning(
                stale, location=self.get_location(), type="example", subtype="stale"
            )
        caption = f"Output of {example.path.name} under the fault: {fault.fault}"
        return [
            _captioned(
                nodes.Text(caption),
                _literal(text or "", "text", ["example-output", "fault-output"]),
                ["example-output-wrapper"],
            )
        ]


#: The classes that mark a code block as a verified example or part of one.
VERIFIED = "example-code"
EXCERPT = "example-excerpt"
#: An exercise's starter: tests/test_exercises.py checks it (Check must fail it).
STARTER = "exercise-starter"
#: Languages that show Python code (and MyST's default for a fence without one).
PYTHON_LANGUAGES = {"python", "python3", "py", "py3", "pycon", "ipython", "default"}


def _refuse_unverified_python(app: Sphinx, doctree: nodes.document) -> None:
    """Warn (so fail the strict build) on Python that no test runs.

    Every line of Python on a page comes from an example (``{example}``) or part of
    one (``{excerpt}``); a hand-written block could be wrong and nothing would say so.
    """
    default = app.config.highlight_language
    for block in doctree.findall(nodes.literal_block):
        language = block.get("language", default)
        classes = set(block.get("classes", []))
        parent = block.parent
        if parent is not None:
            classes |= set(parent.get("classes", []))
        if language in PYTHON_LANGUAGES and not classes & {VERIFIED, EXCERPT, STARTER}:
            logger.warning(
                "a Python block that no test runs: show an example with "
                "```{example} chapter/stem```, or part of one with "
                "```{excerpt} chapter/stem``` and :pyobject: or :start-at:",
                location=block,
                type="example",
                subtype="unverified",
            )


PREFETCH = Prefetch()


def _prefetch(app: Sphinx, *_: object) -> None:
    """Start every traced run the pages will need, in parallel, as reading begins.

    Not at builder-inited: extensions may fork there (sphinx-sitemap starts a
    multiprocessing manager), and a fork while a run's process is being spawned in
    another thread hands the child a copy of that spawn's status pipe, so the spawn
    waits for ever.
    """
    if not app.config.examples_timelines:
        return
    root = Path(app.config.examples_dir)
    cache = Path(app.doctreedir) / "example-runs"
    for chapter in chapters(root):
        found, _ = load_chapter(chapter)
        PREFETCH.start(
            [e for e in found if not e.real_only and e.supported()], "virtual", cache
        )


def setup(app: Sphinx) -> dict[str, Any]:
    from .catalog import EXAMPLES_DIR

    app.add_config_value(
        "examples_dir", str(EXAMPLES_DIR), "env", types=frozenset({str})
    )
    # Set by `make preview` (-D examples_live=1): run changed examples while authoring.
    app.add_config_value("examples_live", False, "env", types=frozenset({bool}))
    # Traced runs for timelines (and the output check that comes with them);
    # -D examples_timelines=0 builds without running any example.
    app.add_config_value("examples_timelines", True, "env", types=frozenset({bool}))
    app.connect("env-before-read-docs", _prefetch)
    app.setup_extension("verified_examples.browser")
    app.setup_extension("verified_examples.exercise_page")
    app.add_directive("example", ExampleDirective)
    app.add_directive("excerpt", ExcerptDirective)
    app.add_directive("fault-output", FaultOutputDirective)
    app.connect("doctree-read", _refuse_unverified_python)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
