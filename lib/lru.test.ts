// The in-process caches' LRU (pure): entry and byte limits, and load(), which every promise cache
// (versions, problem blocks and renders, forum list pages) goes through.
import { describe, expect, it } from "vitest";
import { Lru } from "./lru";

const later = <T,>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), 5));
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("Lru", () => {
  it("evicts the least recently used entry past its entry limit or byte budget", () => {
    const lru = new Lru<string>(2, 10);
    lru.set("a", "A", 4);
    lru.set("b", "B", 4);
    expect(lru.get("a")).toBe("A"); // a is now the most recent
    lru.set("c", "C", 4); // over both limits: b goes
    expect(lru.get("b")).toBeUndefined();
    expect(lru.bytes).toBe(8);
    lru.resize("a", 9); // a alone fits; c, older, goes
    expect(lru.get("c")).toBeUndefined();
    expect(lru.bytes).toBe(9);
  });

  it("load: concurrent callers share one load, and the entry takes its size once it settles", async () => {
    const lru = new Lru<Promise<string>>(10, 100);
    let calls = 0;
    const load = () => (calls++, later("value"));
    const [a, b] = [lru.load("k", load, (v) => v.length), lru.load("k", load, (v) => v.length)];
    expect(a).toBe(b);
    expect(calls).toBe(1);
    expect(lru.bytes).toBe(0);
    expect(await a).toBe("value");
    await settle();
    expect(lru.bytes).toBe(5);
    expect(lru.load("k", load, (v) => v.length)).toBe(a);
    expect(calls).toBe(1);
  });

  it("load: a value sizeOf says not to keep, or a failed load, is dropped; callers still get the outcome", async () => {
    const lru = new Lru<Promise<string | null>>(10, 100);
    const missing = lru.load("gone", () => later(null), (v) => (v === null ? null : 1));
    expect(await missing).toBeNull();
    await settle();
    expect(lru.get("gone")).toBeUndefined();
    const failed = lru.load("bad", () => Promise.reject(new Error("db down")), () => 1);
    await expect(failed).rejects.toThrow("db down");
    await settle();
    expect(lru.get("bad")).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });

  it("load: an entry replaced while its load ran is left alone when the load settles", async () => {
    const lru = new Lru<Promise<string>>(10, 100);
    const first = lru.load("k", () => later("first"), () => 7);
    const replacement = Promise.resolve("second");
    lru.set("k", replacement, 3);
    await first;
    await settle();
    expect(lru.get("k")).toBe(replacement);
    expect(lru.bytes).toBe(3);
  });
});
