// GET /api/me and the root layout's header data on the real MariaDB: /api/me is what the header's
// client island shows on pages whose HTML is shared, so it must be the caller's own data (and
// never cached by a shared cache); and a shared render (x-atrium-shared-render: 1) must not load
// anyone's data into the HTML at all. The session and the request headers are the only stubs.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import type * as SessionModule from "@/lib/auth/session";

const stub = vi.hoisted(() => ({ user: null as SessionUser | null, calls: 0, headers: new Headers() }));
vi.mock("@/lib/auth/session", async (orig) => ({
  ...(await orig<typeof SessionModule>()),
  getCurrentUser: async () => {
    stub.calls++;
    return stub.user;
  },
}));
vi.mock("next/headers", () => ({ headers: async () => stub.headers, cookies: async () => ({ get: () => undefined }) }));

import { closeDb } from "@/lib/db";
import { GET } from "@/app/api/me/route";
import { loadHeaderData } from "@/lib/shell/header-data";
import { SHARED_RENDER_HEADER } from "@/lib/shell/shared-render";
import { createTestCourse, createTestUser, grantRole } from "./lms-helpers";

const call = async () => {
  const res = await GET();
  return { status: res.status, body: (await res.json()) as unknown, cache: res.headers.get("cache-control") };
};

beforeEach(() => {
  stub.user = null;
  stub.calls = 0;
  stub.headers = new Headers();
});
afterAll(async () => {
  await closeDb();
});

describe("GET /api/me", () => {
  it("gives the anonymous no user and no Studio link, privately", async () => {
    const r = await call();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ user: null, showStudio: false });
    expect(r.cache).toBe("private, no-store");
  });

  it("gives a signed-in user their own name, username and email; Studio only to course staff", async () => {
    const u = await createTestUser("me_learner");
    stub.user = u;
    const r = await call();
    expect(r.status).toBe(200);
    expect(r.cache).toBe("private, no-store");
    expect(r.body).toEqual({ user: { fullName: u.fullName, username: u.username, email: u.email }, showStudio: false });

    const c = await createTestCourse({ sections: [] });
    await grantRole({ userId: u.id, courseId: c.courseId, role: "staff" });
    expect(((await call()).body as { showStudio: boolean }).showStudio).toBe(true);
  });
});

describe("the root layout's header data", () => {
  it("is the caller's own without the shared-render header", async () => {
    const u = await createTestUser("me_layout");
    stub.user = u;
    expect(await loadHeaderData()).toEqual({ user: { fullName: u.fullName, username: u.username, email: u.email }, showStudio: false });
  });

  it("is deferred to the client, without looking up the user, on a shared render", async () => {
    stub.user = await createTestUser("me_shared");
    stub.headers = new Headers({ [SHARED_RENDER_HEADER]: "1" });
    expect(await loadHeaderData()).toEqual({ deferred: true });
    expect(stub.calls).toBe(0);
    // Any other value is not a shared render.
    stub.headers = new Headers({ [SHARED_RENDER_HEADER]: "0" });
    expect(await loadHeaderData()).toHaveProperty("user.username", stub.user.username);
  });
});
