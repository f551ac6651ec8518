import { describe, expect, it } from "vitest";
import { evaluate } from "./calc";
import { compareWithTolerance } from "./tolerance";
import { PyRandom } from "./random";

const r = (x: number) => ({ re: x, im: 0, complex: false, int: false, np: false });

describe("calc evaluator (openedx-calc rules on mathjs)", () => {
  const values: [string, number, number?][] = [
    ["2*3", 6],
    ["1/3", 1 / 3],
    ["2^10", 1024],
    ["2^3^2", 512], // right-associative
    ["-2^2", -4], // leading minus binds looser than ^
    ["3*-2^2", 12], // a sign after an operator belongs to the number
    ["2^-3^2", 512],
    ["--3", 3],
    ["4%", 0.04],
    ["4 %", 0.04],
    ["1e-5", 1e-5],
    ["1.6E3", 1600],
    [".5", 0.5],
    ["3.", 3],
    ["1||1", 0.5], // parallel resistors
    ["2*1||1", 1], // || binds tighter than *
    ["-2||4", -4 / 3],
    ["sqrt(16)", 4],
    ["2*pi", 2 * Math.PI],
    ["PI", Math.PI], // case-insensitive by default
    ["e", Math.E],
    ["fact(5)", 120],
    ["factorial(3)", 6],
    ["ln(e)", 1],
    ["log10(1000)", 3],
    ["log2(8)", 3],
    ["abs(-3)", 3],
    ["sin(0)", 0],
    ["arccot(-1)", -Math.PI / 4],
    ["1/sin(0)", Infinity], // numpy division by zero is inf, not an error
  ];
  it.each(values)("%s = %d", (expr, expected) => {
    expect(evaluate(expr).re).toBeCloseTo(expected, 12);
  });

  it("empty and blank input evaluate to NaN", () => {
    expect(Number.isNaN(evaluate("").re)).toBe(true);
    expect(Number.isNaN(evaluate("   ").re)).toBe(true);
  });

  it("complex values: i and j, scimath sqrt and ln", () => {
    expect(evaluate("1+j")).toMatchObject({ re: 1, im: 1, complex: true });
    expect(evaluate("1+2*i")).toMatchObject({ re: 1, im: 2, complex: true });
    expect(evaluate("sqrt(-4)")).toMatchObject({ re: 0, im: 2, complex: true });
    expect(evaluate("ln(-1)").im).toBeCloseTo(Math.PI, 12);
  });

  const errors: [string, string, RegExp?][] = [
    ["x+1", "undefined", /^Invalid Input: x not permitted in answer as a variable$/],
    ["(1", "parens", /1 parentheses were opened but never closed/],
    ["1)", "parens", /closing parenthesis was found after segment 1/],
    ["4 four", "syntax"],
    ["3!", "syntax"],
    ["2pi", "syntax"], // no implicit multiplication
    ["2 x", "syntax"],
    ["5k", "syntax"], // no SI suffixes
    ["10%3", "syntax"], // % is only a number suffix
    ["0x1F", "syntax"],
    ["2**3", "syntax"],
    ["1+-x", "syntax"],
    ["1/0", "math"],
    ["0^-1", "math"],
    ["fact(-1)", "factorial"],
    ["fact(2.5)", "math"],
    ["f(2)", "undefined", /f not permitted in answer as a function$/],
    ["pi(2)", "undefined", /did you forget to use \* for multiplication/],
    ["a=1", "syntax"],
    ["[1,2]", "syntax"],
    ["constructor", "undefined"],
    ["toString(1)", "undefined"],
    ["__proto__", "syntax"],
    ["π", "syntax"],
    ["1,5", "syntax"],
  ];
  it.each(errors)("%s is rejected (%s)", (expr, kind, message) => {
    let caught: unknown;
    try {
      evaluate(expr);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ kind });
    if (message) expect((caught as Error).message).toMatch(message);
  });

  it("survives long and deeply nested input", () => {
    expect(evaluate("(".repeat(200) + "1" + ")".repeat(200)).re).toBe(1);
    expect(evaluate(Array(500).fill("1").join("+")).re).toBe(500);
  });

  it("variables are case-insensitive unless asked, with a did-you-mean hint", () => {
    expect(evaluate("X^2", { variables: { x: 3 } }).re).toBe(9);
    expect(() => evaluate("X", { variables: { x: 3 }, caseSensitive: true })).toThrow(
      "Invalid Input: X not permitted in answer as a variable (did you mean x?)",
    );
  });
});

describe("compare_with_tolerance", () => {
  const cases: [number, number, string, boolean][] = [
    [4.1, 4, "0.1", true], // Decimal comparison: the boundary is inclusive
    [4.11, 4, "0.1", false],
    [110, 100, "10%", true],
    [110.01, 100, "10%", false],
    [100.001, 100, "0.001%", true], // default is relative to max(|student|, |answer|)
    [100.0011, 100, "0.001%", false],
    [1e-7, 0, "0.001%", false],
    [0, 0, "0.001%", true],
  ];
  it.each(cases)("%d vs %d within %s → %s", (s, i, tol, ok) => {
    expect(compareWithTolerance(r(s), r(i), tol)).toBe(ok);
  });
  it("NaN never matches; infinities must be equal", () => {
    expect(compareWithTolerance(r(NaN), r(NaN), "1")).toBe(false);
    expect(compareWithTolerance(r(Infinity), r(Infinity), "1")).toBe(true);
    expect(compareWithTolerance(r(Infinity), r(1e308), "1e400")).toBe(false);
  });
});

describe("Python random stream", () => {
  it("matches CPython random.Random(seed).random()", () => {
    expect(new PyRandom(1).random()).toBe(0.13436424411240122);
    expect(new PyRandom(0).random()).toBe(0.8444218515250481);
    const big = new PyRandom(12345678901);
    expect([big.random(), big.random()]).toEqual([0.9460118159397316, 0.3279999559233737]);
  });
});
