// Open edX's calculator (openedx-calc `evaluator`) on top of mathjs. mathjs parses and does
// the (complex) arithmetic; a small lexing pass first makes mathjs see calc's grammar:
//  - numbers are calc literals (`3`, `3.`, `.5`, `1e-5`, optional `%` = ×0.01, no SI suffix,
//    no hex/binary), aliased to symbols so mathjs never reads a literal itself;
//  - identifiers follow calc's rules (letters, digits, `_`, trailing primes, tensor
//    indices) and are aliased, so mathjs keywords (`or`, `mod`, `to`...) have no meaning;
//  - a sign after an operator belongs to the number (calc: `3*-2^2` = 12, `2^-3^2` = 512),
//    and is illegal before anything but a number (calc: `2*-x` is a parse error);
//  - `||` (parallel resistors, binding tighter than `*` and looser than `^`) is read as
//    mathjs `.*` and regrouped when the product chain is evaluated.
// The AST is then walked with a whitelist (no implicit multiplication, no `!`, no
// matrices, no assignment, no member access); nothing is ever passed to eval.
import {
  acosDependencies,
  acoshDependencies,
  asinDependencies,
  asinhDependencies,
  atanDependencies,
  atanhDependencies,
  complexDependencies,
  cosDependencies,
  coshDependencies,
  create,
  divideDependencies,
  expDependencies,
  factorialDependencies,
  isComplex,
  log10Dependencies,
  log2Dependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sinDependencies,
  sinhDependencies,
  sqrtDependencies,
  tanDependencies,
  tanhDependencies,
  type Complex,
  type MathJsInstance,
  type MathNode,
} from "mathjs";

// Only what calc uses. `create(all)` held every mathjs function (units, matrices, statistics…):
// ~36 MB of heap per server process. The package has no side effects, so the build keeps only
// these factories (next.config.ts bundles mathjs instead of requiring its main entry, whose
// default instance is the whole library).
type CalcMath = Pick<
  MathJsInstance,
  "parse" | "complex" | "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "sinh" | "cosh" | "tanh" | "asinh" | "acosh" | "atanh" | "sqrt" | "exp" | "log" | "log10" | "log2" | "pow" | "factorial" | "multiply" | "divide"
> & { isComplex: typeof isComplex };
// (a function calc starts to use must be added to both lists: the type makes a missing one a compile error here)
const math: CalcMath = {
  ...create(
    {
      parseDependencies,
      complexDependencies,
      sinDependencies,
      cosDependencies,
      tanDependencies,
      asinDependencies,
      acosDependencies,
      atanDependencies,
      sinhDependencies,
      coshDependencies,
      tanhDependencies,
      asinhDependencies,
      acoshDependencies,
      atanhDependencies,
      sqrtDependencies,
      expDependencies,
      logDependencies,
      log10Dependencies,
      log2Dependencies,
      powDependencies,
      factorialDependencies,
      multiplyDependencies,
      divideDependencies,
    },
    { number: "number", predictable: false },
  ),
  isComplex,
};

export type CalcErrorKind = "undefined" | "parens" | "syntax" | "factorial" | "math";

export class CalcError extends Error {
  constructor(
    readonly kind: CalcErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "CalcError";
  }
}

/** A calc value. `int` mirrors a Python int (exact), `np` a numpy scalar (IEEE, never raises). */
export interface CalcValue {
  re: number;
  im: number;
  complex: boolean;
  int: boolean;
  np: boolean;
}

const real = (x: number, int = false, np = false): CalcValue => ({ re: x, im: 0, complex: false, int, np });
const cplx = (re: number, im: number, np = false): CalcValue => ({ re, im, complex: true, int: false, np });

export const DEFAULT_VARIABLES: Record<string, CalcValue> = {
  i: cplx(0, 1),
  j: cplx(0, 1),
  e: real(Math.E),
  pi: real(Math.PI),
};

type Fn = (x: CalcValue) => CalcValue;

function toMath(v: CalcValue): number | Complex {
  return v.complex ? math.complex(v.re, v.im) : v.re;
}

function fromMath(x: unknown, np: boolean): CalcValue {
  if (typeof x === "number") return real(x, false, np);
  if (math.isComplex(x)) return cplx((x as Complex).re, (x as Complex).im, np);
  throw new CalcError("math", "unsupported value");
}

/** numpy ufunc on a real input never goes complex: out-of-domain gives nan. */
function plain(f: (x: number | Complex) => unknown): Fn {
  return (v) => {
    const r = fromMath(f(toMath(v)), true);
    if (!v.complex && r.complex) return real(NaN, false, true);
    return r;
  };
}

