// The Pyodide sandbox: Python 2 random sequences, limits, and that escapes are stopped while the
// pool keeps serving.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PyRandom } from "@/lib/capa/random";
import { SandboxPool } from "./pool";

let pool: SandboxPool;
beforeAll(async () => {
  pool = new SandboxPool({ size: 1, timeoutMs: 1000, killGraceMs: 1500 });
  await pool.warm();
}, 120_000);
afterAll(() => pool.close());

describe("the pool's footprint", () => {
  it("leaves no esbuild service running once the calculator is bundled (it held ~80 MB for the life of the server)", () => {
    const children = execFileSync("ps", ["-o", "args=", "--ppid", String(process.pid)]).toString();
    expect(children).toContain("child.mjs"); // the sandbox process itself is there
    expect(children).not.toMatch(/esbuild[^\n]*--service/);
  });

  it("stops a process left idle for idleMs and starts one again for the next job", async () => {
    const small = new SandboxPool({ size: 1, idleMs: 300 });
    try {
      await small.warm();
      expect(small.memory().processes).toBe(1);
      await new Promise((r) => setTimeout(r, 1_200));
      expect(small.memory().processes).toBe(0);
      const r = await small.run({ script: "v = 6 * 7", seed: 1 });
      expect(r.ok && r.context.v).toBe(42);
      expect(small.memory().processes).toBe(1);
    } finally {
      await small.close();
    }
  }, 60_000);

  it("a burst of first jobs starts one process, not the whole pool, and grows it once that one is up", async () => {
    const burst = new SandboxPool({ size: 2 });
    try {
      let most = 0;
      let firstDone = false;
      const watch = setInterval(() => {
        if (!firstDone) most = Math.max(most, burst.memory().processes);
      }, 10);
      const jobs = Array.from({ length: 6 }, (_, i) =>
        burst.run({ script: `v = ${i} * 2`, seed: 1 }).then((r) => {
          firstDone = true;
          return r;
        }),
      );
      const results = await Promise.all(jobs);
      clearInterval(watch);
      expect(results.map((r) => r.ok && r.context.v)).toEqual([0, 2, 4, 6, 8, 10]);
      expect(most).toBe(1); // until the first answer, one process only (all jobs waited for it)
      expect(burst.memory().processes).toBe(2); // then the waiting jobs grew the pool to its size
    } finally {
      await burst.close();
    }
  }, 120_000);
});

async function ctx(script: string, seed = 1) {
  const r = await pool.run({ script, seed });
  if (!r.ok) throw new Error(r.message);
  return r.context;
}

describe("seeded random is Open edX's (random2: Python 2 algorithms)", () => {
  it.each([
    // Expected values reasoned from Python 2.7's randrange: istart + int(random() * width), over
    // the MT stream Python 3 gives for the same int seed. Python 3's own randint gives 18 for seed 1
    // and [82, 15, 4, 95, 36] for seed 42: these must NOT come out.
    { seed: 1, code: "v = random.randint(1, 100)", want: 14 },
    { seed: 42, code: "v = [random.randint(1, 100) for _ in range(5)]", want: [64, 3, 28, 23, 74] },
    { seed: 42, code: "[random.randint(1, 100) for _ in range(5)]\nv = random.choice('abcdefg')", want: "e" },
    { seed: 7, code: "v = list(range(10)); random.shuffle(v)", want: [2, 7, 4, 6, 8, 9, 0, 5, 1, 3] },
    { seed: 3, code: "v = random.sample(range(50), 5)", want: [11, 27, 18, 30, 31] },
    { seed: 1, code: "import random as r2\nv = r2.randint(1, 100)", want: 14 },
    { seed: 1, code: "v = random.Random(1).randint(1, 100)", want: 14 },
    { seed: 1, code: "v = random.random()", want: 0.13436424411240122 },
  ])("seed $seed: $code", async ({ seed, code, want }) => {
    expect((await ctx(code, seed)).v).toEqual(want);
  });

  it("shuffle agrees with lib/capa's PyRandom (checked against Open edX's shuffle vectors)", async () => {
    for (const seed of [1, 2, 99, 12345]) {
      const items = Array.from({ length: 12 }, (_, i) => i);
      new PyRandom(seed).shuffle(items);
      expect((await ctx("v = list(range(12)); random.shuffle(v)", seed)).v).toEqual(items);
    }
  });

  it("the same seed gives the same values on every run", async () => {
    const a = await ctx("v = [random.randint(0, 10**6) for _ in range(3)]", 555);
    const b = await ctx("v = [random.randint(0, 10**6) for _ in range(3)]", 555);
    expect(a.v).toEqual(b.v);
  });
});

