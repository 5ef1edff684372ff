/**
 * Lint messages → LSP diagnostics. Lines and columns of messages are 1-based and count UTF-16 code
 * units (offsets into the JavaScript string), which is the LSP's default position encoding, so the
 * conversion is a shift by one; ranges end where the finding's value ends.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { ruleDocUrl } from '../rule-docs.js';
import type { LintMessage } from '../types.js';

export const source = 'kube-lifelint';

export function rangeOf(m: { line: number; column: number; endLine?: number; endColumn?: number }): Range {
  const start = { line: m.line - 1, character: m.column - 1 };
  const end = m.endLine !== undefined && m.endColumn !== undefined ? { line: m.endLine - 1, character: m.endColumn - 1 } : start;
  return { start, end };
}

export function toDiagnostic(m: LintMessage, uri: string, knownRule: (id: string) => boolean): Diagnostic {
  const d: Diagnostic = {
    range: rangeOf(m),
    severity: m.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source,
    message: m.message,
  };
  if (m.ruleId) {
    d.code = m.ruleId;
    if (knownRule(m.ruleId)) d.codeDescription = { href: ruleDocUrl(m.ruleId) };
  } else if (m.messageId) {
    d.code = m.messageId;
  }
  if (m.related?.length) d.relatedInformation = m.related.map((r) => ({ location: { uri, range: rangeOf(r) }, message: r.message }));
  return d;
}

/** A diagnostic for a file the linter could not handle: the server keeps running. */
export function internalError(err: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source,
    code: 'internal-error',
    message: `kube-lifelint could not lint this file (${err instanceof Error ? err.message : String(err)}). This is a kube-lifelint bug; please report it.`,
  };
}
