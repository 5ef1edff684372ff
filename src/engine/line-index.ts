/**
 * Offsets → 1-based line and column. Built from the text itself rather than with yaml's
 * LineCounter, which the lexer fills as it goes and which misses line breaks in some inputs with
 * syntax errors (a block scalar after an error), shifting every later position.
 *
 * The text may be a compacted one (fast-path.ts `compactBlankDocuments`): runs of empty lines
 * removed at known offsets. `gaps` says where and how many, and positions are those of the text
 * before compaction. Gaps remove whole lines, so columns are unaffected.
 */
export interface LineGap {
  /** Offset in the compacted text where the removed lines were. */
  at: number;
  /** How many line breaks were removed there. */
  lines: number;
  /** How many whole documents were removed there (their `---` lines included). */
  docs: number;
}

export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private readonly gaps: readonly LineGap[];
  /** Lines removed at or before each gap (gaps are in offset order). */
  private readonly removedThrough: number[] = [];

  constructor(text: string, gaps: readonly LineGap[] = []) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.gaps = gaps;
    let sum = 0;
    for (const g of gaps) this.removedThrough.push((sum += g.lines));
  }

  /** Same shape as yaml's LineCounter.linePos: `{ line, col }`, both 1-based. */
  linePos(offset: number): { line: number; col: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + this.removedBefore(offset), col: offset - starts[lo]! + 1 };
  }

  private removedBefore(offset: number): number {
    const gaps = this.gaps;
    let lo = 0;
    let hi = gaps.length; // first gap after offset
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (gaps[mid]!.at <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.removedThrough[lo - 1]!;
  }

  /** 1-based line and column → offset (a line that was compacted away → where it was). */
  offsetAt(line: number, column: number): number | undefined {
    let removed = 0;
    for (const g of this.gaps) {
      const gapLine = this.linePos(g.at).line - g.lines; // first removed line, in file lines
      if (line < gapLine) break;
      if (line < gapLine + g.lines) return g.at;
      removed += g.lines;
    }
    const start = this.lineStarts[line - 1 - removed];
    return start === undefined ? undefined : start + Math.max(0, column - 1);
  }
}
