"""Exercises on a page: the ``exercise`` and ``exercise-index`` directives.

    ```{exercise} basics/downloads_wait_together
    The task, in the page's words (Markdown).
    ```

renders the exercise (its facts: ``exercises.py``): the task; for a prediction, the
program (the reference example, its output hidden until the reader has answered) and
the answer to edit; otherwise the starter to edit; then Check, Hint and Show a
solution, which reveals the reference, shown as every example is (the ``example``
directive's own block). ``conf/_static/exercise/exercise.js`` wires them: the editor
(CodeMirror, bundled from ``conf/editor/editor.mjs`` at build time and loaded when
the reader starts editing), Check in the page's Python (the run worker's check
mode, ``practice.py``), and progress kept in the reader's browser.

``{exercise-index}`` lists every exercise of the site by chapter, with links; the
reader's browser marks those passed.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import exercises
from .catalog import ManifestError, find
from .sphinxext import ExampleDirective, _literal

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CONF = HERE.parent
#: Python files the run worker loads for Check and for the reader's timeline.
PRACTICE_FILES = ("practice.py", "_tracer.py", "timeline.py")
SITE_PRACTICE = "_static/run/py"
EDITOR_ENTRY = CONF / "editor" / "editor.mjs"
SITE_EDITOR = "_static/exercise/editor.js"
STARTER = "exercise-starter"


def anchor(name: str) -> str:
    return "exercise-" + name.replace("/", "-").replace("_", "-")


def _json_script(data: object, cls: str) -> str:
    text = json.dumps(data).replace("</", "<\\/")
    return f'<script type="application/json" class="{cls}">{text}</script>'


class ExerciseDirective(ExampleDirective):
    """One exercise: task, code to edit, Check/Hint/Show a solution, the reference."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = dict(ExampleDirective.option_spec)

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].removesuffix(".py")
        try:
            example = find(name, Path(self.config.examples_dir))
        except (LookupError, ManifestError) as error:
            raise self.error(str(error)) from None
        exercise = example.exercise
        if exercise is None:
            raise self.error(
                f"{name} is not an exercise: add [{example.path.stem}.exercise] to "
                f"examples/{example.chapter}/examples.toml"
            )
        starter_path = exercises.starter_path(example)
        if not starter_path.is_file():
            raise self.error(f"exercise {name}: {starter_path.name} is missing")
        self.env.note_dependency(str(starter_path))
        self.env.note_dependency(__file__)  # a new rendering rebuilds the page
        self.env.note_dependency(exercises.__file__)
        reference = super().run()  # the example block, as {example} renders it

        kind = exercise.kind
        root = nodes.container(
            classes=["exercise", f"exercise-{kind}"],
            ids=[anchor(name)],
        )
        label = nodes.paragraph(classes=["exercise-label"])
        label += nodes.strong("", f"Exercise · {exercises.KIND_NAMES[kind]}: ")
        label += nodes.Text(exercise.title)
        root += label
        task = nodes.container(classes=["exercise-task"])
        self.state.nested_parse(self.content, self.content_offset, task)
        root += task

        starter = starter_path.read_text(encoding="utf-8")
        if kind == "predict":
            root += reference  # the program: its output waits for the answer
            what = (
                "Your answer"
                if exercise.predict == "order"
                else "Your answer (seconds)"
            )
            block = _literal(starter, "text", [STARTER])
        else:
            what = f"Your {example.path.name}"
            block = _literal(starter, "python", [STARTER])
        wrapper = nodes.container(
            "", literal_block=True, classes=["literal-block-wrapper", "exercise-code"]
        )
        wrapper += nodes.caption("", "", nodes.Text(what))
        wrapper += block
        root += wrapper
        root += nodes.raw("", self._controls(example), format="html")
        if kind != "predict":
            solution = nodes.container(classes=["exercise-solution"])
            solution += nodes.paragraph(
                "",
                "A solution, verified like every example on this site (its output, "
                "and its time on both clocks):",
                classes=["exercise-solution-label"],
            )
            solution += reference
            root += solution
        self.env.exercises = getattr(self.env, "exercises", {})  # type: ignore[attr-defined]
        self.env.exercises[name] = {  # type: ignore[attr-defined]
            "docname": self.env.docname,
            "title": exercise.title,
            "kind": kind,
            "chapter": example.chapter,
            "line": self.lineno,
        }
        return [root]

    def _controls(self, example: Any) -> str:
        exercise = example.exercise
        spec = exercises.spec(example)
        spec["hints"] = list(exercise.hints)
        spec["ident"] = anchor(example.name)
        if exercise.kind == "predict":
            spec["solution"] = exercises.solution(example)
        name = html.escape(example.path.name)
        what = "your answer" if exercise.kind == "predict" else f"your {name}"
        check = "Check your answer" if exercise.kind == "predict" else "Check"
        keys = (
            "Alt+↑ and Alt+↓ move a line, "
            if exercise.kind == "predict"
            else "Tab indents, "
        )
        solve = "Show the answer" if exercise.kind == "predict" else "Show a solution"
        return f"""\
<div class="exercise-controls" hidden>
<button type="button" class="exercise-edit" aria-label="Edit {what}">Edit</button>
<button type="button" class="exercise-check">{check}</button>
<button type="button" class="exercise-hint">Hint</button>
<button type="button" class="exercise-solve">{solve}</button>
<button type="button" class="exercise-reset" hidden>Reset</button>
<span class="exercise-progress"></span>
</div>
<p class="exercise-help" hidden>Edit (or a click on the code) opens the editor. There, {keys}Ctrl+Enter checks, and Escape then Tab leaves it.</p>
<ol class="exercise-hints" hidden></ol>
<div class="exercise-result" hidden>
<p class="exercise-verdict" role="status" aria-live="polite"></p>
<div class="exercise-problems"></div>
<div class="exercise-run" hidden><p class="exercise-run-caption">What your {name} printed, on the fast-forwarding clock:</p>
<pre class="exercise-output" tabindex="0" aria-label="Output of your {name}"></pre></div>
<div class="exercise-timeline" hidden></div>
</div>
{_json_script(spec, "exercise-spec")}"""


