// Author regexps never stall grading (RE2 for what it can express, a hard time limit for the rest)
// and keep the semantics the V8 implementation had (checked against it, pattern by pattern).
import { describe, expect, it } from "vitest";
import { feedbackFor, gradeProblem } from "./index";
import { compilePyRegex, isSmallRe2, pyRegexJs, REGEX_GRADE_BUDGET_MS, RegexTimeoutError, runWithinLimit, toRe2Syntax, withRegexBudget } from "./regex";
import vm from "node:vm";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const strRe = (pattern: string, type = "regexp", extra = "") =>
  `<problem><stringresponse answer="${esc(pattern)}" type="${type}">${extra}<textline size="20"/></stringresponse></problem>`;

/** Learner answers of the maximum accepted size built to make a backtracking engine explode. */
const HOSTILE = [
  "a".repeat(1999) + "!",
  "a ".repeat(999) + "!!",
  "ab".repeat(999) + "a!",
  "x".repeat(1999) + "\u00e9",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".padStart(2000, "a"),
];

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

describe("catastrophic patterns grade in well under a second", () => {
  // Each of these takes V8's backtracking engine hours (or longer) on the answers above.
  const patterns = ["(\\w+\\s?)+$", "(a+)+$", "(a|aa)+$", "(a|a?)+$", "(a*)*$", "([a-zA-Z]+)*$", "(x+x+)+y", "(.*a){20}$", "^(([a-z])+.)+[A-Z]([a-z])+$", "(\\w|\\d|_)+$", "(\\s*\\w*)*z"];
  for (const type of ["regexp", "ci regexp"]) {
    it.each(patterns)(`%s (${type}) against 2,000-character answers`, (pattern) => {
      const xml = strRe(pattern, type);
      for (const answer of HOSTILE) {
        const { value, ms } = timed(() => gradeProblem(xml, { "1_2_1": answer }));
        expect(ms, `${pattern} on ${JSON.stringify(answer.slice(-5))}`).toBeLessThan(1000);
        // RE2 answers these exactly (no time-out): none of the answers match.
        expect(value).toEqual({ ok: true, correctness: { "1_2_1": "incorrect" }, earned: 0, possible: 1 });
      }
    });
  }

  it("these patterns compile to RE2 (linear time), not to the time-limited fallback", () => {
    for (const p of patterns) expect(compilePyRegex(`^${p}$`, false).engine, p).toBe("re2");
  });

  it("a pattern RE2 cannot run (backreference, lookahead) is cut off by the hard limit: a response error, no hang", () => {
    for (const pattern of ["(\\w+\\s?)+(?=!)x", "((a+)+)\\2x", "(?P<w>a+)+(?P=w)x"]) {
      expect(compilePyRegex(`^${pattern}$`, false).engine).toBe("js");
      const { value, ms } = timed(() => gradeProblem(strRe(pattern), { "1_2_1": "a".repeat(1999) + "!" }));
      expect(ms, pattern).toBeLessThan(1000);
      expect(value).toMatchObject({ ok: false, error: "response_error", message: expect.stringMatching(/too complex/) });
    }
  });

  it("many slow patterns in one grading share one budget: the whole grading still ends within a second", () => {
    const hints = Array.from({ length: 8 }, (_, i) => `<regexphint answer="(a|aa)+(?=b)c${i}">Hint ${i}</regexphint>`).join("");
    const xml = strRe("right", "regexp", hints);
    const { value, ms } = timed(() => gradeProblem(xml, { "1_2_1": "a".repeat(1999) + "!" }));
    expect(ms).toBeLessThan(1000);
    expect(ms).toBeGreaterThan(REGEX_GRADE_BUDGET_MS - 100); // the hints really ran until the budget was spent
    expect(value).toEqual({ ok: true, correctness: { "1_2_1": "incorrect" }, earned: 0, possible: 1 });
  });

  it("an RE2 program too large to scan 2,000 characters in time is cut off too", () => {
    const pattern = "(a|b|c|d|e|f|g|h)?".repeat(600) + "x";
    const { value, ms } = timed(() => gradeProblem(strRe(pattern, "ci regexp"), { "1_2_1": "abcdefgh".repeat(250) }));
    expect(ms).toBeLessThan(1000);
    // On a fast machine RE2 may finish the scan inside the budget (then the answer is simply
    // wrong); on a slow one the budget cuts it off. Either way: an answer within a second.
    expect([{ ok: false, error: "response_error" }, { ok: true, correctness: { "1_2_1": "incorrect" } }]).toContainEqual(
      "error" in value ? { ok: value.ok, error: value.error } : { ok: value.ok, correctness: value.correctness },
    );
  });

  it("an RE2 match cut off mid-way is dropped from the cache: the pattern is compiled afresh and still grades", () => {
    const pattern = "^(?:" + "(a|b|c|d|e|f|g|h)?".repeat(300) + "x)$";
    const roomy = <T,>(fn: () => T) => withRegexBudget(fn, 10_000, 10_000);
    const first = roomy(() => compilePyRegex(pattern, true));
    expect(first.engine).toBe("re2");
    expect(() => withRegexBudget(() => first.test("abcdefgh".repeat(250)), 1000, 5)).toThrow(RegexTimeoutError);
    const again = roomy(() => compilePyRegex(pattern, true));
    expect(again).not.toBe(first);
    expect(roomy(() => again.test("abX"))).toBe(true);
    expect(roomy(() => again.test("abcdefgh".repeat(250)))).toBe(false);
  });

  it("a slow regexphint neither stalls grading nor shows", () => {
    const xml = strRe("right", "regexp", `<regexphint answer="(a|aa)+(?=b)c">Close!</regexphint><regexphint answer="a+!">Too many a's.</regexphint>`);
    const { value, ms } = timed(() => feedbackFor(xml, { "1_2_1": "a".repeat(1999) + "!" }));
    expect(ms).toBeLessThan(1000);
    expect(value).toEqual({ "1_2_1": "Too many a's." });
  });

  it("the time limit throws RegexTimeoutError once the budget is spent", () => {
    const slow = compilePyRegex("^(a|aa)+(?=b)c$", false);
    expect(() => withRegexBudget(() => slow.test("a".repeat(60)), 50)).toThrow(RegexTimeoutError);
  });
});

