// The page-weight analyzer on a hand-made document: Flight scripts found and decoded across
// chunks, rows split (text rows by UTF-8 byte length), client components named from their import
// rows and weighed by their own props, repeats counted.
import { describe, expect, it } from "vitest";
import { extractFlight, formatPageWeight, pageWeight, parseFlightRows } from "./flight-weight";

const KEY = "block-v1:Org+Num+Run+type@vertical+block@unit1";
const cues = Array.from({ length: 20 }, (_, i) => ({ start: i, end: i + 1, text: `Line number ${i} of the transcript` }));
const stream = [
  `1:"$Sreact.fragment"`,
  `2:I[123,["/c/a.js"],"VideoPlayer"]`,
  `3:I[456,["/c/b.js"],""]`,
  `4:["$","div",null,{"className":"page","children":[["$","$L2",null,{"id":"v1","cues":${JSON.stringify(cues)}}],["$","$L3",null,{"href":"/a","children":["$","span",null,{"children":"${KEY}"}]}],["$","p",null,{"title":"${KEY}","children":"${KEY}"}]]}]`,
  `5:T6,héllo`,
].join("\n").replace("5:T6,héllo", "5:T6,héllo6:[]\n");

function doc(flight: string): string {
  // Next splits the stream into chunks anywhere, even inside a row.
  const cut = Math.floor(flight.length / 2);
  const script = (s: string) => `<script nonce="n">self.__next_f.push(${JSON.stringify([1, s]).replace(/</g, "\\u003c")})</script>`;
  return `<!DOCTYPE html><html><body><div>Hello</div><script nonce="n">(self.__next_f=self.__next_f||[]).push([0])</script>${script(flight.slice(0, cut))}${script(flight.slice(cut))}</body></html>`;
}

describe("flight-weight", () => {
  it("finds the Flight scripts and decodes the stream they carry, in order", () => {
    const html = doc(stream);
    const { stream: decoded, scriptBytes } = extractFlight(html);
    expect(decoded).toBe(stream);
    const scripts = html.match(/<script nonce="n">self\.__next_f\.push\(.*?\)<\/script>/g)!;
    expect(scripts).toHaveLength(2);
    expect(scriptBytes).toBe(scripts.reduce((n, s) => n + Buffer.byteLength(s), 0) + '<script nonce="n">(self.__next_f=self.__next_f||[]).push([0])</script>'.length);
  });

  it("splits rows, reading a text row by its UTF-8 byte length", () => {
    const rows = parseFlightRows(stream);
    expect(rows.map((r) => [r.id, r.kind])).toEqual([
      ["1", "model"],
      ["2", "import"],
      ["3", "import"],
      ["4", "model"],
      ["5", "text"],
      ["6", "model"],
    ]);
    expect(rows[4].payload).toBe("héllo");
    expect(rows.reduce((n, r) => n + r.bytes, 0)).toBe(Buffer.byteLength(stream));
  });

  it("weighs each client component by its own props and names it from its import row", () => {
    const w = pageWeight(doc(stream));
    expect(w.documentBytes).toBe(w.markupBytes + w.flightScriptBytes);
    expect(w.flightBytes).toBe(Buffer.byteLength(stream));
    const video = w.islands.find((i) => i.name === "123#VideoPlayer")!;
    expect(video.count).toBe(1);
    expect(video.bytes).toBe(Buffer.byteLength(JSON.stringify({ id: "v1", cues })));
    // A server-rendered element tree handed to a client component is not its own data.
    const link = w.islands.find((i) => i.name === "456#default")!;
    expect(link.bytes).toBe(Buffer.byteLength(JSON.stringify({ href: "/a" })));
    expect(w.islands[0].name).toBe("123#VideoPlayer");
    expect(w.elements.find((e) => e.type === "div")!.count).toBe(1);
    // The key is sent three times: two repeats.
    expect(w.repeated.reduce((n, r) => n + r.count, 0)).toBe(2);
    expect(w.repeated[0].bytes).toBe(2 * Buffer.byteLength(JSON.stringify(KEY)));
    expect(formatPageWeight("test", w)).toContain("123#VideoPlayer ×1");
  });

  it("reports a page without Flight data as all markup", () => {
    const w = pageWeight("<!DOCTYPE html><p>static</p>");
    expect(w.flightScriptBytes).toBe(0);
    expect(w.markupBytes).toBe(w.documentBytes);
    expect(w.islands).toEqual([]);
  });
});
