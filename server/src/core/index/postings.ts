// Posting lists in typed arrays: key -> (source slot, sentence index) pairs. A plain
// JavaScript array of numbers costs 8 bytes an element; an Int32Array costs 4, and a
// corpus of 100,000 articles holds tens of millions of postings.

export interface PostingList {
  /** Pairs: data[2k] is the source slot, data[2k+1] the sentence index. */
  data: Int32Array;
  /** Number of int32s in use (twice the number of postings). */
  length: number;
}

export class Postings {
  private lists = new Map<string, PostingList>();

  get size(): number {
    return this.lists.size;
  }

  get(key: string): PostingList | undefined {
    return this.lists.get(key);
  }

  add(key: string, slot: number, sentence: number): void {
    let list = this.lists.get(key);
    if (!list) {
      list = { data: new Int32Array(4), length: 0 };
      this.lists.set(key, list);
    } else if (list.length + 2 > list.data.length) {
      const grown = new Int32Array(list.data.length * 2);
      grown.set(list.data);
      list.data = grown;
    }
    list.data[list.length++] = slot;
    list.data[list.length++] = sentence;
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
