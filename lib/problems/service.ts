// The learner-problem service: submit, reset, show answer, demand hints, and staff's reset of a
// learner's attempts. Each change is ONE transaction that first locks the learner's course-grade
// row (serializing every grade change of that learner in that course), then the problem state row,
// so concurrent submits can never exceed max_attempts or count twice. Inside the transaction every
// write is by key (record locks only: no ranged DELETE, no upsert, no INSERT IGNORE on existing
// rows, which take gap locks reaching into other learners' rows) and nothing is read from the pool
// (a transaction holding locks while it waits for a pool connection starves the pool). A deadlock
// or lock-wait timeout re-runs the whole transaction (withRetry). Callers authorize first
// (lib/auth/permissions); this module checks everything about the problem and the learner's state.
import "server-only";
import { gradeProblemScripted, needsPython, renderProblem, renderProblemScripted, type Correctness, type RenderVariance, type CorrectAnswer, type GradeResult, type ProblemRenderModel, type RenderNode } from "@/lib/capa";
import { getDb, type Tx } from "@/lib/db";
import { ensureCourseGradeRow, lockCourseGradeRow, type CourseGradeRow } from "@/lib/db/queries/grades";
import {
  ensureProblemState,
  getBlock,
  getProblemState,
  getPublishedCourse,
  insertSubmission,
  lockLearnerProblemStates,
  markBlockCompleted,
  updateProblemState,
  type BlockRow,
  type ProblemStateRow,
  type PublishedCourse,
} from "@/lib/db/queries/problems";
import { AppError } from "@/lib/errors";
import { weightedScore } from "@/lib/grading";
import { assetHref } from "@/lib/lms/urls";
import { getBlobText, problemBlockRows, problemInputs, problemViews, type ProblemInputs } from "@/lib/db/queries/courseware";
import { problemImageSrc, sanitizeProblemHtml } from "./html";
import { persistLearnerGrades } from "./learner-grades";
import { scriptedOptions } from "./python";
import {
  allCorrect,
  chooseSeed,
  initialSeed,
  isAnswerAvailable,
  isClosed,
  isPastDue,
  isResetAvailable,
  mustResetBeforeSubmit,
  readProblemSettings,
  type ProblemSettings,
  type StateFacts,
} from "./rules";
import { analyzeDefinition, getCourseStructure, loadProblemDefinition, type CourseStructure } from "./structure";
import type { Answers, LearnerProblemJson, ProblemStaticView, ProblemView } from "./view";
import { problemViewOf } from "./view";

export type { Answers, LearnerProblemJson, ProblemStaticView, ProblemView } from "./view";

/** Largest accepted answer for one input (characters), and for all inputs together. */
export const MAX_ANSWER_CHARS = 2000;
export const MAX_ANSWERS_TOTAL_CHARS = 20_000;
/** Most values one checkbox input may carry. */
export const MAX_CHOICES_PER_INPUT = 200;


export interface LoadedProblem {
  course: PublishedCourse;
  block: BlockRow;
  settings: ProblemSettings;
  xml: string;
  problemId: string;
}

/** A published block row, cached by version id (immutable), so a submit reads only the course's current version from MySQL. */
function publishedBlock(versionId: number, usageKey: string): Promise<BlockRow | null> {
  const key = `${versionId}|${usageKey}`;
  return problemBlockRows.load(
    key,
    () => getBlock({ versionId, usageKey }),
    (r) => (r ? 300 + key.length + JSON.stringify(r.settings ?? {}).length + JSON.stringify(r.fields ?? {}).length : null),
  );
}

/**
 * The published problem block, its settings and XML; refuses anything that cannot be answered here.
 * `isStaff` is required: only a caller that checked course:view-staff-content may open staff-only
 * or unreleased problems (a missing value at run time counts as a learner).
 */
export async function loadProblem({ courseId, usageKey, isStaff, now = new Date(), course: known }: { courseId: number; usageKey: string; isStaff: boolean; now?: Date; course?: PublishedCourse }): Promise<LoadedProblem> {
  // The caller's authorization may already have read the published course (the same request): not twice.
  const course = known && known.id === courseId ? known : await getPublishedCourse({ courseId });
  if (!course) throw new AppError("not_found:course", "This course is not available.");
  const block = await publishedBlock(course.versionId, usageKey);
  if (!block || block.blockType !== "problem" || block.isDraft) throw new AppError("not_found:block", "This problem does not exist in the published course.");
  if (!block.definitionHash) throw new AppError("not_found:block", "This problem has no content.");
  if (isStaff !== true && !visibleToLearners(block.settings, now)) throw new AppError("not_found:block", "This problem does not exist in the published course.");
  const def = await loadProblemDefinition(block.definitionHash);
  const unsupported = block.unsupportedReason ?? def.unsupported;
  if (unsupported) throw new AppError("invalid:unsupported_problem", `This problem type isn't supported here: ${unsupported}`);
  return { course, block, settings: readProblemSettings(block.settings, block.fields), xml: def.xml, problemId: block.urlName };
}

