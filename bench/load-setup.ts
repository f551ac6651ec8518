// Run by bench/load.ts (tsx --conditions=react-server bench/load-setup.ts --learners N --out FILE)
// against a THROWAWAY database (DATABASE_URL) that has the Open edX demo course imported:
// creates N learner accounts (one bcrypt hash shared by all: same password), enrolls them, and
// picks the demo course's problems a learner can submit again and again (no attempt limit, no
// wait between submissions) with answers that grade, proven by submitting them twice as a scratch
// learner. Writes { courseId, courseKey, password, learners, problems } as JSON to FILE.
import { writeFileSync } from "node:fs";
import mysql from "mysql2/promise";
import { renderProblem } from "@/lib/capa";
import { hashPassword } from "@/lib/auth/passwords";
import { closeDb } from "@/lib/db";
import { closeContentStore } from "@/lib/content";
import { loadProblem, submitAnswer } from "@/lib/problems";
import { learnHref } from "@/lib/lms/urls";

export type LoadProblem = { usageKey: string; unitPath: string; unitKey: string; answers: Record<string, string | string[]> };
export type LoadSetup = {
  courseId: number;
  courseKey: string;
  password: string;
  learners: { id: number; username: string }[];
  problems: LoadProblem[];
};

const PASSWORD = "load-learner-pass-1";

function opt(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const learners = Number(opt("--learners") ?? 200);
  const out = opt("--out");
  const courseKey = opt("--course") ?? "course-v1:OpenedX+DemoX+DemoCourse";
  if (!out || !Number.isInteger(learners) || learners < 1 || learners > 5000) throw new Error("usage: load-setup --learners N --out FILE");
  const url = process.env.DATABASE_URL ?? "";
  if (!/\/atrium_(bench|faults)_[a-z0-9_]+$/.test(url)) throw new Error(`refusing to create load learners outside a throwaway atrium_bench_*/atrium_faults_* database (${url.replace(/\/\/[^@]*@/, "//…@")})`);

  const conn = await mysql.createConnection({ uri: url });
  try {
    const [courses] = await conn.query<mysql.RowDataPacket[]>("SELECT id, published_version_id AS versionId FROM courses WHERE course_key = ?", [courseKey]);
    if (!courses.length) throw new Error(`course ${courseKey} is not imported`);
    const courseId = Number(courses[0].id);
    const versionId = Number(courses[0].versionId);

    // Learners: load-00001 … one shared hash; scratch learner load-scratch proves the answers.
    const hash = await hashPassword(PASSWORD);
    const names = ["load-scratch", ...Array.from({ length: learners }, (_, i) => `load-${String(i + 1).padStart(5, "0")}`)];
    for (let i = 0; i < names.length; i += 500) {
      const rows = names.slice(i, i + 500).map((u) => [`${u}@example.test`, `${u}@example.test`, u, u, `Load ${u}`, hash]);
      await conn.query("INSERT IGNORE INTO users (email, email_normalized, username, username_normalized, full_name, password_hash) VALUES ?", [rows]);
    }
    await conn.query(
      "INSERT IGNORE INTO enrollments (user_id, course_id) SELECT id, ? FROM users WHERE username LIKE 'load-%'",
      [courseId],
    );
    const [users] = await conn.query<mysql.RowDataPacket[]>("SELECT id, username FROM users WHERE username LIKE 'load-%' ORDER BY username");
    const scratch = users.find((u) => u.username === "load-scratch");
    if (!scratch) throw new Error("scratch learner missing");

    // Problems directly in a unit (problem → vertical → sequential), as the unit page shows them.
    const [blocks] = await conn.query<mysql.RowDataPacket[]>(
      `SELECT p.usage_key AS usageKey, v.url_name AS unit, v.usage_key AS unitKey, s.url_name AS subsection
         FROM course_blocks p
         JOIN course_blocks v ON v.version_id = p.version_id AND v.usage_key = p.parent_usage_key AND v.block_type = 'vertical'
         JOIN course_blocks s ON s.version_id = v.version_id AND s.usage_key = v.parent_usage_key AND s.block_type = 'sequential'
        WHERE p.version_id = ? AND p.block_type = 'problem' AND p.is_draft = 0
        ORDER BY p.id`,
      [versionId],
    );
    const problems: LoadProblem[] = [];
    for (const b of blocks) {
      try {
        const p = await loadProblem({ courseId, usageKey: b.usageKey as string, isStaff: false });
        if (p.settings.maxAttempts !== null || p.settings.submissionWaitSeconds > 0) continue;
        const model = renderProblem(p.xml, { problemId: p.problemId, seed: 1 });
        if (!model.supported || model.inputs.length === 0) continue;
        const answers: Record<string, string | string[]> = {};
        for (const input of model.inputs) {
          if (input.kind === "radio") answers[input.id] = input.choices[0]?.value ?? "";
          else if (input.kind === "checkbox") answers[input.id] = input.choices[0] ? [input.choices[0].value] : [];
          else if (input.kind === "select") answers[input.id] = input.options[0]?.value ?? "";
          else answers[input.id] = "1";
        }
        // Twice: a problem that asks for Reset before the next submission is no use here.
        await submitAnswer({ userId: Number(scratch.id), courseId, usageKey: p.block.usageKey, answers });
        await submitAnswer({ userId: Number(scratch.id), courseId, usageKey: p.block.usageKey, answers });
        problems.push({ usageKey: p.block.usageKey, unitPath: learnHref(courseKey, b.subsection as string, b.unit as string), unitKey: b.unitKey as string, answers });
      } catch {
        /* not repeatable with these answers: skip */
      }
    }
    if (!problems.length) throw new Error("no repeatable problem found in the course");
    const setup: LoadSetup = {
      courseId,
      courseKey,
      password: PASSWORD,
      learners: users.filter((u) => u.username !== "load-scratch").map((u) => ({ id: Number(u.id), username: u.username as string })),
      problems,
    };
    writeFileSync(out, JSON.stringify(setup));
    console.log(`load setup: ${setup.learners.length} learners enrolled, ${problems.length} repeatable problems of ${blocks.length}`);
  } finally {
    await conn.end();
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await closeDb().catch(() => undefined);
    await closeContentStore().catch(() => undefined);
  });
