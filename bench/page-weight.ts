// npm run bench -- page-weight --url http://127.0.0.1:3000 [--login L --password P | --cookie C] [--json] [path…]
// What the learner pages weigh on a running server: for each page, the document's bytes, its
// markup, its Flight (RSC) scripts, and the biggest contributors to the Flight data (client
// components by the props they are handed, element types, longest and repeated strings) —
// scripts/lib/flight-weight.ts. Without paths it measures the Open edX demo course's first unit
// (a video with a transcript) and course home, and an Atrium 101 text unit and course home. The
// user (default: the seeded learner) must be enrolled in those courses.
import { formatPageWeight, pageWeight, type PageWeight } from "@/scripts/lib/flight-weight";
import { opt, signIn } from "./lib/http";

const DEMO_KEY = "course-v1:OpenedX+DemoX+DemoCourse";
const ATR101_KEY = "course-v1:Atrium+ATR101+2026";
const enc = encodeURIComponent;




/** The first unit of a course, where /learn sends the user. */
async function firstUnit(base: string, cookie: string, courseKey: string): Promise<string> {
  const res = await fetch(`${base}/courses/${enc(courseKey)}/learn`, { redirect: "manual", headers: { Cookie: cookie } });
  const to = res.headers.get("location") ?? "";
  if (!to.includes("/learn/")) throw new Error(`${courseKey}: /learn answered ${res.status} → ${to || "nothing"}; is the user enrolled?`);
  return new URL(to, base).pathname;
}

export async function run(args: string[]): Promise<void> {
  const base = opt(args, "--url")?.replace(/\/$/, "");
  if (!base) throw new Error("usage: npm run bench -- page-weight --url <base URL of a running server> [--login L --password P | --cookie C] [--json] [path…]");
  const cookie = opt(args, "--cookie") ?? (await signIn(base, opt(args, "--login") ?? "learner", opt(args, "--password") ?? "learner-pass-1"));
  const flags = new Set(["--url", "--login", "--password", "--cookie"]);
  const paths = args.filter((a, i) => !a.startsWith("--") && !flags.has(args[i - 1]));
  const pages: [label: string, path: string][] = paths.length
    ? paths.map((p) => [p, p])
    : [
        ["demo course: first unit (video + transcript)", await firstUnit(base, cookie, DEMO_KEY)],
        ["demo course: course home", `/courses/${enc(DEMO_KEY)}`],
        ["Atrium 101: text unit", `/courses/${enc(ATR101_KEY)}/learn/getting_started/finding_your_way`],
        ["Atrium 101: course home", `/courses/${enc(ATR101_KEY)}`],
      ];
  const results: { label: string; path: string; weight: PageWeight }[] = [];
  for (const [label, path] of pages) {
    const res = await fetch(new URL(path, base), { redirect: "manual", headers: { Cookie: cookie, Accept: "text/html" } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}${res.headers.get("location") ? ` → ${res.headers.get("location")}` : ""}`);
    results.push({ label, path, weight: pageWeight(await res.text()) });
  }
  if (args.includes("--json")) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  const width = Math.max(4, ...results.map((r) => r.label.length));
  console.log(`${"page".padEnd(width)} ${"document".padStart(9)} ${"markup".padStart(9)} ${"Flight".padStart(9)}`);
  for (const r of results) console.log(`${r.label.padEnd(width)} ${kb(r.weight.documentBytes)} ${kb(r.weight.markupBytes)} ${kb(r.weight.flightScriptBytes)}`);
  for (const r of results) console.log(`\n${formatPageWeight(r.label === r.path ? r.path : `${r.label} (${r.path})`, r.weight)}`);
}
