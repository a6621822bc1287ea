/**
 * A least-recently-used cache of at most `capacity` entries (a `Map` keeps insertion order, so
 * re-inserting on a hit and evicting the first key is LRU).
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  /** The cached value of `key`, computing and storing it on a miss. */
  get(key: K, compute: (key: K) => V): V {
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as V;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = compute(key);
    if (this.capacity <= 0) return value;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }

  /** The number of cached entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
