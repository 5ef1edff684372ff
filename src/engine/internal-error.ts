/**
 * The safety net: an unexpected error while reading one document (or one file) becomes a finding
 * there, and linting goes on with everything else. One hostile document must never end the run
 * and lose every other file's results.
 */
import type { LintMessage } from '../types.js';
import type { Position } from './positions.js';

export function internalErrorMessage(err: unknown, what: 'document' | 'file', at: Position): LintMessage {
  const why = err instanceof Error ? err.message : String(err);
  return {
    ruleId: null,
    severity: 2,
    message: `kube-lifelint could not read this ${what} (${why.split('\n')[0]}); it was not linted. This is a kube-lifelint bug; please report it.`,
    messageId: 'internal-error',
    fatal: true,
    ...at,
  };
}

/** Where a document's content starts (past a `---` line), for findings about the whole document. */
export function documentStart(doc: { range?: readonly number[] | null; contents?: { range?: readonly number[] | null } | null }): { start: number; end: number } {
  const at = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  return { start: at, end: at };
}
