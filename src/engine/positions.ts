/** Offsets → 1-based line/column, through the file's line index. */
import { isNode } from 'yaml';
import type { LineIndex } from './line-index.js';
import type { Span } from '../k8s/views.js';
import type { Locatable } from '../rule-api.js';

export function toSpan(at: Locatable): Span {
  if (isNode(at)) {
    const r = at.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
  }
  if ('state' in at) return at.at;
  return at;
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function positionOf(lc: Pick<LineIndex, 'linePos'>, span: Span): Position {
  const s = lc.linePos(span.start);
  const e = lc.linePos(Math.max(span.end, span.start));
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
