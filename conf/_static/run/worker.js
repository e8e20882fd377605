// The in-page runner's Web Worker: Python (Pyodide) off the page's main thread.
//
// run.js starts it when a reader is about to run an example (the pointer on Run or
// Edit, the keyboard's focus on them) or clicks Run, never on page load. It loads
// Pyodide from this site (no CDN), imports bootstrap.py (what makes the browser's
// Python behave like `python3 name.py`: see its docstring) and keeps a memory
// snapshot of that interpreter. Every run starts from a fresh interpreter restored
// from the snapshot, as every `python3 name.py` starts a fresh process, and each
// printed line is posted to the page as it is written. Stop terminates the worker.
//
// Messages in:  {type: "init", pyodide: URL of Pyodide's folder, bootstrap: URL of
//                bootstrap.py, snapshot?: a Blob (or bytes) from an earlier worker,
//                module?: its compiled WebAssembly, cache?: Cache Storage name}
//               {type: "run", name: "gather_two_tasks.py", source: "..."}
// Messages out: {type: "ready", python, pyodide, module, timing, snapshot?}
//               (snapshot, a Blob: from the first worker only)
//               {type: "start"}, {type: "out" | "err", text}, {type: "exit", code,
//               elapsed}, {type: "failed", message} (Pyodide could not start)

import { loadPyodide } from "../pyodide/pyodide.mjs";

// A blocking sleep for time.sleep() and the event loop's waits: Atomics.wait on a
// one-cell shared memory blocks this thread without using the CPU. Workers may
// wait; shared WebAssembly memory needs no cross-origin isolation. Where it is
// missing, spinning blocks the thread just the same.
let cell = null;
try {
  cell = new Int32Array(
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer,
  );
} catch {
  cell = null;
}
globalThis.runSleep = (ms) => {
  if (cell) {
    Atomics.wait(cell, 0, 0, ms < 0 ? Infinity : ms);
    return;
  }
  const end = ms < 0 ? Infinity : performance.now() + ms;
  while (performance.now() < end);
};

// Compiling Pyodide's 9.6 MB of WebAssembly is most of a worker's start: the first
// worker hands its compiled module to the page, which gives it to the next ones.
let compiled = null;
const WASM = "/pyodide.asm.wasm";
const realFetch = globalThis.fetch;
globalThis.fetch = (resource, options) =>
  compiled && String(resource).endsWith(WASM)
    ? Promise.resolve(new Response(null, { headers: { "Content-Type": "application/wasm" } }))
    : settings && String(resource).startsWith(settings.pyodide)
      ? kept(String(resource), options)
      : realFetch(resource, options);

// Pyodide's files (its WebAssembly, standard library and lock file) are kept in the
// browser's Cache Storage under this runtime's name, so a later visit reads them
// from disk whatever caching the host allows (run.js deletes other runtimes'
// copies). Without Cache Storage (plain http, Node.js), they are fetched.
let cacheStore = null;
async function kept(url, options) {
  if (!settings.cache || typeof caches === "undefined") return realFetch(url, options);
  try {
    const store = await (cacheStore ||= caches.open(settings.cache));
    const hit = await store.match(url);
    if (hit) return hit;
    const response = await realFetch(url, options);
    if (response.ok) store.put(url, response.clone()).catch(() => {});
    return response;
  } catch {
    return realFetch(url, options);
  }
}

const instantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (!response.url && compiled) {
    // our stand-in response above: instantiate the module compiled before
    return { module: compiled, instance: await WebAssembly.instantiate(compiled, imports) };
  }
  const result = await instantiateStreaming(response, imports);
  if (response.url.endsWith(WASM)) compiled = result.module;
  return result;
};

//: Modules the examples import, imported once before the snapshot: each run then
//: starts without paying for their import (they are imported, not run, as
//: `import asyncio` at the top of a script would do it).
const PRELOAD = [
  "asyncio", "collections", "contextlib", "contextvars", "dataclasses", "enum",
  "functools", "itertools", "json", "logging", "random", "traceback", "typing",
  "unittest", "warnings", "weakref",
];
const HOME = "/home/pyodide";

// bootstrap.py ends a run this way when a signal kills it: no return, no cleanup.
globalThis.runEnded = (code, elapsed) => post({ type: "exit", code, elapsed });

let settings = null; // the init message
let python = null; // the interpreter the next run uses
let snapshot = null;

const post = (message, transfer) => postMessage(message, transfer || []);

