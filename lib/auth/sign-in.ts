// The password check behind the Credentials provider, with throttling: failed sign-ins are
// counted in MySQL (login_attempts), per account and per client IP, so every instance sees the
// same counts. A throttled attempt is refused before the password is even compared.
import "server-only";
import { env } from "@/lib/env";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import {
  countAccountFailures,
  countIpFailures,
  getUserByLogin,
  normalizeLogin,
  recordLoginAttempt,
  touchLastLogin,
  type FailureCount,
  type UserRow,
} from "@/lib/db/queries/users";

export type SignInFailure = "invalid" | "throttled" | "inactive";
export type SignInResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: SignInFailure; retryAfterSeconds?: number };

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
  invalid: "That email/username and password do not match. Check them and try again.",
  throttled: "Too many failed sign-in attempts. Please wait a few minutes before trying again.",
  inactive: "This account has been deactivated. Contact the site administrator.",
};

function retryAfter(count: FailureCount, windowSeconds: number, now: Date): number {
  if (!count.oldestAt) return windowSeconds;
  return Math.max(1, Math.ceil((count.oldestAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

/** The throttle state for an account/IP pair; `retryAfterSeconds` is set when refused. */
export async function checkThrottle({
  userId,
  identifier,
  ip,
  now = new Date(),
}: {
  userId: number | null;
  identifier: string;
  ip: string;
  now?: Date;
}): Promise<{ throttled: boolean; retryAfterSeconds?: number }> {
  const { LOGIN_MAX_FAILURES_PER_ACCOUNT, LOGIN_MAX_FAILURES_PER_IP, LOGIN_THROTTLE_WINDOW_SECONDS } = env();
  const since = new Date(now.getTime() - LOGIN_THROTTLE_WINDOW_SECONDS * 1000);
  const [account, byIp] = await Promise.all([countAccountFailures({ userId, identifier, since }), countIpFailures({ ip, since })]);
  if (account.failures >= LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    return { throttled: true, retryAfterSeconds: retryAfter(account, LOGIN_THROTTLE_WINDOW_SECONDS, now) };
  }
  if (byIp.failures >= LOGIN_MAX_FAILURES_PER_IP) {
    return { throttled: true, retryAfterSeconds: retryAfter(byIp, LOGIN_THROTTLE_WINDOW_SECONDS, now) };
  }
  return { throttled: false };
}

/** Checks a login (email or username, any case) and password; records the attempt. */
export async function attemptSignIn({ login, password, ip }: { login: string; password: string; ip: string }): Promise<SignInResult> {
  const identifier = normalizeLogin(login);
  if (!identifier || !password) return { ok: false, reason: "invalid" };
  const user = await getUserByLogin({ login: identifier });
  const throttle = await checkThrottle({ userId: user?.id ?? null, identifier, ip });
  if (throttle.throttled) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  if (!user) {
    await burnPasswordCheck(password);
    await recordLoginAttempt({ identifier, userId: null, ip, succeeded: false });
    return { ok: false, reason: "invalid" };
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches) {
    await recordLoginAttempt({ identifier, userId: user.id, ip, succeeded: false });
    return { ok: false, reason: "invalid" };
  }
  if (!user.isActive) return { ok: false, reason: "inactive" };
  await recordLoginAttempt({ identifier, userId: user.id, ip, succeeded: true });
  await touchLastLogin({ id: user.id });
  return { ok: true, user };
}

/**
 * The client address. Next's server fills x-forwarded-for from the socket when the request has
 * none; a proxy in front appends the address it saw, so the rightmost entry is the one added by
 * the closest hop we control. Without ATRIUM_TRUST_PROXY a client-supplied header is ignored
 * beyond that rightmost entry.
 */
export function clientIpOf(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const xff = get("x-forwarded-for");
  const parts = (xff ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = env().ATRIUM_TRUST_PROXY ? parts[0] : parts[parts.length - 1];
  return (ip || get("x-real-ip") || "unknown").replace(/^::ffff:/, "");
}
