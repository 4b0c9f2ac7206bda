// What the index keeps between lookups, by posting, within a bound: two generations of at most
// `capacity` entries each; an entry used in the older one moves to the newer, and the older is dropped
// when the newer fills. So what the last check or two used stays, and a check that reaches more than
// `capacity` entries keeps the most recent of them, at a Map operation or two a lookup (a true LRU
// moves every hit).

export class Recent<V> {
  private young = new Map<number, V>();
  private old = new Map<number, V>();
  constructor(private readonly capacity: number) {}

  /** The entry kept for `key`, or `make`'s, kept. */
  get(key: number, make: () => V): V {
    let value = this.young.get(key);
    if (value !== undefined) return value;
    value = this.old.get(key);
    if (value !== undefined) this.old.delete(key);
    else value = make();
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
    return value;
  }

  /** Every entry kept, the older generation's first. */
  *entries(): IterableIterator<[number, V]> {
    yield* this.old;
    yield* this.young;
  }

  /** Forgets every entry (the keys are about to name other things). */
  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
