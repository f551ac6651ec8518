// Learner-written content never executes: 60 XSS payloads in thread titles, bodies (Markdown,
// raw HTML, links, math) and display names, checked in the browser on the forum board, the
// thread view, the inline discussion of a unit and the notifications. Every payload tries to set
// window.__xss or open a dialog; the page listens for both, and no element may carry an inline
// event handler or a javascript: URL. Runs on Atrium 101 (imported by scripts/e2e.sh).
import { expect, test, type Page } from "@playwright/test";
import { registerUser } from "../support/auth";

const COURSE = "course-v1:Atrium+ATR101+2026";
const enc = encodeURIComponent;
const forumUrl = (q = "") => `/courses/${enc(COURSE)}/discussion${q}`;
const S = "window.__xss=1;alert(1)";

export const PAYLOADS: string[] = [
  `<script>${S}</script>`,
  `<img src=x onerror="${S}">`,
  `<svg onload="${S}">`,
  `<svg><script>${S}</script></svg>`,
  `<iframe src="javascript:${S}"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<body onload="${S}">`,
  `<input autofocus onfocus="${S}">`,
  `<details open ontoggle="${S}">`,
  `<video><source onerror="${S}"></video>`,
  `<audio src=x onerror="${S}">`,
  `<a href="javascript:${S}">click</a>`,
  `<a href="JaVaScRiPt:${S}">mixed case</a>`,
  `<a href="&#106;avascript:${S}">entity</a>`,
  `<form action="javascript:${S}"><button>go</button></form>`,
  `<math><maction xlink:href="javascript:${S}">x</maction></math>`,
  `<object data="javascript:${S}"></object>`,
  `<embed src="javascript:${S}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${S}">`,
  `<style>@import "javascript:${S}";</style>`,
  `<div style="background:url(javascript:${S})">bg</div>`,
  `"><script>${S}</script>`,
  `'><img src=x onerror=${S}>`,
  `</textarea><script>${S}</script>`,
  `</title><script>${S}</script>`,
  `<scr<script>ipt>${S}</script>`,
  `<img src="x" onerror="&#119;indow.__xss=1">`,
  `<img src=x:alert(1) onerror=eval(src)>`,
  `<svg><animate onbegin="${S}" attributeName="x" dur="1s">`,
  `<marquee onstart="${S}">m</marquee>`,
  `<isindex type=image src=1 onerror=${S}>`,
  `<base href="javascript:${S}//">`,
  `<link rel=import href="data:text/html,<script>${S}</script>">`,
  `<template><img src=x onerror="${S}"></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${S}>">`,
  `[md link](javascript:${S})`,
  `[md link spaced](  javascript:${S}  )`,
  `[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)`,
  `[vb](vbscript:msgbox(1))`,
  `![img](javascript:${S})`,
  `![img2](x" onerror="${S})`,
  `[ref link][r]\n\n[r]: javascript:${S}`,
  `<javascript:${S}>`,
  `[title attr](https://example.org "\\" onmouseover=\\"${S}")`,
  `\`<script>${S}</script>\``,
  "```html\n<script>window.__xss=1</script>\n```",
  `$\\href{javascript:${S}}{math link}$`,
  `$$\\htmlClass{x" onmouseover="${S}}{y}$$`,
  `$\\url{javascript:${S}}$`,
  `$\\includegraphics{javascript:${S}}$`,
  `$</span><img src=x onerror=${S}>$`,
  `<<script>${S}//<</script>`,
  `<img """><script>${S}</script>">`,
  `<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:${S}">hex</a>`,
  `<a href="java\tscript:${S}">tab</a>`,
  `<svg><a xlink:href="javascript:${S}"><text x="0" y="20">svg link</text></a></svg>`,
  `<div onmouseover="${S}">hover me</div>`,
  `<table background="javascript:${S}"><tr><td>t</td></tr></table>`,
  `<x onclick="${S}">custom</x>`,
  `<img src=x onerror=window.__xss=1>${"<"}!--`,
];

async function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return {
    dialogs,
    async check(where: string) {
      await page.waitForTimeout(300); // let any onerror/onload fire
      expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null), `${where}: window.__xss`).toBeNull();
      expect(dialogs, `${where}: dialogs`).toEqual([]);
      const bad = await page.evaluate(() => {
        const out: string[] = [];
        for (const el of Array.from(document.querySelectorAll("body *"))) {
          for (const a of Array.from(el.attributes)) {
            if (/^on/i.test(a.name)) out.push(`${el.tagName} ${a.name}`);
            if (/^(href|src|action|formaction|data|xlink:href)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) out.push(`${el.tagName} ${a.name}=${a.value.slice(0, 40)}`);
          }
          if (["IFRAME", "OBJECT", "EMBED", "BASE", "META"].includes(el.tagName) && el.closest("main")) out.push(el.tagName);
        }
        return out;
      });
      expect(bad, `${where}: active markup`).toEqual([]);
    },
  };
}

