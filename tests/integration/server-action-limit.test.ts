// Request size belongs to the operator (issue 8, item 3): server actions, anonymous ones included,
// keep a small body limit; uploads go through the import route (tests/integration/import-route.test.ts).
// The e2e spec e2e/import/request-size.spec.ts sends an oversized body to a real action.
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

// Next parses the setting with this module (next/dist/server/app-render/action-handler.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bytes = require("next/dist/compiled/bytes") as { parse(v: string | number): number | null };

describe("server action body limit", () => {
  it("is at most 2 MB", () => {
    const limit = nextConfig.experimental?.serverActions?.bodySizeLimit ?? "1mb";
    const parsed = bytes.parse(limit);
    expect(parsed).not.toBeNull();
    expect(parsed!).toBeGreaterThan(0);
    expect(parsed!).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
