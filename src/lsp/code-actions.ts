/**
 * Code actions for the findings under the cursor: each fix and suggestion as a quick fix,
 * "disable <rule> for this line / for this file" (comment directives), and "fix all" — the
 * linter's own fix loop (`fix: true`), so the editor applies exactly what `kube-lifelint --fix`
 * writes.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit as LspEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage, LintResult } from '../types.js';
import { rangeOf, toDiagnostic } from './diagnostics.js';
import { disableForFile, disableForLine, type TextEdit } from './directive-edits.js';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.kube-lifelint`;

export interface ActionInput {
  document: TextDocument;
  /** The lint of the document's current text. */
  result: LintResult;
  range: Range;
  /** Kinds the client asked for (context.only), if it asked. */
  only: readonly string[] | undefined;
  knownRule: (id: string) => boolean;
  /** The fixed text (the linter with fixes applied), computed only when "fix all" is wanted. */
  fixedText: () => string | undefined;
  /**
   * The client resolves code actions' edits on demand (codeAction/resolve): "fix all" is offered
   * without its edit, which is computed only when chosen (a fix loop over the whole file).
   */
  resolveLater?: boolean;
}

export const fixAllTitle = 'Fix all safe kube-lifelint problems';

/** The data of a "fix all" action whose edit is resolved when chosen. */
export interface FixAllData {
  fixAll: { uri: string; version: number };
}

export function isFixAllData(data: unknown): data is FixAllData {
  const f = (data as Partial<FixAllData> | null)?.fixAll;
  return typeof f?.uri === 'string' && typeof f.version === 'number';
}

/** The edit of "fix all": the whole fixed text as one minimal edit, or none when nothing changes. */
export function fixAllEdit(doc: TextDocument, fixed: string | undefined): WorkspaceEdit | undefined {
  if (fixed === undefined || fixed === doc.getText()) return undefined;
  const e = minimalEdit(doc.getText(), fixed);
  return { changes: { [doc.uri]: [{ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }] } };
}

const wants = (only: readonly string[] | undefined, kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

/**
 * Findings on the lines of the requested range: clients ask with the cursor position (an empty
 * range, often at the line start) or a selection, and expect the line's findings.
 */
function onLines(m: Range, r: Range): boolean {
  return m.start.line <= r.end.line && m.end.line >= r.start.line;
}

export function codeActions(input: ActionInput): CodeAction[] {
  const { document: doc, result, only } = input;
  const uri = doc.uri;
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits.map((e): LspEdit => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text })) } });
  const here = result.messages.filter((m) => onLines(rangeOf(m), input.range));
  const actions: CodeAction[] = [];

  if (wants(only, CodeActionKind.QuickFix)) {
    for (const m of here) {
      const diagnostic = toDiagnostic(m, uri, input.knownRule);
      if (m.fix) {
        actions.push({ title: `Fix this ${m.ruleId} problem`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit([fixEdit(m.fix)]) });
      }
      for (const s of m.suggestions ?? []) {
        actions.push({ title: s.desc, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([fixEdit(s.fix)]) });
      }
    }
    const byRule = new Map<string, LintMessage>();
    for (const m of here) if (m.ruleId && input.knownRule(m.ruleId) && !byRule.has(m.ruleId)) byRule.set(m.ruleId, m);
    for (const [id, m] of byRule) {
      const diagnostics = [toDiagnostic(m, uri, input.knownRule)];
      const offset = doc.offsetAt(rangeOf(m).start);
      actions.push({ title: `Disable ${id} for this line`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit(disableForLine(doc.getText(), offset, id)) });
      const all = result.messages.filter((x) => x.ruleId === id).map((x) => doc.offsetAt(rangeOf(x).start));
      actions.push({ title: `Disable ${id} for this file`, kind: CodeActionKind.QuickFix, diagnostics, edit: edit(disableForFile(doc.getText(), all, id)) });
    }
  }

  // Offered when asked for (on save, "source action" menus) and beside quick fixes when it helps.
  const fixable = result.messages.some((m) => m.fix);
  if (fixable && (only ? wants(only, fixAllKind) : here.some((m) => m.fix))) {
    if (input.resolveLater) {
      const data: FixAllData = { fixAll: { uri, version: doc.version } };
      actions.push({ title: fixAllTitle, kind: fixAllKind, data });
    } else {
      const fixAll = fixAllEdit(doc, input.fixedText());
      if (fixAll) actions.push({ title: fixAllTitle, kind: fixAllKind, edit: fixAll });
    }
  }
  return actions;
}

function fixEdit(fix: { range: [number, number]; text: string }): TextEdit {
  return { start: fix.range[0], end: fix.range[1], text: fix.text };
}

/** One edit from `before` to `after`: the changed middle, so the editor keeps cursor and folds. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

