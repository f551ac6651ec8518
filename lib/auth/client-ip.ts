// Which address a request came from, for sign-in throttling. Without a trusted proxy it is the
// TCP peer (the socket), whatever X-Forwarded-For says: that header is the client's to write.
// Behind trusted proxies it is the right-most X-Forwarded-For hop that is not one of them — the
// address the outermost trusted proxy saw; everything left of it is again the client's to write.
// Pure: no Next.js, no database (the socket address arrives via lib/auth/socket-address.ts).
import { BlockList, isIP } from "node:net";

/** "::ffff:1.2.3.4" → "1.2.3.4"; "1.2.3.4:5678" / "[::1]:80" → the address alone; trims. */
export function normalizeAddress(raw: string): string {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return a.toLowerCase();
}

/** A matcher for a list of addresses/CIDR ranges (as validated by lib/env.ts). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split("/");
    const type = isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (!isIP(addr)) continue;
    if (bits === undefined) list.addAddress(normalizeAddress(addr), type);
    else list.addSubnet(normalizeAddress(addr), Number(bits), type);
  }
  return (address) => {
    const a = normalizeAddress(address);
    const family = isIP(a);
    if (!family) return false;
    if (list.check(a, family === 6 ? "ipv6" : "ipv4")) return true;
    // An IPv4 peer may also be listed in IPv4-mapped IPv6 form, and the other way round.
    return family === 4 ? list.check(`::ffff:${a}`, "ipv6") : false;
  };
}

export function chooseClientIp({
  socketAddress,
  forwardedFor,
  trustProxy,
  isTrustedProxy,
}: {
  /** The TCP peer address, or null when it could not be learned. */
  socketAddress: string | null;
  /** The X-Forwarded-For header (all copies joined with ","), if any. */
  forwardedFor: string | null | undefined;
  trustProxy: boolean;
  isTrustedProxy: (address: string) => boolean;
}): string {
  const socket = socketAddress ? normalizeAddress(socketAddress) : "";
  if (!trustProxy) return socket || "unknown";
  // Only a trusted peer may speak for the client at all.
  if (!socket || !isTrustedProxy(socket)) return socket || "unknown";
  const hops = (forwardedFor ?? "").split(",").map(normalizeAddress).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrustedProxy(hops[i])) return hops[i].slice(0, 64);
  }
  // Every hop is a trusted proxy: the request started inside; the left-most hop is the origin.
  return (hops[0] ?? socket).slice(0, 64);
}
