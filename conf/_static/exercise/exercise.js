// Exercises in the page: the editor, Check, Hint, Show a solution, and progress.
//
// The Sphinx extension (conf/verified_examples/exercise_page.py) renders each
// exercise: the task, the starter (highlighted, as code is everywhere on the site),
// hidden controls, the facts Check needs (<script class="exercise-spec">) and the
// verified reference, which this script hides until the reader asks for it. Without
// this script the page is a worked example: task, starter and solution.
//
// - Editing: Edit (or a click on the code) loads the editor (editor.js,
//   CodeMirror, bundled by the build) and puts it in the code's place; nothing of
//   it loads before.
// - Check: runs the reader's code in the page's Python, in the run worker's check
//   mode (run.js's runtime; worker.js; practice.py), on a virtual clock; a run that
//   does not give the loop a turn for REAL_LIMIT_MS is stopped. The verdict says
//   Passed or Not yet with what differs, and draws the run's timeline.
// - Progress stays in this browser (localStorage; nothing is sent anywhere): a
//   passed exercise is marked on its page and on the exercises index.
// - So does the reader's draft: saved as they type (SAVE_AFTER_MS after the last
//   edit), on Check and when the page goes away, under the exercise's id with a
//   fingerprint of its starter. On the next visit the editor opens with it (the
//   editor loads then, and only for an exercise that has a draft); a draft written
//   against another starter is dropped. Reset brings back the starter and forgets
//   the draft. Where storage is refused, the draft lasts as long as the page.
// - Python starts when the reader is about to check (the pointer on Edit or Check,
//   the keyboard's focus on them or in the editor), as run.js does for Run.

