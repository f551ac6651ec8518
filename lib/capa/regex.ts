// Author regexps (stringresponse type="regexp", regexphint) run against learner answers without
// ever stalling the server. Patterns are compiled with RE2 (re2js, a pure-JS port: matching time
// is linear in the answer, so `(\w+\s?)+$` cannot backtrack). Patterns RE2 cannot express
// (backreferences, lookaround, repeats beyond RE2's limits) fall back to V8's RegExp. EVERY match,
// RE2 or V8, runs inside node:vm with a hard timeout (so does compiling a pattern), and one grading
// has a total budget: a huge RE2 program or a backtracking fallback is cut off and reported as
// RegexTimeoutError, which the caller turns into a response error (no attempt used) or a hint that
// does not show.
//
// Python `re` semantics kept (capa.md "stringresponse"): Unicode-aware case folding for `ci`,
// `(?P<name>…)`, `\A`, `\Z`, `.` excluding only "\n", `\s` = Python's Unicode whitespace. As in
// the V8 implementation this replaces, `\w`, `\d` and `\b` are ASCII and `$` matches only at the
// very end (learner answers are stripped, so Python's "before a final newline" never differs).
import vm from "node:vm";
import { RE2JS } from "re2js";

/** Longest one match may run (ms), and the most all matches of one grading may take together. */
export const REGEX_MATCH_LIMIT_MS = 400;
export const REGEX_GRADE_BUDGET_MS = 700;

export class RegexTimeoutError extends Error {
  constructor() {
    super("The answer pattern took too long to check.");
    this.name = "RegexTimeoutError";
  }
}

export interface CompiledPattern {
  engine: "re2" | "js";
  /** Search (like Python re.search): true when the pattern matches somewhere in `input`. */
  test(input: string): boolean;
}

// Python's str.isspace() characters: what `\s` matches in a Python 3 str pattern.
const PY_SPACE = "\\t\\n\\x{0b}\\f\\r \\x{1c}-\\x{1f}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}";

class Unsupported extends Error {}

/** Python `re` pattern → RE2 syntax (throws Unsupported where no faithful rewrite exists). */
export function toRe2Syntax(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) return out + ch; // let RE2 report the trailing backslash
      i++;
      if (next === "Z" && !inClass) out += "\\z";
      else if (next === "s") out += inClass ? PY_SPACE : `[${PY_SPACE}]`;
      else if (next === "S") {
        if (inClass) throw new Unsupported("\\S inside a character class");
        out += `[^${PY_SPACE}]`;
      } else out += ch + next;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      // A "]" right after "[" or "[^" is a literal in Python (and RE2).
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (pattern[i + 1] === "]") out += pattern[++i];
      continue;
    }
    out += ch;
  }
  return out;
}

/** Python `re` pattern → JS RegExp (named groups syntax), with the Unicode flag when it parses. */
export function pyRegexJs(pattern: string, ci: boolean): RegExp {
  const src = pattern.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>").replace(/\\Z/g, "$").replace(/\\A/g, "^");
  const flags = ci ? "i" : "";
  try {
    return new RegExp(src, `${flags}u`);
  } catch {
    return new RegExp(src, flags);
  }
}

// ---------------------------------------------------------------- time limit

// Budgets count this process's CPU time, not the clock: on a busy machine the process may wait for
// a core mid-match, and a pattern that is quick was then cut off and refused as "too complex"
// (seen in the fault test, with MariaDB restarting on the same 2 cores). process.cpuUsage() counts
// every thread of the process: other threads' work can only make a budget run out sooner.
let budget: { startCpu: NodeJS.CpuUsage; ms: number } | null = null;
let opLimit = REGEX_MATCH_LIMIT_MS;

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

/**
 * Runs `fn` (synchronous) with one shared matching budget, each compile or match also limited to
 * `perOpMs`; nested calls share the outer budget.
 */
export function withRegexBudget<T>(fn: () => T, budgetMs = REGEX_GRADE_BUDGET_MS, perOpMs = REGEX_MATCH_LIMIT_MS): T {
  if (budget !== null) return fn();
  budget = { startCpu: process.cpuUsage(), ms: budgetMs };
  opLimit = perOpMs;
  try {
    return fn();
  } finally {
    budget = null;
    opLimit = REGEX_MATCH_LIMIT_MS;
  }
}

