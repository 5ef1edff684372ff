/**
 * `compact`: one line per message, then a summary line; nothing at all when there are no problems.
 *
 *     deploy/web.yaml:12:9: error prestop-exceeds-grace-period preStop sleeps 40s (see line 14: terminationGracePeriodSeconds)
 *     <stdin>:3:1: error (parse) Unexpected end of document
 *     2 problems (2 errors, 0 warnings)
 *
 * Paths are relative to the working directory. Parse problems (`ruleId: null`) show `(parse)` in the
 * rule id column. Control characters in file names and messages are written as visible escapes.
 */
import type { LintResult } from '../types.js';
import type { FormatContext } from './index.js';
import { PARSE_LABEL, byPosition, displayPath, escapeControls, messageWithRelated, plural, severityName } from './util.js';

/** The report in pieces, one line each, the summary last (written as they go: see `chunks` in json.ts). */
export function* chunks(results: readonly LintResult[], ctx: FormatContext): Generator<string> {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    const file = escapeControls(displayPath(result.filePath, ctx.cwd));
    for (const m of byPosition(result.messages)) {
      const severity = severityName(m);
      if (severity === 'error') errors++;
      else warnings++;
      const rule = m.ruleId === null ? PARSE_LABEL : escapeControls(m.ruleId);
      yield `${file}:${m.line}:${m.column}: ${severity} ${rule} ${escapeControls(messageWithRelated(m))}\n`;
    }
  }
  if (errors + warnings > 0) yield `${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})\n`;
}

export default function formatCompact(results: LintResult[], ctx: FormatContext): string {
  return [...chunks(results, ctx)].join('');
}
