// The sanitizer's limits on course HTML: inline styles, iframes, and ids/names that could clobber
// the page's globals (issue 8, item 9).
import { describe, expect, it } from "vitest";
import { buildAssetIndex, renderCourseHtml } from "./html";

const YT = ["https://www.youtube.com", "https://youtube.com", "https://www.youtube-nocookie.com", "https://youtube-nocookie.com"];
const ctx = { courseKey: "course-v1:Org+N+R", assets: buildAssetIndex([{ path: "sim.html", hash: "c".repeat(64) }]), iframeOrigins: YT };
const render = (html: string, c: Parameters<typeof renderCourseHtml>[1] = ctx) => renderCourseHtml(html, c);
const styleOf = (html: string) => /style="([^"]*)"/.exec(render(html))?.[1] ?? null;

describe("inline styles", () => {
  it("keeps typography, colours, sizes and borders", () => {
    expect(styleOf(`<p style="color: #b42318; font-weight: bold; text-align:center; width: 100%; margin: 0 auto; border: 1px solid red; background-color: rgb(255, 0, 0)">x</p>`)).toBe(
      "color:#b42318;font-weight:bold;text-align:center;width:100%;margin:0 auto;border:1px solid red;background-color:rgb(255, 0, 0)",
    );
  });

  it("drops what takes an element out of the flow or over the page", () => {
    for (const bad of ["position: fixed", "position:absolute", "POSITION: fixed", "top: 0", "left: -10px", "z-index: 9999", "margin-top: -500px", "transform: translate(0, -100px)", "inset: 0"])
      expect(styleOf(`<div style="${bad}; color: red">x</div>`), bad).toBe("color:red");
    expect(styleOf(`<div style="position: relative">x</div>`)).toBe("position:relative");
  });

  it("allows no url() to another origin (or any scheme), only same-origin paths", () => {
    for (const bad of ["background: url(https://evil.example/t.png)", "background-image: url(//evil.example/t.png)", "background-image: url('https://evil.example/t.png')",
      "background: red url(http://evil.example/x)", "list-style-image: url(https://evil.example/x)", "cursor: url(https://evil.example/c.cur), auto", "background-image: url(/\\/evil.example/x)",
      "background-image: image-set('https://evil.example/x' 1x)", "width: expression(alert(1))", "color: var(--x)"])
      expect(styleOf(`<div style="${bad.replace(/"/g, "&quot;")}">x</div>`), bad).toBeNull();
    expect(styleOf(`<div style="background-image: url(/assets/x/bg.png)">x</div>`)).toBe("background-image:url(/assets/x/bg.png)");
    expect(styleOf(`<div style="background: #fff">x</div>`)).toBe("background:#fff");
  });
});

describe("iframes", () => {
  it("keeps allow-listed https players with a sandbox, and course files with a sandbox without allow-same-origin", () => {
    const yt = render(`<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" allowfullscreen></iframe>`);
    expect(yt).toContain(`src="https://www.youtube-nocookie.com/embed/abc"`);
    expect(yt).toMatch(/sandbox="allow-scripts allow-same-origin[^"]*"/);
    const own = render(`<iframe title="Sim" src="/static/sim.html" style="width: 100%; height: 500px;"></iframe>`);
    expect(own).toMatch(/<iframe title="Sim" src="\/assets\/course-v1%3AOrg%2BN%2BR\/sim.html\?v=c{16}"/);
    expect(own).toMatch(/sandbox="allow-scripts[^"]*"/);
    expect(own).not.toContain("allow-same-origin");
  });

  it("replaces an author's own sandbox attribute with ours", () => {
    expect(render(`<iframe src="/static/sim.html" sandbox="allow-same-origin allow-scripts"></iframe>`)).not.toContain("allow-same-origin");
  });

  it("drops frames over http, from other origins, with tricks in the URL, or without a source", () => {
    for (const src of ["http://www.youtube.com/embed/abc", "https://evil.example/", "https://www.youtube.com.evil.example/embed", "https://user@www.youtube.com/embed/x", "//www.youtube.com/embed/x",
      "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "/courses/x/learn", ""])
      expect(render(`<p>a<iframe src="${src}"></iframe>b</p>`), src).toBe("<p>ab</p>");
    expect(render(`<iframe srcdoc="<script>alert(1)</script>"></iframe>`)).toBe("");
  });

  it("follows the configured allow-list: none means no third-party frames", () => {
    expect(render(`<iframe src="https://www.youtube.com/embed/abc"></iframe>`, { ...ctx, iframeOrigins: [] })).toBe("");
    expect(render(`<iframe src="https://player.vimeo.com/video/1"></iframe>`, { ...ctx, iframeOrigins: ["https://player.vimeo.com"] })).toContain("player.vimeo.com");
  });
});

describe("ids and names", () => {
  it("prefixes id and name with user-content- so content cannot clobber page globals", () => {
    const out = render(`<div id="__NEXT_DATA__"><a name="top">t</a><form id="x"></form><img id="location" src="/x.png"></div>`);
    expect(out).toContain(`id="user-content-__NEXT_DATA__"`);
    expect(out).toContain(`name="user-content-top"`);
    expect(out).toContain(`id="user-content-location"`);
    expect(out).not.toMatch(/ (id|name)="(?!user-content-)/);
  });

  it("rewrites same-page anchors and id references so in-page links keep working", () => {
    const out = render(`<a href="#intro">Intro</a><h2 id="intro" aria-describedby="n1 n2">Intro</h2><a href="/x#intro">other page</a><a href="#">top</a>`);
    expect(out).toContain(`<a href="#user-content-intro">Intro</a>`);
    expect(out).toContain(`id="user-content-intro"`);
    expect(out).toContain(`aria-describedby="user-content-n1 user-content-n2"`);
    expect(out).toContain(`href="/x#intro"`);
    expect(out).toContain(`href="#"`);
  });

  it("does not prefix twice", () => {
    expect(render(`<a id="user-content-a" href="#user-content-a">a</a>`)).toBe(`<a id="user-content-a" href="#user-content-a">a</a>`);
  });
});