async function enroll(page: Page) {
  await page.goto(`/courses/${enc(COURSE)}/about`);
  await page.getByRole("button", { name: /Enroll now/ }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${enc(COURSE).replace(/[+%]/g, (m) => `\\${m}`)}$`), { timeout: 20_000 });
}

async function newThread(page: Page, title: string, body: string, topic: string) {
  await page.goto(forumUrl());
  await page.getByRole("button", { name: "+ New post" }).click();
  await page.getByRole("combobox", { name: "Topic" }).selectOption({ label: topic });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your post").fill(body);
  await page.getByRole("button", { name: "Submit post" }).click();
  await expect(page.getByRole("article").getByRole("heading", { level: 2 }).first()).toContainText(title.replace(/\s+/g, " ").slice(0, 20));
}

test("60 payloads in titles, bodies and display names never execute", async ({ browser }) => {
  test.setTimeout(300_000);
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(50);
  // the writer's display name is a payload too; two more repliers carry others
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const g = await guard(page);
  await registerUser(page, "xw", { fullName: PAYLOADS[1] });
  await enroll(page);
  const tag = Date.now().toString(36);
  // titles: payloads in groups that fit 300 characters; bodies: every payload of the group
  const groups: string[][] = [];
  let cur: string[] = [];
  for (const p of PAYLOADS) {
    if ([...cur, p].join(" ").length + tag.length + 4 > 290 && cur.length) {
      groups.push(cur);
      cur = [];
    }
    cur.push(p.replace(/\n/g, " "));
  }
  if (cur.length) groups.push(cur);
  const titles: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const title = `${tag} ${i} ${groups[i].join(" ")}`.slice(0, 300);
    titles.push(title);
    const body = PAYLOADS.filter((p) => groups[i].includes(p.replace(/\n/g, " "))).join("\n\n");
    await newThread(page, title, body, i % 2 ? "General" : "Introduce Yourself");
    await g.check(`thread ${i} after posting`);
  }
  // two repliers with payload names answer the first thread (notifications name them to the writer)
  for (const name of [PAYLOADS[0], PAYLOADS[11]]) {
    const rctx = await browser.newContext();
    const rp = await rctx.newPage();
    const rg = await guard(rp);
    await registerUser(rp, "xr", { fullName: name });
    await enroll(rp);
    await rp.goto(forumUrl(`?q=${tag}`));
    await rp.getByRole("link", { name: new RegExp(`^${tag} 0 `) }).click();
    await rp.getByRole("textbox", { name: "Your response" }).fill(`${PAYLOADS[2]}\n\n${PAYLOADS[36]}`);
    await rp.getByRole("button", { name: "Submit response" }).click();
    await expect(rp.getByRole("article").getByRole("listitem", { name: /^Response by / }).first()).toBeVisible();
    await rg.check("replier's thread view");
    await rctx.close();
  }
  // the board (titles, excerpts, names), each thread, the notifications, the unit's inline discussion
  await page.goto(forumUrl(`?q=${tag}`));
  await expect(page.getByRole("list", { name: "Posts" }).getByRole("listitem")).toHaveCount(groups.length);
  await g.check("board search results");
  await page.goto(forumUrl());
  await g.check("board");
  for (let i = 0; i < groups.length; i++) {
    await page.goto(forumUrl(`?q=${tag}`));
    await page.getByRole("link", { name: new RegExp(`^${tag} ${i} `) }).click();
    const article = page.getByRole("article");
    await expect(article).toBeVisible();
    // the payloads are shown as text, not run
    await expect(article.getByRole("heading", { level: 2 }).first()).toContainText(groups[i][0].replace(/\s+/g, " ").slice(0, 20));
    await g.check(`thread ${i}`);
  }
  await page.goto(forumUrl("?view=notifications"));
  await expect(page.getByTestId("forum-notifications")).toContainText("replied to your post");
  await expect(page.getByTestId("forum-notifications")).toContainText(PAYLOADS[0]);
  await g.check("notifications");
  await page.goto(`/courses/${enc(COURSE)}/jump/introductions`);
  await expect(page.getByTestId("inline-discussion").getByRole("link", { name: new RegExp(`^${tag} 0 `) })).toBeVisible();
  await g.check("unit inline discussion");
  await page.getByTestId("inline-discussion").getByRole("link", { name: new RegExp(`^${tag} 0 `) }).click();
  await expect(page.getByTestId("inline-discussion").getByRole("article")).toBeVisible();
  await g.check("inline thread view");
  await ctx.close();
});
