// Run examples on Pyodide's CPython in Node.js, through the browser's own runner.
//
// The browser runs an example in a Web Worker (conf/_static/run/worker.js) that
// loads Pyodide, installs bootstrap.py (what makes that Python run a script as
// `python3 name.py` would), snapshots the interpreter, and gives each run a fresh
// interpreter restored from the snapshot. This script runs that same worker.js, not
// a copy of its logic, in Node's worker threads: it plays the page's part (run.js's
// Runtime: one worker per run, the first one's snapshot handed to the others), so a
// run here and a Run button's run cannot disagree. pyodide.py drives it.
//
// Usage: node pyodide_node.mjs RUNNER_DIR PYODIDE_DIR LANES < jobs.json
//   RUNNER_DIR holds copies of worker.js and bootstrap.py (and a package.json that
//   makes worker.js a module), beside a `pyodide` folder, as in the built site.
//   jobs.json: [{"id", "name": "gather_two_tasks.py", "source", "timeout_ms"}, ...]
// Writes one JSON line per run to stdout as it ends: {"id", "code" (exit code, or
// "timeout" or "failed"), "stdout", "stderr", "elapsed", "message"}, then a last
// line {"ready": {"python", "pyodide", "boot_ms"}}. Anything else goes to stderr.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const [runnerDir, pyodideDir, lanesArg] = process.argv.slice(2);
const lanes = Math.max(1, Number(lanesArg) || 1);
const jobs = JSON.parse(readFileSync(0, "utf-8"));
const emit = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
console.log = console.info = console.warn = console.error; // keep stdout for results

// The Web Worker's globals, in a worker thread: postMessage, onmessage, and fetch
// of the runner's own files (Node's fetch has no file: URLs). Then worker.js.
const SHIM = `
import { parentPort } from "node:worker_threads";
import { readFile } from "node:fs/promises";
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
const realFetch = globalThis.fetch;
globalThis.fetch = async (resource, options) =>
  String(resource).startsWith("file:")
    ? new Response(await readFile(new URL(String(resource))))
    : realFetch(resource, options);
console.log = console.info = console.warn = console.error;
globalThis.onmessage = null; // worker.js assigns it, as a Web Worker's global
const early = [];
parentPort.on("message", (data) =>
  globalThis.onmessage ? globalThis.onmessage({ data }) : early.push(data));
await import(${JSON.stringify(pathToFileURL(`${runnerDir}/worker.js`).href)});
for (const data of early.splice(0)) globalThis.onmessage({ data });
`;
const SHIM_URL = new URL(`data:text/javascript,${encodeURIComponent(SHIM)}`);
const init = {
  type: "init",
  pyodide: `${pyodideDir}/`,
  bootstrap: pathToFileURL(`${runnerDir}/bootstrap.py`).href,
};

let snapshot = null; // the first worker's snapshot, as run.js keeps it
let info = null;

// A worker whose fresh interpreter is ready (run.js: Runtime.spawn).
function spawn() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SHIM_URL);
    worker.on("message", (data) => {
      if (data.type === "ready") {
        info = { python: data.python, pyodide: data.pyodide, boot_ms: data.timing.python };
        if (data.snapshot) snapshot = data.snapshot;
        worker.removeAllListeners("message");
        resolve(worker);
      } else if (data.type === "failed") {
        worker.terminate();
        reject(new Error(data.message));
      }
    });
    worker.on("error", reject);
    // A copy: a transferred snapshot could not start the next worker.
    worker.postMessage({ ...init, snapshot: snapshot && snapshot.slice() });
  });
}

// One run in one worker (run.js: Runtime.run); the worker ends with it.
async function run(job) {
  const result = { id: job.id, code: null, stdout: "", stderr: "", elapsed: null, message: "" };
  let worker;
  try {
    worker = await spawn();
  } catch (error) {
    return { ...result, code: "failed", message: String(error && error.stack) };
  }
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      result.code = "timeout";
      resolve();
    }, job.timeout_ms);
    worker.on("message", (data) => {
      if (data.type === "out") result.stdout += data.text;
      else if (data.type === "err") result.stderr += data.text;
      else if (data.type === "exit" || data.type === "failed") {
        if (data.type === "exit") Object.assign(result, { code: data.code, elapsed: data.elapsed });
        else Object.assign(result, { code: "failed", message: data.message });
        clearTimeout(timer);
        resolve();
      }
    });
    worker.on("error", (error) => {
      Object.assign(result, { code: "failed", message: String(error && error.stack) });
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: "run", name: job.name, source: job.source });
  });
  await worker.terminate();
  return result;
}

// The first run makes the snapshot; then up to `lanes` at a time.
const queue = [...jobs];
if (queue.length) emit(await run(queue.shift()));
await Promise.all(
  Array.from({ length: Math.min(lanes, queue.length) }, async () => {
    while (queue.length) emit(await run(queue.shift()));
  }),
);
emit({ ready: info });
