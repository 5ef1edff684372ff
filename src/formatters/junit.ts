/**
 * `junit`: JUnit XML for CI dashboards.
 *
 * One `<testsuite>` per linted file (named by its path relative to the working directory), one
 * `<testcase>` per message with a `<failure>` (`type` is `error` or `warning`, `message` the finding),
 * one `<skipped>` test case per suppressed message, and one passing test case for a clean file.
 * Test case names are `<rule-id> at <line>:<column>` (`parse` for parse problems).
 *
 * Text is XML-escaped (`& < > " '`); characters XML 1.0 does not allow (most C0 controls, ESC, lone
 * surrogates, U+FFFE/U+FFFF) and C1 controls are replaced by visible escapes such as `\u001b`.
 */
import type { LintMessage, LintResult } from '../types.js';
import type { FormatContext } from './index.js';
import { byPosition, displayPath, messageWithRelated, severityName } from './util.js';

/** Escapes text for XML 1.0 content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function caseName(m: LintMessage): string {
  return `${m.ruleId ?? 'parse'} at ${m.line}:${m.column}`;
}

/** One `<testsuite>` for a file, a test case at a time (a file may have 200k findings). */
function* suite(result: LintResult, ctx: FormatContext): Generator<string> {
  const file = displayPath(result.filePath, ctx.cwd);
  const messages = byPosition(result.messages);
  const suppressed = byPosition(result.suppressedMessages ?? []);
  const tests = Math.max(1, messages.length + suppressed.length);
  yield `  <testsuite${attrs({ name: file, tests, failures: messages.length, errors: 0, skipped: suppressed.length, time: 0 })}>\n`;
  for (const m of messages) {
    const severity = severityName(m);
    const text = `${file}:${m.line}:${m.column}: ${severity} ${m.ruleId ?? '(parse)'} ${messageWithRelated(m)}`;
    yield `    <testcase${attrs({ name: caseName(m), classname: file, time: 0 })}>\n` +
      `      <failure${attrs({ message: messageWithRelated(m), type: severity })}>${xmlEscape(text)}</failure>\n` +
      `    </testcase>\n`;
  }
  for (const m of suppressed) {
    const why = (m.suppressions ?? []).map((s) => s.justification).filter(Boolean).join('; ');
    yield `    <testcase${attrs({ name: caseName(m), classname: file, time: 0 })}>\n` +
      `      <skipped${attrs({ message: `suppressed${why ? `: ${why}` : ''}: ${m.message}` })}/>\n` +
      `    </testcase>\n`;
  }
  if (messages.length + suppressed.length === 0) yield `    <testcase${attrs({ name: 'kube-lifelint', classname: file, time: 0 })}/>\n`;
  yield '  </testsuite>\n';
}

/**
 * The report in pieces, a test case each (written as they go: see `chunks` in json.ts). The
 * `<testsuites>` totals come first, so a light pass counts the messages before any suite is built.
 */
export function* chunks(results: readonly LintResult[], ctx: FormatContext): Generator<string> {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const r of results) {
    const suppressed = r.suppressedMessages?.length ?? 0;
    tests += Math.max(1, r.messages.length + suppressed);
    failures += r.messages.length;
    skipped += suppressed;
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${attrs({ name: 'kube-lifelint', tests, failures, errors: 0, skipped, time: 0 })}>\n`;
  for (const r of results) yield* suite(r, ctx);
  yield '</testsuites>\n';
}

export default function formatJunit(results: LintResult[], ctx: FormatContext): string {
  return [...chunks(results, ctx)].join('');
}
