// The action kit's result shape: validation → field errors, domain errors → their code, anything
// else → a generic message (logged, never shown).
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { fail, formDataToObject, publicAction } from "./index";

const schema = z.object({ name: z.string().trim().min(1, "Enter a name."), count: z.coerce.number().int().min(0, "Not negative.") });

describe("publicAction", () => {
  it("validates input and returns data", async () => {
    const act = publicAction(schema, async (input) => ({ greeting: `hi ${input.name} x${input.count}` }));
    expect(await act({ name: " Ann ", count: 2 })).toEqual({ ok: true, data: { greeting: "hi Ann x2" } });
  });

  it("reports every invalid field and does not run the body", async () => {
    const body = vi.fn();
    const act = publicAction(schema, body);
    expect(await act({ name: "", count: -1 })).toEqual({
      ok: false,
      code: "invalid:input",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: "Enter a name.", count: "Not negative." },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it("accepts FormData (repeated keys become arrays; React's $ACTION fields are dropped)", async () => {
    const fd = new FormData();
    fd.append("name", "Bo");
    fd.append("count", "3");
    fd.append("$ACTION_ID_abc", "");
    expect(formDataToObject(fd)).toEqual({ name: "Bo", count: "3" });
    fd.append("tag", "a");
    fd.append("tag", "b");
    expect(formDataToObject(fd).tag).toEqual(["a", "b"]);
    const act = publicAction(schema, async (input) => input.count * 2);
    expect(await act(fd)).toEqual({ ok: true, data: 6 });
  });

  it("turns AppError into its code and message, and passes returned failures through", async () => {
    const denied = publicAction(schema, async () => {
      throw new AppError("forbidden:course", "Not your course.", { fieldErrors: { name: "nope" } });
    });
    expect(await denied({ name: "a", count: 0 })).toEqual({ ok: false, code: "forbidden:course", message: "Not your course.", fieldErrors: { name: "nope" } });
    const failing = publicAction(schema, async () => fail("conflict:thing", "Already there."));
    expect(await failing({ name: "a", count: 0 })).toEqual({ ok: false, code: "conflict:thing", message: "Already there." });
  });

  it("hides unexpected errors behind a generic message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = publicAction(schema, async () => {
      throw new Error("ER_BAD_FIELD_ERROR: Unknown column 'secret_col'");
    });
    const r = await boom({ name: "a", count: 0 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("internal");
    expect(JSON.stringify(r)).not.toContain("secret_col");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("answers a database outage with unavailable:database and a message, not internal", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = publicAction(schema, async () => {
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:3306"), { code: "ECONNREFUSED" });
      throw new Error("Failed query: select 1", { cause: refused });
    });
    const r = await down({ name: "a", count: 0 });
    expect(r).toEqual({ ok: false, code: "unavailable:database", message: expect.stringMatching(/database is unavailable/) });
    expect(JSON.stringify(r)).not.toContain("3306");
    log.mockRestore();
  });
});
