/**
 * Text helpers shared by the formatters, `explain`, config and the engine: escaping manifest text
 * for a terminal, searching large texts, the path to show for a file, "did you mean", loopback
 * hosts and message templates. One of each, so outputs cannot drift apart.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

// ---------------------------------------------------------------------------------------------
// Escaping

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * C0 controls (ESC included), DEL, C1 controls, the line/paragraph separators (U+2028, U+2029) and
 * the bidirectional controls (U+200E/F marks, U+202A–E embeddings and overrides, U+2066–9
 * isolates: "trojan source" reorders what a reader sees) become visible escapes written literally
 * (`\u001b`, `\n`, `\u202e`), except those in `keep`. Manifest text passed through this can never
 * emit a terminal escape sequence or a line break, nor reorder the text around it.
 */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (keep.includes(ch)) return ch;
    return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Searching

/**
 * Whether a line of `text` starts with `prefix`, lines as JavaScript's multiline `^` sees them
 * (after LF, CR, U+2028 or U+2029): what `/^prefix/m.test(text)` says, by searching for the
 * prefix (rare in manifests) instead of trying the pattern at every position (40 ms per pass
 * over the corpus for `^(?:\.\.\.|%)`).
 */
export function someLineStartsWith(text: string, prefix: string): boolean {
  for (let i = text.indexOf(prefix); i !== -1; i = text.indexOf(prefix, i + 1)) {
    if (i === 0) return true;
    const before = text.charCodeAt(i - 1);
    if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return true;
  }
  return false;
}

/**
 * Where a piece of `text` from `from` of at most `length` code units ends without splitting a
 * surrogate pair (each half alone would be written as an escape or a replacement character).
 */
export function pieceEnd(text: string, from: number, length: number): number {
  const to = Math.min(from + length, text.length);
  const last = text.charCodeAt(to - 1);
  return to < text.length && to - 1 > from && last >= 0xd800 && last <= 0xdbff ? to - 1 : to;
}

/**
 * Where `needle` first occurs in `text` within `[from, to)`, or -1. `text.indexOf(needle, from)`
 * alone reads on to the end of the text when the needle is not there: once per document or per
 * batch of a large file, that makes the file's cost grow with the square of its size.
 */
export function indexWithin(text: string, needle: string, from: number, to: number): number {
  if (to - from < needle.length) return -1;
  const at = text.slice(from, to).indexOf(needle);
  return at === -1 ? -1 : from + at;
}

// ---------------------------------------------------------------------------------------------
// Paths

/** `<stdin>`, `<text>`: file paths that name no file. */
export function isPseudoPath(filePath: string): boolean {
  return /^<[^<>]*>$/.test(filePath);
}

/** The path to show: relative to cwd (`../x.yaml` outside it) with `/` separators; pseudo paths unchanged. */
export function displayPath(filePath: string, cwd: string): string {
  if (isPseudoPath(filePath)) return filePath;
  const abs = resolve(cwd, filePath);
  const rel = relative(cwd, abs);
  const shown = rel === '' ? abs : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** True when `filePath` is inside `cwd`. */
export function isInside(filePath: string, cwd: string): boolean {
  const rel = relative(cwd, resolve(cwd, filePath));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

// ---------------------------------------------------------------------------------------------
// Did you mean

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate `word` most likely misspells: equal ignoring case, or within a small edit distance
 * (1 for words up to 4 characters, 2 up to 10, 3 beyond), compared case-insensitively. A tie
 * between two candidates at the same distance gives no suggestion.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const same = candidates.find((c) => c.toLowerCase() === lower);
  if (same !== undefined) return same;
  const limit = word.length <= 4 ? 1 : word.length <= 10 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Hosts

/** localhost, 127.0.0.0/8, ::1 (bare or bracketed) and 0.0.0.0 (which reaches the local host). */
const loopback = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;

/** Whether `host` names the machine itself (inside a pod: the pod's own network namespace). */
export function isLoopbackHost(host: string): boolean {
  return loopback.test(host);
}

// ---------------------------------------------------------------------------------------------
// Templates

/** `{{name}}` / `{{ name }}` placeholders filled from `data`; unknown names are left as written. */
export function interpolate(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (Object.hasOwn(data, key) ? String(data[key]) : m));
}
