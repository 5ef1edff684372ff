/**
 * Offsets → 1-based line and column. Built from the text itself rather than with yaml's
 * LineCounter, which the lexer fills as it goes and which misses line breaks in some inputs with
 * syntax errors (a block scalar after an error), shifting every later position.
 */
export class LineIndex {
  /**
   * Where each line starts. A typed array, counted first: a number[] of the 2.8M lines of a 56 MB
   * stream took ~30 MB of heap with its growth slack, this takes 11 MB outside it.
   */
  private readonly lineStarts: Uint32Array;

  constructor(text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    this.lineStarts = new Uint32Array(lines);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts[line++] = i + 1;
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
