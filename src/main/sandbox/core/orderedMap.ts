/**
 * A map that also keeps its keys sorted, so a list page can seek straight to
 * the key after the previous page (binary search) instead of scanning from the
 * start: a page costs O(log n + page size) whatever its position.
 */
export class OrderedMap<V> {
  private readonly byKey = new Map<string, V>();
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(key: string): V | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  set(key: string, value: V): void {
    if (!this.byKey.has(key)) {
      const keys = this.keys;
      // Bulk loads usually arrive in key order: append without searching.
      const last = keys[keys.length - 1];
      if (last === undefined || last < key) keys.push(key);
      else keys.splice(this.firstIndexAfter(key, true), 0, key);
    }
    this.byKey.set(key, value);
  }

  delete(key: string): boolean {
    if (!this.byKey.delete(key)) return false;
    this.keys.splice(this.firstIndexAfter(key, true), 1);
    return true;
  }

  values(): IterableIterator<V> {
    return this.byKey.values();
  }

  /** Values in key order, starting after `afterKey` (or at the start), at most `limit`. */
  page(afterKey: string | undefined, limit: number): { items: V[]; lastKey?: string; more: boolean } {
    const start = afterKey === undefined ? 0 : this.firstIndexAfter(afterKey, false);
    const end = Math.min(start + limit, this.keys.length);
    const items: V[] = [];
    for (let i = start; i < end; i++) items.push(this.byKey.get(this.keys[i] as string) as V);
    return { items, lastKey: end > start ? this.keys[end - 1] : undefined, more: end < this.keys.length };
  }

  /** Index of the first key >= key (inclusive) or > key (exclusive). */
  private firstIndexAfter(key: string, inclusive: boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.keys[mid] as string;
      if (k < key || (!inclusive && k === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