const sandbox = vm.createContext(Object.create(null) as object);
const runScript = new vm.Script("f()");

/** At most this many reruns of an operation the watchdog cut off while the process was kept off the CPU. */
const STARVED_RETRIES = 2;

/**
 * Runs synchronous `fn` where V8 can interrupt it (node:vm's watchdog), within the time left.
 * The watchdog counts the clock; when it fires but the process used under half that time in CPU,
 * the process was waiting for a core, not matching: the operation runs again (at most twice).
 */
export function runWithinLimit<T>(fn: () => T): T {
  for (let attempt = 0; ; attempt++) {
    const left = budget === null ? REGEX_MATCH_LIMIT_MS : Math.min(opLimit, budget.ms - cpuMsSince(budget.startCpu));
    if (left < 1) throw new RegexTimeoutError();
    const ctx = sandbox as { f?: unknown };
    ctx.f = fn;
    const wall0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      return runScript.runInContext(sandbox, { timeout: Math.ceil(left) }) as T;
    } catch (err) {
      if ((err as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw err;
      const starved = cpuMsSince(cpu0) < (performance.now() - wall0) / 2;
      if (!starved || attempt >= STARVED_RETRIES) throw new RegexTimeoutError();
    } finally {
      ctx.f = undefined;
    }
  }
}

// ---------------------------------------------------------------- compile (cached)

const cache = new Map<string, CompiledPattern>();
const CACHE_MAX = 500;

/**
 * Compiles a Python `re` pattern (case-insensitive when `ci`). Throws SyntaxError when neither RE2
 * nor V8 accepts it (the caller's "invalid regexp" response error), RegexTimeoutError when
 * compiling does not finish in time.
 */
export function compilePyRegex(pattern: string, ci: boolean): CompiledPattern {
  const key = `${ci ? "i" : "-"}${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const compiled = compileUncached(pattern, ci, key);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  return compiled;
}

/** Patterns and answers this small match directly (see compileUncached); no counted repeats, which multiply the program. */
const DIRECT_PATTERN_MAX = 256;
const DIRECT_INPUT_MAX = 256;
export const isSmallRe2 = (re2Source: string): boolean => re2Source.length <= DIRECT_PATTERN_MAX && !/\{\s*\d/.test(re2Source);

function compileUncached(pattern: string, ci: boolean, key: string): CompiledPattern {
  let re2: RE2JS | null = null;
  let src: string | null = null;
  try {
    src = toRe2Syntax(pattern);
    const re2Source = src;
    re2 = runWithinLimit(() => RE2JS.compile(re2Source, ci ? RE2JS.CASE_INSENSITIVE : 0));
  } catch (err) {
    if (err instanceof RegexTimeoutError) throw err; // a pattern too big to compile in time
    re2 = null;
  }
  if (re2) {
    const m = re2;
    const small = src !== null && isSmallRe2(src);
    return {
      engine: "re2",
      test(input) {
        // RE2 matches in time linear in answer × program: a small pattern on a short answer is
        // bounded far below the limit (≤ 0.3 ms measured for the worst we could write), so it runs
        // directly; node:vm's watchdog costs ~130 µs of CPU and ~300 µs of wall time per match.
        if (small && input.length <= DIRECT_INPUT_MAX) {
          if (budget !== null && cpuMsSince(budget.startCpu) >= budget.ms) throw new RegexTimeoutError();
          return m.test(input);
        }
        try {
          return runWithinLimit(() => m.test(input));
        } catch (err) {
          // An interrupted match may leave the engine's caches half-built: compile afresh next time.
          if (err instanceof RegexTimeoutError) cache.delete(key);
          throw err;
        }
      },
    };
  }
  const js = pyRegexJs(pattern, ci); // throws SyntaxError for a pattern nobody accepts
  return { engine: "js", test: (input) => runWithinLimit(() => js.test(input)) };
}