class exercise_index(nodes.General, nodes.Element):  # docutils names nodes so
    """Replaced, once every page is read, by the list of exercises."""


class ExerciseIndexDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        self.env.exercise_indexes = getattr(self.env, "exercise_indexes", set())  # type: ignore[attr-defined]
        self.env.exercise_indexes.add(self.env.docname)  # type: ignore[attr-defined]
        return [exercise_index("")]


def _skip(translator: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The index page is rebuilt whenever a page is, since it lists their exercises."""
    if added or changed or removed:
        return sorted(getattr(env, "exercise_indexes", set()) - added - changed)
    return []


def _resolve_index(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = getattr(app.env, "exercises", {})
    toc = app.env.toctree_includes
    flat: list[str] = []

    def walk(doc: str) -> None:
        flat.append(doc)
        for child in toc.get(doc, []):
            walk(child)

    walk(app.config.root_doc)
    place = {doc: i for i, doc in enumerate(flat)}

    def where(item: tuple[str, dict[str, Any]]) -> tuple[int, int]:
        return (place.get(item[1]["docname"], len(place)), item[1].get("line", 0))

    for node in list(doctree.findall(exercise_index)):
        root = nodes.container(classes=["exercise-index"])
        chapters: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for name, facts in found.items():
            chapters.setdefault(facts["chapter"], []).append((name, facts))
        for chapter in sorted(
            chapters, key=lambda c: min(where(i) for i in chapters[c])
        ):
            items = sorted(chapters[chapter], key=where)
            title = app.env.titles.get(f"{chapter}/index")
            heading = nodes.paragraph(classes=["exercise-index-chapter"])
            heading += nodes.strong("", title.astext() if title else chapter)
            root += heading
            listing = nodes.bullet_list()
            for name, facts in items:
                item = nodes.list_item(classes=["exercise-index-item"])
                para = nodes.paragraph()
                uri = app.builder.get_relative_uri(docname, facts["docname"])
                para += nodes.reference(
                    "", facts["title"], refuri=f"{uri}#{anchor(name)}", internal=True
                )
                para += nodes.Text(f" ({exercises.KIND_NAMES[facts['kind']]})")
                item += para
                listing += item
            root += listing
        total = len(found)
        summary = nodes.paragraph(
            "",
            f"{total} exercises over {len(chapters)} chapters.",
            classes=["exercise-index-summary"],
        )
        node.replace_self([summary, root])


def _purge(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, "exercise_indexes", set()).discard(docname)
    found = getattr(env, "exercises", {})
    for name in [n for n, f in found.items() if f["docname"] == docname]:
        del found[name]


def _merge(app: Sphinx, env: Any, docnames: Any, other: Any) -> None:
    env.exercises = {**getattr(env, "exercises", {}), **getattr(other, "exercises", {})}
    env.exercise_indexes = getattr(env, "exercise_indexes", set()) | getattr(
        other, "exercise_indexes", set()
    )


def _page_assets(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    body = context.get("body", "")
    if 'class="exercise' in body:
        app.add_css_file("exercise/exercise.css")
        app.add_js_file("exercise/exercise.js", defer="defer")


def _bundle_editor(out: Path) -> None:
    """CodeMirror, bundled (esbuild, pinned in conf/package-lock.json) into one file."""
    lock = CONF / "package-lock.json"
    digest = hashlib.sha256(EDITOR_ENTRY.read_bytes() + lock.read_bytes()).hexdigest()
    cache = CONF / "node_modules" / ".editor-bundle" / f"{digest[:16]}.js"
    if not cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        script = (
            "require('esbuild').build({entryPoints: [process.argv[1]], bundle: true,"
            " format: 'esm', minify: true, legalComments: 'eof', outfile: process.argv[2],"
            " logLevel: 'error'}).catch(() => process.exit(1))"
        )
        done = subprocess.run(
            ["node", "-e", script, str(EDITOR_ENTRY), str(cache)],
            cwd=CONF,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            from sphinx.errors import ExtensionError

            raise ExtensionError(
                "could not bundle the code editor (CodeMirror) with esbuild: "
                f"{done.stderr.strip()} (is `npm ci --prefix conf` done?)"
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cache, out)


def _copy_files(app: Any, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / SITE_PRACTICE
    target.mkdir(parents=True, exist_ok=True)
    for name in PRACTICE_FILES:
        shutil.copyfile(HERE / name, target / name)
    _bundle_editor(Path(app.outdir) / SITE_EDITOR)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        exercise_index,
        **{f: (_skip, None) for f in ("html", "latex", "text", "man", "texinfo")},
    )
    app.add_directive("exercise", ExerciseDirective)
    app.add_directive("exercise-index", ExerciseIndexDirective)
    app.connect("doctree-resolved", _resolve_index)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _copy_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
