import { describe, expect, it } from "vitest";
import { importSourceLabel, jobStartedLabel, jobStatusLabel } from "./job-labels";

const job = (o: Partial<{ status: string; error: string | null; payload: unknown; result: unknown }>) => ({ status: "succeeded", error: null, createdAt: new Date("2026-12-06T01:55:40.123Z"), payload: null, result: null, ...o });

describe("job labels", () => {
  it("names when a job started, in UTC to the second", () => {
    expect(jobStartedLabel(job({}))).toBe("2026-12-06 01:55:40");
  });
  it.each([
    [{ fileName: "course.tar.gz" }, null, "course.tar.gz"],
    [{}, null, "—"],
    [{ git: { url: "https://git.example/c.git", ref: "v2" } }, { git: { commit: "0123456789abcdef0123" } }, "https://git.example/c.git @ v2 (0123456789ab)"],
    [{ git: { url: "https://git.example/c.git", ref: "" } }, null, "https://git.example/c.git"],
  ])("names an import's source %j", (payload, result, want) => {
    expect(importSourceLabel(job({ payload, result }))).toBe(want);
  });
  it("says why a job failed, its status, or what an import made", () => {
    expect(jobStatusLabel(job({ status: "failed", error: "x".repeat(300) }))).toBe(`failed: ${"x".repeat(200)}`);
    expect(jobStatusLabel(job({ status: "running" }), { importResult: true })).toBe("running");
    expect(jobStatusLabel(job({ result: { versionId: 7 } }))).toBe("succeeded");
    expect(jobStatusLabel(job({ result: { versionId: 7 } }), { importResult: true })).toBe("version 7");
    expect(jobStatusLabel(job({ result: { unchanged: true, git: { url: "https://example.test/c.git", commit: "abc" } } }), { importResult: true })).toBe("unchanged (same commit)");
    expect(jobStatusLabel(job({ result: { unchanged: true } }), { importResult: true })).toBe("unchanged (same content)");
  });
});
