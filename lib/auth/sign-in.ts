// The password check behind the Credentials provider, with throttling: failed sign-ins are
// counted in MySQL (login_attempts), per client IP, per account and IP, and per account, so every
// instance sees the same counts. A throttled attempt is refused before the password is compared.
import "server-only";
import { env } from "@/lib/env";
import { addressMatcher, chooseClientIp } from "@/lib/auth/client-ip";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/passwords";
import { socketAddressOf } from "@/lib/auth/socket-address";
import {
  countAccountFailures,
  countIpFailures,
  getUserByLogin,
  hasSignedInFrom,
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

/** How long an address that once signed in to an account stays exempt from the account's back-off. */
const KNOWN_ADDRESS_DAYS = 30;

/**
 * The throttle state for an account/IP pair; `retryAfterSeconds` is set when refused. Three
 * limits, so that no one can lock the real owner out of their account:
 * - per address: LOGIN_MAX_FAILURES_PER_IP failures (any accounts) refuse that address;
 * - per account and address: LOGIN_MAX_FAILURES_PER_ACCOUNT failures refuse that address for
 *   that account only (the owner elsewhere is unaffected);
 * - per account, all addresses: past LOGIN_ACCOUNT_BACKOFF_AFTER failures each further guess must
 *   wait 1, 2, 4 … up to LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS after the previous failure. That slows
 *   a spread-out attacker to a crawl but never shuts the account; an address this account signed
 *   in from recently skips the back-off.
 */
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
  const settings = env();
  const window = settings.LOGIN_THROTTLE_WINDOW_SECONDS;
  const since = new Date(now.getTime() - window * 1000);
  const [pair, account, byIp] = await Promise.all([
    countAccountFailures({ userId, identifier, ip, since }),
    countAccountFailures({ userId, identifier, since }),
    countIpFailures({ ip, since }),
  ]);
  if (byIp.failures >= settings.LOGIN_MAX_FAILURES_PER_IP) {
    return { throttled: true, retryAfterSeconds: retryAfter(byIp, window, now) };
  }
  if (pair.failures >= settings.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    return { throttled: true, retryAfterSeconds: retryAfter(pair, window, now) };
  }
  const over = account.failures - settings.LOGIN_ACCOUNT_BACKOFF_AFTER;
  if (over >= 0 && account.newestAt) {
    const waitMs = Math.min(2 ** Math.min(over, 30), settings.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS) * 1000;
    const readyAt = account.newestAt.getTime() + waitMs;
    if (now.getTime() < readyAt) {
      const known =
        userId !== null && (await hasSignedInFrom({ userId, ip, since: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000) }));
      if (!known) return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((readyAt - now.getTime()) / 1000)) };
    }
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

let trustedProxies: { key: string; match: (address: string) => boolean } | undefined;
let warnedNoSocket = false;

/**
 * The client address of a request, from its headers (what route handlers and next-auth's
 * authorize() get). The TCP peer comes from the stamp instrumentation.ts puts on every request;
 * X-Forwarded-For is only read when ATRIUM_TRUST_PROXY is on and the peer is a trusted proxy
 * (lib/auth/client-ip.ts).
 */
export function clientIpOf(headers: Headers | Record<string, string | string[] | undefined>): string {
  const { ATRIUM_TRUST_PROXY, ATRIUM_TRUSTED_PROXIES } = env();
  const key = ATRIUM_TRUSTED_PROXIES.join(",");
  if (trustedProxies?.key !== key) trustedProxies = { key, match: addressMatcher(ATRIUM_TRUSTED_PROXIES) };
  const socketAddress = socketAddressOf(headers);
  if (!socketAddress && !warnedNoSocket) {
    warnedNoSocket = true;
    console.warn("[atrium] the socket address of a request is unknown (instrumentation.ts did not stamp it); sign-in throttling shares one bucket");
  }
  const forwarded = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  return chooseClientIp({
    socketAddress,
    forwardedFor: Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
    trustProxy: ATRIUM_TRUST_PROXY,
    isTrustedProxy: trustedProxies.match,
  });
}
