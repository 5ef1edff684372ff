/**
 * The fast path's reading of a document's kind, from its text alone: the first `kind: X` line at
 * column 0. Trusted only where YAML would read that line as a top-level key; in any doubt the
 * answer is undefined and the document is parsed. A wrong kind could hide a workload: a Pod whose
 * text shows a `kind: ConfigMap` line that YAML reads as something else would be blanked, unlinted.
 *
 * Two ways a column-0 line is not a top-level key:
 *  - JavaScript's `^` also matches after CR, U+2028 and U+2029, which YAML takes as ordinary
 *    characters (inside a comment or a scalar): only a line after LF counts;
 *  - the line is inside a flow collection (`{`/`[` still open) or a quoted scalar opened before it.
 */

/** `kind: X` on a line of its own, as JavaScript sees lines (fast; verified below). */
const kindLine = /^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(?:#.*)?$/m;

export function topLevelKind(body: string): string | undefined {
  const m = kindLine.exec(body);
  if (!m) return undefined;
  // The line must start after LF and end at LF or CRLF; otherwise YAML reads it differently.
  const end = m.index + m[0].length;
  if (m.index > 0 && body[m.index - 1] !== '\n') return undefined;
  if (end < body.length && body[end] !== '\n' && !(body[end] === '\r' && body[end + 1] === '\n')) return undefined;
  return closedBefore(body, m.index) ? m[1] : undefined;
}

/** Whether a line YAML can see starts at `i`: at the start, or after LF (not CR, U+2028, U+2029). */
export const yamlLineStart = (text: string, i: number) => i === 0 || text[i - 1] === '\n';

const blank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Whether `text[0, end)` leaves no flow collection and no quoted scalar open. A rough scanner that
 * errs towards "open": a `{` or `[` anywhere outside comments and quotes counts (even in a plain
 * scalar, where it is only a character), so the worst a mistake costs is a parse.
 */
function closedBefore(text: string, end: number): boolean {
  let depth = 0;
  let valueStart = true; // where a quoted scalar may begin: line start, after `: `, `- `, `[`, `{`, `,`
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (c === '\n') {
      valueStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' && (i === 0 || blank(text[i - 1]))) {
      const eol = text.indexOf('\n', i);
      if (eol === -1 || eol >= end) return depth === 0;
      i = eol - 1;
      continue;
    }
    if (valueStart && (c === '"' || c === "'")) {
      const close = closingQuote(text, i, end);
      if (close === -1) return false;
      i = close;
      valueStart = false;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth < 0) return false;
    }
    valueStart = c === '{' || c === '[' || c === ',' || ((c === ':' || c === '-' || c === '?') && blank(text[i + 1]));
  }
  return depth === 0;
}

/** The offset of the quote closing the one at `open`, or -1 when none before `end`. */
function closingQuote(text: string, open: number, end: number): number {
  const q = text[open];
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') i++;
    else if (c === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