/** The inputs a submission may answer. A Python problem runs its script (its inputs may depend on it); any other is read once
 *  per definition hash and url_name (input ids are positional: a seed only reorders choices). */
async function answerInputsOf(p: LoadedProblem, userId: number): Promise<ProblemInputs> {
  const key = `${p.block.definitionHash}|${p.problemId}`;
  const scripted = needsPython(p.xml);
  const hit = scripted ? undefined : problemInputs.get(key);
  if (hit) return hit;
  const model = scripted ? await renderProblemScripted(p.xml, await optionsFor(p, userId, 1)) : renderProblem(p.xml, { problemId: p.problemId, seed: 1 });
  const inputs: ProblemInputs = { supported: model.supported, ...(model.reason ? { reason: model.reason } : {}), ids: model.inputs.map((i) => i.id), longIds: longAnswerInputIds(model.inputs) };
  if (!scripted) problemInputs.set(key, inputs, 64 + key.length + 2 * [...inputs.ids, ...inputs.longIds].join("").length);
  return inputs;
}

/** What a learner sees when a problem's Python fails (never the error itself). */
export const PROBLEM_UNAVAILABLE = "This problem is not available right now.";

function problemUnavailable(authorMessage: string | undefined): AppError {
  if (authorMessage) console.warn(`[problems] problem error: ${authorMessage}`);
  return new AppError("invalid:problem_error", PROBLEM_UNAVAILABLE);
}

function optionsFor(p: LoadedProblem, userId: number | null, seed: number) {
  return scriptedOptions({ versionId: p.course.versionId, courseKey: p.course.courseKey, userId, problemId: p.problemId, seed });
}

function visibleToLearners(settings: Record<string, unknown>, now: Date): boolean {
  const staffOnly = settings.visible_to_staff_only;
  if (staffOnly === true || (typeof staffOnly === "string" && staffOnly.toLowerCase() === "true")) return false;
  // Unreleased content (start in the future, inherited from the subsection) cannot be answered yet.
  if (typeof settings.start === "string" && settings.start) {
    const start = new Date(settings.start);
    if (!Number.isNaN(start.getTime()) && start.getTime() > now.getTime()) return false;
  }
  return true;
}

function factsOf(state: Pick<ProblemStateRow, "attempts" | "done" | "correctness"> | null): StateFacts {
  if (!state) return { attempts: 0, done: false, correct: false };
  return { attempts: state.attempts, done: state.done, correct: state.done && allCorrect(state.correctness) };
}

/** Refuses answers for inputs the problem does not have, wrong shapes, and oversized answers. */
/** `longInputIds`: inputs whose one value may use the whole total (jsinput answers carry the page's state). */
export function validateAnswers(answers: unknown, inputIds: readonly string[], longInputIds: readonly string[] = []): Answers {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) throw new AppError("invalid:answers", "Answers must be a set of input ids and values.");
  const known = new Set(inputIds);
  const out: Answers = {};
  let total = 0;
  const unknown: string[] = [];
  for (const [id, value] of Object.entries(answers as Record<string, unknown>)) {
    if (!known.has(id)) {
      unknown.push(id);
      continue;
    }
    if (typeof value === "string") {
      const max = longInputIds.includes(id) ? MAX_ANSWERS_TOTAL_CHARS : MAX_ANSWER_CHARS;
      if (value.length > max) throw new AppError("invalid:answer_too_long", `Your answer is too long (at most ${max} characters).`);
      total += value.length;
      out[id] = value;
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      if (value.length > MAX_CHOICES_PER_INPUT) throw new AppError("invalid:answer_too_long", "Too many choices were submitted.");
      for (const v of value) {
        if (v.length > MAX_ANSWER_CHARS) throw new AppError("invalid:answer_too_long", `Your answer is too long (at most ${MAX_ANSWER_CHARS} characters).`);
        total += v.length;
      }
      out[id] = value as string[];
    } else {
      throw new AppError("invalid:answers", "Each answer must be text or a list of choices.");
    }
  }
  if (unknown.length > 0) throw new AppError("invalid:unknown_input", `This problem has no input named ${unknown.slice(0, 3).join(", ")}.`);
  if (total > MAX_ANSWERS_TOTAL_CHARS) throw new AppError("invalid:answer_too_long", "Your answers are too long.");
  return out;
}

