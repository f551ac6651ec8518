// Legacy OLX forms Open edX still reads (issue 11 item 4): <section> under a chapter, <abtest>
// groups, a pointer whose file has another root tag, and the <image>-style custom tags. Each
// fixture is a tiny course built in the test; `olx check` reports these forms as notes.
import { describe, expect, it } from "vitest";
import { checkOlx, readOlx, walkBlocks, type OlxBlock, type OlxCourse } from "./index";
import { minimalCourse, writeTree } from "./test-support";

const read = async (files: Record<string, string>) => readOlx(await writeTree(minimalCourse(files)));
const types = (c: OlxCourse) => [...walkBlocks(c.root)].map(({ block }) => block.type);
function find(c: OlxCourse, type: string, urlName: string): OlxBlock {
  for (const { block } of walkBlocks(c.root)) if (block.type === type && block.urlName === urlName) return block;
  throw new Error(`${type}/${urlName} not found`);
}
const chapter = (body: string) => ({ "chapter/ch1.xml": `<chapter display_name="Chapter 1">\n  <sequential url_name="seq1"/>\n${body}\n</chapter>` });

describe("legacy <section> under a chapter", () => {
  it("with one child element becomes that child, the section's attributes copied onto it", async () => {
    const c = await read({
      ...chapter(`<section url_name="s1" display_name="From section" due="2030-01-01T00:00:00Z"><sequential url_name="only"/></section>`),
      "sequential/only.xml": `<sequential display_name="Own name"><vertical url_name="v2"/></sequential>`,
      "vertical/v2.xml": `<vertical><html url_name="h2">Hi</html></vertical>`,
    });
    expect(types(c)).not.toContain("section");
    const seq = find(c, "sequential", "only");
    expect(seq.fields.display_name).toBe("From section");
    expect(seq.settings.due).toBe("2030-01-01T00:00:00.000Z");
    expect(seq.children.map((b) => b.urlName)).toEqual(["v2"]);
    const ch = find(c, "chapter", "ch1");
    expect(ch.children.map((b) => `${b.type}/${b.urlName}`)).toEqual(["sequential/seq1", "sequential/only"]);
  });

  it("an inline only child without url_name takes the section's", async () => {
    const c = await read(chapter(`<section url_name="s2"><vertical display_name="V"><html>x</html></vertical></section>`));
    expect(find(c, "vertical", "s2").fields.display_name).toBe("V");
  });

  it("with several children (or a pointer to such a file) becomes a sequential", async () => {
    const c = await read({
      ...chapter(`<section url_name="s3"/>`),
      "section/s3.xml": `<section display_name="Two units"><vertical url_name="a"><html>a</html></vertical><vertical url_name="b"><html>b</html></vertical></section>`,
    });
    const seq = find(c, "sequential", "s3");
    expect(seq.fields.display_name).toBe("Two units");
    expect(seq.children.map((b) => b.urlName)).toEqual(["a", "b"]);
    expect(types(c)).not.toContain("section");
  });
});

describe("legacy <abtest>", () => {
  it("the children of each <group> and <default> are blocks; the group elements are not", async () => {
    const c = await read({
      "vertical/v1.xml": `<vertical><abtest url_name="ab1" experiment="e"><group name="A" portion="0.5"><html url_name="ha">A</html></group><group name="B"><html url_name="hb">B</html><problem url_name="pb"><stringresponse answer="x"><textline/></stringresponse></problem></group><default><html url_name="hd">D</html></default></abtest></vertical>`,
    });
    const ab = find(c, "abtest", "ab1");
    expect(ab.children.map((b) => `${b.type}/${b.urlName}`)).toEqual(["html/ha", "html/hb", "problem/pb", "html/hd"]);
    expect(types(c)).not.toContain("group");
    expect(types(c)).not.toContain("default");
    expect(ab.settings.group_content).toEqual({ A: ["html/ha"], B: ["html/hb", "problem/pb"], default: ["html/hd"] });
    expect(ab.unsupportedReason).toMatch(/abtest/);
  });
});

describe("a pointer whose file has another root tag", () => {
  it("keeps the pointer's tag; the file supplies attributes and children, and the import does not fail", async () => {
    const c = await read({
      "course/2026.xml": `<course display_name="Test course"><chapter url_name="ch1"/><chapter url_name="odd"/></course>`,
      "chapter/odd.xml": `<sequential display_name="Odd one"><sequential url_name="seq2"/></sequential>`,
      "sequential/seq2.xml": `<sequential display_name="S2"/>`,
    });
    const odd = find(c, "chapter", "odd");
    expect(odd.fields.display_name).toBe("Odd one");
    expect(odd.children.map((b) => `${b.type}/${b.urlName}`)).toEqual(["sequential/seq2"]);
  });
});

describe("legacy custom tags", () => {
  it.each(["image", "discuss", "slides", "videodev", "book"])("<%s> becomes a customtag block with impl", async (tag) => {
    const c = await read({ "vertical/v1.xml": `<vertical><${tag} url_name="t1" src="x" page="3"/></vertical>` });
    const b = find(c, "customtag", "t1");
    expect(b.fields.impl).toBe(tag);
    expect(b.fields.src).toBe("x");
    expect(b.definition).toMatch(/^<customtag /);
    expect(types(c)).not.toContain(tag);
  });

  it("a pointer <image url_name> reads image/<name>.xml", async () => {
    const c = await read({ "vertical/v1.xml": `<vertical><image url_name="pic"/></vertical>`, "image/pic.xml": `<image img="/static/a.png"/>` });
    expect(find(c, "customtag", "pic").fields).toMatchObject({ impl: "image", img: "/static/a.png" });
  });
});

describe("olx check notes", () => {
  it("reports each legacy form as a note, not a warning or an error", async () => {
    const dir = await writeTree(minimalCourse({
      ...chapter(`<section url_name="s1"><sequential url_name="only"/></section><chapter url_name="odd"/>`),
      "sequential/only.xml": `<sequential/>`,
      "chapter/odd.xml": `<vertical/>`,
      "vertical/v1.xml": `<vertical><book url_name="bk" page="1"/><abtest url_name="ab"><group name="A"><html>a</html></group></abtest></vertical>`,
    }));
    const res = await checkOlx(dir);
    expect(res.ok).toBe(true);
    const notes = res.notes.join("\n");
    expect(notes).toMatch(/legacy <section> with one child read as its <sequential>/);
    expect(notes).toMatch(/root <vertical> read as the pointer's <chapter>/);
    expect(notes).toMatch(/legacy <book> read as a custom tag/);
    expect(notes).toMatch(/legacy <abtest url_name="ab">/);
    expect(res.warnings.join("\n")).not.toMatch(/section|customtag/);
  });
});
