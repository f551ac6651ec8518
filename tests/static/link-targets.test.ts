// next/link prefetches its target as a page (an RSC request). A route handler answers that with a
// redirect, JSON or a download, and the prefetch never settles: the page never becomes
// network-idle. So every <Link>/<ButtonLink> must point at a page; route handlers get a plain
// <a> (or <ButtonAnchor>). This scans the JSX of app/ and components/ with the TypeScript parser.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as urls from "@/lib/lms/urls";

const ROOT = path.resolve(__dirname, "../..");

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** URL pattern of an app/ file: route groups vanish, [x] is one segment, [...x] one or more. */
function routePattern(file: string): RegExp {
  const segs = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  const re = segs.map((s) => (/^\[\.\.\..+\]$/.test(s) ? "/.+" : /^\[.+\]$/.test(s) ? "/[^/]+" : `/${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)).join("");
  return new RegExp(`^${re || "/"}$`);
}

const appFiles = walk(path.join(ROOT, "app"));
const routeHandlers = appFiles.filter((f) => /[/\\]route\.tsx?$/.test(f)).map((f) => ({ file: path.relative(ROOT, f), re: routePattern(f) }));
const sources = [...appFiles, ...walk(path.join(ROOT, "components"))].filter((f) => f.endsWith(".tsx"));

/** Dynamic hrefs the scan cannot evaluate, each checked by hand: what they can hold. */
const REVIEWED: Record<string, string> = {
  "components/shell/site-nav.tsx: item.href": "header-account's items: /courses, /dashboard, /studio (pages)",
  "components/lms/course-home-progress.tsx: resume ?? firstHref": "learnHref of the Resume unit (state route, lib/lms/learner-state.ts) or of the first unit (course home page): the unit page",
  "components/lms/course-tabs.tsx: t.href": "courseHref, datesHref, progressHref, discussionHref, instructorHref (pages)",
  "app/(lms)/courses/[courseKey]/dates/page.tsx: it.href": "learnHref (the unit page)",
  "app/(lms)/courses/page.tsx: hrefFor(page - 1)": "/courses?… (the catalog page)",
  "app/(lms)/courses/page.tsx: hrefFor(page + 1)": "/courses?… (the catalog page)",
  "app/(studio)/studio/courses/[courseKey]/outline/page.tsx: studioCoursePath(course.courseKey)": "lib/studio/paths.ts: the Studio course page",
  "app/(studio)/studio/courses/[courseKey]/page.tsx: outlinePath(course.courseKey)": "lib/studio/paths.ts: the outline page",
  "app/(studio)/studio/courses/[courseKey]/preview/[unitKey]/page.tsx: unitPath(course.courseKey, unitKey)": "lib/studio/paths.ts: the unit editor page",
  "app/(studio)/studio/page.tsx: outlinePath(c.courseKey)": "lib/studio/paths.ts: the outline page",
  "app/(studio)/studio/page.tsx: studioCoursePath(c.courseKey)": "lib/studio/paths.ts: the Studio course page",
  "components/studio/outline/outline-item.tsx: unitPath(o.courseKey, node.usageKey)": "lib/studio/paths.ts: the unit editor page",
  "components/studio/outline/outline-item.tsx: previewPath(o.courseKey, node.usageKey)": "lib/studio/paths.ts: the unit preview page",
  "components/studio/unit-editor/unit-editor.tsx: data.previewUrl": "getUnitEditorData: previewPath(), the unit preview page",
  "components/studio/course-nav.tsx: t.href": "lib/studio/paths.ts studioCourseTabs: the outline, settings, files, team, import, export, re-run and versions pages",
  "components/studio/files/file-table.tsx: unitPath(courseKey, r.unitUsageKey)": "lib/studio/paths.ts: the unit editor page",
  "app/(studio)/studio/courses/[courseKey]/files/page.tsx: pageHref(course.courseKey, page, page.page - 1)": "filesPath()?q&sort&dir&page (the files page)",
  "app/(studio)/studio/courses/[courseKey]/files/page.tsx: pageHref(course.courseKey, page, page.page + 1)": "filesPath()?q&sort&dir&page (the files page)",
  "app/(studio)/studio/courses/[courseKey]/export/page.tsx: studioCoursePath(course.courseKey)": "lib/studio/paths.ts: the Studio course page",
  "app/(studio)/studio/courses/[courseKey]/import/page.tsx: studioCoursePath(course.courseKey)": "lib/studio/paths.ts: the Studio course page",
  "app/(studio)/studio/courses/[courseKey]/page.tsx: courseImportPath(course.courseKey)": "lib/studio/paths.ts: the course's import page",
};

const LINK_TAGS = new Set(["Link", "ButtonLink"]);
type UrlHelper = (...args: string[]) => string;

function resolve(expr: ts.Expression, sf: ts.SourceFile): string | null {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) return expr.head.text + expr.templateSpans.map((s) => `x${s.literal.text}`).join("");
  if (ts.isParenthesizedExpression(expr)) return resolve(expr.expression, sf);
  if (ts.isIdentifier(expr)) {
    let found: string | null = null;
    const visit = (n: ts.Node) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === expr.text && n.initializer) found ??= resolve(n.initializer, sf);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return found;
  }
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression)) {
    const helper = (urls as Record<string, unknown>)[expr.expression.text];
    if (typeof helper === "function") return (helper as UrlHelper)(...expr.arguments.map(() => "x"));
  }
  return null;
}

interface Found {
  where: string;
  href: string | null;
  expr: string;
}

function linkHrefs(): Found[] {
  const out: Found[] = [];
  for (const file of sources) {
    const rel = path.relative(ROOT, file);
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (n: ts.Node) => {
      if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && LINK_TAGS.has(n.tagName.getText(sf))) {
        for (const attr of n.attributes.properties) {
          if (!ts.isJsxAttribute(attr) || attr.name.getText(sf) !== "href" || !attr.initializer) continue;
          const init = attr.initializer;
          const expr = ts.isJsxExpression(init) ? init.expression : init;
          if (!expr) continue;
          out.push({ where: rel, href: resolve(expr as ts.Expression, sf), expr: expr.getText(sf) });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe("next/link targets", () => {
  const links = linkHrefs();

  it("finds the app's links and route handlers (the scan works)", () => {
    expect(links.length).toBeGreaterThan(30);
    expect(routeHandlers.map((r) => r.file)).toEqual(expect.arrayContaining(["app/api/health/route.ts", "app/(lms)/help/route.ts", "app/(lms)/courses/[courseKey]/jump/[urlName]/route.ts"]));
    const jump = routeHandlers.find((r) => r.file.includes("/jump/"))!;
    expect(jump.re.test(urls.jumpHref("course-v1:a+b+c", "x"))).toBe(true);
  });

  it("no <Link> or <ButtonLink> points at a route handler", () => {
    const bad = links
      .filter((l) => l.href !== null)
      .flatMap((l) => {
        const p = l.href!.split(/[?#]/)[0];
        return routeHandlers.filter((r) => r.re.test(p)).map((r) => `${l.where}: href=${l.expr} → ${r.file}`);
      });
    expect(bad).toEqual([]);
  });

  it("every href the scan cannot evaluate has been reviewed", () => {
    const unknown = links.filter((l) => l.href === null).map((l) => `${l.where}: ${l.expr}`);
    expect(unknown.filter((u) => !(u in REVIEWED))).toEqual([]);
  });
});