/** Inputs whose one answer may use the whole total: a jsinput's carries its page's state, an
 *  annotation's carries the learner's free-text comment. */
export function longAnswerInputIds(inputs: readonly { id: string; kind: string }[]): string[] {
  return inputs.filter((i) => i.kind === "jsinput" || i.kind === "annotation").map((i) => i.id);
}

/** MariaDB's "try the transaction again" answers: ER_LOCK_DEADLOCK (1213) and ER_LOCK_WAIT_TIMEOUT (1205). */
export function isLockConflict(err: unknown): boolean {
  // Drizzle wraps the driver's error (DrizzleQueryError.cause); follow the cause chain.
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { errno, code, sqlState } = e as { errno?: unknown; code?: unknown; sqlState?: unknown };
    if (errno === 1213 || errno === 1205 || code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT" || sqlState === "40001") return true;
  }
  return false;
}

export const TX_MAX_ATTEMPTS = 8;
/** How many transactions this process re-ran after a lock conflict (for tests and diagnostics). */
export const txRetryStats = { retries: 0 };

/**
 * Runs a whole transaction again when MariaDB chose it as a deadlock victim or its lock wait timed
 * out (the database has rolled it back; nothing of it persists). Bounded, with jittered exponential
 * back-off so the contenders do not collide again in step.
 */
export async function withRetry<T>(fn: () => Promise<T>, attempts = TX_MAX_ATTEMPTS): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!isLockConflict(err) || i >= attempts - 1) throw err;
      txRetryStats.retries++;
      const ceiling = Math.min(1000, 25 * 2 ** i);
      await new Promise((r) => setTimeout(r, ceiling / 2 + Math.random() * ceiling));
    }
  }
}

async function prepareLearnerRows(p: LoadedProblem, userId: number, { gradeRow }: { gradeRow: boolean }) {
  if (gradeRow) await withRetry(() => ensureCourseGradeRow({ userId, courseId: p.course.id, versionId: p.course.versionId }));
  await withRetry(() =>
    ensureProblemState({
      userId,
      courseId: p.course.id,
      usageKey: p.block.usageKey,
      // the seed the learner's page showed before this first answer (initialSeed), so it is what they are graded on
      seed: initialSeed({ rerandomize: p.settings.rerandomize, userId, usageKey: p.block.usageKey }),
    }),
  );
}

/**
 * Runs `fn` in one transaction (re-run on a deadlock, withRetry) with the learner's course-grade
 * row and then all of their problem states in the course locked (lockStates; the one for this
 * problem among them). Both rows exist after the learner's first answer to it, so
 * they are created — each in its own autocommitted statement, see ensureProblemState — only when
 * the transaction finds one missing, and then the transaction runs again.
 */
async function withLearnerLocked<T>(p: LoadedProblem, userId: number, fn: (tx: Tx, locked: Locked) => Promise<T>): Promise<T> {
  for (let created = false; ; created = true) {
    let hadGradeRow = false;
    const out = await withRetry(() =>
      getDb().transaction(async (tx) => {
        const grade = await lockCourseGradeRow({ userId, courseId: p.course.id, db: tx });
        hadGradeRow = grade !== null;
        const locked = grade && (await lockStates(tx, p, userId, grade));
        return locked ? { value: await fn(tx, locked) } : null;
      }),
    );
    if (out) return out.value;
    if (created) throw new AppError("internal", "The problem state could not be created.");
    await prepareLearnerRows(p, userId, { gradeRow: !hadGradeRow });
  }
}

/**
 * A learner's rows as a transaction locked them: their course grade, this problem's state, and
 * every one of their states in the course (the regrade's input, read in the same round trip as
 * the lock).
 */
interface Locked {
  grade: CourseGradeRow | null;
  state: ProblemStateRow;
  states: ProblemStateRow[];
}

async function lockStates(tx: Tx, p: LoadedProblem, userId: number, grade: CourseGradeRow | null): Promise<Locked | null> {
  const states = await lockLearnerProblemStates({ userId, courseId: p.course.id, db: tx });
  const state = states.find((s) => s.usageKey === p.block.usageKey);
  return state ? { grade, state, states } : null;
}

async function lockLearner(tx: Tx, p: LoadedProblem, userId: number): Promise<Locked> {
  const grade = await lockCourseGradeRow({ userId, courseId: p.course.id, db: tx });
  const locked = await lockStates(tx, p, userId, grade);
  if (!locked) throw new AppError("internal", "The problem state could not be created.");
  return locked;
}

