// The in-page runner's page half: Run, Stop, Edit and Reset under each example.
//
// Nothing loads with the page. When a reader is about to run an example (the
// pointer moves on Run or Edit, the keyboard's focus reaches them) or clicks Run,
// the page starts a Web Worker (worker.js) that loads Python (Pyodide, from this
// site); Run then runs the script in it as `python3 name.py` would (bootstrap.py
// says how). Each printed line appears in the panel as it is printed. The first
// worker keeps a snapshot of the started interpreter (also stored in the browser,
// for the next page and the next visit, with Pyodide's files), so later runs start
// in a fraction of a second, each in a fresh interpreter; while one runs, the next
// is made ready.
//
// The Sphinx extension (conf/verified_examples/browser.py) writes, under each
// example a browser can run, a hidden <div class="example-run"> with the controls
// and the panel; this script wires them up and shows them. Examples a browser
// cannot run get a line that says why instead, and no script is involved.
//
// window.exampleRunner.run(name, source, sink) is the same runner without the
// buttons, for the tests (tests/test_browser_run.py) and
// `python -m verified_examples.browser_runs`, which measure which examples run here.

(() => {
  "use strict";

  const here = new URL(".", document.currentScript.src);
  const WORKER = new URL("worker.js", here);
  const BOOTSTRAP = new URL("bootstrap.py", here);
  const PYODIDE = new URL("../pyodide/", here);
  const EDITOR = new URL("../exercise/editor.js", here);
  const STORE = "example-runner";
  const CACHES = "example-runner-"; // + the runtime's key: Pyodide's files (worker.js)

  // ------------------------------------------------------------ snapshot store
  // The started interpreter's memory, kept in IndexedDB under a key that names the
  // Pyodide version and the runner's files, so a new version is never mixed up. It
  // is a Blob (about 30 MB, made by the first worker): storing it, reading it back
  // and handing it to a worker copies nothing on the page's thread (the worker
  // reads it), so the page never stalls for it.
  function openStore() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(STORE, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("snapshots");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function storedSnapshot(key) {
    try {
      const db = await openStore();
      return await new Promise((resolve) => {
        const get = db.transaction("snapshots").objectStore("snapshots").get(key);
        get.onsuccess = () => resolve(get.result || null);
        get.onerror = () => resolve(null);
      });
    } catch {
      return null; // private windows, storage refused: start without it
    }
  }

  async function storeSnapshot(key, snapshot) {
    try {
      const db = await openStore();
      const transaction = db.transaction("snapshots", "readwrite");
      const store = transaction.objectStore("snapshots");
      store.clear(); // one version at a time
      store.put(snapshot, key);
      await new Promise((resolve) => {
        transaction.oncomplete = transaction.onerror = transaction.onabort = resolve;
      });
    } catch {
      // nothing to do: the next page starts from scratch
    }
  }

  // Pyodide's files in Cache Storage (worker.js keeps them there): one version too.
  async function forgetOtherCaches(key) {
    try {
      for (const name of await caches.keys())
        if (name.startsWith(CACHES) && name !== CACHES + key) await caches.delete(name);
    } catch {
      // no Cache Storage here (plain http): nothing was kept
    }
  }

  // ------------------------------------------------------------------ runtime
  class Runtime {
    constructor(key) {
      this.key = key;
      this.snapshot = null;
      this.module = null; // Pyodide's compiled WebAssembly, shared by the workers
      this.booting = null; // the first worker, while it makes the snapshot
      this.lookup = null; // the snapshot an earlier page stored (a promise), once asked
      this.spare = null; // a worker started ahead of a run (a promise), for the next
      this.info = null; // {python, pyodide} once a worker is ready
      this.stored = null; // settles when the snapshot is in the browser's storage
      this.timings = []; // how long each worker took to start (ms)
    }

    spawn(snapshot, worker = new Worker(WORKER, { type: "module" })) {
      const spawned = performance.now();
      return new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => {
          if (data.type === "ready") {
            if (!this.info) forgetOtherCaches(this.key);
            this.info = { python: data.python, pyodide: data.pyodide };
            this.timings.push({ ...data.timing, total: performance.now() - spawned });
            if (data.module) this.module = data.module;
            if (data.snapshot) {
              this.snapshot = data.snapshot;
              this.stored = storeSnapshot(this.key, data.snapshot);
            }
            resolve(worker);
          } else if (data.type === "failed") {
            worker.terminate();
            reject(new Error(data.message));
          }
        };
        worker.onerror = (event) => {
          worker.terminate();
          reject(new Error(event.message || "the runner could not start"));
        };
        worker.postMessage({
          type: "init",
          pyodide: PYODIDE.href,
          bootstrap: BOOTSTRAP.href,
          snapshot,
          module: this.module,
          cache: CACHES + this.key,
        });
      });
    }

    // A new worker, ready to run: restored from the snapshot when there is one (made
    // in this page, or stored by an earlier one), else the first, which makes it.
    async start() {
      const worker = new Worker(WORKER, { type: "module" }); // loads while we look
      for (;;) {
        if (!this.snapshot) {
          const stored = await (this.lookup ||= storedSnapshot(this.key));
          if (stored && !this.snapshot) this.snapshot = stored;
        }
        if (this.snapshot) return this.spawn(this.snapshot, worker);
        if (!this.booting) break;
        // another worker is making the snapshot: start from it once it is made
        await this.booting.catch(() => {});
      }
      const boot = this.spawn(null, worker);
      this.booting = boot;
      boot.catch(() => this.booting === boot && (this.booting = null));
      return boot;
    }

    // Start a worker before it is needed (the reader is about to run, or a run has
    // just begun), unless one is ready or on its way: the next run takes it.
    warm() {
      if (!this.spare) {
        const spare = this.start();
        this.spare = spare;
        spare.catch(() => this.spare === spare && (this.spare = null));
      }
      return this.spare;
    }

    // A worker whose fresh interpreter is ready to run a script.
    acquire() {
      const spare = this.spare;
      this.spare = null;
      return spare ? spare.catch(() => this.start()) : this.start();
    }

    // A worker taken for a run that was stopped before it began: the next run's.
    release(worker) {
      if (this.spare) worker.terminate();
      else this.spare = Promise.resolve(worker);
    }

    // Once Python has started: keep a worker ready, so that the next Run starts at once.
    prepare() {
      if (this.snapshot) this.warm();
    }

    // Run `source` as the script `name`. The sink hears: start(info), out(text),
    // err(text), exit(code, elapsed), fail(message), and message(data) for the
    // rest (a timeline, a Check's verdict). `extra` goes into the run message
    // (worker.js: trace, or mode "check"). Returns a handle whose stop() ends the
    // run; `done` settles when the run has ended, however.
    run(name, source, sink, extra = {}) {
      let worker = null;
      let stopped = false;
      let finish;
      const done = new Promise((resolve) => (finish = resolve));
      const handle = {
        done,
        stop: () => {
          if (stopped) return;
          stopped = true;
          if (worker) worker.terminate();
          sink.stopped();
          finish();
          this.prepare();
        },
      };
      this.acquire().then(
        (ready) => {
          if (stopped) {
            this.release(ready);
            return;
          }
          worker = ready;
          worker.onmessage = ({ data }) => {
            if (stopped) return;
            if (data.type === "start") sink.start(this.info);
            else if (data.type === "out" || data.type === "err") sink[data.type](data.text);
            else if (data.type === "exit") {
              stopped = true;
              worker.terminate(); // one run per worker: the next gets a fresh one
              sink.exit(data.code, data.elapsed);
              finish();
            } else if (data.type === "failed") {
              stopped = true;
              worker.terminate();
              sink.fail(data.message);
              finish();
            } else if (sink.message) sink.message(data);
          };
          worker.postMessage({ ...extra, type: "run", name, source });
          this.prepare(); // the next run's worker starts while this one runs
        },
        (error) => {
          if (stopped) return;
          stopped = true;
          sink.fail(error.message);
          finish();
        },
      );
      return handle;
    }
  }

  // ----------------------------------------------------------------- controls
  const runtimeKey = (document.querySelector(".example-run[data-runtime]") || {
    dataset: {},
  }).dataset.runtime;
  const runtime = new Runtime(runtimeKey || "unversioned");

  function describeExit(code, elapsed) {
    const time = `${elapsed.toFixed(2)} s`;
    if (code === 0) return `Finished in ${time} (exit code 0).`;
    if (code < 0) return `Ended by signal ${-code} after ${time}.`;
    return `Exited with code ${code} after ${time}.`;
  }

  function setUp(block) {
    const example = block.closest(".example");
    const name = block.dataset.script;
    const codeWrapper = example.querySelector(".example-code-wrapper");
    const highlighted = codeWrapper.querySelector("div.highlight");
    const verified = highlighted.querySelector("pre").textContent;
    const runButton = block.querySelector(".example-run-start");
    const stopButton = block.querySelector(".example-run-stop");
    const editButton = block.querySelector(".example-run-edit");
    const resetButton = block.querySelector(".example-run-reset");
    const edited = block.querySelector(".example-run-edited");
    const panel = block.querySelector(".example-run-panel");
    const status = block.querySelector(".example-run-status");
    const output = block.querySelector(".example-run-output");
    const label = block.querySelector(".example-run-python");
    let editor = null;
    let current = null;

    const source = () => (editor ? editor.value : verified);
    const isEdited = () => source() !== verified;

    function showEdited() {
      edited.hidden = !isEdited();
    }

    // The editor: CodeMirror, the exercises' editor (../exercise/editor.js, bundled
    // by the build), loaded on the first Edit; a plain textarea if it cannot load.
    function textarea() {
      const area = document.createElement("textarea");
      area.className = "example-run-editor";
      area.spellcheck = false;
      area.setAttribute("autocapitalize", "off");
      area.setAttribute("autocomplete", "off");
      area.setAttribute("aria-label", `Code of ${name}, editable`);
      area.addEventListener("input", showEdited);
      area.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          runButton.click();
        }
      });
      highlighted.after(area);
      return area;
    }

    async function codeEditor() {
      const host = document.createElement("div");
      host.className = "example-run-cm";
      try {
        const { createEditor } = await import(EDITOR.href);
        const cm = createEditor(host, {
          doc: verified,
          label: `Code of ${name}, editable`,
          onChange: showEdited,
          onSubmit: () => runButton.click(),
        });
        highlighted.after(host);
        return {
          get value() {
            return cm.getValue();
          },
          set value(text) {
            if (text !== cm.getValue()) cm.setValue(text);
          },
          set hidden(on) {
            host.hidden = on;
          },
          set rows(_) {},
          focus: () => cm.focus(),
        };
      } catch {
        return textarea();
      }
    }

    let opening = null;
    async function startEditing() {
      if (!editor) {
        editor = await (opening ||= codeEditor());
      }
      editor.value = verified;
      editor.rows = verified.replace(/\n$/, "").split("\n").length;
      editor.hidden = false;
      highlighted.hidden = true;
      editButton.hidden = true;
      resetButton.hidden = false;
      showEdited();
      editor.focus();
    }

    function reset() {
      if (editor) {
        editor.value = verified;
        editor.hidden = true;
      }
      highlighted.hidden = false;
      resetButton.hidden = true;
      editButton.hidden = false;
      showEdited();
      editButton.focus();
    }

    const timing = { clicked: 0, lines: [] };

    function append(text, stream) {
      const now = performance.now() - timing.clicked;
      for (const line of text.split(/(?<=\n)/)) timing.lines.push([now, stream]);
      if (stream === "err") {
        const span = document.createElement("span");
        span.className = "example-run-stderr";
        span.textContent = text;
        output.append(span);
      } else output.append(text);
      output.dataset.firstLineMs ||= String(Math.round(now));
    }

    // The timeline of this run, traced in the page's Python by the tracer that
    // draws the page's timelines, and drawn by the same renderer (timeline.py).
    let timelineBox = null;
    function showTimeline(svg) {
      if (!svg) {
        if (timelineBox) timelineBox.hidden = true;
        return;
      }
      if (!timelineBox) {
        timelineBox = document.createElement("div");
        timelineBox.className = "example-timeline example-run-timeline";
        output.after(timelineBox);
      }
      timelineBox.innerHTML = svg; // timeline.py escapes every label
      const caption = document.createElement("p");
      caption.className = "example-timeline-caption";
      caption.textContent =
        "Timeline of this run, traced in your browser: a row per coroutine, from when it started to when it finished.";
      timelineBox.append(caption);
      timelineBox.hidden = false;
    }

    function running(on) {
      runButton.disabled = on;
      stopButton.disabled = !on;
      block.classList.toggle("is-running", on);
      if (!on && document.activeElement === stopButton) runButton.focus();
    }

    function run() {
      if (current) return;
      const code = source();
      const own = isEdited();
      timing.clicked = performance.now();
      timing.lines = [];
      output.textContent = "";
      showTimeline("");
      delete output.dataset.firstLineMs;
      delete block.dataset.exit;
      panel.hidden = false;
      status.textContent = runtime.info
        ? "Starting…"
        : "Loading Python in your browser (once per visit)…";
      running(true);
      let started = 0;
      current = runtime.run(name, code, {
        start: (info) => {
          started = performance.now();
          block.dataset.startMs = String(Math.round(started - timing.clicked));
          label.textContent = `Python ${info.python} (Pyodide ${info.pyodide})`;
          status.textContent = own
            ? `Running your edited ${name}: your code, not checked by this site…`
            : `Running ${name}…`;
        },
        out: (text) => append(text, "out"),
        err: (text) => append(text, "err"),
        exit: (exitCode, elapsed) => {
          status.textContent =
            describeExit(exitCode, elapsed) + (own ? " (Your edited code.)" : "");
          block.dataset.exit = String(exitCode);
        },
        stopped: () => {
          status.textContent = "Stopped.";
          block.dataset.exit = "stopped";
        },
        fail: (message) => {
          status.textContent = `Python could not start in this browser: ${message.split("\n")[0]}`;
          block.dataset.exit = "failed";
        },
        message: (data) => {
          if (data.type === "timeline") showTimeline(data.svg);
        },
      }, { trace: true, ident: `yours-${block.closest(".example").id}` });
      current.done.then(() => {
        current = null;
        running(false);
        runtime.prepare();
      });
    }

    runButton.addEventListener("click", run);
    stopButton.addEventListener("click", () => current && current.stop());
    editButton.addEventListener("click", startEditing);
    resetButton.addEventListener("click", reset);
    // A reader about to run: the pointer moving on Run or Edit, a touch on them, or
    // the keyboard's focus reaching them. Python starts then, a moment before the
    // click; a reader who only reads or scrolls starts nothing (a button that
    // scrolls under a resting pointer gets pointerover, never pointermove).
    const intent = () => runtime.warm();
    for (const button of [runButton, editButton]) {
      for (const type of ["pointermove", "pointerdown", "focus"])
        button.addEventListener(type, intent);
    }
    block.exampleTiming = timing;
    block.hidden = false;
  }

  for (const block of document.querySelectorAll(".example-run[data-script]")) setUp(block);

  // The runner without the buttons: run(name, source, timeoutMs) resolves with
  // what the run printed, its exit code ("timeout" if it was stopped after
  // timeoutMs) and when each write arrived (ms after the call).
  window.exampleRunner = {
    runtime,
    // Start Python ahead of a run, as a reader's intent does (and keep its snapshot,
    // for this page and stored for the next ones); resolves when Python is ready
    // and its snapshot stored.
    warm() {
      return runtime.warm().then(() => runtime.stored);
    },
    run(name, source, timeoutMs) {
      const called = performance.now();
      const result = { stdout: "", stderr: "", code: null, lines: [] };
      const at = () => performance.now() - called;
      let timer = null;
      const handle = runtime.run(name, source, {
        start: () => (result.startMs = at()),
        out: (text) => {
          result.stdout += text;
          result.lines.push(at());
        },
        err: (text) => (result.stderr += text),
        exit: (code, elapsed) => Object.assign(result, { code, elapsed }),
        stopped: () => (result.code ??= "stopped"),
        fail: (message) => Object.assign(result, { code: "failed", message }),
      });
      if (timeoutMs)
        timer = setTimeout(() => {
          result.code = "timeout";
          handle.stop();
        }, timeoutMs);
      return handle.done.then(() => {
        clearTimeout(timer);
        return result;
      });
    },
  };
})();
