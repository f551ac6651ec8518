// capa util.compare_with_tolerance, and the staff-answer parsing numericalresponse uses.
import Decimal from "decimal.js";
import { type CalcValue, evaluate } from "./calc";

export const DEFAULT_TOLERANCE = "0.001%";

// Python's decimal default context: 28 significant digits, half-even.
const PyDecimal = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN });

const cabs = (v: CalcValue) => (v.im === 0 ? Math.abs(v.re) : Math.hypot(v.re, v.im));
/** Python's max(a, b): keeps a unless b > a (so NaN handling matches). */
const pyMax = (a: number, b: number) => (b > a ? b : a);
const isInf = (v: CalcValue) => !Number.isFinite(v.re) && !Number.isNaN(v.re) || (!Number.isFinite(v.im) && !Number.isNaN(v.im));

/** Python str(float): shortest round-trip digits (same value as JS String). */
function decimalOf(x: number): Decimal {
  return new PyDecimal(String(x));
}

export function compareWithTolerance(
  student: CalcValue,
  instructor: CalcValue,
  tolerance: string | number = DEFAULT_TOLERANCE,
  relativeTolerance = false,
): boolean {
  let relative = relativeTolerance;
  let tol: number;
  if (typeof tolerance === "string") {
    if (tolerance === DEFAULT_TOLERANCE) relative = true;
    if (tolerance.endsWith("%")) {
      tol = evaluate(tolerance.slice(0, -1)).re * 0.01;
      if (!relative) tol = tol * cabs(instructor);
    } else {
      tol = evaluate(tolerance).re;
    }
  } else tol = tolerance;

  if (relative) tol = tol * pyMax(cabs(student), cabs(instructor));

  if (isInf(student) || isInf(instructor)) {
    return student.re === instructor.re && student.im === instructor.im;
  }
  if (student.im === 0 && instructor.im === 0) {
    if (Number.isNaN(student.re) || Number.isNaN(instructor.re)) return false;
    const diff = decimalOf(student.re).minus(decimalOf(instructor.re)).abs();
    return diff.lessThanOrEqualTo(decimalOf(tol));
  }
  return Math.hypot(student.re - instructor.re, student.im - instructor.im) <= tol;
}

const PY_FLOAT = String.raw`(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|inf(?:inity)?|nan)`;
const COMPLEX_RE = new RegExp(
  String.raw`^\s*\(?\s*(?:([+-]?${PY_FLOAT})(?:([+-]${PY_FLOAT}?)[jJ])?|([+-]?${PY_FLOAT}?)[jJ])\s*\)?\s*$`,
  "i",
);

/** Python complex(str), or null when Python would raise ValueError. */
export function parsePythonComplex(text: string): CalcValue | null {
  const m = COMPLEX_RE.exec(text);
  if (!m) return null;
  const num = (s: string): number => {
    const t = s.replace(/_/g, "").toLowerCase();
    if (t === "" || t === "+") return 1;
    if (t === "-") return -1;
    const sign = t.startsWith("-") ? -1 : 1;
    const body = t.replace(/^[+-]/, "");
    if (body.startsWith("inf")) return sign * Infinity;
    if (body === "nan") return NaN;
    return sign * Number(body);
  };
  if (m[3] !== undefined) return { re: 0, im: num(m[3]), complex: true, int: false, np: false };
  return { re: num(m[1]), im: m[2] !== undefined ? num(m[2]) : 0, complex: true, int: false, np: false };
}