type StatePatch = Parameters<typeof updateProblemState>[0]["patch"];

/** Writes `patch` to the locked problem state; returns the locked rows as they now are. */
async function patchState(tx: Tx, locked: Locked, patch: StatePatch): Promise<Locked> {
  const { state, states } = locked;
  await updateProblemState({ id: state.id, db: tx, patch });
  return { ...locked, states: states.map((s) => (s.id === state.id ? { ...s, ...patch } : s)) };
}

/** The learner's grades from their rows as this transaction left them (patchState), persisted where they changed. */
async function regrade(tx: Tx, p: LoadedProblem, userId: number, structure: CourseStructure, { grade, states }: Locked) {
  return persistLearnerGrades({ db: tx, userId, courseId: p.course.id, versionId: p.course.versionId, structure, gradingPolicy: p.course.gradingPolicy, states, currentGrade: grade });
}

export interface SubmitResult {
  attempts: number;
  maxAttempts: number | null;
  correctness: Record<string, Correctness>;
  hints: Record<string, string>;
  /** weighted score */
  earned: number;
  possible: number;
  rawEarned: number;
  rawPossible: number;
  coursePercent: number;
}

/**
 * Grades a learner's answers. Refused (nothing changes): unknown input ids, oversized answers,
 * past due + grace period, no attempts left, within submission_wait_seconds, reset needed first,
 * and answers the grader cannot read (student_input_error: message, no attempt used).
 */
export async function submitAnswer({
  userId,
  courseId,
  usageKey,
  answers,
  isStaff = false,
  now = new Date(),
  course,
}: {
  userId: number;
  courseId: number;
  usageKey: string;
  answers: unknown;
  isStaff?: boolean;
  now?: Date;
  /** the published course as the caller's authorization read it */
  course?: PublishedCourse;
}): Promise<SubmitResult> {
  const p = await loadProblem({ courseId, usageKey, isStaff, now, course });
  const inputs = await answerInputsOf(p, userId);
  if (!inputs.supported) throw isStaff ? new AppError("invalid:problem_error", inputs.reason ?? PROBLEM_UNAVAILABLE) : problemUnavailable(inputs.reason);
  const clean = validateAnswers(answers, inputs.ids, inputs.longIds);
  // The course's python_lib.zip is read before the transaction (nothing is read from the pool inside it).
  const pyOptions = await optionsFor(p, userId, 1);
  // Everything read from the pool is read BEFORE the transaction: a transaction that waits for a
  // pool connection while holding row locks starves the pool under load.
  const structure = await getCourseStructure({ versionId: p.course.versionId });

  return withLearnerLocked(p, userId, async (tx, locked) => {
    const { state } = locked;
    const facts = factsOf(state);
    if (isPastDue(p.settings, now)) throw new AppError("forbidden:past_due", "This problem is past its due date; answers can no longer be submitted.");
    if (p.settings.maxAttempts !== null && state.attempts >= p.settings.maxAttempts) {
      throw new AppError("forbidden:no_attempts_left", `You have used all of your attempts (${p.settings.maxAttempts}) for this problem.`);
    }
    if (mustResetBeforeSubmit(p.settings, facts)) throw new AppError("conflict:reset_required", "Select Reset before you submit this problem again.");
    if (p.settings.submissionWaitSeconds > 0 && state.lastSubmittedAt) {
      const next = state.lastSubmittedAt.getTime() + p.settings.submissionWaitSeconds * 1000;
      if (now.getTime() < next) {
        const left = Math.ceil((next - now.getTime()) / 1000);
        throw new AppError("rate_limited:submission_wait", `You must wait at least ${p.settings.submissionWaitSeconds} seconds between submissions. ${left} seconds remaining.`);
      }
    }

    // Python-scripted problems run in the sandbox here: bounded by its time limit (lib/sandbox).
    const graded = await gradeProblemScripted(p.xml, clean, { ...pyOptions, seed: state.seed });
    if (!graded.ok) {
      // Open edX: a learner-input (or author) error rejects the submission; no attempt is used.
      if (graded.error === "student_input_error") throw new AppError("invalid:student_input", graded.message);
      if (!needsPython(p.xml) || isStaff) throw new AppError("invalid:problem_error", graded.message);
      throw problemUnavailable(graded.message);
    }
    const attempts = state.attempts + 1;
    const patched = await patchState(tx, locked, { answers: clean, correctness: graded.correctness, attempts, earned: graded.earned, possible: graded.possible, done: true, lastSubmittedAt: now });
    await insertSubmission({
      db: tx,
      row: { userId, courseId, usageKey, answers: clean, correctness: graded.correctness, earned: graded.earned, possible: graded.possible, attempt: attempts, kind: "submit" },
    });
    // The first submission marks the block completed; a state already `done` was submitted before
    // (with its completion written in that transaction, and completions are never removed).
    if (!state.done) await markBlockCompleted({ userId, courseId, usageKey, db: tx });
    const course = await regrade(tx, p, userId, structure, patched);
    const w = weightedScore(graded.earned, graded.possible, p.settings.weight);
    return {
      attempts,
      maxAttempts: p.settings.maxAttempts,
      correctness: graded.correctness,
      // Author feedback HTML goes to the browser: sanitized like every other problem fragment.
      hints: Object.fromEntries(Object.entries(graded.hints ?? {}).map(([id, h]) => [id, sanitizeProblemHtml(h, p.course.courseKey)])),
      earned: w.earned,
      possible: w.possible,
      rawEarned: graded.earned,
      rawPossible: graded.possible,
      coursePercent: course.percent,
    };
  });
}