/** numpy.lib.scimath: real input may give a complex result (sqrt(-4) = 2j). */
function scimath(f: (x: number | Complex) => unknown): Fn {
  return (v) => fromMath(f(toMath(v)), true);
}

function divide(a: CalcValue, b: CalcValue): CalcValue {
  const np = a.np || b.np;
  if (b.re === 0 && b.im === 0 && !np) throw new CalcError("math", "division by zero");
  if (!a.complex && !b.complex) return real(a.re / b.re, false, np);
  return fromMath(math.divide(toMath(a), toMath(b)), np);
}

const one = real(1, true);

function reciprocalThen(f: Fn): Fn {
  // functions.py computes `1. / val` with Python floats first (raises on an exact 0).
  return (v) => f(divide(real(1), v));
}

function cotFamily(f: Fn): Fn {
  return (v) => divide(real(1, false, true), f(v));
}

const sin = plain((x) => math.sin(x as number));
const cos = plain((x) => math.cos(x as number));
const tan = plain((x) => math.tan(x as number));
const sinh = plain((x) => math.sinh(x as number));
const cosh = plain((x) => math.cosh(x as number));
const tanh = plain((x) => math.tanh(x as number));
const arctan = plain((x) => math.atan(x as number));
const arccosPlain = plain((x) => math.acos(x as number));
const arcsinPlain = plain((x) => math.asin(x as number));
const arccoshPlain = plain((x) => math.acosh(x as number));
const arcsinh = plain((x) => math.asinh(x as number));
const arctanhPlain = plain((x) => math.atanh(x as number));

function factorial(v: CalcValue): CalcValue {
  // math.factorial: Python ints only (floats raise TypeError), negatives raise ValueError.
  if (v.complex || !v.int) throw new CalcError("math", "factorial() only accepts integral values");
  if (v.re < 0) throw new CalcError("factorial", "factorial() not defined for negative values");
  return real(math.factorial(v.re) as number, true);
}

export const DEFAULT_FUNCTIONS: Record<string, Fn> = {
  sin,
  cos,
  tan,
  sec: cotFamily(cos),
  csc: cotFamily(sin),
  cot: cotFamily(tan),
  sqrt: scimath((x) => math.sqrt(x as number)),
  log10: scimath((x) => math.log10(x as number)),
  log2: scimath((x) => math.log2(x as number)),
  ln: scimath((x) => math.log(x as number)),
  exp: plain((x) => math.exp(x as number)),
  arccos: scimath((x) => math.acos(x as number)),
  arcsin: scimath((x) => math.asin(x as number)),
  arctan,
  arcsec: reciprocalThen(arccosPlain),
  arccsc: reciprocalThen(arcsinPlain),
  arccot: (v) => {
    const t = arctan(v);
    const half = Math.PI / 2;
    return v.re < 0 ? subtract(real(-half, false, true), t) : subtract(real(half, false, true), t);
  },
  abs: (v) => (v.complex ? real(Math.hypot(v.re, v.im), false, true) : real(Math.abs(v.re), v.int, true)),
  fact: factorial,
  factorial,
  sinh,
  cosh,
  tanh,
  sech: cotFamily(cosh),
  csch: cotFamily(sinh),
  coth: cotFamily(tanh),
  arcsinh,
  arccosh: arccoshPlain,
  arctanh: scimath((x) => math.atanh(x as number)),
  arcsech: reciprocalThen(arccoshPlain),
  arccsch: reciprocalThen(arcsinh),
  arccoth: reciprocalThen(arctanhPlain),
};

function add(a: CalcValue, b: CalcValue): CalcValue {
  const np = a.np || b.np;
  if (!a.complex && !b.complex) return real(a.re + b.re, a.int && b.int, np);
  return cplx(a.re + b.re, a.im + b.im, np);
}

function subtract(a: CalcValue, b: CalcValue): CalcValue {
  const np = a.np || b.np;
  if (!a.complex && !b.complex) return real(a.re - b.re, a.int && b.int, np);
  return cplx(a.re - b.re, a.im - b.im, np);
}

function multiply(a: CalcValue, b: CalcValue): CalcValue {
  const np = a.np || b.np;
  if (!a.complex && !b.complex) return real(a.re * b.re, a.int && b.int, np);
  return fromMath(math.multiply(toMath(a), toMath(b)), np);
}

