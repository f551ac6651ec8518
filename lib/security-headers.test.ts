import { describe, expect, it } from "vitest";
import { API_CSP, baseSecurityHeaders, inlineStyleHashes, newNonce, pageCsp, responseKind, staticPageCsp, type SecuritySettings } from "./security-headers";

const prod: SecuritySettings = { dev: false, https: false, iframeOrigins: ["https://www.youtube.com", "https://www.youtube-nocookie.com"] };
const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("page CSP", () => {
  it("allows scripts only with the nonce, frames from the allow-list, and is framed by nobody", () => {
    const d = directives(pageCsp("abc123==", prod));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "https://www.youtube.com"]);
    expect(d.get("frame-src")).toEqual(["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
  });
  it("needs unsafe-eval (and the HMR websocket) only in development", () => {
    expect(pageCsp("n", prod)).not.toContain("unsafe-eval");
    expect(directives(pageCsp("n", { ...prod, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(pageCsp("n", { ...prod, dev: true })).get("connect-src")).toContain("ws:");
  });
  it("behind TLS upgrades insecure requests; an asset origin may be framed and shown", () => {
    const d = directives(pageCsp("n", { ...prod, https: true, assetOrigin: "https://files.example.org" }));
    expect(d.has("upgrade-insecure-requests")).toBe(true);
    expect(d.get("img-src")).not.toContain("http:");
    expect(d.get("frame-src")).toContain("https://files.example.org");
    expect(d.get("img-src")).toContain("https://files.example.org");
  });
  it("nonces are fresh and 128-bit", () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
  });
});

describe("static and API policies", () => {
  it("hashes inline style blocks the way browsers do", () => {
    // echo -n 'body{}' | openssl dgst -sha256 -binary | base64
    expect(inlineStyleHashes("<style>body{}</style><p>x</p><style>p{}</style>")).toEqual(["fJgEClQWV1hGkK4qHMO0KotTsVnMYMXTq7/suurGyUo=", expect.any(String)]);
    const d = directives(staticPageCsp(["h1"]));
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("style-src")).toEqual(["'sha256-h1'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.has("script-src")).toBe(false);
  });
  it("API answers run nothing", () => {
    expect(API_CSP).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
  });
  it("course files and /help keep their own policy", () => {
    expect(responseKind("/assets/course-v1:a+b+c/x.html")).toBe("own-policy");
    expect(responseKind("/help")).toBe("own-policy");
    expect(responseKind("/api/health")).toBe("api");
    expect(responseKind("/courses")).toBe("page");
    expect(responseKind("/helpful")).toBe("page");
  });
});

describe("base headers", () => {
  it("nosniff, referrer and permissions policies everywhere; HSTS only behind TLS", () => {
    const h = baseSecurityHeaders(prod);
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["Permissions-Policy"]).toContain("camera=()");
    expect(h["Permissions-Policy"]).toContain(`fullscreen=(self "https://www.youtube.com" "https://www.youtube-nocookie.com")`);
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(baseSecurityHeaders({ ...prod, https: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