/**
 * The learner's Reset: clears answers and score (attempts stay), re-seeding where rerandomize asks.
 * A problem that a new seed changes reaches the learner re-rendered with their state.
 */
export async function resetProblem({ userId, courseId, usageKey, isStaff = false, now = new Date(), random }: { userId: number; courseId: number; usageKey: string; isStaff?: boolean; now?: Date; random?: () => number }): Promise<{ attempts: number; seed: number }> {
  const p = await loadProblem({ courseId, usageKey, isStaff, now });
  const structure = await getCourseStructure({ versionId: p.course.versionId });
  return withLearnerLocked(p, userId, async (tx, locked) => {
    const { state } = locked;
    const facts = factsOf(state);
    if (isClosed(p.settings, facts, now) && p.settings.maxAttempts !== 0) throw new AppError("forbidden:closed", "You cannot select Reset for a problem that is closed.");
    if (!state.done) throw new AppError("conflict:not_submitted", "You must submit an answer before you can select Reset.");
    if (!isResetAvailable(p.settings, facts, now)) throw new AppError("forbidden:reset_not_allowed", "This problem cannot be reset.");
    const reseed = p.settings.rerandomize === "always" || p.settings.rerandomize === "onreset";
    const seed = reseed ? chooseSeed({ rerandomize: p.settings.rerandomize, userId, usageKey, random }) : state.seed;
    const patched = await patchState(tx, locked, { answers: {}, correctness: null, earned: 0, done: false, seed });
    await insertSubmission({ db: tx, row: { userId, courseId, usageKey, answers: {}, correctness: null, earned: 0, possible: state.possible, attempt: state.attempts, kind: "reset" } });
    await regrade(tx, p, userId, structure, patched);
    return { attempts: state.attempts, seed };
  });
}

/** Staff: set a learner's attempts on a problem back to 0 (score kept), as Open edX's instructor tool does. */
export async function resetLearnerAttempts({ learnerId, courseId, usageKey }: { learnerId: number; courseId: number; usageKey: string }): Promise<{ previousAttempts: number }> {
  // Staff only (the caller checked course:reset-attempts): hidden problems are theirs to manage.
  const p = await loadProblem({ courseId, usageKey, isStaff: true });
  const existing = await getProblemState({ userId: learnerId, courseId, usageKey });
  if (!existing) throw new AppError("not_found:problem_state", "This learner has not answered this problem.");
  const structure = await getCourseStructure({ versionId: p.course.versionId });
  return withRetry(() =>
    getDb().transaction(async (tx) => {
      const locked = await lockLearner(tx, p, learnerId);
      const { state } = locked;
      const patched = await patchState(tx, locked, { attempts: 0, lastSubmittedAt: null });
      await insertSubmission({
        db: tx,
        row: { userId: learnerId, courseId, usageKey, answers: state.answers ?? {}, correctness: state.correctness, earned: state.earned, possible: state.possible, attempt: 0, kind: "reset" },
      });
      await regrade(tx, p, learnerId, structure, patched);
      return { previousAttempts: state.attempts };
    }),
  );
}