function power(a: CalcValue, b: CalcValue): CalcValue {
  const np = a.np || b.np;
  const zeroBase = a.re === 0 && a.im === 0;
  const negExp = b.complex ? b.re < 0 : b.re < 0;
  if (zeroBase && negExp && !np) throw new CalcError("math", "0 cannot be raised to a negative power");
  if (!a.complex && !b.complex) {
    if (a.re < 0 && !Number.isInteger(b.re) && Number.isFinite(b.re)) {
      // Python floats go complex here; numpy scalars give nan.
      if (np) return real(NaN, false, true);
      return fromMath(math.pow(math.complex(a.re, 0), b.re), false);
    }
    const r = Math.pow(a.re, b.re);
    if (!Number.isFinite(r) && Number.isFinite(a.re) && Number.isFinite(b.re) && !np) {
      throw new CalcError("math", "numerical result out of range");
    }
    const isInt = a.int && b.int && b.re >= 0;
    return real(r, isInt, np);
  }
  return fromMath(math.pow(toMath(a), toMath(b)), np);
}

function negate(a: CalcValue): CalcValue {
  return a.complex ? cplx(-a.re, -a.im, a.np) : real(-a.re, a.int, a.np);
}

function isZero(v: CalcValue): boolean {
  return v.re === 0 && v.im === 0;
}

function parallel(values: CalcValue[]): CalcValue {
  if (values.length === 1) return values[0];
  if (values.some(isZero)) return real(NaN);
  let sum: CalcValue = real(0);
  for (const v of values) sum = add(sum, divide(real(1), v));
  return divide(real(1), sum);
}

/** calc's check_parens, with its messages. */
function checkParens(expr: string): void {
  let count = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === "(") count++;
    else if (c === ")") {
      count--;
      if (count < 0) {
        throw new CalcError(
          "parens",
          `Invalid Input: A closing parenthesis was found after segment ${expr.slice(0, i)}, but there is no matching opening parenthesis before it.`,
        );
      }
    }
  }
  if (count > 0) {
    throw new CalcError(
      "parens",
      `Invalid Input: Parentheses are unmatched. ${count} parentheses were opened but never closed.`,
    );
  }
}

type Tok =
  | { t: "num"; value: CalcValue }
  | { t: "id"; name: string }
  | { t: "op"; op: string }
  | { t: "lp" }
  | { t: "rp" };

const NUMBER_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const TENSOR_MIXED_RE = /^[A-Za-z][A-Za-z0-9]*(?:_\{[A-Za-z0-9]+\})?\^\{[A-Za-z0-9]+\}'*/;
const TENSOR_LOWER_RE = /^[A-Za-z][A-Za-z0-9]*_\{[A-Za-z0-9]+\}'*/;
const VARNAME_RE = /^[A-Za-z][A-Za-z0-9_]*'*/;

function lex(expr: string): Tok[] {
  const out: Tok[] = [];
  let s = expr;
  const syntax = () => new CalcError("syntax", "parse error");
  while (s.length > 0) {
    const ws = /^\s+/.exec(s);
    if (ws) {
      s = s.slice(ws[0].length);
      continue;
    }
    const num = NUMBER_RE.exec(s);
    if (num) {
      const lit = num[0];
      s = s.slice(lit.length);
      const pct = /^\s*%/.exec(s);
      if (pct) {
        s = s.slice(pct[0].length);
        out.push({ t: "num", value: real(Number(lit) * 0.01) });
      } else {
        const isFloat = /[.eE]/.test(lit);
        out.push({ t: "num", value: real(Number(lit), !isFloat) });
      }
      continue;
    }
    const id = TENSOR_MIXED_RE.exec(s) ?? TENSOR_LOWER_RE.exec(s) ?? VARNAME_RE.exec(s);
    if (id) {
      out.push({ t: "id", name: id[0] });
      s = s.slice(id[0].length);
      continue;
    }
    if (s.startsWith("||")) {
      out.push({ t: "op", op: "||" });
      s = s.slice(2);
      continue;
    }
    const c = s[0];
    if ("+-*/^".includes(c)) out.push({ t: "op", op: c });
    else if (c === "(") out.push({ t: "lp" });
    else if (c === ")") out.push({ t: "rp" });
    else throw syntax();
    s = s.slice(1);
  }
  return out;
}

interface Prepared {
  source: string;
  numbers: CalcValue[];
  names: string[];
}

