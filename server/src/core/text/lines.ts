// Offsets <-> line/character positions. Offsets and characters are UTF-16 code units,
// which is what JavaScript strings index by and what LSP positions count by default.
// Line breaks are \n, \r\n and lone \r, so CRLF and CR files map exactly.

export interface Position {
  line: number;
  character: number;
}

/** The position of an offset in a text of `length` code units whose lines start at `starts`. */
export function positionIn(starts: readonly number[], length: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

export class LineIndex {
  private computed: number[] | undefined;

  /** Line starts are found on first use: most sources are never asked for a position. */
  constructor(private readonly text: string) {}

  private get starts(): number[] {
    return (this.computed ??= this.compute());
  }

  private compute(): number[] {
    const text = this.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of each line's first character (a store may keep these instead of the text). */
  lineStarts(): readonly number[] {
    return this.starts;
  }

  positionAt(offset: number): Position {
    // Between the \r and \n of a CRLF is the end of the line, as LSP clients count it.
    const o = this.text.charCodeAt(offset - 1) === 13 && this.text.charCodeAt(offset) === 10 ? offset - 1 : offset;
    return positionIn(this.starts, this.text.length, o);
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    // The end of a line is before its line break.
    let lineEnd = next;
    while (lineEnd > lineStart && (this.text[lineEnd - 1] === '\n' || this.text[lineEnd - 1] === '\r')) lineEnd--;
    return Math.min(lineStart + Math.max(0, pos.character), lineEnd);
  }
}
