// The sandbox process for course Python (lib/sandbox/pool.ts forks it). Pyodide (CPython
// compiled to WebAssembly) loads from node_modules — never a CDN — and runs lib/sandbox/py/runner.py.
// Limits: the WebAssembly memory is capped (WASM_MAX_MB), each job is interrupted at its time
// limit (a timer thread writes Pyodide's interrupt buffer; the parent kills the process if that
// is not enough), Node's permission model denies host files beyond Pyodide's own and the
// sandbox's, child processes and workers beyond the timer; network APIs are removed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = process.env.PYODIDE_INDEX_URL;
const wasmMaxMb = Number(process.env.SANDBOX_WASM_MAX_MB || "512");

// Cap Pyodide's linear memory: allocations beyond it raise MemoryError inside Python.
const RealMemory = WebAssembly.Memory;
const cappedPages = Math.floor((wasmMaxMb * 1024 * 1024) / 65536);
WebAssembly.Memory = function Memory(desc) {
  if (desc && !desc.shared && typeof desc.maximum === "number" && desc.maximum > cappedPages) {
    return new RealMemory({ ...desc, maximum: Math.max(cappedPages, desc.initial) });
  }
  return new RealMemory(desc);
};
WebAssembly.Memory.prototype = RealMemory.prototype;

// Pyodide's NODEFS reads fs constants through process.binding, which the permission model denies.
const { constants: fsConstants } = await import("node:fs");
process.binding = (name) => {
  if (name === "constants") return { fs: fsConstants };
  throw new Error("process.binding is not available in the sandbox");
};

const { loadPyodide } = await import(path.join(indexURL, "pyodide.mjs"));
const py = await loadPyodide({ indexURL: indexURL + path.sep, stdout: () => {}, stderr: () => {} });

const interrupt = new Int32Array(new SharedArrayBuffer(4));
py.setInterruptBuffer(interrupt);
const timer = new Worker(
  `const { parentPort } = require("node:worker_threads"); let t = null;
   parentPort.on("message", (m) => { clearTimeout(t); if (m.ms > 0) t = setTimeout(() => { Atomics.store(m.buf, 0, 2); }, m.ms); });`,
  { eval: true },
);
timer.unref();

// openedx-calc's evaluator for course code: Atrium's own calculator, bundled by the parent.
if (process.env.SANDBOX_CALC) {
  const calc = await import(pathToFileURL(process.env.SANDBOX_CALC).href);
  // Warm the calculator (mathjs set-up) at start-up, not inside a learner's time budget.
  calc.evaluate("2*x^2 + sqrt(16)/3", { variables: { x: 1 } });
  py.registerJsModule("_atrium_calc", {
    evaluate(expr, varsJson, caseSensitive) {
      try {
        const v = calc.evaluate(String(expr), { variables: JSON.parse(String(varsJson)), caseSensitive: Boolean(caseSensitive) });
        return JSON.stringify(v);
      } catch (e) {
        return JSON.stringify({ error: e && e.kind ? e.kind : "syntax", message: String(e && e.message ? e.message : e) });
      }
    },
  });
}

const site = py.runPython("import sys; '/lib/python%d.%d/site-packages' % sys.version_info[:2]");
for (const f of ["random2.py", "runner.py", ...(process.env.SANDBOX_CALC ? ["calc.py"] : [])]) py.FS.writeFile(`${site}/${f}`, readFileSync(path.join(here, "py", f)));
py.FS.mkdirTree("/lib/python_course");
const runJob = py.runPython("from runner import run_job; run_job");

// Nothing below this line may reach the host: no mounting of host folders, no network.
delete py.FS.filesystems.NODEFS;
py.mountNodeFS = undefined;
for (const k of ["fetch", "WebSocket", "XMLHttpRequest", "EventSource", "Request", "Response"]) {
  try {
    delete globalThis[k];
  } catch {}
}
process.getBuiltinModule = undefined;
process.binding = undefined;
process._linkedBinding = undefined;
process.dlopen = undefined;

const zips = new Set();
process.on("message", (msg) => {
  if (!msg || msg.type !== "job") return;
  const started = performance.now();
  let out;
  try {
    let libPath = null;
    if (msg.pythonLib) {
      libPath = `/lib/python_course/${msg.pythonLib.hash}.zip`;
      if (!zips.has(libPath)) {
        py.FS.writeFile(libPath, new Uint8Array(msg.pythonLib.bytes));
        zips.add(libPath);
      }
    }
    Atomics.store(interrupt, 0, 0);
    timer.postMessage({ ms: msg.timeoutMs, buf: interrupt });
    const json = runJob(JSON.stringify({ ...msg.job, python_lib: libPath }));
    timer.postMessage({ ms: 0 });
    out = { type: "result", id: msg.id, result: JSON.parse(json), ms: performance.now() - started };
  } catch (e) {
    timer.postMessage({ ms: 0 });
    out = { type: "result", id: msg.id, error: String(e && e.message ? e.message : e).split("\n").slice(-2).join(" ") };
  }
  const wasmBytes = py._module.HEAP8.buffer.byteLength;
  process.send({ ...out, memory: { rss: process.memoryUsage().rss, wasm: wasmBytes } });
});
process.send({ type: "ready" });
