/**
 * Helpers shared by the built-in formatters: control-character escaping, display paths, and the
 * text that stands for related locations and parse problems.
 */
import { displayPath } from '../text.js';
import type { LintMessage, RelatedLocation } from '../types.js';

/** What text outputs show in place of a rule id for parse problems (`ruleId: null`). */
export const PARSE_LABEL = '(parse)';

// Escaping and display paths live in the one text module (explain and config use them too).
export { displayPath, escapeControls, isInside, isPseudoPath } from '../text.js';

export function severityName(m: LintMessage): 'error' | 'warning' {
  return m.severity === 2 || m.fatal ? 'error' : 'warning';
}

/** ` (see line 14: terminationGracePeriodSeconds; line 20: ...)`, or '' without related locations. */
export function relatedSuffix(related: RelatedLocation[] | undefined): string {
  if (!related?.length) return '';
  return ` (see ${related.map((r) => `${r.filePath ? `${displayPath(r.filePath, process.cwd())} ` : ''}line ${r.line}${r.message ? `: ${r.message}` : ''}`).join('; ')})`;
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
