// Python-scripted problems in the LMS: the sandbox pool (lib/sandbox), the course's
// python_lib.zip (static/python_lib.zip, as Open edX reads it from the course's assets) and the
// per-learner anonymous id handed to course scripts.
import "server-only";
import { createHash } from "node:crypto";
import type { ScriptedOptions } from "@/lib/capa";
import { getContentStore } from "@/lib/content";
import { getAsset } from "@/lib/db/queries/courses";
import { getSandbox } from "@/lib/sandbox/pool";

const libCache = new Map<number, Promise<Uint8Array | null>>();
const LIB_CACHE_MAX = 200;

/** The course version's python_lib.zip bytes (cached per version: versions never change). */
export function coursePythonLib(versionId: number): Promise<Uint8Array | null> {
  let p = libCache.get(versionId);
  if (!p) {
    p = (async () => {
      const asset = await getAsset({ versionId, path: "python_lib.zip" });
      if (!asset) return null;
      return new Uint8Array(await getContentStore().getBuffer(asset.hash));
    })().catch((err: unknown) => {
      libCache.delete(versionId);
      throw err;
    });
    if (libCache.size >= LIB_CACHE_MAX) libCache.delete(libCache.keys().next().value as number);
    libCache.set(versionId, p);
  }
  return p;
}

/** Open edX's anonymous_student_id: stable per learner and course, not the user id. */
export function anonymousStudentId(userId: number | null, courseKey: string): string {
  if (userId === null) return "";
  return createHash("sha256").update(`atrium:${courseKey}:${userId}`).digest("hex").slice(0, 32);
}

export async function scriptedOptions({
  versionId,
  courseKey,
  userId,
  problemId,
  seed,
}: {
  versionId: number;
  courseKey: string;
  userId: number | null;
  problemId: string;
  seed: number;
}): Promise<ScriptedOptions> {
  return {
    runner: getSandbox(),
    pythonLib: await coursePythonLib(versionId),
    anonymousStudentId: anonymousStudentId(userId, courseKey),
    problemId,
    seed,
  };
}
