// What learners do in a course: enrollment (with history), completion, bookmarks, problem state,
// submissions and persisted grades. Blocks are referred to by usage key, which is stable across
// course versions, so a learner's state survives a re-import.
import { boolean, double, index, int, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { at, createdAt, id, ref, updatedAt } from "./columns";

export const enrollments = mysqlTable(
  "enrollments",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    mode: varchar("mode", { length: 32 }).notNull().default("audit"),
    /** usage key of the unit (vertical) the learner last opened: Resume goes there. */
    lastUnitKey: varchar("last_unit_key", { length: 512 }),
    lastVisitedAt: at("last_visited_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("enrollments_user_course_uq").on(t.userId, t.courseId), index("enrollments_course_idx").on(t.courseId)],
);

export const enrollmentHistory = mysqlTable(
  "enrollment_history",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    action: mysqlEnum("action", ["enroll", "unenroll"]).notNull(),
    actorId: ref("actor_id"),
    createdAt: createdAt(),
  },
  (t) => [index("enrollment_history_user_course_idx").on(t.userId, t.courseId)],
);

export const courseInvitations = mysqlTable(
  "course_invitations",
  {
    id: id(),
    courseId: ref("course_id").notNull(),
    emailNormalized: varchar("email_normalized", { length: 254 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("course_invitations_uq").on(t.courseId, t.emailNormalized)],
);

export const completions = mysqlTable(
  "completions",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("completions_uq").on(t.userId, t.courseId, t.usageKey)],
);

export const bookmarks = mysqlTable(
  "bookmarks",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("bookmarks_uq").on(t.userId, t.courseId, t.usageKey)],
);

/** One row per learner and problem: the CAPA state Open edX keeps in StudentModule. */
export const problemStates = mysqlTable(
  "problem_states",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    answers: json("answers").$type<Record<string, string | string[]>>(),
    correctness: json("correctness").$type<Record<string, string>>(),
    attempts: int("attempts").notNull().default(0),
    seed: int("seed").notNull(),
    earned: double("earned"),
    possible: double("possible"),
    done: boolean("done").notNull().default(false),
    lastSubmittedAt: at("last_submitted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("problem_states_uq").on(t.userId, t.courseId, t.usageKey), index("problem_states_course_block_idx").on(t.courseId, t.usageKey)],
);

/** Every graded submission, append-only (the answer history staff can read). */
export const submissions = mysqlTable(
  "submissions",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    answers: json("answers").$type<Record<string, string | string[]>>().notNull(),
    correctness: json("correctness").$type<Record<string, string>>(),
    earned: double("earned"),
    possible: double("possible"),
    attempt: int("attempt").notNull(),
    kind: mysqlEnum("kind", ["submit", "reset", "rescore"]).notNull().default("submit"),
    createdAt: createdAt(),
  },
  (t) => [index("submissions_user_block_idx").on(t.userId, t.courseId, t.usageKey)],
);

export const subsectionGrades = mysqlTable(
  "subsection_grades",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    usageKey: varchar("usage_key", { length: 512 }).notNull(),
    assignmentType: varchar("assignment_type", { length: 128 }),
    graded: boolean("graded").notNull().default(false),
    earned: double("earned").notNull(),
    possible: double("possible").notNull(),
    versionId: ref("version_id"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("subsection_grades_uq").on(t.userId, t.courseId, t.usageKey)],
);

export const courseGrades = mysqlTable(
  "course_grades",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    percent: double("percent").notNull(),
    letterGrade: varchar("letter_grade", { length: 64 }),
    passed: boolean("passed").notNull().default(false),
    versionId: ref("version_id"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("course_grades_uq").on(t.userId, t.courseId)],
);



/**
 * Per-learner content choices that must stay put (issue 11): the children a library_content block
 * picked for the learner (`library:<usage key>` → child usage keys) and the learner's group in a
 * split_test partition (`partition:<id>` → group id). Usage keys survive re-imports, so a new
 * course version keeps the choice where its children still exist.
 */
export const learnerContentChoices = mysqlTable(
  "learner_content_choices",
  {
    id: id(),
    userId: ref("user_id").notNull(),
    courseId: ref("course_id").notNull(),
    choiceKey: varchar("choice_key", { length: 600 }).notNull(),
    value: json("value").$type<string[] | number>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("learner_content_choices_uq").on(t.userId, t.courseId, t.choiceKey)],
);
