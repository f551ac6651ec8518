// The generated nginx config: the safety rules of the cluster (POSTs never retried once sent,
// failover on connection errors, static files from the build, compression), and — where nginx is
// installed — that nginx itself accepts the file (`nginx -t`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nginxConfig, type NginxOptions } from "./nginx-config";

const base: NginxOptions = {
  prefix: "/tmp/atrium-nginx-test",
  listen: [{ host: "127.0.0.1", port: 3000 }],
  upstreams: [
    { host: "127.0.0.1", port: 3010 },
    { host: "127.0.0.1", port: 3011 },
  ],
  distDir: "/srv/atrium/.next",
};

describe("nginxConfig", () => {
  it("balances over every instance with passive failover and keep-alive", () => {
    const conf = nginxConfig(base);
    expect(conf).toMatch(/upstream atrium \{[^}]*server 127\.0\.0\.1:3010 max_fails=1 fail_timeout=5s;[^}]*server 127\.0\.0\.1:3011 max_fails=1 fail_timeout=5s;[^}]*keepalive 64;/);
    expect(conf).toContain("listen 127.0.0.1:3000;");
    expect(conf).toContain('proxy_set_header Connection "";');
    expect(conf).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });

  it("retries only what is safe: never non_idempotent, never a 500 or 503 from the app", () => {
    const conf = nginxConfig(base);
    const rules = [...conf.matchAll(/proxy_next_upstream ([^;]+);/g)].map((m) => m[1]);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r).not.toContain("non_idempotent");
      expect(r.split(/\s+/)).not.toContain("http_500");
      expect(r.split(/\s+/)).not.toContain("http_503");
      expect(r).toContain("error");
    }
  });

  it("serves /_next/static from the build, compressed and immutable", () => {
    const conf = nginxConfig(base);
    expect(conf).toMatch(/location \/_next\/static\/ \{\s*alias \/srv\/atrium\/\.next\/static\/;/);
    expect(conf).toContain('add_header Cache-Control "public, max-age=31536000, immutable";');
    expect(conf).toMatch(/gzip on;[\s\S]*gzip_types[^;]*application\/javascript/);
  });

  it("compresses at nginx and asks the instances for plain bytes in every proxied location", () => {
    const conf = nginxConfig(base);
    const proxied = conf.split("location ").filter((block) => block.includes("proxy_pass"));
    expect(proxied.length).toBeGreaterThan(0);
    for (const block of proxied) expect(block).toContain('proxy_set_header Accept-Encoding "";');
    expect(conf).toMatch(/gzip on;[\s\S]*gzip_types[^;]*text\/x-component/);
  });

  it("marks down instances down, but never all of them", () => {
    const one = nginxConfig({ ...base, upstreams: [{ ...base.upstreams[0], down: true }, base.upstreams[1]] });
    expect(one).toContain("server 127.0.0.1:3010 max_fails=1 fail_timeout=5s down;");
    expect(one).toContain("server 127.0.0.1:3011 max_fails=1 fail_timeout=5s;");
    const all = nginxConfig({ ...base, upstreams: base.upstreams.map((u) => ({ ...u, down: true })) });
    expect(all).not.toContain(" down;");
  });

  it("answers 503 with a message when no instance can, or one fails with a 500", () => {
    const conf = nginxConfig(base);
    expect(conf).toMatch(/error_page 500 502 504 =503 \/atrium-unavailable\.html;/);
    expect(conf).toContain("proxy_intercept_errors on;");
    // /api/health keeps its own JSON 503 (the reason) for balancers and operators.
    const health = /location = \/api\/health \{([^}]*)\}/.exec(conf)![1];
    expect(health).not.toContain("proxy_intercept_errors");
  });

  it("refuses paths that would break the file", () => {
    expect(() => nginxConfig({ ...base, distDir: "/srv/a b/.next" })).toThrow(/unsafe path/);
    expect(() => nginxConfig({ ...base, prefix: "/tmp/x;evil" })).toThrow(/unsafe path/);
    expect(() => nginxConfig({ ...base, upstreams: [] })).toThrow(/at least one/);
  });

  // Skipped only where Debian's nginx is missing: scripts/test.sh installs it (ensure_nginx), so
  // CI runs it; a machine without root/apt cannot, and the config is still checked above.
  it.skipIf(!existsSync("/usr/sbin/nginx"))("is accepted by nginx -t", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "atrium-nginx-t-"));
    try {
      mkdirSync(path.join(dir, "tmp"));
      mkdirSync(path.join(dir, "dist", "static"), { recursive: true });
      const conf = nginxConfig({ ...base, prefix: dir, distDir: path.join(dir, "dist"), listen: [{ host: "127.0.0.1", port: 3349 }], user: process.getuid?.() === 0 ? "root" : undefined });
      writeFileSync(path.join(dir, "nginx.conf"), conf);
      // -t parses and checks the file (and opens its logs) without binding the port.
      execFileSync("/usr/sbin/nginx", ["-t", "-q", "-e", path.join(dir, "error.log"), "-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "pipe" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
