// Course dates as learners see them: catalog status, the enrollment window, and the Dates tab's
// grouping (past due / due soon / upcoming). Pure.
import { parseOlxDate } from "./outline";

export type CourseStatus = "upcoming" | "open" | "archived";

export function courseStatus(course: { start: Date | null; end: Date | null }, now: Date): CourseStatus {
  if (course.start && course.start > now) return "upcoming";
  if (course.end && course.end < now) return "archived";
  return "open";
}

export type EnrollBlock = "not_open_yet" | "closed" | "invitation_only" | null;

/** Why a learner may not enroll now (null: they may). Staff bypass this in the action. */
export function enrollmentBlock(
  course: { enrollmentStart: Date | null; enrollmentEnd: Date | null; invitationOnly: boolean },
  now: Date,
  invited: boolean,
): EnrollBlock {
  if (course.enrollmentStart && course.enrollmentStart > now) return "not_open_yet";
  if (course.enrollmentEnd && course.enrollmentEnd < now) return "closed";
  if (course.invitationOnly && !invited) return "invitation_only";
  return null;
}

export const ENROLL_BLOCK_MESSAGE: Record<Exclude<EnrollBlock, null>, string> = {
  not_open_yet: "Enrollment has not opened yet.",
  closed: "Enrollment is closed.",
  invitation_only: "This course is by invitation only.",
};

export type DateGroup = "past_due" | "due_soon" | "upcoming" | "past";

export interface DatedItem {
  kind: "course_start" | "course_end" | "due" | "release";
  date: Date;
  title: string;
  usageKey?: string;
  /** assignment type for graded items */
  format?: string | null;
  graded?: boolean;
  complete?: boolean;
}

const WEEK = 7 * 24 * 3600 * 1000;

/** Past due = a due date passed and the item is not complete; due soon = within 7 days. */
export function dateGroup(item: DatedItem, now: Date): DateGroup {
  const t = item.date.getTime();
  if (t < now.getTime()) return item.kind === "due" && !item.complete ? "past_due" : "past";
  if (item.kind === "due" && t - now.getTime() <= WEEK) return "due_soon";
  return "upcoming";
}

export function toDate(v: string | null | undefined): Date | null {
  return parseOlxDate(v);
}

export function formatDate(d: Date | null | undefined): string {
  if (!d) return "";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d) + " UTC";
}

export function formatDay(d: Date | null | undefined): string {
  if (!d) return "";
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(d);
}
