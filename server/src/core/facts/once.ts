// A value computed on first use: what a fact's frame or context may never be asked for (a sentence's
// stems, the sentence before as an antecedent) costs nothing until it is.

/** f's value, computed on the first call. */
export function once<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= f());
}
