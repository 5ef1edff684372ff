/**
 * Helpers shared by the built-in formatters: control-character escaping, display paths, and the
 * text that stands for related locations and parse problems.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LintMessage, RelatedLocation } from '../types.js';

/** What text outputs show in place of a rule id for parse problems (`ruleId: null`). */
export const PARSE_LABEL = '(parse)';

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Replaces C0 controls (U+0000–U+001F, ESC included), DEL, C1 controls (U+0080–U+009F) and the
 * Unicode line/paragraph separators (U+2028, U+2029) with visible escapes written literally (`\u001b`, `\n`, ...), except those in `keep`. Manifest-derived
 * text passed through this can never emit a terminal escape sequence or a line break.
 */
export function escapeControls(text: string, keep = ''): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (keep.includes(ch)) return ch;
    return SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** `<stdin>`, `<text>`: file paths that name no file. */
export function isPseudoPath(filePath: string): boolean {
  return /^<[^<>]*>$/.test(filePath);
}

/** The path to show: relative to cwd with `/` separators; pseudo paths unchanged. */
export function displayPath(filePath: string, cwd: string): string {
  if (isPseudoPath(filePath)) return filePath;
  const abs = resolve(cwd, filePath);
  const rel = relative(cwd, abs);
  const shown = rel === '' ? abs : rel;
  return sep === '/' ? shown : shown.split(sep).join('/');
}

/** True when `filePath` is inside `cwd` (so it has a relative URI under `%SRCROOT%`). */
export function isInside(filePath: string, cwd: string): boolean {
  const rel = relative(cwd, resolve(cwd, filePath));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export function severityName(m: LintMessage): 'error' | 'warning' {
  return m.severity === 2 || m.fatal ? 'error' : 'warning';
}

/** ` (see line 14: terminationGracePeriodSeconds; line 20: ...)`, or '' without related locations. */
export function relatedSuffix(related: RelatedLocation[] | undefined): string {
  if (!related?.length) return '';
  return ` (see ${related.map((r) => `${r.filePath ? `${isAbsolute(r.filePath) ? relative(process.cwd(), r.filePath) : r.filePath} ` : ''}line ${r.line}${r.message ? `: ${r.message}` : ''}`).join('; ')})`;
}

/** The message with its related locations appended (a trailing period is dropped first). */
export function messageWithRelated(m: LintMessage): string {
  const suffix = relatedSuffix(m.related);
  return suffix ? m.message.replace(/\.\s*$/, '') + suffix : m.message;
}

/** Messages ordered by position (stable for equal positions). */
export function byPosition(messages: readonly LintMessage[]): LintMessage[] {
  return messages
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.line - b.m.line || a.m.column - b.m.column || a.i - b.i)
    .map((x) => x.m);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
