// Posting lists in typed arrays: key -> postings, one int32 each (the index decides what
// they mean). A plain JavaScript array of numbers costs 8 bytes an element; an Int32Array
// costs 4, and a corpus of 100,000 articles holds tens of millions of postings.

export interface PostingList {
  data: Int32Array;
  /** Number of postings in use. */
  length: number;
}

/** Appends a posting unless it repeats the last one (a word twice in one sentence). */
export function append(list: PostingList, value: number): void {
  if (list.length > 0 && list.data[list.length - 1] === value) return;
  if (list.length === list.data.length) {
    const grown = new Int32Array(list.data.length * 2);
    grown.set(list.data);
    list.data = grown;
  }
  list.data[list.length++] = value;
}

/** Keys and their lists packed in one array (a restored snapshot): key i owns data[offsets[i] .. offsets[i+1]]. */
export interface Packed {
  keys: readonly string[];
  offsets: Int32Array;
  data: Int32Array;
}

export class Postings {
  private lists = new Map<string, PostingList>();
  /**
   * Lists restored from a snapshot, each turned into a PostingList (a view, no copy) on its
   * first lookup: a restore allocates one map entry per key, not a list.
   */
  private packed: { index: Map<string, number>; offsets: Int32Array; data: Int32Array } | undefined;

  /** Postings over packed lists (views into `packed.data`, which they may write). */
  static fromPacked(packed: Packed): Postings {
    const postings = new Postings();
    const index = new Map<string, number>();
    packed.keys.forEach((key, i) => {
      if (index.has(key)) throw new Error('a posting key listed twice');
      if (packed.offsets[i + 1] > packed.offsets[i]) index.set(key, i);
    });
    postings.packed = { index, offsets: packed.offsets, data: packed.data };
    return postings;
  }

  private unpack(key: string): PostingList | undefined {
    const p = this.packed;
    const i = p?.index.get(key);
    if (i === undefined) return undefined;
    const list = { data: p!.data.subarray(p!.offsets[i], p!.offsets[i + 1]), length: p!.offsets[i + 1] - p!.offsets[i] };
    this.lists.set(key, list);
    p!.index.delete(key);
    return list;
  }

  /** Turns every packed list into a PostingList (before a pass over all of them). */
  private unpackAll(): void {
    if (!this.packed) return;
    for (const key of [...this.packed.index.keys()]) this.unpack(key);
    this.packed = undefined;
  }

  get size(): number {
    return this.lists.size + (this.packed?.index.size ?? 0);
  }

  get(key: string): PostingList | undefined {
    return this.lists.get(key) ?? this.unpack(key);
  }

  /** The list for a key, created empty if need be (the indexer keeps it to append to). */
  listFor(key: string): PostingList {
    let list = this.get(key);
    if (!list) {
      list = { data: new Int32Array(8), length: 0 };
      this.lists.set(key, list);
    }
    return list;
  }

  /** Maps every posting through `f`, dropping those it maps to -1 (and keys left empty). */
  rewrite(f: (value: number) => number): void {
    this.unpackAll();
    for (const [key, list] of this.lists) {
      let n = 0;
      for (let i = 0; i < list.length; i++) {
        const v = f(list.data[i]);
        if (v >= 0) list.data[n++] = v;
      }
      if (n === 0) this.lists.delete(key);
      else {
        list.length = n;
        list.data = list.data.slice(0, n);
      }
    }
  }

  /** Puts a whole list in place (restoring a snapshot). */
  set(key: string, data: Int32Array): void {
    this.packed?.index.delete(key);
    this.lists.set(key, { data, length: data.length });
  }

  /** Gives back the room that growth by doubling left unused (after a bulk load). */
  trim(): void {
    this.unpackAll();
    for (const list of this.lists.values()) if (list.data.length > list.length) list.data = list.data.slice(0, list.length);
  }

  clear(): void {
    this.packed = undefined;
    this.lists.clear();
  }

  entries(): IterableIterator<[string, PostingList]> {
    this.unpackAll();
    return this.lists.entries();
  }
}

/**
 * Fact postings restored from a snapshot: key -> the index's posting list, built for a key on
 * its first lookup from packed (source number, fact number) pairs through `encode` (the
 * index's posting value for that fact). Behaves as the Map it replaces.
 */
export class PackedFactLists extends Map<string, PostingList> {
  private index: Map<string, number> | undefined = new Map();

  constructor(
    private readonly packed: Packed,
    private readonly encode: (source: number, fact: number) => number,
  ) {
    super();
    const index = this.index!;
    packed.keys.forEach((key, i) => {
      if (index.has(key)) throw new Error('a posting key listed twice');
      index.set(key, i);
    });
  }

  override get(key: string): PostingList | undefined {
    const hit = super.get(key);
    if (hit !== undefined || !this.index) return hit;
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    this.index.delete(key);
    const { offsets, data } = this.packed;
    const length = offsets[i + 1] - offsets[i];
    const list = { data: new Int32Array(length), length };
    for (let q = 0, p = 2 * offsets[i]; q < length; q++, p += 2) list.data[q] = this.encode(data[p], data[p + 1]);
    super.set(key, list);
    return list;
  }

  override has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  override set(key: string, value: PostingList): this {
    this.index?.delete(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    const packed = this.index?.delete(key) ?? false;
    return super.delete(key) || packed;
  }

  override clear(): void {
    this.index = undefined;
    super.clear();
  }

  override get size(): number {
    return super.size + (this.index?.size ?? 0);
  }

  override entries(): IterableIterator<[string, PostingList]> {
    for (const key of [...(this.index?.keys() ?? [])]) this.get(key);
    return super.entries();
  }

  override keys(): IterableIterator<string> {
    return new Map(this.entries()).keys();
  }

  override values(): IterableIterator<PostingList> {
    return new Map(this.entries()).values();
  }

  override [Symbol.iterator](): IterableIterator<[string, PostingList]> {
    return this.entries();
  }

  override forEach(f: (value: PostingList, key: string, map: Map<string, PostingList>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}