/** Rebuild the expression for mathjs: aliases for literals/names, calc's sign rules. */
function prepare(tokens: Tok[]): Prepared {
  const numbers: CalcValue[] = [];
  const names: string[] = [];
  const parts: string[] = [];
  type Prev = "none" | "value" | "op" | "lp";
  let prev: Prev = "none";
  const numAlias = (v: CalcValue) => {
    numbers.push(v);
    return `_n${numbers.length - 1}`;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    switch (tok.t) {
      case "num":
        parts.push(numAlias(tok.value));
        prev = "value";
        break;
      case "id":
        names.push(tok.name);
        parts.push(`_v${names.length - 1}`);
        prev = "value";
        break;
      case "lp":
        parts.push("(");
        prev = "lp";
        break;
      case "rp":
        parts.push(")");
        prev = "value";
        break;
      case "op": {
        const isSign = tok.op === "+" || tok.op === "-";
        if (isSign && prev === "op") {
          // calc: a sign after an operator is part of a number literal, nothing else.
          const next = tokens[k + 1];
          if (!next || next.t !== "num") throw new CalcError("syntax", "parse error");
          const v = tok.op === "-" ? negate(next.value) : next.value;
          parts.push(`(${numAlias(v)})`);
          k++;
          prev = "value";
          break;
        }
        if (!isSign && prev !== "value") throw new CalcError("syntax", "parse error");
        parts.push(tok.op === "||" ? ".*" : tok.op);
        prev = "op";
        break;
      }
    }
  }
  return { source: parts.join(" "), numbers, names };
}

const PRODUCT_FNS = new Set(["multiply", "divide", "dotMultiply"]);
const ALLOWED_OPS = new Set(["add", "subtract", "multiply", "divide", "dotMultiply", "pow", "unaryMinus", "unaryPlus"]);

interface OpNode {
  type: "OperatorNode";
  fn: string;
  op: string;
  implicit: boolean;
  args: MathNode[];
}

function asOp(node: MathNode): OpNode | null {
  return node.type === "OperatorNode" ? (node as unknown as OpNode) : null;
}

export interface EvaluateOptions {
  variables?: Record<string, number>;
  caseSensitive?: boolean;
}

/**
 * calc.evaluator(variables, {}, expr, case_sensitive). Empty input is NaN. Throws CalcError
 * with calc's own messages for unknown names and unmatched parentheses.
 */
