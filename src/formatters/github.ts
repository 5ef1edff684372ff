/**
 * `github`: GitHub Actions workflow commands, one annotation per message.
 *
 *     ::error file=deploy/web.yaml,line=12,col=9,endLine=12,endColumn=20,title=kube-lifelint(prestop-exceeds-grace-period)::preStop sleeps 40s ...
 *
 * Severity 2 is `::error`, severity 1 `::warning`. Paths are relative to the working directory
 * (run from the repository root); standard input (`<stdin>`) gets no `file=`. Parse problems are
 * titled `kube-lifelint(parse)`.
 *
 * Escaping follows @actions/core: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`; in property
 * values additionally `:` → `%3A` and `,` → `%2C`. Other control characters (ESC, ...) are written as
 * visible escapes (`\u001b`) first. So every annotation is exactly one line starting with `::error`
 * or `::warning`, and no manifest-derived text can start a workflow command of its own.
 */
import type { LintResult } from '../types.js';
import type { FormatContext } from './index.js';
import { byPosition, displayPath, escapeControls, isPseudoPath, messageWithRelated, severityName } from './util.js';

/** Escapes the data part of a workflow command (after the second `::`). */
export function escapeData(text: string): string {
  return escapeControls(text, '\r\n').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (`file=`, `title=`, ...). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The report in pieces, one annotation each (written as they go: see `chunks` in json.ts). */
export function* chunks(results: readonly LintResult[], ctx: FormatContext): Generator<string> {
  for (const result of results) {
    const file = isPseudoPath(result.filePath) ? undefined : displayPath(result.filePath, ctx.cwd);
    for (const m of byPosition(result.messages)) {
      const props: [string, string | number][] = [];
      if (file !== undefined) props.push(['file', file]);
      props.push(['line', m.line], ['col', m.column]);
      if (m.endLine !== undefined) props.push(['endLine', m.endLine]);
      if (m.endColumn !== undefined) props.push(['endColumn', m.endColumn]);
      props.push(['title', `kube-lifelint(${m.ruleId ?? 'parse'})`]);
      const propText = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      yield `::${severityName(m)} ${propText}::${escapeData(messageWithRelated(m))}\n`;
    }
  }
}

export default function formatGithub(results: LintResult[], ctx: FormatContext): string {
  return [...chunks(results, ctx)].join('');
}