/** Re-grades one learner's stored answers with the current definition (the rescore job's step). */
export async function rescoreLearner({ learnerId, p }: { learnerId: number; p: LoadedProblem }): Promise<{ ok: true; changed: boolean } | { ok: false; message: string }> {
  const structure = await getCourseStructure({ versionId: p.course.versionId });
  const pyOptions = await optionsFor(p, learnerId, 1);
  return withRetry(() =>
    getDb().transaction(async (tx) => {
      const locked = await lockLearner(tx, p, learnerId);
      const { state } = locked;
      if (!state.done) return { ok: true as const, changed: false };
      const graded: GradeResult = await gradeProblemScripted(p.xml, state.answers ?? {}, { ...pyOptions, seed: state.seed });
      if (!graded.ok) return { ok: false as const, message: graded.message };
      const changed = graded.earned !== state.earned || graded.possible !== state.possible || JSON.stringify(graded.correctness) !== JSON.stringify(state.correctness);
      const patched = await patchState(tx, locked, { correctness: graded.correctness, earned: graded.earned, possible: graded.possible });
      await insertSubmission({
        db: tx,
        row: { userId: learnerId, courseId: p.course.id, usageKey: p.block.usageKey, answers: state.answers ?? {}, correctness: graded.correctness, earned: graded.earned, possible: graded.possible, attempt: state.attempts, kind: "rescore" },
      });
      await regrade(tx, p, learnerId, structure, patched);
      return { ok: true as const, changed };
    }),
  );
}

/**
 * Recomputes and persists a learner's grades against the current published version (used when
 * the persisted rows were computed on an older version, e.g. after the author re-published).
 */
export async function refreshLearnerGrades({ userId, courseId }: { userId: number; courseId: number }): Promise<void> {
  const course = await getPublishedCourse({ courseId });
  if (!course) throw new AppError("not_found:course", "This course is not available.");
  await ensureCourseGradeRow({ userId, courseId, versionId: course.versionId });
  const structure = await getCourseStructure({ versionId: course.versionId });
  await withRetry(() =>
    getDb().transaction(async (tx) => {
      await lockCourseGradeRow({ userId, courseId, db: tx });
      await persistLearnerGrades({ db: tx, userId, courseId, versionId: course.versionId, structure, gradingPolicy: course.gradingPolicy });
    }),
  );
}

export interface AnswerReveal {
  correctAnswers: Record<string, CorrectAnswer>;
  /** sanitized HTML */
  solutions: string[];
}

/** The correct answers and explanations, only when showanswer allows it for this learner now. */
export async function showAnswer({ userId, courseId, usageKey, isStaff = false, now = new Date() }: { userId: number; courseId: number; usageKey: string; isStaff?: boolean; now?: Date }): Promise<AnswerReveal> {
  const p = await loadProblem({ courseId, usageKey, isStaff, now });
  const state = await getProblemState({ userId, courseId, usageKey });
  if (!isAnswerAvailable(p.settings, factsOf(state), now, isStaff)) throw new AppError("forbidden:answer_hidden", "The answer is not available for this problem yet.");
  const model = await renderProblemScripted(p.xml, await optionsFor(p, userId, state?.seed ?? initialSeed({ rerandomize: p.settings.rerandomize, userId, usageKey })));
  if (!model.supported) throw problemUnavailable(model.reason);
  return { correctAnswers: model.correctAnswers, solutions: model.solutions.map((h) => sanitizeProblemHtml(h, p.course.courseKey)) };
}

/** Demand hint number `index` (wrapping, as Open edX does); hints never touch the score. */
export async function getDemandHint({ courseId, usageKey, index, isStaff = false }: { courseId: number; usageKey: string; index: number; isStaff?: boolean }): Promise<{ index: number; total: number; html: string }> {
  const p = await loadProblem({ courseId, usageKey, isStaff });
  const model = await renderProblemScripted(p.xml, await optionsFor(p, null, 1));
  const total = model.demandHints.length;
  if (total === 0) throw new AppError("not_found:hint", "This problem has no hints.");
  const i = ((Math.trunc(index) % total) + total) % total;
  return { index: i, total, html: sanitizeProblemHtml(model.demandHints[i], p.course.courseKey) };
}

/** The learner's part of a problem's view, from their state row (null: never opened) and the block's settings. */
export function learnerProblemJson({ settings: rawSettings, state, signedIn, isStaff = false, now = new Date() }: {
  settings: Record<string, unknown>;
  state: ProblemStateRow | null;
  signedIn: boolean;
  isStaff?: boolean;
  now?: Date;
}): LearnerProblemJson {
  const settings = readProblemSettings(rawSettings);
  const facts = factsOf(state);
  const scored = state !== null && state.possible !== null ? weightedScore(state.earned ?? 0, state.possible, settings.weight) : null;
  const wait = settings.submissionWaitSeconds > 0 && state?.lastSubmittedAt ? Math.max(0, Math.ceil((state.lastSubmittedAt.getTime() + settings.submissionWaitSeconds * 1000 - now.getTime()) / 1000)) : 0;
  return {
    answers: (state?.answers ?? {}) as Answers,
    correctness: (state?.correctness ?? {}) as Record<string, string>,
    attempts: state?.attempts ?? 0,
    earned: scored && (state!.done || (state!.earned !== null && state!.attempts > 0)) ? scored.earned : null,
    possible: scored ? scored.possible : null,
    done: facts.done,
    closed: isClosed(settings, facts, now),
    pastDue: isPastDue(settings, now),
    canReset: signedIn && isResetAvailable(settings, facts, now),
    answerAvailable: signedIn && isAnswerAvailable(settings, facts, now, isStaff),
    mustReset: mustResetBeforeSubmit(settings, facts),
    waitSeconds: wait,
  };
}

