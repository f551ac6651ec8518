import "server-only";
// One place that answers "who is looking at which course version, and what may they see" for
// every LMS page and action. Cached per request (React cache). Reads only.
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { aboutHref } from "@/lib/lms/urls";
import { actorOf, getCurrentUser, userOfCookies, type SessionUser } from "@/lib/auth/session";
import { canCourse, type Actor, type CourseFacts } from "@/lib/auth/permissions";
import { getCourseByKey, type CourseRow } from "@/lib/db/queries/catalog";
import { getLearnerState, getVersionData, type LearnerState, type VersionData } from "@/lib/db/queries/courseware";
import type { Viewer } from "@/lib/lms/outline";

const EMPTY_STATE = (): LearnerState => ({ roles: [], enrolled: false, lastUnitKey: null, completed: new Set(), bookmarks: new Set() });

export const VIEW_AS_LEARNER_COOKIE = "atrium-view-as-learner";

export interface CourseContext {
  course: CourseRow;
  version: VersionData;
  user: SessionUser | null;
  actor: Actor;
  facts: CourseFacts;
  /** the user's roles, enrollment, completions and bookmarks in this course (empty when anonymous) */
  state: LearnerState;
  /** holds a staff role (or is admin) on this course */
  isStaff: boolean;
  /** staff who chose "view as learner" */
  viewingAsLearner: boolean;
  viewer: Viewer;
  canViewCourseware: boolean;
}

/** The published course and the caller's standing in it; null when the course is unknown or unpublished. */
export const loadCourseContext = cache(
  async (courseKey: string): Promise<CourseContext | null> =>
    courseContextOf(
      courseKey,
      getCurrentUser(),
      cookies().then((jar) => jar.get(VIEW_AS_LEARNER_COOKIE)?.value),
    ),
);

/**
 * loadCourseContext for a caller that holds the request's cookies itself (proxy.ts, through
 * lib/proxy-reads.ts): the same context from the session cookie and the view-as-learner cookie.
 */
export function courseContextOfCookies(courseKey: string, all: { name: string; value: string }[]): Promise<CourseContext | null> {
  return courseContextOf(courseKey, userOfCookies(all), Promise.resolve(all.find((c) => c.name === VIEW_AS_LEARNER_COOKIE)?.value));
}

async function courseContextOf(courseKey: string, currentUser: Promise<SessionUser | null>, viewAsLearnerCookie: Promise<string | undefined>): Promise<CourseContext | null> {
  const [course, user] = await Promise.all([getCourseByKey({ courseKey }), currentUser]);
  if (!course || !course.publishedVersionId) return null;
  const [version, state, viewAs] = await Promise.all([
    getVersionData({ versionId: course.publishedVersionId }),
    user ? getLearnerState({ userId: user.id, courseId: course.id }) : Promise.resolve(EMPTY_STATE()),
    viewAsLearnerCookie,
  ]);
  if (!version) return null;
  // The same facts lib/auth/course-access would load, taken from the one-round-trip state query.
  const facts: CourseFacts = { roles: state.roles, enrolled: state.enrolled, catalogVisibility: course.catalogVisibility };
  const actor = actorOf(user);
  const isStaff = canCourse(actor, "course:view-staff-content", facts);
  const viewingAsLearner = isStaff && viewAs === "1";
  return {
    course,
    version,
    user,
    actor,
    facts,
    state,
    isStaff,
    viewingAsLearner,
    viewer: { staff: isStaff && !viewingAsLearner, now: new Date() },
    canViewCourseware: canCourse(actor, "course:view-courseware", facts),
  };
}

/**
 * For courseware pages: unknown course → 404; anonymous → sign in; signed in but neither enrolled
 * nor staff → the about page with a message. Returns the context otherwise.
 */
export async function requireCourseware(courseKey: string | null, returnTo: string): Promise<CourseContext> {
  if (!courseKey) notFound();
  const ctx = await loadCourseContext(courseKey);
  if (!ctx) notFound();
  if (!ctx.user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!ctx.canViewCourseware) redirect(`${aboutHref(ctx.course.courseKey)}?notice=enroll-required`);
  return ctx;
}