async function boot() {
  const indexURL = settings.pyodide;
  if (settings.snapshot) {
    // A Blob is read here, off the page's thread, while Pyodide loads.
    const given = settings.snapshot;
    snapshot = typeof Blob !== "undefined" && given instanceof Blob ? given.arrayBuffer() : given;
    return null;
  }
  const source = fetch(settings.bootstrap).then((response) => response.text());
  const first = await loadPyodide({ indexURL, _makeSnapshot: true });
  first.FS.mkdirTree("/runner");
  first.FS.writeFile("/runner/bootstrap.py", await source);
  first.runPython(
    `import sys; sys.path.append("/runner"); import bootstrap; bootstrap.install()
import ${PRELOAD.join(", ")}`,
  );
  // Every Run is traced (the reader's timeline) and Check needs them too: imported
  // once here, into the snapshot, the practice modules cost no run anything. (The
  // build names the snapshot after them: browser.py's runtime_key.) Without them
  // (a page that does not serve py/), runs load them, or go without.
  await loadPractice(first).catch(() => null);
  snapshot = first.makeMemorySnapshot();
  return first;
}

// The interpreter for this worker's run: the one that made the snapshot, as it is
// (the same state), or a fresh one restored from the snapshot.
async function fresh(first) {
  const py = first || (await loadPyodide({ indexURL: settings.pyodide, _loadSnapshot: snapshot }));
  py.setStdin({ stdin: () => null }); // stdin at end of file, as under `< /dev/null`
  for (const [stream, setter] of [["out", "setStdout"], ["err", "setStderr"]]) {
    const decoder = new TextDecoder();
    py[setter]({
      write: (bytes) => {
        const text = decoder.decode(bytes, { stream: true });
        if (text) post({ type: stream, text });
        return bytes.length;
      },
      isatty: true, // a terminal: line-buffered, as a reader's would be
    });
  }
  return py;
}

// Check (an exercise's check mode) and the reader's own timeline need practice.py,
// with the tracer and the renderer that draw the page's timelines beside it
// (conf/verified_examples/, copied by the build into py/ beside bootstrap.py):
// imported before the snapshot (boot), so a run finds them there; fetched when a
// run asks for them only where the start could not (a page without py/).
const PRACTICE = ["practice.py", "_tracer.py", "timeline.py"];
async function loadPractice(py) {
  if (py.runPython("import sys; 'practice' in sys.modules")) return py.pyimport("practice");
  const folder = new URL("py/", settings.bootstrap);
  const texts = await Promise.all(
    PRACTICE.map(async (file) => {
      const response = await realFetch(new URL(file, folder));
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      return response.text();
    }),
  );
  py.FS.mkdirTree("/runner");
  PRACTICE.forEach((file, i) => py.FS.writeFile(`/runner/${file}`, texts[i]));
  return py.pyimport("practice");
}

// {type: "run", ..., mode: "check", spec, ident}: check the source as an exercise
// (practice.check on a virtual clock); posts {type: "verdict", verdict} and exit.
// {type: "run", ..., trace: true, ident}: run it traced; posts {type: "timeline",
// svg} (when more than one coroutine shared the time) before exit.
async function run(message) {
  const { name, source } = message;
  const py = python;
  python = null;
  let practice = null;
  if (message.mode === "check" || message.trace) {
    try {
      practice = await loadPractice(py);
    } catch (error) {
      if (message.mode === "check") throw error;
    }
  }
  post({ type: "start" });
  const path = `${HOME}/${name}`;
  const ident = message.ident || "yours";
  if (message.mode === "check") {
    const began = performance.now();
    const verdict = practice.check_json(source, JSON.stringify(message.spec), path, ident);
    post({ type: "verdict", verdict: JSON.parse(verdict), ms: performance.now() - began });
    post({ type: "exit", code: 0, elapsed: 0 });
    return;
  }
  const bootstrap = py.pyimport("bootstrap");
  if (practice) {
    const traced = practice.run_traced(bootstrap.run, path, source, ident);
    const [[code, elapsed], svg] = traced.toJs();
    traced.destroy();
    if (svg) post({ type: "timeline", svg });
    post({ type: "exit", code, elapsed });
    return;
  }
  const result = bootstrap.run(`${HOME}/${name}`, source);
  const [code, elapsed] = result.toJs();
  result.destroy();
  post({ type: "exit", code, elapsed });
}

let queue = Promise.resolve();
onmessage = (event) => {
  const message = event.data;
  queue = queue.then(async () => {
    try {
      if (message.type === "init") {
        settings = message;
        compiled = message.module || null;
        const began = performance.now(); // since this worker started
        const first = await boot();
        python = await fresh(first);
        const timing = { script: began, python: performance.now() - began };
        const version = python.runPython("import sys; sys.version.split()[0]");
        const reply = {
          type: "ready",
          python: version,
          pyodide: python.version,
          module: compiled,
          timing, // ms: loading this script, then starting Python
        };
        if (!settings.snapshot) {
          // For the page, which starts later workers from it and stores it: as a
          // Blob, which the page's thread passes on without copying 30 MB.
          reply.snapshot = new Blob([snapshot]);
        }
        snapshot = null;
        post(reply);
      } else if (message.type === "run") {
        await run(message); // once: the page ends this worker and starts the next run in another
      }
    } catch (error) {
      post({ type: "failed", message: String(error && error.stack ? error.stack : error) });
    }
  });
};
