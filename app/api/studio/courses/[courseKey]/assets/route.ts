// POST /api/studio/courses/<course key>/assets: multipart upload of one or more files into the
// course's working copy (streamed, size-limited, authorized before anything is read or stored);
// answers { files: [{ path, url, contentType, size }] }. GET lists the working copy's files: all
// of them, or with any of ?q=&sort=name|type|size|added&dir=asc|desc&page= one page searched and
// sorted in SQL ({ files, total, page, pageCount, pageSize, … }).
import { NextResponse, type NextRequest } from "next/server";
import { decodeCourseKey, requireCourseAction } from "@/lib/courses/studio-access";
import { errorResponseOf } from "@/lib/errors";
import { listCourseFiles, uploadCourseFiles } from "@/lib/studio/assets";
import { fileQueryOf, listFilePage } from "@/lib/studio/files";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ courseKey: string }> };

export async function POST(req: NextRequest, { params }: Ctx) {
  try {
    const courseKey = decodeCourseKey((await params).courseKey);
    const { user, course } = await requireCourseAction({ courseKey, action: "studio:edit-course" });
    const files = await uploadCourseFiles({ courseId: course.id, courseKey, userId: user.id, req });
    return NextResponse.json({ files }, { status: 201 });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}

export async function GET(req: NextRequest, { params }: Ctx) {
  try {
    const courseKey = decodeCourseKey((await params).courseKey);
    const { course } = await requireCourseAction({ courseKey, action: "studio:view-course" });
    const sp = req.nextUrl.searchParams;
    if (["q", "sort", "dir", "page"].some((k) => sp.has(k))) {
      return NextResponse.json(await listFilePage({ courseId: course.id, query: fileQueryOf(Object.fromEntries(sp)) }));
    }
    return NextResponse.json({ files: await listCourseFiles({ courseId: course.id }) });
  } catch (err) {
    const { status, body } = errorResponseOf(err);
    return NextResponse.json(body, { status });
  }
}
