// Git source validation: which URLs, refs and folders Studio may clone.
import { describe, expect, it } from "vitest";
import { checkGitFolder, checkGitRef, checkGitSource, checkGitUrl } from "./git-source";

describe("checkGitUrl", () => {
  it.each([
    ["https://github.com/org/course.git", "https"],
    ["https://git.example.org:8443/a/b", "https"],
    ["ssh://git@github.com/org/course.git", "ssh"],
    ["ssh://git@host:2222/org/course.git", "ssh"],
    ["git@github.com:org/course.git", "scp"],
  ])("accepts %s (%s)", (url, kind) => {
    expect(checkGitUrl(url, { allowLocal: false })).toEqual({ ok: true, kind, url });
  });
  it.each([
    ["", "Enter the repository URL"],
    ["http://github.com/org/course.git", "http:// repositories are not allowed"],
    ["git://github.com/org/course.git", "git:// repositories are not allowed"],
    ["ext::sh -c touch% /tmp/pwned", "no spaces"],
    ["ext::sh", "Enter an https://"],
    ["fd::17", "Enter an https://"],
    ["-uhttps://x", "cannot start with"],
    ["--upload-pack=touch /tmp/x", "no spaces"],
    ["https://user:token@github.com/org/c.git", "credentials"],
    ["https://token@github.com/org/c.git", "credentials"],
    ["file:///srv/git/course.git", "not allowed on this site"],
    ["/srv/git/course.git", "not allowed on this site"],
    ["github.com:org/course.git", "Enter an https://"],
    ["git@-oProxyCommand=x:org/c", "Enter an https://"],
    ["https://github.com/org/c.git\nx", "control"],
    ["https://-host/x", "host name"],
  ])("refuses %j", (url, message) => {
    const r = checkGitUrl(url, { allowLocal: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
  it("accepts local repositories only when the operator allows them", () => {
    expect(checkGitUrl("/tmp/repo.git", { allowLocal: true })).toEqual({ ok: true, kind: "path", url: "/tmp/repo.git" });
    expect(checkGitUrl("file:///tmp/repo.git", { allowLocal: true })).toEqual({ ok: true, kind: "file", url: "file:///tmp/repo.git" });
    expect(checkGitUrl("/tmp/../etc", { allowLocal: true }).ok).toBe(false);
    expect(checkGitUrl("relative/repo", { allowLocal: true }).ok).toBe(false);
  });
});

describe("checkGitRef", () => {
  it.each(["", "main", "release/2026", "v1.2.3", "feature_x-y"])("accepts %j", (ref) => {
    expect(checkGitRef(ref)).toEqual({ ok: true, ref });
  });
  it.each(["-b", "--upload-pack=x", "a..b", "../main", "main/", "/main", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "x.lock", "@", "a@{1}", ".hidden", "a//b", "a/.b", "end."])("refuses %j", (ref) => {
    expect(checkGitRef(ref).ok).toBe(false);
  });
});

describe("checkGitFolder", () => {
  it.each([
    ["", ""],
    [".", ""],
    ["content/atr101", "content/atr101"],
    ["./content/atr101/", "content/atr101"],
    ["courses\\demo", "courses/demo"],
  ])("accepts %j as %j", (raw, folder) => {
    expect(checkGitFolder(raw)).toEqual({ ok: true, folder });
  });
  it.each(["..", "../x", "a/../../b", "/etc", "-x", "a//b", ".git", ".git/hooks", "a/./b", "a\u0000b"])("refuses %j", (f) => {
    expect(checkGitFolder(f).ok).toBe(false);
  });
});

describe("checkGitSource", () => {
  it("collects every field's error", () => {
    expect(checkGitSource({ url: "http://x/y", ref: "-x", folder: "../y" }, { allowLocal: false })).toEqual({
      ok: false,
      fieldErrors: { url: expect.stringContaining("not allowed"), ref: expect.stringContaining("“-”"), folder: expect.stringContaining("“..”") },
    });
    expect(checkGitSource({ url: " https://h/r.git ", ref: " main ", folder: "c/" }, { allowLocal: false })).toEqual({ ok: true, source: { url: "https://h/r.git", ref: "main", folder: "c" } });
  });
});
