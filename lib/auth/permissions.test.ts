// The whole authorization matrix, written out as an explicit table (not re-derived from the
// implementation): every kind of actor × every global and course action.
import { describe, expect, it } from "vitest";
import { ANONYMOUS, COURSE_ACTIONS, GLOBAL_ACTIONS, canCourse, canGlobal, type Actor, type CourseAction, type CourseFacts, type GlobalAction } from "./permissions";

type Who = "anonymous" | "inactive" | "learner" | "enrolled" | "staff" | "instructor" | "creator" | "admin";
const WHO: Who[] = ["anonymous", "inactive", "learner", "enrolled", "staff", "instructor", "creator", "admin"];

const user = (over: Partial<Actor>): Actor => ({ userId: 42, isActive: true, isAdmin: false, canCreateCourses: false, ...over });

function actorFor(who: Who): Actor {
  switch (who) {
    case "anonymous":
      return ANONYMOUS;
    // A deactivated account keeps nothing, even with every flag, role and enrollment (below).
    case "inactive":
      return user({ isActive: false, isAdmin: true, canCreateCourses: true });
    case "creator":
      return user({ canCreateCourses: true });
    case "admin":
      return user({ isAdmin: true });
    default:
      return user({});
  }
}

function factsFor(who: Who, catalogVisibility = "both"): CourseFacts {
  switch (who) {
    case "inactive":
      return { roles: ["instructor", "staff"], enrolled: true, catalogVisibility };
    case "enrolled":
      return { roles: [], enrolled: true, catalogVisibility };
    case "staff":
      return { roles: ["staff"], enrolled: false, catalogVisibility };
    case "instructor":
      return { roles: ["instructor"], enrolled: false, catalogVisibility };
    default:
      return { roles: [], enrolled: false, catalogVisibility };
  }
}

const ALL = new Set<Who>(WHO);
const SIGNED_IN = new Set<Who>(["learner", "enrolled", "staff", "instructor", "creator", "admin"]);
const TEAM = new Set<Who>(["staff", "instructor", "admin"]);
const LEARNING = new Set<Who>(["enrolled", "staff", "instructor", "admin"]);

const COURSE_EXPECTED: Record<CourseAction, Set<Who>> = {
  "course:view-about": ALL,
  "course:enroll": SIGNED_IN,
  "course:view-courseware": LEARNING,
  "course:submit-answer": LEARNING,
  "course:read-locked-asset": LEARNING,
  "course:view-staff-content": TEAM,
  "course:view-as-learner": TEAM,
  "course:view-learner-progress": TEAM,
  "course:reset-attempts": TEAM,
  "course:rescore": TEAM,
  "studio:view-course": TEAM,
  "studio:edit-course": TEAM,
  "studio:import-course": TEAM,
  "studio:export-course": TEAM,
  "studio:manage-team": new Set<Who>(["instructor", "admin"]),
};

describe("canCourse: every actor × every course action", () => {
  it("covers every declared course action", () => {
    expect(Object.keys(COURSE_EXPECTED).sort()).toEqual([...COURSE_ACTIONS].sort());
  });
  for (const action of COURSE_ACTIONS) {
    for (const who of WHO) {
      const expected = COURSE_EXPECTED[action].has(who);
      it(`${who} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(canCourse(actorFor(who), action, factsFor(who))).toBe(expected);
      });
    }
  }
});

describe("canCourse: catalog visibility", () => {
  const hiddenAboutAllowed = new Set<Who>(["staff", "instructor", "admin"]);
  for (const who of WHO) {
    it(`${who} ${hiddenAboutAllowed.has(who) ? "sees" : "does not see"} the about page of a course hidden from the catalog`, () => {
      expect(canCourse(actorFor(who), "course:view-about", factsFor(who, "none"))).toBe(hiddenAboutAllowed.has(who));
    });
  }
  it("about-only visibility still shows the about page to everyone", () => {
    for (const who of WHO) expect(canCourse(actorFor(who), "course:view-about", factsFor(who, "about"))).toBe(true);
  });
});

// For global actions, staff/instructor hold a course role somewhere (hasAnyCourseRole).
const GLOBAL_EXPECTED: Record<GlobalAction, Set<Who>> = {
  "catalog:view": ALL,
  "studio:access": new Set<Who>(["staff", "instructor", "creator", "admin"]),
  "studio:create-course": new Set<Who>(["creator", "admin"]),
  "admin:manage-users": new Set<Who>(["admin"]),
};

describe("canGlobal: every actor × every global action", () => {
  it("covers every declared global action", () => {
    expect(Object.keys(GLOBAL_EXPECTED).sort()).toEqual([...GLOBAL_ACTIONS].sort());
  });
  for (const action of GLOBAL_ACTIONS) {
    for (const who of WHO) {
      const expected = GLOBAL_EXPECTED[action].has(who);
      it(`${who} ${expected ? "may" : "may not"} ${action}`, () => {
        const hasAnyCourseRole = who === "staff" || who === "instructor" || who === "inactive";
        expect(canGlobal(actorFor(who), action, { hasAnyCourseRole })).toBe(expected);
      });
    }
  }
  it("a plain learner without any course role is kept out of Studio", () => {
    expect(canGlobal(actorFor("learner"), "studio:access")).toBe(false);
    expect(canGlobal(actorFor("learner"), "studio:access", { hasAnyCourseRole: false })).toBe(false);
  });
});