/**
 * The static part of a problem's view. `seed` and `userId` matter only to problems that do not
 * render alike for every learner (Python scripts get both; shuffles and answer pools the seed).
 */
export async function getProblemStaticView({
  courseKey,
  usageKey,
  definitionXml,
  settings: rawSettings,
  userId,
  seed,
  isStaff = false,
  versionId,
}: {
  courseKey: string;
  usageKey: string;
  definitionXml: string;
  settings: Record<string, unknown>;
  userId: number | null;
  seed: number;
  isStaff?: boolean;
  /** the published version the problem is from (a Python problem's python_lib); read when absent */
  versionId?: number;
}): Promise<ProblemStaticView> {
  const settings = readProblemSettings(rawSettings);
  const def = analyzeDefinition(definitionXml);
  const urlName = usageKey.split("block@").pop() ?? "1";
  const base = { maxAttempts: settings.maxAttempts, due: settings.due ? settings.due.toISOString() : null };
  const refused = (reason: string): ProblemStaticView => ({ ...base, supported: false, reason, model: null, possible: 0, hintCount: 0 });
  if (def.unsupported) return refused(def.unsupported);
  let model: ProblemRenderModel;
  try {
    if (needsPython(definitionXml)) {
      const vid = versionId ?? (await getPublishedCourse({ courseKey }))?.versionId ?? 0;
      model = await renderProblemScripted(definitionXml, await scriptedOptions({ versionId: vid, courseKey, userId, problemId: urlName, seed }));
    } else {
      model = renderProblem(definitionXml, { problemId: urlName, seed });
    }
  } catch (err) {
    return refused(`This problem could not be displayed: ${err instanceof Error ? err.message : String(err)}`);
  }
  // A Python script that fails for this learner: staff see the author message, learners a neutral notice.
  if (!model.supported) return refused(isStaff ? (model.reason ?? PROBLEM_UNAVAILABLE) : PROBLEM_UNAVAILABLE);
  // Only the text and inputs go to the browser: answers, solutions and hints stay on the server
  // until the rules release them.
  const safeModel: ProblemRenderModel = {
    ...model,
    nodes: model.nodes.map((n) => sanitizeNode(n, courseKey)).filter((n): n is RenderNode => n !== null),
    inputs: model.inputs.map((i) => sanitizeInput(i, courseKey)),
    solutions: [],
    demandHints: [],
    correctAnswers: {},
  };
  return { ...base, supported: true, model: safeModel, possible: weightedScore(0, model.possible, settings.weight).possible, hintCount: model.demandHints.length };
}

/**
 * A problem whose rendering varies per learner (renderVariance not "none"), as one learner sees it:
 * rendered with their seed (the stored one; before their first answer initialSeed, which that
 * answer stores). The unit page carries no render of such a problem (it stays shared by every
 * learner); this one reaches the learner with their state (lib/lms/learner-state.ts). A problem
 * that varies only with the seed is kept per (version, problem, seed, audience), so learners who
 * share a seed, and a learner coming back, share one render; one that reads the learner or the
 * clock is rendered every time.
 */
export async function learnerProblemStaticView({
  versionId,
  courseKey,
  usageKey,
  definitionHash,
  settings,
  variance,
  userId,
  storedSeed,
  isStaff,
}: {
  versionId: number;
  courseKey: string;
  usageKey: string;
  definitionHash: string;
  settings: Record<string, unknown>;
  variance: Exclude<RenderVariance, "none">;
  userId: number;
  /** the learner's stored seed, null before their first answer */
  storedSeed: number | null;
  /** the audience is staff (not viewing as a learner): a failing script shows its author message */
  isStaff: boolean;
}): Promise<ProblemStaticView> {
  const seed = storedSeed ?? initialSeed({ rerandomize: readProblemSettings(settings).rerandomize, userId, usageKey });
  const render = async () => getProblemStaticView({ courseKey, usageKey, definitionXml: await getBlobText({ hash: definitionHash }), settings, userId, seed, isStaff, versionId });
  if (variance !== "seed") return render();
  const key = `${versionId}|${usageKey}|${seed}|${isStaff ? "staff" : "learner"}`;
  // A refusal may be passing (the sandbox was busy or down): only a rendered problem is kept.
  return problemViews.load(key, render, (v) => (v.supported ? 200 + key.length + 2 * JSON.stringify(v).length : null));
}