export function evaluate(expr: string, options: EvaluateOptions = {}): CalcValue {
  const caseSensitive = options.caseSensitive ?? false;
  if (expr.trim() === "") return real(NaN);
  checkParens(expr);
  const prepared = prepare(lex(expr));
  let ast: MathNode;
  try {
    ast = math.parse(prepared.source);
  } catch {
    throw new CalcError("syntax", "parse error");
  }

  const usedVars = new Set<string>();
  const usedFns = new Set<string>();
  const nameOf = (symbol: string): string | null => {
    const m = /^_v(\d+)$/.exec(symbol);
    return m ? prepared.names[Number(m[1])] : null;
  };
  const validate = (node: MathNode): void => {
    switch (node.type) {
      case "ParenthesisNode":
        validate((node as unknown as { content: MathNode }).content);
        return;
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        if (/^_n\d+$/.test(name)) return;
        const v = nameOf(name);
        if (v === null) throw new CalcError("syntax", "parse error");
        usedVars.add(v);
        return;
      }
      case "FunctionNode": {
        const fnNode = node as unknown as { fn: MathNode; args: MathNode[] };
        const fname = fnNode.fn.type === "SymbolNode" ? nameOf((fnNode.fn as unknown as { name: string }).name) : null;
        if (fname === null || fnNode.args.length !== 1) throw new CalcError("syntax", "parse error");
        usedFns.add(fname);
        validate(fnNode.args[0]);
        return;
      }
      case "OperatorNode": {
        const op = asOp(node)!;
        if (op.implicit || !ALLOWED_OPS.has(op.fn)) throw new CalcError("syntax", "parse error");
        op.args.forEach(validate);
        return;
      }
      default:
        throw new CalcError("syntax", "parse error");
    }
  };
  validate(ast);

  const casify = (s: string) => (caseSensitive ? s : s.toLowerCase());
  // Null-prototype tables: a learner typing `constructor` or `toString(1)` must not reach
  // Object.prototype.
  const allVariables: Record<string, CalcValue> = Object.create(null) as Record<string, CalcValue>;
  for (const [k, v] of Object.entries(DEFAULT_VARIABLES)) allVariables[casify(k)] = v;
  for (const [k, v] of Object.entries(options.variables ?? {})) allVariables[casify(k)] = real(v);
  const allFunctions: Record<string, Fn> = Object.create(null) as Record<string, Fn>;
  for (const [k, v] of Object.entries(DEFAULT_FUNCTIONS)) allFunctions[casify(k)] = v;

  const badVars = [...usedVars].filter((v) => !(casify(v) in allVariables)).sort();
  if (badVars.length > 0) {
    let message = `Invalid Input: ${badVars.join(", ")} not permitted in answer as a variable`;
    if (caseSensitive) {
      const better = new Set<string>();
      for (const bad of badVars)
        for (const good of Object.keys(allVariables)) if (bad.toLowerCase() === good.toLowerCase()) better.add(good);
      if (better.size > 0) message += ` (did you mean ${[...better].sort().join(", ")}?)`;
    }
    throw new CalcError("undefined", message);
  }
  const badFns = [...usedFns].filter((f) => !(casify(f) in allFunctions)).sort();
  if (badFns.length > 0) {
    let message = `Invalid Input: ${badFns.join(", ")} not permitted in answer as a function`;
    if (badFns.some((f) => casify(f) in allVariables)) message += " (did you forget to use * for multiplication?)";
    if (caseSensitive) {
      const better = new Set<string>();
      for (const bad of badFns)
        for (const good of Object.keys(allFunctions)) if (bad.toLowerCase() === good.toLowerCase()) better.add(good);
      if (better.size > 0) message += ` (did you mean ${[...better].sort().join(", ")}?)`;
    }
    throw new CalcError("undefined", message);
  }

  const evalNode = (node: MathNode): CalcValue => {
    switch (node.type) {
      case "ParenthesisNode":
        return evalNode((node as unknown as { content: MathNode }).content);
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        const n = /^_n(\d+)$/.exec(name);
        if (n) return prepared.numbers[Number(n[1])];
        return allVariables[casify(nameOf(name)!)];
      }
      case "FunctionNode": {
        const fnNode = node as unknown as { fn: { name: string }; args: MathNode[] };
        const fn = allFunctions[casify(nameOf(fnNode.fn.name)!)];
        return fn(evalNode(fnNode.args[0]));
      }
      case "OperatorNode": {
        const op = asOp(node)!;
        if (PRODUCT_FNS.has(op.fn)) return evalProduct(op);
        if (op.fn === "add") return add(evalNode(op.args[0]), evalNode(op.args[1]));
        if (op.fn === "subtract") return subtract(evalNode(op.args[0]), evalNode(op.args[1]));
        if (op.fn === "pow") return power(evalNode(op.args[0]), evalNode(op.args[1]));
        if (op.fn === "unaryMinus") return negate(evalNode(op.args[0]));
        if (op.fn === "unaryPlus") return evalNode(op.args[0]);
        throw new CalcError("syntax", "parse error");
      }
      default:
        throw new CalcError("syntax", "parse error");
    }
  };

  // A product term in calc order: operands joined by * / and `||` (same level in mathjs).
  const evalProduct = (root: OpNode): CalcValue => {
    const operands: MathNode[] = [];
    const ops: string[] = [];
    const flatten = (n: MathNode): void => {
      const op = asOp(n);
      if (op && PRODUCT_FNS.has(op.fn)) {
        flatten(op.args[0]);
        ops.push(op.fn);
        operands.push(op.args[1]);
      } else operands.push(n);
    };
    flatten(root as unknown as MathNode);
    // A sign leading a sum term applies to the whole product in calc (`-a||b` = -(a||b)).
    let sign = 1;
    const first = asOp(operands[0]);
    if (first && (first.fn === "unaryMinus" || first.fn === "unaryPlus")) {
      if (first.fn === "unaryMinus") sign = -1;
      operands[0] = first.args[0];
    }
    const values = operands.map(evalNode);
    const groups: CalcValue[][] = [[values[0]]];
    const groupOps: string[] = [];
    ops.forEach((fn, idx) => {
      if (fn === "dotMultiply") groups[groups.length - 1].push(values[idx + 1]);
      else {
        groupOps.push(fn);
        groups.push([values[idx + 1]]);
      }
    });
    let prod = multiply(one, parallel(groups[0]));
    groupOps.forEach((fn, idx) => {
      const v = parallel(groups[idx + 1]);
      prod = fn === "multiply" ? multiply(prod, v) : divide(prod, v);
    });
    return sign < 0 ? negate(prod) : prod;
  };

  return evalNode(ast);
}
