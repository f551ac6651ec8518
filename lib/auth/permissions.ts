// The one authorization matrix. Every page, action and route handler asks `can()`; layouts and
// the proxy only redirect for comfort. Pure: the caller loads the actor's facts (global flags,
// roles on this course, enrollment) and passes them in.

export type CourseRole = "instructor" | "staff";

export interface Actor {
  /** null for an anonymous visitor */
  userId: number | null;
  isActive: boolean;
  isAdmin: boolean;
  canCreateCourses: boolean;
}

export interface CourseFacts {
  /** roles the actor holds on this course */
  roles: readonly CourseRole[];
  /** the actor has an active enrollment in this course */
  enrolled: boolean;
  /** the course's catalog visibility: both | about | none */
  catalogVisibility?: string;
}

export const GLOBAL_ACTIONS = ["catalog:view", "studio:access", "studio:create-course", "admin:manage-users"] as const;
export const COURSE_ACTIONS = [
  "course:view-about",
  "course:enroll",
  "course:view-courseware",
  "course:submit-answer",
  "course:view-staff-content",
  "course:view-as-learner",
  "course:view-learner-progress",
  "course:reset-attempts",
  "course:rescore",
  "course:read-locked-asset",
  "studio:view-course",
  "studio:edit-course",
  "studio:import-course",
  "studio:export-course",
  "studio:manage-team",
] as const;

export type GlobalAction = (typeof GLOBAL_ACTIONS)[number];
export type CourseAction = (typeof COURSE_ACTIONS)[number];

export const ANONYMOUS: Actor = { userId: null, isActive: false, isAdmin: false, canCreateCourses: false };

function signedIn(actor: Actor): boolean {
  return actor.userId !== null && actor.isActive;
}

/** May the actor do this site-wide action? */
export function canGlobal(actor: Actor, action: GlobalAction, opts: { hasAnyCourseRole?: boolean } = {}): boolean {
  switch (action) {
    case "catalog:view":
      return true;
    case "studio:access":
      return signedIn(actor) && (actor.isAdmin || actor.canCreateCourses || opts.hasAnyCourseRole === true);
    case "studio:create-course":
      return signedIn(actor) && (actor.isAdmin || actor.canCreateCourses);
    case "admin:manage-users":
      return signedIn(actor) && actor.isAdmin;
  }
}

/** May the actor do this to this course? */
export function canCourse(actor: Actor, action: CourseAction, course: CourseFacts): boolean {
  const admin = signedIn(actor) && actor.isAdmin;
  const instructor = signedIn(actor) && (admin || course.roles.includes("instructor"));
  const staff = instructor || (signedIn(actor) && course.roles.includes("staff"));
  const learner = signedIn(actor) && course.enrolled;
  switch (action) {
    case "course:view-about":
      return staff || course.catalogVisibility !== "none";
    case "course:enroll":
      return signedIn(actor);
    case "course:view-courseware":
    case "course:submit-answer":
    case "course:read-locked-asset":
      return staff || learner;
    case "course:view-staff-content":
    case "course:view-as-learner":
    case "course:view-learner-progress":
    case "course:reset-attempts":
    case "course:rescore":
    case "studio:view-course":
    case "studio:export-course":
      return staff;
    case "studio:edit-course":
    case "studio:import-course":
      return staff;
    case "studio:manage-team":
      return instructor;
  }
}