describe("JSON-safe context and modules", () => {
  it("keeps JSON-safe variables, turns tuples into lists, drops functions and modules", async () => {
    const r = await pool.run({ script: "import json\nt = (1, 2)\nd = {'a': 1.5}\ndef f(): pass\nm = math.sqrt(16)", seed: 5 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.context).toMatchObject({ t: [1, 2], d: { a: 1.5 }, m: 4, seed: 5 });
    expect(r.context).not.toHaveProperty("f");
    expect(r.context).not.toHaveProperty("json");
    expect(r.strings).toMatchObject({ t: "[1, 2]", d: "{'a': 1.5}", m: "4.0" });
  });
});

describe("calc (openedx-calc's evaluator, on Atrium's calculator)", () => {
  it.each([
    { code: "from calc import evaluator\nv = evaluator({'x': 3}, {}, '2*x^2 + sqrt(16)')", want: 22 },
    { code: "v = calc.evaluator({}, {}, '1/3')", want: 1 / 3 },
    { code: "v = calc.evaluator({'R': 2}, {}, 'r*2', case_sensitive=False)", want: 4 },
    { code: "import calc\ntry:\n    calc.evaluator({}, {}, 'y + 1')\nexcept calc.UndefinedVariable:\n    v = 'undefined'", want: "undefined" },
  ])("$code", async ({ code, want }) => {
    const v = (await ctx(code)).v;
    if (typeof want === "number") expect(v).toBeCloseTo(want, 12);
    else expect(v).toBe(want);
  });

  it("the JS bridge behind calc is not reachable from course code", async () => {
    const r = await pool.run({ script: "import _atrium_calc", seed: 1 });
    expect(r.ok).toBe(false);
    const r2 = await pool.run({ script: "import calc\nf = calc._evaluate.constructor('return 1')", seed: 1 });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toMatch(/EvalError|Code generation|not allowed/);
  });
});

describe("the course's python_lib.zip", () => {
  it("is importable by course code, and only while that course's job runs", async () => {
    const zip = execFileSync("python3", [
      "-c",
      "import io,sys,zipfile\nb=io.BytesIO()\nz=zipfile.ZipFile(b,'w')\nz.writestr('coursehelp.py','def double(x):\\n    return 2 * x\\n')\nz.close()\nsys.stdout.buffer.write(b.getvalue())",
    ]);
    const r = await pool.run({ script: "import coursehelp\nv = coursehelp.double(21)", seed: 1 }, new Uint8Array(zip));
    expect(r.ok && r.context.v).toBe(42);
    const without = await pool.run({ script: "import coursehelp", seed: 1 });
    expect(without.ok).toBe(false);
    if (!without.ok) expect(without.message).toMatch(/ModuleNotFoundError/);
  });
});

describe("limits: the code is stopped and reported, the pool keeps serving", () => {
  it.each([
    { name: "infinite loop", code: "while True: pass", msg: /time limit/ },
    { name: "2 GB allocation", code: "x = bytearray(2 * 1024**3 - 1)", msg: /memory|MemoryError|Overflow/ },
    { name: "1 GB list", code: "x = [0] * (256 * 1024**2)", msg: /memory|MemoryError/ },
    { name: "reading /etc/passwd", code: "open('/etc/passwd').read()", msg: /not allowed/ },
    { name: "writing a file", code: "open('/tmp/x', 'w').write('x')", msg: /not allowed/ },
    { name: "socket", code: "import socket\nsocket.socket().connect(('127.0.0.1', 3306))", msg: /not allowed/ },
    { name: "os.system", code: "import os\nos.system('id')", msg: /not allowed/ },
    { name: "subprocess", code: "import subprocess\nsubprocess.run(['id'])", msg: /not allowed/ },
    { name: "the JS bridge", code: "import js\njs.process.exit(1)", msg: /not allowed/ },
    { name: "pyodide via sys.modules", code: "import sys\nsys.modules['pyodide_js'].FS", msg: /KeyError|not allowed/ },
  ])("$name", async ({ code, msg }) => {
    const r = await pool.run({ script: code, seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(msg);
    // And the pool still answers.
    expect((await ctx("v = 1 + 1")).v).toBe(2);
  }, 30_000);

  it("a C-level operation that ignores the interrupt is killed and the process replaced", async () => {
    const r = await pool.run({ script: "x = 10 ** (10 ** 8)", seed: 1 });
    expect(r.ok).toBe(false);
    expect((await ctx("v = 3")).v).toBe(3);
  }, 60_000);
});