describe("small RE2 patterns on short answers match without the vm watchdog", () => {
  /** How many times node:vm ran a script while `fn` ran. */
  function vmRuns(fn: () => void): number {
    const original = vm.Script.prototype.runInContext;
    let n = 0;
    vm.Script.prototype.runInContext = function (this: vm.Script, ...args: Parameters<typeof original>) {
      n++;
      return original.apply(this, args);
    };
    try {
      fn();
    } finally {
      vm.Script.prototype.runInContext = original;
    }
    return n;
  }

  it("a typical answer pattern runs directly and answers as before", () => {
    const re = compilePyRegex("^(?:[Ss]ix|6|half a dozen)$", true);
    expect(re.engine).toBe("re2");
    expect(vmRuns(() => {
      expect(re.test("SIX")).toBe(true);
      expect(re.test("half a dozen")).toBe(true);
      expect(re.test("seven")).toBe(false);
    })).toBe(0);
  });

  it("long answers, long patterns, counted repeats and the V8 fallback still run under the watchdog", () => {
    const re = compilePyRegex("^(a|b)+$", false);
    expect(vmRuns(() => expect(re.test("ab".repeat(200))).toBe(true))).toBe(1);
    expect(isSmallRe2("(a|b)".repeat(60))).toBe(false);
    expect(isSmallRe2("a{2,5}")).toBe(false);
    expect(isSmallRe2("(?:[Ss]ix|6)")).toBe(true);
    const counted = compilePyRegex("^(?:ab){1,3}$", false);
    expect(vmRuns(() => expect(counted.test("abab")).toBe(true))).toBe(1);
    const js = compilePyRegex("^(a+)\\1$", false);
    expect(js.engine).toBe("js");
    expect(vmRuns(() => expect(js.test("aaaa")).toBe(true))).toBe(1);
  });

  it("a direct match still respects a grading budget already spent", () => {
    const re = compilePyRegex("^six$", true);
    expect(() =>
      withRegexBudget(() => {
        const until = process.cpuUsage();
        while ((process.cpuUsage(until).user + process.cpuUsage(until).system) / 1000 < 30) {
          /* spend the budget */
        }
        return re.test("six");
      }, 20),
    ).toThrow(RegexTimeoutError);
  });
});

describe("time limits count CPU, not a process kept waiting for a core", () => {
  // Atomics.wait blocks the thread without using CPU, as being descheduled on a busy machine does.
  const blockFor = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

  it("runs an operation again when the watchdog cut it off while the process was not on the CPU", () => {
    let calls = 0;
    const out = withRegexBudget(
      () =>
        runWithinLimit(() => {
          calls++;
          if (calls === 1) blockFor(300);
          return "matched";
        }),
      700,
      100,
    );
    expect(out).toBe("matched");
    expect(calls).toBe(2);
  });

  it("still refuses an operation that keeps the CPU busy past its limit", () => {
    let calls = 0;
    expect(() =>
      withRegexBudget(
        () =>
          runWithinLimit(() => {
            calls++;
            const until = Date.now() + 1000;
            while (Date.now() < until);
          }),
        700,
        100,
      ),
    ).toThrow(RegexTimeoutError);
    // Run once, unless this test process itself was kept off the CPU meanwhile (CI's parallel
    // workers on 2 cores): never more than the two reruns.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it("gives up after two reruns when the process stays starved", () => {
    let calls = 0;
    expect(() => withRegexBudget(() => runWithinLimit(() => (calls++, blockFor(200))), 700, 50)).toThrow(RegexTimeoutError);
    expect(calls).toBe(3);
  });
});

