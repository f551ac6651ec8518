// A small least-recently-used map with an entry limit and a size budget: the in-process caches
// (lib/db/queries/courseware.ts, lib/lms/page-cache.ts) hold only what an immutable key names, and
// each has a byte budget (LMS_CACHE_BUDGETS). Pure.

/** A small LRU: Map keeps insertion order, so re-inserting on hit moves an entry to the end. */
export class Lru<V> {
  private map = new Map<string, { v: V; size: number }>();
  private total = 0;
  constructor(private readonly maxEntries: number, private readonly maxSize = Infinity) {}
  get(k: string): V | undefined {
    const e = this.map.get(k);
    if (!e) return undefined;
    this.map.delete(k);
    this.map.set(k, e);
    return e.v;
  }
  set(k: string, v: V, size = 1): void {
    const old = this.map.get(k);
    if (old) {
      this.total -= old.size;
      this.map.delete(k);
    }
    this.map.set(k, { v, size });
    this.total += size;
    while (this.map.size > this.maxEntries || this.total > this.maxSize) {
      const first = this.map.keys().next().value as string;
      this.total -= this.map.get(first)!.size;
      this.map.delete(first);
    }
  }
  /** Corrects an entry's size once it is known (a promise is cached before it resolves). */
  resize(k: string, size: number): void {
    const e = this.map.get(k);
    // set() replaces the entry (old size out, new size in) and evicts down to the budget.
    if (e) this.set(k, e.v, size);
  }
  /**
   * The promise cached under `k`, or `load()`'s, cached at once (size 0) so concurrent callers
   * share one load. When it settles the entry takes `sizeOf(value)` bytes, or is dropped when that
   * says null (not worth keeping: nothing found, a passing refusal) or when the load failed; every
   * caller still gets the outcome. An entry replaced or evicted meanwhile is left alone.
   */
  load<P extends V & Promise<unknown>>(k: string, load: () => P, sizeOf: (value: Awaited<P>) => number | null): P {
    const hit = this.get(k);
    if (hit) return hit as P;
    const p = load();
    this.set(k, p, 0);
    const settle = (size: number | null) => {
      if (this.map.get(k)?.v !== p) return;
      if (size === null) this.delete(k);
      else this.set(k, p, size);
    };
    p.then(
      (v) => settle(sizeOf(v as Awaited<P>)),
      () => settle(null),
    );
    return p;
  }
  get bytes(): number {
    return this.total;
  }
  delete(k: string): void {
    const e = this.map.get(k);
    if (e) {
      this.total -= e.size;
      this.map.delete(k);
    }
  }
}
