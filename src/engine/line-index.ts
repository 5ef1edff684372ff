/**
 * Offsets → 1-based line and column. Built from the text itself rather than with yaml's
 * LineCounter, which the lexer fills as it goes and which misses line breaks in some inputs with
 * syntax errors (a block scalar after an error), shifting every later position.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
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
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** 1-based line and column → offset. */
  offsetAt(line: number, column: number): number | undefined {
    const start = this.lineStarts[line - 1];
    return start === undefined ? undefined : start + Math.max(0, column - 1);
  }
}
