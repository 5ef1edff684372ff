/**
 * Offsets of a text with pieces cut out → offsets of the text before the cuts. The fast path
 * (fast-path.ts) parses a text without the documents no rule reads; every position the engine
 * hands on is an offset into the file as the user has it, so the parse stage maps the parsed
 * nodes back through this before anyone sees them.
 */
export interface Removal {
  /** Offset in the text after the cut where the removed piece was. */
  at: number;
  /** How many characters were removed there. */
  length: number;
}

export class OffsetMap {
  /** `at` of each cut, ascending, and the characters removed up to and including it. */
  private readonly ats: number[] = [];
  private readonly removedThrough: number[] = [];

  /**
   * `removals` in ascending order of `at`, in the coordinates of the text after the cuts;
   * `outer` maps on when that text was itself cut from another.
   */
  constructor(removals: readonly Removal[] = [], private readonly outer?: OffsetMap) {
    let sum = 0;
    for (const r of removals) {
      if (r.length === 0) continue;
      sum += r.length;
      const last = this.ats.length - 1;
      if (last >= 0 && this.ats[last] === r.at) this.removedThrough[last] = sum;
      else {
        this.ats.push(r.at);
        this.removedThrough.push(sum);
      }
    }
  }

  get identity(): boolean {
    return this.ats.length === 0 && (this.outer?.identity ?? true);
  }

  /** The original offset of `offset`: a cut at `at` lies before the character at `at`. */
  toOriginal(offset: number): number {
    const ats = this.ats;
    let lo = 0;
    let hi = ats.length; // the first cut after offset
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ats[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    const own = lo === 0 ? offset : offset + this.removedThrough[lo - 1]!;
    return this.outer ? this.outer.toOriginal(own) : own;
  }

  /**
   * The original offset of an exclusive end: the end of the character before it, so a range that
   * ends where a piece was cut does not grow over the piece.
   */
  endToOriginal(end: number, start: number): number {
    return end > start ? this.toOriginal(end - 1) + 1 : this.toOriginal(start);
  }
}
