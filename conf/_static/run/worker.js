// The in-page runner's Web Worker: Python (Pyodide) off the page's main thread.
//
// run.js starts it on a reader's first click on Run, never on page load. It loads
// Pyodide from this site (no CDN), imports bootstrap.py (what makes the browser's
// Python behave like `python3 name.py`: see its docstring) and keeps a memory
// snapshot of that interpreter. Every run starts from a fresh interpreter restored
// from the snapshot, as every `python3 name.py` starts a fresh process, and each
// printed line is posted to the page as it is written. Stop terminates the worker.
//
// Messages in:  {type: "init", pyodide: URL of Pyodide's folder, bootstrap: URL of
//                bootstrap.py, snapshot?: bytes from an earlier worker}
//               {type: "run", name: "gather_two_tasks.py", source: "..."}
// Messages out: {type: "ready", python, pyodide, snapshot?} (snapshot: first worker)
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
    : realFetch(resource, options);
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
    snapshot = settings.snapshot;
    return null;
  }
  const first = await loadPyodide({ indexURL, _makeSnapshot: true });
  const source = await (await fetch(settings.bootstrap)).text();
  first.FS.mkdirTree("/runner");
  first.FS.writeFile("/runner/bootstrap.py", source);
  first.runPython(
    `import sys; sys.path.append("/runner"); import bootstrap; bootstrap.install()
import ${PRELOAD.join(", ")}`,
  );
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

function run({ name, source }) {
  const py = python;
  python = null;
  post({ type: "start" });
  const bootstrap = py.pyimport("bootstrap");
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
          // A copy for the page, which starts later workers from it.
          reply.snapshot = snapshot.slice();
          post(reply, [reply.snapshot.buffer]);
        } else post(reply);
      } else if (message.type === "run") {
        run(message); // once: the page ends this worker and starts the next run in another
      }
    } catch (error) {
      post({ type: "failed", message: String(error && error.stack ? error.stack : error) });
    }
  });
};
