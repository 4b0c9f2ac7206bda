// Offsets <-> line/character positions. Offsets and characters are UTF-16 code units,
// which is what JavaScript strings index by and what LSP positions count by default.
// Line breaks are \n, \r\n and lone \r, so CRLF and CR files map exactly.

export interface Position {
  line: number;
  character: number;
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

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of a CRLF is the end of the line, as LSP clients count it.
    if (this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
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