(() => {
  "use strict";

  const here = new URL(".", document.currentScript.src);
  const EDITOR = new URL("editor.js", here);
  const PROGRESS = "asyncio-by-example:exercises";
  const DRAFTS = "asyncio-by-example:draft:"; // + the exercise's id
  const SAVE_AFTER_MS = 500;
  const REAL_LIMIT_MS = 10000;

  let editorModule = null;
  const loadEditor = () => (editorModule ||= import(EDITOR.href));

  function progress() {
    try {
      return JSON.parse(localStorage.getItem(PROGRESS) || "{}");
    } catch {
      return {};
    }
  }

  function markPassed(id) {
    const done = progress();
    done[id] = { passed: true };
    try {
      localStorage.setItem(PROGRESS, JSON.stringify(done));
    } catch {
      // storage refused (private window): the mark lasts for this page only
    }
  }

  // ---------------------------------------------------------------- drafts
  // A short fingerprint of the starter (FNV-1a, 32 bits, and the length): a draft
  // carries it, so a draft written against an earlier starter is never restored.
  function fingerprint(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return `${text.length}-${(hash >>> 0).toString(16)}`;
  }

  function forgetDraft(id) {
    try {
      localStorage.removeItem(DRAFTS + id);
    } catch {
      // storage refused: nothing was kept
    }
  }

  function keepDraft(id, starter, code) {
    try {
      localStorage.setItem(DRAFTS + id, JSON.stringify({ starter, code }));
    } catch {
      // storage refused (private window): the draft lasts as long as the page
    }
  }

  // The draft kept for exercise `id` against the starter whose fingerprint is
  // `starter`, or null; a draft for another starter (or unreadable) is dropped.
  function storedDraft(id, starter) {
    let stored = null;
    try {
      stored = localStorage.getItem(DRAFTS + id);
    } catch {
      return null;
    }
    if (stored === null) return null;
    try {
      const draft = JSON.parse(stored);
      if (draft.starter === starter && typeof draft.code === "string") return draft.code;
    } catch {
      // unreadable: dropped below
    }
    forgetDraft(id);
    return null;
  }

  // Start the page's Python ahead of a Check (run.js's runtime, as its Run and Edit
  // buttons do), unless run.js is not on this page.
  function warm() {
    if (window.exampleRunner) window.exampleRunner.runtime.warm();
  }

  function showPassed(block) {
    block.classList.add("is-passed");
    const mark = block.querySelector(".exercise-progress");
    if (mark) mark.textContent = "✓ Passed (remembered in this browser)";
  }

  function setUp(block) {
    const spec = JSON.parse(block.querySelector("script.exercise-spec").textContent);
    const kind = spec.kind;
    const codeWrapper = block.querySelector(".exercise-code");
    const highlighted = codeWrapper.querySelector("div.highlight");
    const pre = highlighted.querySelector("pre");
    const starter = pre.textContent;
    const caption = codeWrapper.querySelector(".caption-text");
    const what = caption ? caption.textContent : spec.file;
    const controls = block.querySelector(".exercise-controls");
    const editButton = block.querySelector(".exercise-edit");
    const checkButton = block.querySelector(".exercise-check");
    const hintButton = block.querySelector(".exercise-hint");
    const solveButton = block.querySelector(".exercise-solve");
    const resetButton = block.querySelector(".exercise-reset");
    const help = block.querySelector(".exercise-help");
    const hints = block.querySelector(".exercise-hints");
    const result = block.querySelector(".exercise-result");
    const verdictLine = block.querySelector(".exercise-verdict");
    const problems = block.querySelector(".exercise-problems");
    const runArea = block.querySelector(".exercise-run");
    const output = block.querySelector(".exercise-output");
    const timeline = block.querySelector(".exercise-timeline");
    const solution = block.querySelector(".exercise-solution");
    const starterPrint = fingerprint(starter);
    let editor = null;
    let opening = null;
    let restored = null; // the draft the editor is opening with, until it is open
    let saveTimer = null;
    let current = null;
    let shownHints = 0;

    const source = () => (editor ? editor.getValue() : (restored ?? starter));

    // ------------------------------------------------------------- drafts
    // The line under a restored draft, until Reset.
    const draftNote = document.createElement("p");
    draftNote.className = "exercise-draft";
    draftNote.textContent = "Your draft from this browser is restored. Reset brings back the starter.";
    draftNote.hidden = true;
    controls.before(draftNote);

    function saveDraft() {
      clearTimeout(saveTimer);
      saveTimer = null;
      if (!editor) return;
      const code = editor.getValue();
      if (code === starter) forgetDraft(block.id);
      else keepDraft(block.id, starterPrint, code);
    }
    const saveNow = () => saveTimer && saveDraft();
    addEventListener("pagehide", saveNow);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") saveNow();
    });

    function edited() {
      resetButton.hidden = source() === starter;
      if (resetButton.hidden) draftNote.hidden = true;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveDraft, SAVE_AFTER_MS);
    }

    // ------------------------------------------------------------- editing
    // Put the editor in the code's place, holding `text`; it takes the focus when
    // the reader opened it (not when it opens on a restored draft).
    function openEditor(text, focus) {
      opening = (async () => {
        const host = document.createElement("div");
        host.className = "exercise-editor";
        host.addEventListener("focusin", warm);
        try {
          const { createEditor } = await loadEditor();
          editor = createEditor(host, {
            doc: text,
            label: `${what}, editable`,
            python: kind !== "predict",
            onSubmit: check,
            onChange: edited,
          });
        } catch {
          // the editor could not load: a plain text area does the same job
          const area = document.createElement("textarea");
          area.className = "exercise-textarea";
          area.value = text;
          area.rows = text.split("\n").length;
          area.spellcheck = false;
          area.setAttribute("aria-label", `${what}, editable`);
          area.addEventListener("input", edited);
          host.append(area);
          editor = { getValue: () => area.value, setValue: (t) => (area.value = t), focus: () => area.focus() };
        }
        restored = null;
        highlighted.after(host);
        highlighted.hidden = true;
        editButton.hidden = true;
        resetButton.hidden = source() === starter;
        block.classList.add("is-editing");
        if (focus) editor.focus();
      })();
      return opening;
    }

    async function startEditing() {
      if (editor) return editor.focus();
      if (opening) return opening.then(() => editor.focus());
      return openEditor(starter, true);
    }
    pre.addEventListener("click", startEditing);
    editButton.addEventListener("click", startEditing);

    function reset() {
      if (editor) editor.setValue(starter);
      clearTimeout(saveTimer);
      saveTimer = null;
      forgetDraft(block.id);
      draftNote.hidden = true;
      resetButton.hidden = true;
      if (editor) editor.focus();
    }

    // --------------------------------------------------------------- hints
    function hint() {
      if (shownHints >= spec.hints.length) return;
      const item = document.createElement("li");
      item.textContent = spec.hints[shownHints++];
      hints.append(item);
      hints.hidden = false;
      if (shownHints >= spec.hints.length) {
        hintButton.disabled = true;
        hintButton.textContent = "No more hints";
      } else hintButton.textContent = "Another hint";
    }

    // -------------------------------------------------------------- solution
    function reveal() {
      block.classList.add("is-revealed");
    }
    function solve() {
      reveal();
      if (solution) {
        solution.hidden = false;
        solveButton.disabled = true;
        solution.scrollIntoView({ block: "nearest" });
      } else {
        // a prediction: the answer, and the program's own output under it
        show({ passed: null, problems: [], answer: spec.solution }, true);
        solveButton.disabled = true;
      }
    }

    // ----------------------------------------------------------------- check
    function show(verdict, revealed) {
      result.hidden = false;
      problems.textContent = "";
      if (verdict.passed === true) verdictLine.textContent = "Passed";
      else if (verdict.passed === false) verdictLine.textContent = "Not yet";
      else verdictLine.textContent = "The answer:";
      verdictLine.className = `exercise-verdict ${verdict.passed ? "is-passed" : verdict.passed === false ? "is-not-yet" : ""}`;
      if (verdict.passed === true && verdict.problems.length === 0) {
        const note = document.createElement("p");
        note.textContent =
          kind === "predict"
            ? "That is what the run printed."
            : `Same output as the verified solution, in ${verdict.elapsed.toFixed(2)} s of loop time` +
              (verdict.goal === null ? "." : ` (the goal: ${verdict.goal.toFixed(2)} s).`);
        problems.append(note);
      }
      if (verdict.problems.length) {
        const list = document.createElement("ul");
        for (const problem of verdict.problems) {
          const item = document.createElement("li");
          item.className = `exercise-problem exercise-problem-${problem.kind}`;
          item.textContent = problem.text;
          list.append(item);
        }
        problems.append(list);
      }
      if (verdict.answer !== undefined) {
        output.textContent = verdict.answer;
        runArea.hidden = false;
      } else if ((kind !== "predict" || verdict.passed || revealed) && verdict.stdout !== undefined) {
        output.textContent = verdict.stdout || "(nothing)";
        runArea.hidden = false;
      } else runArea.hidden = true;
      if (verdict.svg && (kind !== "predict" || verdict.passed || revealed)) {
        timeline.innerHTML = verdict.svg; // drawn by timeline.py: labels escaped
        const note = document.createElement("p");
        note.className = "example-timeline-caption";
        note.textContent =
          "Timeline of your run, traced in this page on the fast-forwarding clock: a row per coroutine.";
        timeline.append(note);
        timeline.hidden = false;
      } else timeline.hidden = true;
    }

    function check() {
      if (current) return;
      saveDraft();
      const runner = window.exampleRunner;
      result.hidden = false;
      problems.textContent = "";
      runArea.hidden = timeline.hidden = true;
      if (!runner) {
        verdictLine.textContent = "Python could not be loaded on this page.";
        return;
      }
      verdictLine.className = "exercise-verdict";
      verdictLine.textContent = runner.runtime.info
        ? "Checking…"
        : "Loading Python in your browser (once per visit), then checking…";
      checkButton.disabled = true;
      block.classList.add("is-checking");
      const began = performance.now();
      let verdict = null;
      let failed = null;
      let limited = false;
      let timer = null;
      current = runner.runtime.run(
        spec.file,
        source(),
        {
          start: () => {
            // Python is ready and the check begins: from now on, a run that keeps
            // the loop from ever getting a turn is stopped after REAL_LIMIT_MS.
            block.dataset.checkStartMs = String(Math.round(performance.now() - began));
            timer = setTimeout(() => {
              limited = true;
              current.stop();
            }, REAL_LIMIT_MS);
          },
          out: () => {},
          err: () => {},
          message: (data) => {
            if (data.type === "verdict") {
              verdict = data.verdict;
              block.dataset.checkPythonMs = String(Math.round(data.ms));
            }
          },
          exit: () => {},
          stopped: () => {},
          fail: (message) => (failed = message),
        },
        { mode: "check", spec, ident: `${spec.ident}-yours` },
      );
      current.done.then(() => {
        clearTimeout(timer);
        current = null;
        checkButton.disabled = false;
        block.classList.remove("is-checking");
        block.dataset.checkMs = String(Math.round(performance.now() - began));
        if (limited)
          verdict = {
            passed: false,
            problems: [
              {
                kind: "stopped",
                text: `Stopped after ${REAL_LIMIT_MS / 1000} s of real time: the loop never got a turn (a loop that never awaits?).`,
              },
            ],
          };
        else if (!verdict)
          verdict = {
            passed: false,
            problems: [{ kind: "error", text: `Check could not run: ${(failed || "no verdict").split("\n")[0]}` }],
          };
        show(verdict, false);
        block.dataset.verdict = verdict.passed ? "passed" : "not-yet";
        if (verdict.passed) {
          markPassed(block.id);
          showPassed(block);
          if (kind === "predict") reveal();
        }
      });
    }

    checkButton.addEventListener("click", check);
    hintButton.addEventListener("click", hint);
    solveButton.addEventListener("click", solve);
    resetButton.addEventListener("click", reset);
    // A reader about to check: Python starts then, as it does for run.js's Run.
    for (const button of [editButton, checkButton]) {
      for (const type of ["pointermove", "pointerdown", "focus"]) button.addEventListener(type, warm);
    }
    if (!spec.hints.length) hintButton.hidden = true;
    if (solution) solution.hidden = true;
    if (progress()[block.id]) showPassed(block);
    controls.hidden = false;
    help.hidden = false;
    block.classList.add("is-active");
    block.exercise = { check, startEditing, source, spec };

    // The reader's draft from an earlier visit: the editor opens with it.
    const draft = storedDraft(block.id, starterPrint);
    if (draft === starter) forgetDraft(block.id);
    else if (draft !== null) {
      restored = draft;
      draftNote.hidden = false;
      openEditor(draft, false);
    }
  }

  for (const block of document.querySelectorAll(".exercise")) setUp(block);

  // The exercises index: mark the ones this browser has passed.
  const done = progress();
  for (const link of document.querySelectorAll(".exercise-index-item a[href*='#']")) {
    const id = new URL(link.href).hash.slice(1);
    if (done[id]) {
      const mark = document.createElement("span");
      mark.className = "exercise-index-passed";
      mark.textContent = " ✓ passed";
      link.closest("li").classList.add("is-passed");
      link.after(mark);
    }
  }

  window.exampleEditor = { load: loadEditor };
})();
