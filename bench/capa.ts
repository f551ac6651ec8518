// npm run bench -- capa [--n N] [--pool SIZE]
// Grading latency of Python-scripted problems through the Pyodide sandbox pool: the cold start
// (process spawn + Pyodide load), then N warm gradings of the demo course's two scripted problems
// (a $var numerical problem and a 4-input customresponse), sequential and with the pool's size
// in flight. Prints p50/p99 (target p99 ≤ 50 ms warm) and the pool's memory.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gradeProblemScripted } from "@/lib/capa";
import { SandboxPool } from "@/lib/sandbox/pool";
import { OPENEDX_DEMO_DIR } from "@/scripts/lib/shared-fixtures";

function opt(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

export async function run(args: string[]): Promise<void> {
  const n = opt(args, "--n", 200);
  const size = opt(args, "--pool", 2);
  const read = (name: string) => readFileSync(path.join(OPENEDX_DEMO_DIR, "problem", `${name}.xml`), "utf8");
  const simple = read("720cac326b684155b4845d32af4aeef0");
  const custom = read("53083a812536472ba8ea8182ee354363");

  const pool = new SandboxPool({ size });
  const t0 = performance.now();
  await pool.warm();
  const cold = performance.now() - t0;
  console.log(`cold start (pool of ${size}, in parallel): ${ms(cold)}`);

  const grade = async (i: number) => {
    const seed = (i % 997) + 1;
    const t = performance.now();
    const r =
      i % 2 === 0
        ? await gradeProblemScripted(simple, { "1_2_1": "19" }, { runner: pool, seed })
        : await gradeProblemScripted(custom, { "1_2_1": "3", "1_2_2": "190", "1_2_3": "63.3", "1_2_4": "40.3" }, { runner: pool, seed });
    if (!r.ok) throw new Error(`grading failed: ${r.message}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 20; i++) await grade(i); // warm-up (JIT, imports)

  const seq: number[] = [];
  for (let i = 0; i < n; i++) seq.push(await grade(i));
  console.log(`warm, sequential (${n}): p50 ${ms(pct(seq, 50))}  p99 ${ms(pct(seq, 99))}  max ${ms(Math.max(...seq))}`);

  const conc: number[] = [];
  const t1 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: size * 2 }, async () => {
      while (next < n) conc.push(await grade(next++));
    }),
  );
  const wall = performance.now() - t1;
  console.log(
    `warm, ${size * 2} in flight (${n}): p50 ${ms(pct(conc, 50))}  p99 ${ms(pct(conc, 99))}  throughput ${((n / wall) * 1000).toFixed(0)} gradings/s`,
  );
  const m = pool.memory();
  console.log(`pool memory: ${m.processes} processes, RSS ${mb(m.rss)} total (${mb(m.rss / Math.max(1, m.processes))} each), WebAssembly heap ${mb(m.wasm)} total`);
  await pool.close();
}
