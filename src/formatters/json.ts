/**
 * `json`: the results as ESLint's `LintResult[]`, one line of JSON (plus a final newline).
 *
 * Field order is fixed, so output is byte-stable for the same input:
 *
 * - result: `filePath`, `messages`, `suppressedMessages`, `errorCount`, `fatalErrorCount`,
 *   `warningCount`, `fixableErrorCount`, `fixableWarningCount`, `source`, `output`? (with --fix or
 *   --fix-dry-run, when fixes changed the text), `usedDeprecatedRules`
 * - message: `ruleId` (null for parse problems), `severity` (1 warning, 2 error), `message`,
 *   `messageId`?, `line`, `column`, `endLine`?, `endColumn`?, `fatal`?, `related`?, `sourcePath`?,
 *   `suppressions`? (only in `suppressedMessages`), `fix`?, `suggestions`?
 * - related location: `message`, `filePath`? (when in another file), `line`, `column`, `endLine`, `endColumn`
 * - suppression: `kind` (`directive` | `annotation`), `justification`
 * - fix (as in ESLint): `range` ([start, end) offsets into the file's text, UTF-16 code units), `text`,
 *   `filePath`? (the file `range` is in, when not the result's: a rendered finding repaired in a
 *   values file or patch)
 * - suggestion: `desc`, `messageId`, `fix`
 *
 * Fields marked ? are left out when absent. Lines and columns are 1-based; `endColumn` points just
 * past the last character. `filePath` is as linted (absolute for files, `<stdin>` for standard input).
 * Any field not listed here comes after the listed ones, in alphabetical order.
 */
import { pieceEnd } from '../text.js';
import type { LintMessage, LintResult, RelatedLocation } from '../types.js';

const RESULT_KEYS = [
  'filePath',
  'messages',
  'suppressedMessages',
  'errorCount',
  'fatalErrorCount',
  'warningCount',
  'fixableErrorCount',
  'fixableWarningCount',
  'source',
  'output',
  'usedDeprecatedRules',
] as const;
const MESSAGE_KEYS = [
  'ruleId',
  'severity',
  'message',
  'messageId',
  'line',
  'column',
  'endLine',
  'endColumn',
  'fatal',
  'related',
  'sourcePath',
  'suppressions',
  'fix',
  'suggestions',
] as const;
const RELATED_KEYS = ['message', 'filePath', 'line', 'column', 'endLine', 'endColumn'] as const;
const SUPPRESSION_KEYS = ['kind', 'justification'] as const;
const FIX_KEYS = ['range', 'text', 'filePath'] as const;
const SUGGESTION_KEYS = ['desc', 'messageId', 'fix'] as const;

function ordered(obj: object, keys: readonly string[], map: (key: string, value: unknown) => unknown = (_k, v) => v): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = map(k, src[k]);
  for (const k of Object.keys(src).filter((k) => !keys.includes(k)).sort()) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

function orderMessage(m: LintMessage): Record<string, unknown> {
  return ordered(m, MESSAGE_KEYS, (k, v) => {
    if (k === 'related') return (v as RelatedLocation[]).map((r) => ordered(r, RELATED_KEYS));
    if (k === 'suppressions') return (v as object[]).map((s) => ordered(s, SUPPRESSION_KEYS));
    if (k === 'fix') return ordered(v as object, FIX_KEYS);
    if (k === 'suggestions') return (v as object[]).map((s) => ordered(s, SUGGESTION_KEYS, (sk, sv) => (sk === 'fix' ? ordered(sv as object, FIX_KEYS) : sv)));
    return v;
  });
}

export function orderResult(r: LintResult): Record<string, unknown> {
  return ordered(r, RESULT_KEYS, (k, v) => (k === 'messages' || k === 'suppressedMessages' ? (v as LintMessage[]).map(orderMessage) : v));
}

/**
 * The report in pieces, a message each, so the CLI writes it as it goes instead of building one
 * string the size of every source with a finding (25 MB of the corpus report), or of one file's
 * 200k findings, and copying it again on write. Joined, the pieces are exactly
 * `JSON.stringify(results)` with each result's fields in report order, plus a newline.
 */
export function* chunks(results: readonly LintResult[]): Generator<string> {
  yield '[';
  for (let i = 0; i < results.length; i++) {
    if (i) yield ',';
    yield* resultChunks(results[i]!);
  }
  yield ']\n';
}

/** One result: its fields in report order, its message lists a message at a time. */
function* resultChunks(r: LintResult): Generator<string> {
  const { filePath, ...others } = orderResult({ ...r, messages: undefined, suppressedMessages: undefined } as unknown as LintResult);
  let open = true; // nothing written after `{` yet
  const field = (key: string, json: string) => {
    const piece = `${open ? '{' : ','}${JSON.stringify(key)}:${json}`;
    open = false;
    return piece;
  };
  if (filePath !== undefined) yield field('filePath', JSON.stringify(filePath));
  // messages and suppressedMessages come right after filePath (RESULT_KEYS).
  for (const key of ['messages', 'suppressedMessages'] as const) {
    const list = r[key];
    if (list === undefined) continue;
    yield field(key, '[');
    for (let i = 0; i < list.length; i++) yield `${i ? ',' : ''}${JSON.stringify(orderMessage(list[i]!))}`;
    yield ']';
  }
  for (const [key, value] of Object.entries(others)) {
    // A file's text (`source`, `output`) in pieces too: one stream's text is tens of megabytes.
    if (typeof value === 'string' && value.length > textPiece) {
      yield field(key, '');
      yield* jsonString(value);
      continue;
    }
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) yield field(key, json); // JSON.stringify leaves such a key out too
  }
  yield open ? '{}' : '}';
}

const textPiece = 1 << 20;

/** `JSON.stringify(text)` in pieces of about `textPiece` characters. */
function* jsonString(text: string): Generator<string> {
  yield '"';
  for (let from = 0; from < text.length; ) {
    const to = pieceEnd(text, from, textPiece);
    yield JSON.stringify(text.slice(from, to)).slice(1, -1);
    from = to;
  }
  yield '"';
}

export default function formatJson(results: LintResult[]): string {
  return [...chunks(results)].join('');
}
