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

export class Postings {
  private lists = new Map<string, PostingList>();

  get size(): number {
    return this.lists.size;
  }

  get(key: string): PostingList | undefined {
    return this.lists.get(key);
  }

  /** The list for a key, created empty if need be (the indexer keeps it to append to). */
  listFor(key: string): PostingList {
    let list = this.lists.get(key);
    if (!list) {
      list = { data: new Int32Array(8), length: 0 };
      this.lists.set(key, list);
    }
    return list;
  }

  /** Maps every posting through `f`, dropping those it maps to -1 (and keys left empty). */
  rewrite(f: (value: number) => number): void {
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
    this.lists.set(key, { data, length: data.length });
  }

  /** Gives back the room that growth by doubling left unused (after a bulk load). */
  trim(): void {
    for (const list of this.lists.values()) if (list.data.length > list.length) list.data = list.data.slice(0, list.length);
  }

  clear(): void {
    this.lists.clear();
  }

  entries(): IterableIterator<[string, PostingList]> {
    return this.lists.entries();
  }
}
