// Which Git sources Studio may clone (pure: no process, no database). A course comes from a
// repository URL, a branch or tag, and a folder inside the repository. Only https://, ssh:// and
// scp-like git@host:path URLs are accepted; file:// URLs and absolute paths only when the operator
// allows local clones. URLs carrying credentials are refused (credentials come from operator
// settings, never from a page). Refs and folders may not climb (`..`) or look like options (`-`).

export interface GitSource {
  url: string;
  /** branch or tag; "" = the repository's default branch */
  ref: string;
  /** folder inside the repository holding course.xml; "" = the repository root */
  folder: string;
}

export type GitUrlKind = "https" | "ssh" | "scp" | "file" | "path";

/** Classifies a repository URL, or returns the reason it is refused. */
export function checkGitUrl(raw: string, opts: { allowLocal: boolean }): { ok: true; kind: GitUrlKind; url: string } | { ok: false; message: string } {
  const url = raw.trim();
  if (!url) return { ok: false, message: "Enter the repository URL." };
  if (url.length > 1000) return { ok: false, message: "That URL is too long." };
  if (/[\s\0-\x1f\x7f]/.test(url)) return { ok: false, message: "A repository URL has no spaces or control characters." };
  if (url.startsWith("-")) return { ok: false, message: "A repository URL cannot start with “-”." };
  const local = (kind: "file" | "path") =>
    opts.allowLocal
      ? ({ ok: true, kind, url } as const)
      : ({ ok: false, message: "Local repositories are not allowed on this site (the operator setting GIT_IMPORT_ALLOW_LOCAL is off). Use an https:// or ssh:// URL." } as const);
  if (url.startsWith("/")) return url.includes("/../") || url.endsWith("/..") ? { ok: false, message: "A path may not contain “..”." } : local("path");
  // scp-like syntax: user@host:path (no scheme). Git reads "host:path" without a user too, but
  // only the explicit git@host:path form is accepted so that nothing else is mistaken for it.
  const scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/\/)([A-Za-z0-9._~/-]+)$/.exec(url);
  if (scp) {
    if (scp[3].startsWith("-") || scp[2].startsWith("-")) return { ok: false, message: "That URL is not allowed." };
    return { ok: true, kind: "scp", url };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, message: "Enter an https://, ssh:// or git@host:path repository URL." };
  }
  if (u.protocol === "file:") return local("file");
  if (u.protocol !== "https:" && u.protocol !== "ssh:") {
    return url.toLowerCase().startsWith(`${u.protocol}//`)
      ? { ok: false, message: `${u.protocol.replace(/:$/, "")}:// repositories are not allowed. Use an https:// or ssh:// URL.` }
      : { ok: false, message: "Enter an https://, ssh:// or git@host:path repository URL." };
  }
  if (!u.hostname || u.hostname.startsWith("-")) return { ok: false, message: "The URL needs a host name." };
  if (u.password || (u.protocol === "https:" && u.username)) {
    return { ok: false, message: "Do not put credentials in the URL. The site's operator configures access to private repositories." };
  }
  return { ok: true, kind: u.protocol === "https:" ? "https" : "ssh", url };
}

/** A branch or tag name (git check-ref-format rules, plus no leading "-"); "" is allowed. */
export function checkGitRef(raw: string): { ok: true; ref: string } | { ok: false; message: string } {
  const ref = raw.trim();
  if (ref === "") return { ok: true, ref };
  if (ref.length > 255) return { ok: false, message: "That branch or tag name is too long." };
  if (ref.startsWith("-")) return { ok: false, message: "A branch or tag cannot start with “-”." };
  if (ref.includes("..")) return { ok: false, message: "A branch or tag cannot contain “..”." };
  if (/[\s\0-\x1f\x7f~^:?*[\\]/.test(ref) || ref.includes("@{") || ref === "@") return { ok: false, message: "That is not a valid branch or tag name." };
  if (ref.startsWith("/") || ref.endsWith("/") || ref.endsWith(".") || ref.endsWith(".lock") || ref.includes("//") || /(^|\/)\./.test(ref)) {
    return { ok: false, message: "That is not a valid branch or tag name." };
  }
  return { ok: true, ref };
}

/** A relative folder inside the repository ("" or "." = the root); normalised without slashes at the ends. */
export function checkGitFolder(raw: string): { ok: true; folder: string } | { ok: false; message: string } {
  let folder = raw.trim().replace(/\\/g, "/");
  if (folder === "" || folder === "." || folder === "./") return { ok: true, folder: "" };
  if (folder.length > 500) return { ok: false, message: "That folder path is too long." };
  if (folder.startsWith("/")) return { ok: false, message: "Give the folder relative to the repository root (no leading “/”)." };
  if (folder.startsWith("-")) return { ok: false, message: "A folder cannot start with “-”." };
  if (/[\0-\x1f\x7f]/.test(folder)) return { ok: false, message: "That folder path has control characters." };
  folder = folder.replace(/^\.\/+/, "").replace(/\/+$/, "");
  const parts = folder.split("/");
  if (parts.some((p) => p === "..")) return { ok: false, message: "A folder cannot contain “..”." };
  if (parts.some((p) => p === "" || p === ".")) return { ok: false, message: "That folder path is not valid." };
  if (parts[0] === ".git") return { ok: false, message: "That folder path is not valid." };
  return { ok: true, folder };
}

/** Checks all three; field errors keyed url/ref/folder. */
export function checkGitSource(input: GitSource, opts: { allowLocal: boolean }): { ok: true; source: GitSource } | { ok: false; fieldErrors: Record<string, string> } {
  const url = checkGitUrl(input.url, opts);
  const ref = checkGitRef(input.ref);
  const folder = checkGitFolder(input.folder);
  const fieldErrors: Record<string, string> = {};
  if (!url.ok) fieldErrors.url = url.message;
  if (!ref.ok) fieldErrors.ref = ref.message;
  if (!folder.ok) fieldErrors.folder = folder.message;
  if (!url.ok || !ref.ok || !folder.ok) return { ok: false, fieldErrors };
  return { ok: true, source: { url: url.url, ref: ref.ref, folder: folder.folder } };
}

/** A repository URL as shown to people (userinfo removed, just in case). */
export function displayGitUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^@/]+@/, "$1");
}
