// What the benches share to talk to a running server as a browser would: command-line options, a
// cookie jar from Set-Cookie headers, and next-auth's credentials sign-in (CSRF token, then the
// callback), which gives the session cookie header of one signed-in user.

/** The value after `name` in the arguments, if any. */
export function opt(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Adds a response's Set-Cookie pairs to the jar. */
export function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
}

/** The jar as a Cookie request header. */
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in through next-auth's credentials provider; the Cookie header of the session. Throws when no session cookie comes back. */
export async function signIn(base: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const r1 = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(r1, jar);
  const { csrfToken } = (await r1.json()) as { csrfToken: string };
  const r2 = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, login, email: login, password, json: "true" }),
  });
  cookiesOf(r2, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${login} failed (${r2.status})`);
  return cookieHeader(jar);
}