/** Builds the whole view from a definition and settings (as the unit page has them) plus the learner's state. */
export async function getProblemView({
  courseKey,
  usageKey,
  definitionXml,
  settings,
  userId,
  courseId,
  isStaff = false,
  now = new Date(),
}: {
  courseId: number;
  courseKey: string;
  usageKey: string;
  definitionXml: string;
  settings: Record<string, unknown>;
  userId: number | null;
  isStaff?: boolean;
  now?: Date;
}): Promise<ProblemView> {
  const state = userId === null ? null : await getProblemState({ userId, courseId, usageKey });
  const seed = state?.seed ?? (userId === null ? 1 : initialSeed({ rerandomize: readProblemSettings(settings).rerandomize, userId, usageKey }));
  const base = await getProblemStaticView({ courseKey, usageKey, definitionXml, settings, userId, seed, isStaff });
  return problemViewOf(base, learnerProblemJson({ settings, state, signedIn: userId !== null, isStaff, now }));
}

/** Containers the renderer may draw around inputs; anything else is flattened to its children. */
const ELEMENT_TAGS = new Set(["p", "div", "span", "section", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "ul", "ol", "li", "dl", "dt", "dd", "strong", "em", "b", "i", "u", "sub", "sup", "pre", "code", "blockquote", "label", "h2", "h3", "h4", "h5", "h6", "br", "hr"]);
const ELEMENT_ATTRS = new Set(["colspan", "rowspan", "scope", "lang", "dir", "title"]);

/** A render node as the browser may get it (exported for Studio's problem preview). */
export function sanitizeNode(n: RenderNode, courseKey: string): RenderNode | null {
  if (n.type === "html") return { type: "html", html: sanitizeProblemHtml(n.html, courseKey) };
  if (n.type === "input") return { type: "input", input: sanitizeInput(n.input, courseKey) };
  const children = n.children.map((c) => sanitizeNode(c, courseKey)).filter((c): c is RenderNode => c !== null);
  const tag = n.tag.toLowerCase();
  if (!ELEMENT_TAGS.has(tag)) return { type: "element", tag: "div", attrs: {}, children };
  const attrs = Object.fromEntries(Object.entries(n.attrs).filter(([k, v]) => ELEMENT_ATTRS.has(k.toLowerCase()) && typeof v === "string" && v.length < 200));
  return { type: "element", tag, attrs, children };
}

export function sanitizeInput<T extends ProblemRenderModel["inputs"][number]>(input: T, courseKey: string): T {
  const s = (h: string) => sanitizeProblemHtml(h, courseKey);
  const out = { ...input, label: input.label ? s(input.label) : input.label, descriptions: input.descriptions.map(s) };
  if (input.kind === "radio" || input.kind === "checkbox") return { ...out, choices: input.choices.map((c) => ({ ...c, html: s(c.html) })) } as T;
  if (input.kind === "jsinput") return { ...out, src: jsinputSrc(input.src, courseKey) } as T;
  if (input.kind === "image") return { ...out, src: problemImageSrc(input.src, courseKey), ...(input.alt ? { alt: input.alt.slice(0, 500) } : {}) } as T;
  if (input.kind === "annotation") {
    const { title, text, comment, commentPrompt, tagPrompt, options } = input;
    return { ...out, title: s(title), text: s(text), comment: s(comment), commentPrompt: s(commentPrompt), tagPrompt: s(tagPrompt), options: options.map((o) => ({ ...o, html: s(o.html) })) } as T;
  }
  return out as T;
}

/** A jsinput page (`/static/x.html`, checked by lib/capa) → the asset route with the jsinput flag,
 *  which serves it with the postMessage bridge in an opaque-origin sandbox. "" when not a course file. */
export function jsinputSrc(src: string, courseKey: string): string {
  const m = /^\/static\/([^?#]+)/.exec(src.trim());
  if (!m) return "";
  let path: string;
  try {
    path = decodeURIComponent(m[1]);
  } catch {
    path = m[1];
  }
  if (path.split("/").some((p) => p === "" || p === "." || p === "..")) return "";
  return `${assetHref(courseKey, path)}?jsinput=1`;
}
