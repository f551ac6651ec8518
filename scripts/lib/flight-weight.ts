// What a server-rendered page weighs, and where its Flight (RSC) data goes: the page's markup
// bytes, the bytes of its `self.__next_f.push(...)` scripts (the React Server Components payload
// Next inlines so the client can hydrate), and inside that payload the biggest contributors —
// the props handed to each client component ("islands"), the longest strings, and strings sent
// many times. Used by `npm run bench -- page-weight` and the e2e budget in
// e2e/lms/page-weight.spec.ts. Pure: no network, no Next.js.

/** A client component, as the Flight data names it: its module id and export. */
export interface IslandWeight {
  /** "<module id>#<export>" ("#default" for a default export) */
  name: string;
  /** how many elements of it the page renders */
  count: number;
  /** bytes of their props (JSON), except props that are server-rendered element trees */
  bytes: number;
}

export interface ElementWeight {
  /** a tag ("div") or a client component's name */
  type: string;
  count: number;
  /** bytes of these elements in the model rows, minus the elements nested in them */
  bytes: number;
}

export interface StringWeight {
  /** the first characters of the string */
  preview: string;
  /** where it sits: the element type (a tag or an island name) and the prop */
  at: string;
  bytes: number;
  count: number;
}

export interface PageWeight {
  /** the whole document, UTF-8 bytes */
  documentBytes: number;
  /** the document without its Flight scripts: what the browser renders */
  markupBytes: number;
  /** the `<script>self.__next_f.push(...)</script>` elements, as sent */
  flightScriptBytes: number;
  /** the Flight stream they carry, decoded (UTF-8 bytes) */
  flightBytes: number;
  /** decoded Flight bytes per row kind: model (JSON), import (I), hint (HL), text (T), other */
  rows: Record<string, number>;
  /** client components by the bytes of their props, biggest first */
  islands: IslandWeight[];
  /** element types (tags and client components) by their own bytes in the Flight data (nested elements excluded), biggest first */
  elements: ElementWeight[];
  /** the longest strings in the model rows, biggest first */
  strings: StringWeight[];
  /** strings of 16 or more characters sent more than once, grouped by where each was first seen: the bytes and number of the repeats, biggest first */
  repeated: StringWeight[];
}

const FLIGHT_SCRIPT = /<script\b[^>]*>\s*\(?self\.__next_f\s*(?:=[^)]*\))?\s*\.push\(([\s\S]*?)\)\s*<\/script>/g;

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

/** The Flight scripts of an HTML document and the stream they carry (type-1 chunks, in order). */
export function extractFlight(html: string): { scriptBytes: number; stream: string } {
  let scriptBytes = 0;
  let stream = "";
  for (const m of html.matchAll(FLIGHT_SCRIPT)) {
    scriptBytes += utf8(m[0]);
    let chunk: unknown;
    try {
      chunk = JSON.parse(m[1]);
    } catch {
      continue;
    }
    if (Array.isArray(chunk) && chunk[0] === 1 && typeof chunk[1] === "string") stream += chunk[1];
  }
  return { scriptBytes, stream };
}

export interface FlightRow {
  id: string;
  kind: "model" | "import" | "hint" | "text" | "other";
  /** the row's payload after its tag */
  payload: string;
  bytes: number;
}

/** Splits a Flight stream into rows: `<hex id>:<tag?><payload>\n`, or `<id>:T<hex byte length>,<text>`. */
export function parseFlightRows(stream: string): FlightRow[] {
  const rows: FlightRow[] = [];
  const buf = Buffer.from(stream, "utf8");
  let i = 0;
  while (i < buf.length) {
    const colon = buf.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = buf.toString("utf8", i, colon);
    let p = colon + 1;
    if (buf[p] === 0x54 /* T */) {
      const comma = buf.indexOf(0x2c, p);
      const len = parseInt(buf.toString("utf8", p + 1, comma), 16);
      if (comma > 0 && Number.isFinite(len)) {
        const end = comma + 1 + len;
        rows.push({ id, kind: "text", payload: buf.toString("utf8", comma + 1, end), bytes: end - i });
        i = end;
        continue;
      }
    }
    let nl = buf.indexOf(0x0a, p);
    if (nl < 0) nl = buf.length;
    let tag = "";
    while (p < nl && buf[p] >= 0x41 && buf[p] <= 0x5a) tag += String.fromCharCode(buf[p++]);
    const payload = buf.toString("utf8", p, nl);
    const kind = tag === "" ? "model" : tag === "I" ? "import" : tag === "HL" ? "hint" : "other";
    rows.push({ id, kind, payload, bytes: nl + 1 - i });
    i = nl + 1;
  }
  return rows;
}

/** A React element in Flight: ["$", type, key, props]. */
type FlightElement = [marker: "$", type: string, key: unknown, props: Record<string, unknown> | null];

const isElement = (v: unknown): v is FlightElement => Array.isArray(v) && v[0] === "$" && v.length >= 4 && typeof v[1] === "string";

const isElementish = (v: unknown): boolean => isElement(v) || (Array.isArray(v) && v.some(isElementish));