describe("semantics: the same answers as the V8 implementation", () => {
  const patterns = [
    "\\d+", "[0-9]{3}-[0-9]{4}", "..bble", "colou?r", "(cat|dog)s?", "a.c", "\\w+@\\w+\\.com", "\\s*x\\s*", "[^\\s]+", "[\\s,]+",
    "\\bword\\b", "(?P<n>ab)+", "x\\Z", "\\Ay", "a{2,3}", "a{,2}", "a{", "\\$\\d+(\\.\\d\\d)?", "[A-Z][a-z]*", "(?:ab|cd)*",
    "\\.", "[\\]]", "\\(x\\)", "\\W+", "\\D", "h(i|ey)( there)?", "\\S+", "^start", "end$", "a|b|c", "π\\s*r\\^2", "[à-ü]+",
  ];
  const inputs = ["123", "12a", "555-1234", "bubble", "BUBBLE", "color", "colour", "cats", "dog", "abc", "a\u00e9c", "me@site.com", " x ", "a,b c", "one word here",
    "ababab", "x", "y", "]", "a]a", "aaa", "aa", "a{", "$3.50", "$3.5", "Hello", "abcd", "cdab", ".", "\\Z", "(x)", "!?", "b", "hi there", "hey", "start", "the end",
    "π r^2", "πr^2", "élève", "über", "", "a\tb", "tab\there"];
  it("every pattern × input (cs and ci) matches exactly when V8 did", () => {
    let compared = 0;
    for (const p of patterns) {
      for (const ci of [false, true]) {
        const wrapped = `^${p}$`;
        const re2 = compilePyRegex(wrapped, ci);
        expect(re2.engine, p).toBe("re2");
        const v8 = pyRegexJs(wrapped, ci);
        for (const s of inputs) {
          expect(re2.test(s), `${p} ${ci ? "ci" : "cs"} on ${JSON.stringify(s)}`).toBe(v8.test(s));
          compared++;
        }
      }
    }
    expect(compared).toBe(patterns.length * 2 * inputs.length);
  });

  it("Python behaviour: \\s is Unicode whitespace, ci folds non-ASCII letters, \\Z ends the text, named groups and backreferences", () => {
    const g = (pattern: string, answer: string, type = "regexp") => gradeProblem(strRe(pattern, type), { "1_2_1": answer });
    expect(g("a\\sb", "a\u00a0b")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("a\\sb", "a\u000bb")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("a\\Sb", "a\u00a0b")).toMatchObject({ correctness: { "1_2_1": "incorrect" } });
    expect(g("école", "ÉCOLE", "ci regexp")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("école", "ÉCOLE")).toMatchObject({ correctness: { "1_2_1": "incorrect" } });
    expect(g("ab\\Z", "ab")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("(?P<x>ab)-(?P=x)", "ab-ab")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("(?P<x>ab)-(?P=x)", "ab-ba")).toMatchObject({ correctness: { "1_2_1": "incorrect" } });
    expect(g("(?=.*\\d)\\w+", "abc1")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("(?=.*\\d)\\w+", "abcd")).toMatchObject({ correctness: { "1_2_1": "incorrect" } });
    expect(g("a\\\\Z", "a\\Z")).toMatchObject({ correctness: { "1_2_1": "correct" } }); // an escaped backslash, then Z
    // A "]" first in a class is a literal in Python (V8 read "[]" as an empty class).
    expect(g("[]a]+", "a]a")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("[^]a]+", "bcd")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("[^]a]+", "b]d")).toMatchObject({ correctness: { "1_2_1": "incorrect" } });
    expect(g("(?i)paris", "PARIS")).toMatchObject({ correctness: { "1_2_1": "correct" } });
    expect(g("(", "x")).toMatchObject({ ok: false, error: "response_error" });
  });

  it("rewrites only what differs between Python and RE2", () => {
    expect(toRe2Syntax("x\\Z")).toBe("x\\z");
    expect(toRe2Syntax("\\\\Z")).toBe("\\\\Z");
    expect(toRe2Syntax("[\\s,]")).toMatch(/^\[\\t\\n.*,\]$/);
    expect(toRe2Syntax("(?P<n>a)\\d+")).toBe("(?P<n>a)\\d+");
    expect(toRe2Syntax("[]\\s]")).toMatch(/^\[\]\\t/);
  });
});
