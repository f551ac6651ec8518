// HTTP Range for media assets: one byte range ("bytes=a-b", "bytes=a-", "bytes=-n"). Multiple
// ranges are answered with the whole body (allowed by RFC 9110). Pure.

export type RangeResult = { start: number; end: number } | "unsatisfiable" | null;

export function parseRange(header: string | null, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  // Not a single byte range (several ranges, other units): serve the whole body.
  if (!m) return null;
  const [, a, b] = m;
  if (a === "" && b === "") return "unsatisfiable";
  if (size === 0) return "unsatisfiable";
  let start: number;
  let end: number;
  if (a === "") {
    const n = Number(b);
    if (n === 0) return "unsatisfiable";
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end || start >= size) return "unsatisfiable";
  return { start, end };
}
