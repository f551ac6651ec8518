// proxy.ts as Next.js calls it: which headers each kind of response gets, and that the page's
// nonce reaches the render (Next.js reads it from the request's Content-Security-Policy).
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { proxy, config } from "@/proxy";

const req = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: "127.0.0.1:3000", ...headers } });

describe("proxy", () => {
  it("gives a page a nonce CSP, passed on to the render, and the base headers", async () => {
    const res = await proxy(req("/courses"));
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    const other = (await proxy(req("/courses"))).headers.get("content-security-policy")!;
    expect(/'nonce-([^']+)'/.exec(other)?.[1]).not.toBe(nonce);
  });

  it("leaves the policy of course files and /help to them, and gives the API a closed one", async () => {
    for (const p of ["/assets/course-v1:a+b+c/x.html", "/help"]) {
      const res = await proxy(req(p));
      expect(res.headers.get("content-security-policy"), p).toBeNull();
      expect(res.headers.get("x-content-type-options"), p).toBe("nosniff");
    }
    expect((await proxy(req("/assets/k/x.html"))).headers.get("x-frame-options")).toBeNull();
    expect((await proxy(req("/api/health"))).headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });

  it("never lets a browser ask for a shared render or choose its nonce", async () => {
    const forged = { "x-atrium-shared-render": "1", "x-atrium-render-token": "guess", "x-atrium-render-nonce": "AAAAAAAAAAAAAAAAAAAAAA==" };
    const res = await proxy(req("/courses", forged));
    expect(res.headers.get("x-middleware-request-x-atrium-shared-render")).toBeNull();
    expect(res.headers.get("x-middleware-request-x-atrium-render-nonce")).toBeNull();
    expect(res.headers.get("content-security-policy")).not.toContain("AAAAAAAAAAAAAAAAAAAAAA==");
    // elsewhere too: the forged headers are struck from the request that reaches the route
    for (const path of ["/api/health", "/help"]) {
      const other = await proxy(req(path, forged));
      const passed = other.headers.get("x-middleware-override-headers")?.split(",") ?? [];
      expect(passed, path).toContain("host");
      expect(passed.filter((h) => h.startsWith("x-atrium")), path).toEqual([]);
    }
  });

  it("passes a request without internal headers on untouched, except a page (its CSP nonce)", async () => {
    // rewriting the request headers makes Next copy every one of them through the response
    for (const path of ["/api/health", "/api/lms/courses/k/state", "/help", "/assets/k/x.html"]) {
      const res = await proxy(req(path, { cookie: "a=b" }));
      expect(res.headers.get("x-middleware-override-headers"), path).toBeNull();
      expect(res.headers.get("x-middleware-request-cookie"), path).toBeNull();
    }
    expect((await proxy(req("/courses"))).headers.get("x-middleware-override-headers")).toContain("content-security-policy");
  });

  it("gives a server action called by fetch no nonce (it answers Flight data), a form posted without JavaScript one", async () => {
    const post = (headers: Record<string, string>) => proxy(new NextRequest("http://127.0.0.1:3000/courses/k/learn/s/u", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } }));
    const action = await post({ "next-action": "7f00aa", cookie: "a=b" });
    expect(action.headers.get("x-middleware-override-headers")).toBeNull();
    expect(action.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(action.headers.get("x-frame-options")).toBe("DENY");
    const form = await post({ "content-type": "multipart/form-data; boundary=x" });
    expect(form.headers.get("x-middleware-request-content-security-policy")).toMatch(/'nonce-/);
    // forged internal headers are still struck from an action's request
    const forged = await post({ "next-action": "7f00aa", "x-atrium-shared-render": "1" });
    expect(forged.headers.get("x-middleware-override-headers")?.split(",")).not.toContain("x-atrium-shared-render");
  });

  it("runs on everything but Next's hashed bundles", () => {
    const re = new RegExp(`^${config.matcher[0]}$`);
    expect(re.test("/courses")).toBe(true);
    expect(re.test("/favicon.ico")).toBe(true);
    expect(re.test("/_next/static/chunks/x.js")).toBe(false);
  });
});

describe("proxy with ASSET_ORIGIN and behind TLS", () => {
  it("serves only course files on the asset host, and sends HSTS", async () => {
    process.env.ASSET_ORIGIN = "https://files.example.org";
    process.env.ATRIUM_HTTPS = "true";
    vi.resetModules();
    const { proxy: p } = await import("@/proxy");
    try {
      const onFiles = (path: string) => p(new NextRequest(`https://files.example.org${path}`, { headers: { host: "files.example.org" } }));
      expect((await onFiles("/courses")).status).toBe(404);
      expect((await onFiles("/api/auth/session")).status).toBe(404);
      expect((await onFiles("/assets/k/x.html")).headers.get("x-middleware-next")).toBe("1");
      const page = await p(req("/courses"));
      expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      const csp = page.headers.get("content-security-policy")!;
      expect(csp).toContain("upgrade-insecure-requests");
      expect(csp).toMatch(/frame-src [^;]*https:\/\/files\.example\.org/);
    } finally {
      delete process.env.ASSET_ORIGIN;
      delete process.env.ATRIUM_HTTPS;
    }
  });
});
