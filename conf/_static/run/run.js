// The in-page runner's page half: Run, Stop, Edit and Reset under each example.
//
// Nothing runs until a reader clicks Run: only then does the page start a Web
// Worker (worker.js) that loads Python (Pyodide, from this site) and runs the
// script as `python3 name.py` would (bootstrap.py says how). Each printed line
// appears in the panel as it is printed. The first worker keeps a snapshot of the
// started interpreter (also stored in the browser, for the next page), so later
// runs start in a fraction of a second, each in a fresh interpreter.
//
// The Sphinx extension (conf/verified_examples/browser.py) writes, under each
// example a browser can run, a hidden <div class="example-run"> with the controls
// and the panel; this script wires them up and shows them. Examples a browser
// cannot run get a line that says why instead, and no script is involved.
//
// window.exampleRunner.run(name, source, sink) is the same runner without the
// buttons, for the tests (tests/test_browser_run.py) and
// `python -m verified_examples.browser`, which measure which examples run here.

(() => {
  "use strict";

  const here = new URL(".", document.currentScript.src);
  const WORKER = new URL("worker.js", here);
  const BOOTSTRAP = new URL("bootstrap.py", here);
  const PYODIDE = new URL("../pyodide/", here);
  const STORE = "example-runner";
  const MAX_IDLE = 1; // a ready worker kept for the next run

  // ------------------------------------------------------------ snapshot store
  // The started interpreter's memory, kept in IndexedDB under a key that names the
  // Pyodide version and the runner's files, so a new version is never mixed up.
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

  async function storeSnapshot(key, bytes) {
    try {
      const db = await openStore();
      const transaction = db.transaction("snapshots", "readwrite");
      const store = transaction.objectStore("snapshots");
      store.clear(); // one version at a time
      store.put(bytes, key);
      await new Promise((resolve) => {
        transaction.oncomplete = transaction.onerror = transaction.onabort = resolve;
      });
    } catch {
      // nothing to do: the next page starts from scratch
    }
  }

  // ------------------------------------------------------------------ runtime
  class Runtime {
    constructor(key) {
      this.key = key;
      this.snapshot = null;
      this.module = null; // Pyodide's compiled WebAssembly, shared by the workers
      this.booting = null; // the first worker, while it makes the snapshot
      this.idle = [];
      this.preparing = null;
      this.info = null; // {python, pyodide} once a worker is ready
      this.stored = null; // settles when the snapshot is in the browser's storage
      this.timings = []; // how long each worker took to start (ms)
    }

    spawn(snapshot) {
      const spawned = performance.now();
      return new Promise((resolve, reject) => {
        const worker = new Worker(WORKER, { type: "module" });
        worker.onmessage = ({ data }) => {
          if (data.type === "ready") {
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
        });
      });
    }

    // A worker whose fresh interpreter is ready to run a script.
    async acquire() {
      if (this.idle.length) return this.idle.pop();
      if (!this.snapshot && !this.booting) {
        const stored = await storedSnapshot(this.key);
        if (stored && !this.snapshot) this.snapshot = stored;
      }
      if (this.snapshot) return this.spawn(this.snapshot);
      if (!this.booting) {
        this.booting = this.spawn(null);
        return this.booting; // the first caller gets the first worker
      }
      try {
        await this.booting;
      } catch {
        this.booting = null;
      }
      return this.acquire();
    }

    release(worker) {
      if (this.idle.length < MAX_IDLE) this.idle.push(worker);
      else worker.terminate();
    }

    // Keep a worker ready, so that the next Run starts at once.
    prepare() {
      if (this.idle.length || this.preparing || !this.snapshot) return;
      this.preparing = this.spawn(this.snapshot).then(
        (worker) => this.release(worker),
        () => {},
      );
      this.preparing.finally(() => (this.preparing = null));
    }

    // Run `source` as the script `name`. The sink hears: start(info), out(text),
    // err(text), exit(code, elapsed), fail(message). Returns a handle whose
    // stop() ends the run; `done` settles when the run has ended, however.
    run(name, source, sink) {
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
            }
          };
          worker.postMessage({ type: "run", name, source });
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

    function startEditing() {
      if (!editor) {
        editor = document.createElement("textarea");
        editor.className = "example-run-editor";
        editor.spellcheck = false;
        editor.setAttribute("autocapitalize", "off");
        editor.setAttribute("autocomplete", "off");
        editor.setAttribute("aria-label", `Code of ${name}, editable`);
        editor.addEventListener("input", showEdited);
        editor.addEventListener("keydown", (event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            runButton.click();
          }
        });
        highlighted.after(editor);
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
      });
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
    block.exampleTiming = timing;
    block.hidden = false;
  }

  for (const block of document.querySelectorAll(".example-run[data-script]")) setUp(block);

  // The runner without the buttons: run(name, source, timeoutMs) resolves with
  // what the run printed, its exit code ("timeout" if it was stopped after
  // timeoutMs) and when each write arrived (ms after the call).
  window.exampleRunner = {
    runtime,
    // Start Python once and keep its snapshot (for this page, and stored for the
    // next ones); resolves when the snapshot is stored.
    warm() {
      return runtime.acquire().then((worker) => {
        runtime.release(worker);
        return runtime.stored;
      });
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
