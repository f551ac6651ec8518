// /studio/courses/<course key>/team: the course team (any team member may look; instructors and
// admins may change it — the actions authorize "studio:manage-team" again) and its change log.
import type { Metadata } from "next";
import { courseForPage } from "@/components/studio/course-page";
import { CourseTeam } from "@/components/studio/team/course-team";
import { PageHeader } from "@/components/ui";
import { actorOf } from "@/lib/auth/session";
import { getCourseFacts } from "@/lib/auth/course-access";
import { canCourse } from "@/lib/auth/permissions";
import { listCourseTeam, listCourseTeamLog } from "@/lib/db/queries/course-team";
import styles from "@/components/studio/studio.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ courseKey: string }> };

export const metadata: Metadata = { title: "Course team · Studio" };

export default async function CourseTeamPage({ params }: Props) {
  const raw = (await params).courseKey;
  const access = await courseForPage(raw, "studio:view-course", `/studio/courses/${raw}/team`, "");
  if (!access.ok) return access.page;
  const { user, course } = access;
  const facts = await getCourseFacts({ userId: user.id, courseId: course.id });
  const canManage = canCourse(actorOf(user), "studio:manage-team", facts);
  const [team, log] = await Promise.all([listCourseTeam({ courseId: course.id }), listCourseTeamLog({ courseId: course.id })]);
  return (
    <>
      <PageHeader
        title="Course team"
        description={
          <>
            {course.displayName} · <span className={styles.mono}>{course.courseKey}</span>
          </>
        }
      />
      <CourseTeam
        courseKey={course.courseKey}
        canManage={canManage}
        currentUserId={user.id}
        team={team}
        log={log.map((e) => ({ ...e, at: e.at.toISOString() }))}
      />
    </>
  );
}
