/**
 * What the text at a reported range must be, per kind of finding: the check behind "positions are
 * offsets into the file as the user has it". A range computed in another coordinate system (a
 * compacted text, a re-parse) lands on the wrong characters, and these checks see it.
 *   - every range (finding and related location) lies inside the file and ends after it starts;
 *   - a rule finding's range is non-empty and is a token: no white space at either end, and it
 *     does not start inside a word;
 *   - a timing finding quoting its evidence (`takes at least 40s (sleep 40)`, `never finishes
 *     (tail -f ...)`) points at it, or has a related location that does: the range starts with
 *     the evidence's first word, or is the number of a sleep action (`seconds: 40`);
 *   - a duplicate key is the key; a directive problem is the `#` comment (or the annotation key);
 *     a Helm template is `{{`.
 */
import type { LintMessage } from '../src/types.js';

/** 1-based line and column → offset, or undefined outside the text. */
function offsetIn(lineStarts: readonly number[], text: string, line: number | undefined, column: number | undefined): number | undefined {
  if (line === undefined || column === undefined) return undefined;
  const start = lineStarts[line - 1];
  if (start === undefined || column < 1) return undefined;
  const lineEnd = text.indexOf('\n', start);
  const offset = start + column - 1;
  return offset <= (lineEnd === -1 ? text.length : lineEnd) ? offset : undefined;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text at a message's range, or undefined when the range is not inside `text`. */
export function textAt(text: string, m: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>, starts = lineStartsOf(text)): string | undefined {
  const start = offsetIn(starts, text, m.line, m.column);
  const end = m.endLine === undefined ? start : offsetIn(starts, text, m.endLine, m.endColumn);
  if (start === undefined || end === undefined || end < start) return undefined;
  return text.slice(start, end);
}

/** The evidence a timing message quotes: `takes at least 82800s (23h) (sleep 23h)` → `sleep 23h`. */
const evidenceRe = /(?:takes at least \S+(?: \([^()]*\))?|never finishes) \(([^(),]+)/;

/** Whether `at` is the evidence: its first word, or the seconds of a sleep action. */
function isEvidence(at: string, evidence: string): boolean {
  const [first = '', second = ''] = evidence.trim().split(/\s+/);
  return at.startsWith(first) || (first === 'sleep' && /^\d+$/.test(at) && second.startsWith(at));
}

/** Everything wrong with where `m` points in `text`; [] when the range is the token it talks about. */
export function spanViolations(text: string, m: LintMessage, starts = lineStartsOf(text)): string[] {
  const out: string[] = [];
  const where = `${m.ruleId ?? m.messageId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`;
  const at = textAt(text, m, starts);
  if (at === undefined) return [`${where}: range is not inside the file`];
  for (const r of m.related ?? []) if (offsetIn(starts, text, r.line, r.column) === undefined) out.push(`${where}: related ${r.line}:${r.column} is not inside the file`);
  if (m.ruleId !== null) {
    if (at.length === 0) out.push(`${where}: empty range`);
    else if (/^\s|\s$/.test(at)) out.push(`${where}: range ${JSON.stringify(at)} starts or ends with white space`);
    const start = offsetIn(starts, text, m.line, m.column)!;
    if (/\w/.test(text[start - 1] ?? '') && /\w/.test(at[0] ?? '')) out.push(`${where}: range starts inside a word: ${JSON.stringify(text.slice(start - 5, start + 10))}`);
    const evidence = evidenceRe.exec(m.message)?.[1];
    const candidates = [at, ...(m.related ?? []).map((r) => textAt(text, r, starts) ?? '')];
    if (evidence && !candidates.some((c) => isEvidence(c, evidence))) out.push(`${where}: neither the range ${JSON.stringify(at.slice(0, 40))} nor a related location is the evidence "${evidence}"`);
    return out;
  }
  const key = /^Duplicate key '([^']*)'/.exec(m.message)?.[1];
  if (m.messageId === 'duplicate-key' && key !== undefined && at.trim() !== key) out.push(`${where}: range ${JSON.stringify(at)} is not the key '${key}'`);
  const annotation = m.messageId === 'unknown-rule' && / in annotation '/.test(m.message);
  if ((m.messageId === 'unused-directive' || m.messageId === 'unknown-rule') && !annotation && !at.startsWith('#')) out.push(`${where}: range ${JSON.stringify(at.slice(0, 40))} is not the directive`);
  if (annotation && !/^["']?ignore\.kube-lifelint\.io\//.test(at)) out.push(`${where}: range ${JSON.stringify(at.slice(0, 40))} is not the annotation key`);
  if (m.messageId === 'helm-template' && at !== '{{') out.push(`${where}: range ${JSON.stringify(at)} is not '{{'`);
  return out;
}