/** Measures a document: markup, Flight and the Flight's biggest contributors. */
export function pageWeight(html: string, { top = 10 }: { top?: number } = {}): PageWeight {
  const { scriptBytes, stream } = extractFlight(html);
  const rows = parseFlightRows(stream);
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + r.bytes;

  // "$L<id>" in an element's type refers to an import row: I[moduleId, chunks, exportName, …].
  const imports = new Map<string, string>();
  const text = new Map<string, string>();
  for (const r of rows) {
    if (r.kind === "text") text.set(r.id, r.payload);
    if (r.kind !== "model") continue;
    try {
      const v = JSON.parse(r.payload) as unknown;
      if (typeof v === "string") text.set(r.id, v);
    } catch {
      /* not a plain value */
    }
  }
  for (const r of rows) {
    if (r.kind !== "import") continue;
    try {
      const [mod, , name] = JSON.parse(r.payload) as [unknown, unknown, unknown];
      // The export name may itself be a reference ("$17") to a string row.
      const exp = typeof name === "string" && name.startsWith("$") ? (text.get(name.slice(1)) ?? name) : name;
      imports.set(r.id, `${String(mod)}#${exp === "" ? "default" : String(exp)}`);
    } catch {
      /* malformed import row */
    }
  }
  const typeName = (t: string) => (t.startsWith("$L") ? (imports.get(t.slice(2)) ?? t) : t);

  const islands = new Map<string, IslandWeight>();
  const strings = new Map<string, StringWeight>();
  const seen = new Map<string, { at: string; count: number }>();
  const elements = new Map<string, ElementWeight>();
  /** Walks a model value; returns the bytes of the elements nested in it (for exclusive sizes). */
  const walk = (v: unknown, at: string): number => {
    if (typeof v === "string") {
      if (v.length >= 16) {
        const s = seen.get(v);
        if (s) s.count++;
        else seen.set(v, { at, count: 1 });
      }
      if (v.length >= 64) {
        const s = strings.get(v);
        if (s) s.count++;
        else strings.set(v, { preview: preview(v), at, bytes: utf8(v), count: 1 });
      }
      return 0;
    }
    if (Array.isArray(v)) {
      if (isElement(v)) {
        const el: FlightElement = v;
        const type = typeName(el[1]);
        const props = el[3] && typeof el[3] === "object" ? el[3] : {};
        if (el[1].startsWith("$L")) {
          // Its data: what it was handed besides server-rendered element trees (walked below).
          const own = Object.fromEntries(Object.entries(props).filter(([, x]) => !isElementish(x)));
          const w = islands.get(type) ?? { name: type, count: 0, bytes: 0 };
          w.count++;
          w.bytes += utf8(JSON.stringify(own));
          islands.set(type, w);
        }
        let nested = 0;
        for (const [k, x] of Object.entries(props)) nested += walk(x, `${type}.${k}`);
        const total = utf8(JSON.stringify(v));
        const e = elements.get(type) ?? { type, count: 0, bytes: 0 };
        e.count++;
        e.bytes += total - nested;
        elements.set(type, e);
        return total;
      }
      let nested = 0;
      for (const x of v) nested += walk(x, at);
      return nested;
    }
    let nested = 0;
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) nested += walk(x, `${at}.${k}`);
    return nested;
  };
  for (const r of rows) {
    if (r.kind !== "model") continue;
    try {
      walk(JSON.parse(r.payload), `row ${r.id}`);
    } catch {
      /* a partial row */
    }
  }
  // Repeats grouped by where a string was first seen ("UnitMark.unitKey": every unit's key sent twice).
  const repeats = new Map<string, StringWeight>();
  for (const [v, s] of seen) {
    if (s.count < 2) continue;
    const r = repeats.get(s.at) ?? { preview: preview(v), at: s.at, bytes: 0, count: 0 };
    r.bytes += utf8(JSON.stringify(v)) * (s.count - 1);
    r.count += s.count - 1;
    repeats.set(s.at, r);
  }
  const repeated = [...repeats.values()].sort((a, b) => b.bytes - a.bytes);
  const documentBytes = utf8(html);
  return {
    documentBytes,
    markupBytes: documentBytes - scriptBytes,
    flightScriptBytes: scriptBytes,
    flightBytes: utf8(stream),
    rows: byKind,
    islands: [...islands.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top),
    elements: [...elements.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top),
    strings: [...strings.values()].map((s) => ({ ...s, bytes: s.bytes * s.count })).sort((a, b) => b.bytes - a.bytes).slice(0, top),
    repeated: repeated.slice(0, top),
  };
}

function preview(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** A few lines for a terminal. */
export function formatPageWeight(label: string, w: PageWeight): string {
  const lines = [
    `${label}: document ${kb(w.documentBytes)} = markup ${kb(w.markupBytes)} + Flight scripts ${kb(w.flightScriptBytes)} (decoded ${kb(w.flightBytes)}: ${Object.entries(w.rows)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${kb(n)}`)
      .join(", ")})`,
  ];
  if (w.islands.length) lines.push(`  client components by props:`, ...w.islands.map((i) => `    ${kb(i.bytes).padStart(9)}  ${i.name} ×${i.count}`));
  if (w.elements.length) lines.push(`  element types by their own bytes:`, ...w.elements.slice(0, 6).map((e) => `    ${kb(e.bytes).padStart(9)}  ${e.type} ×${e.count}`));
  if (w.strings.length) lines.push(`  longest strings:`, ...w.strings.slice(0, 5).map((s) => `    ${kb(s.bytes).padStart(9)}  ${s.at}${s.count > 1 ? ` ×${s.count}` : ""}: ${s.preview}`));
  if (w.repeated.length) lines.push(`  repeated strings (bytes of the repeats):`, ...w.repeated.slice(0, 5).map((s) => `    ${kb(s.bytes).padStart(9)}  ${s.count} repeats, first at ${s.at}, e.g. ${s.preview}`));
  return lines.join("\n");
}
