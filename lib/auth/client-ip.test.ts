// The client address used as the sign-in throttle key: the socket unless a trusted proxy speaks.
import { describe, expect, it } from "vitest";
import { addressMatcher, chooseClientIp, normalizeAddress } from "./client-ip";

const loopback = addressMatcher(["127.0.0.0/8", "::1/128"]);
const lb = addressMatcher(["10.0.0.0/8", "192.0.2.10", "2001:db8::/32"]);

describe("normalizeAddress", () => {
  it("drops IPv4-mapped prefixes, ports and brackets", () => {
    expect(normalizeAddress(" ::ffff:203.0.113.5 ")).toBe("203.0.113.5");
    expect(normalizeAddress("203.0.113.5:4431")).toBe("203.0.113.5");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});

describe("addressMatcher", () => {
  it("matches addresses and CIDR ranges of both families, and IPv4-mapped peers", () => {
    expect(loopback("127.0.0.1")).toBe(true);
    expect(loopback("127.9.9.9")).toBe(true);
    expect(loopback("::1")).toBe(true);
    expect(loopback("::ffff:127.0.0.1")).toBe(true);
    expect(loopback("128.0.0.1")).toBe(false);
    expect(lb("10.200.3.4")).toBe(true);
    expect(lb("192.0.2.10")).toBe(true);
    expect(lb("192.0.2.11")).toBe(false);
    expect(lb("2001:db8:1::7")).toBe(true);
    expect(lb("not-an-ip")).toBe(false);
  });
});

describe("chooseClientIp", () => {
  it("without a trusted proxy takes the socket address and ignores X-Forwarded-For", () => {
    for (const forwardedFor of [undefined, "", "6.6.6.6", "1.1.1.1, 6.6.6.6", "6.6.6.6, 127.0.0.1"]) {
      expect(chooseClientIp({ socketAddress: "::ffff:198.51.100.7", forwardedFor, trustProxy: false, isTrustedProxy: loopback })).toBe("198.51.100.7");
    }
    // Even a loopback peer (a local reverse proxy) is not believed unless trust is switched on.
    expect(chooseClientIp({ socketAddress: "127.0.0.1", forwardedFor: "6.6.6.6", trustProxy: false, isTrustedProxy: loopback })).toBe("127.0.0.1");
    expect(chooseClientIp({ socketAddress: null, forwardedFor: "6.6.6.6", trustProxy: false, isTrustedProxy: loopback })).toBe("unknown");
  });

  it("with a trusted proxy takes the right-most hop that is not a trusted proxy", () => {
    // The client claimed 6.6.6.6; the load balancer (10.0.0.5) appended the address it saw.
    expect(chooseClientIp({ socketAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.7", trustProxy: true, isTrustedProxy: lb })).toBe("198.51.100.7");
    // Two trusted hops: CDN edge 192.0.2.10 appended the client, then the internal LB appended the edge.
    expect(chooseClientIp({ socketAddress: "10.0.0.5", forwardedFor: "6.6.6.6, 198.51.100.7, 192.0.2.10", trustProxy: true, isTrustedProxy: lb })).toBe("198.51.100.7");
    expect(chooseClientIp({ socketAddress: "10.0.0.5", forwardedFor: "[2001:db9::5]:1234", trustProxy: true, isTrustedProxy: lb })).toBe("2001:db9::5");
    // All hops trusted: the request came from inside; the left-most hop is the origin.
    expect(chooseClientIp({ socketAddress: "10.0.0.5", forwardedFor: "10.1.1.1, 10.2.2.2", trustProxy: true, isTrustedProxy: lb })).toBe("10.1.1.1");
    expect(chooseClientIp({ socketAddress: "10.0.0.5", forwardedFor: undefined, trustProxy: true, isTrustedProxy: lb })).toBe("10.0.0.5");
  });

  it("with trust on, a peer that is not a trusted proxy cannot choose its address", () => {
    expect(chooseClientIp({ socketAddress: "198.51.100.7", forwardedFor: "6.6.6.6", trustProxy: true, isTrustedProxy: lb })).toBe("198.51.100.7");
  });
});
