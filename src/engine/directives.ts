/**
 * Suppression. Comment directives (found by scanning for `#` outside every scalar of the parsed
 * documents, so a `#` inside a string or block scalar is never taken for one):
 *   # kube-lifelint-disable-next-line id[, id] -- reason
 *   # kube-lifelint-disable-line id -- reason
 *   # kube-lifelint-disable id -- reason   ...   # kube-lifelint-enable id
 * A directive never reaches past its YAML document (`---`). Object annotations survive Helm and
 * Kustomize: `ignore.kube-lifelint.io/<rule-id>: "<reason>"` and `kube-lifelint.io/ignore-all`.
 * Unused directives and unknown rule ids are reported.
 */
import { visit } from 'yaml';
import type { Workload } from '../k8s/views.js';
import type { LintMessage } from '../types.js';
import type { ParsedFile } from './parse.js';
import { positionOf } from './positions.js';

export const annotationPrefix = 'ignore.kube-lifelint.io/';
export const ignoreAllAnnotation = 'kube-lifelint.io/ignore-all';

type Kind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  kind: Kind;
  ids: string[] | null; // null: every rule
  reason: string;
  offset: number;
  end: number;
  line: number;
  docStart: number;
  docEnd: number;
  used: Set<string>;
}

const directiveRe = /^#\s*kube-lifelint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([^\n]*)$/;

/** Offsets of `#` comments in the file: outside every scalar, at line start or after a blank. */
function commentOffsets(parsed: ParsedFile): { offset: number; docStart: number; docEnd: number }[] {
  const { text } = parsed;
  const out: { offset: number; docStart: number; docEnd: number }[] = [];
  for (const d of parsed.documents) {
    const [start, , end] = d.doc.range ?? [0, 0, text.length];
    const scalars: [number, number][] = [];
    visit(d.doc, {
      Scalar(_k, node) {
        if (node.range) scalars.push([node.range[0], node.range[1]]);
      },
    });
    scalars.sort((a, b) => a[0] - b[0]);
    let s = 0;
    for (let i = text.indexOf('#', start); i !== -1 && i < end; i = text.indexOf('#', i + 1)) {
      const prev = text[i - 1];
      if (i > 0 && prev !== ' ' && prev !== '\t' && prev !== '\n' && prev !== '\r') continue;
      while (s < scalars.length && scalars[s]![1] <= i) s++;
      if (s < scalars.length && scalars[s]![0] <= i) continue; // inside a scalar
      out.push({ offset: i, docStart: start, docEnd: end });
    }
  }
  return out;
}

function readDirectives(parsed: ParsedFile): Directive[] {
  const out: Directive[] = [];
  if (!parsed.text.includes('kube-lifelint-')) return out; // no directive can be there
  const lc = parsed.lineCounter;
  for (const c of commentOffsets(parsed)) {
    const eol = parsed.text.indexOf('\n', c.offset);
    const raw = parsed.text.slice(c.offset, eol === -1 ? undefined : eol).replace(/\r$/, '');
    const m = directiveRe.exec(raw);
    if (!m) continue;
    // A second `#` ends the directive (so a directive can carry a trailing note).
    const [body, reason = ''] = m[2]!.replace(/\s#.*$/, '').split(/\s--\s?/, 2);
    const ids = body!.split(',').map((s) => s.trim()).filter(Boolean);
    out.push({
      kind: m[1] as Kind,
      ids: ids.length ? ids : null,
      reason: reason.trim(),
      offset: c.offset,
      end: c.offset + raw.length,
      line: lc.linePos(c.offset).line,
      docStart: c.docStart,
      docEnd: c.docEnd,
      used: new Set(),
    });
  }
  return out;
}

export interface SuppressionInput {
  parsed: ParsedFile;
  /** Rule findings with the workload that produced them. */
  findings: { message: LintMessage; workload: Workload; offset: number }[];
  knownRuleIds: ReadonlySet<string>;
}

export interface SuppressionOutput {
  messages: LintMessage[];
  suppressed: LintMessage[];
  /** Problems with the directives themselves (unused, unknown rule ids). */
  problems: LintMessage[];
}

export function applySuppressions({ parsed, findings, knownRuleIds }: SuppressionInput): SuppressionOutput {
  const lc = parsed.lineCounter;
  const directives = readDirectives(parsed);
  const problems: LintMessage[] = [];
  const at = (d: Directive) => positionOf(lc, { start: d.offset, end: d.end });
  for (const d of directives) {
    for (const id of d.ids ?? []) {
      if (!knownRuleIds.has(id)) problems.push({ ruleId: null, severity: 2, messageId: 'unknown-rule', message: `Unknown rule '${id}' in kube-lifelint-${d.kind} directive.`, ...at(d) });
    }
  }

  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (const f of findings) {
    const id = f.message.ruleId!;
    const why = annotationReason(f.workload, id) ?? directiveReason(directives, f.message.line, f.offset, id);
    if (why) suppressed.push({ ...f.message, suppressions: [why] });
    else messages.push(f.message);
  }

  for (const d of directives) {
    if (d.kind === 'enable' || d.used.size > 0) continue;
    const names = d.ids ? d.ids.filter((id) => knownRuleIds.has(id)) : null;
    if (names && names.length === 0) continue; // only unknown ids: already reported
    problems.push({
      ruleId: null,
      severity: 1,
      messageId: 'unused-directive',
      message: `Unused kube-lifelint-${d.kind} directive (no problems were reported${names ? ` from ${names.map((n) => `'${n}'`).join(', ')}` : ''}).`,
      ...at(d),
    });
  }
  return { messages, suppressed, problems };
}

function annotationReason(w: Workload, id: string): { kind: 'annotation'; justification: string } | undefined {
  const reason = w.annotations.get(annotationPrefix + id) ?? w.annotations.get(ignoreAllAnnotation);
  return reason === undefined ? undefined : { kind: 'annotation', justification: reason };
}

function directiveReason(directives: Directive[], line: number, offset: number, id: string): { kind: 'directive'; justification: string } | undefined {
  const applies = (d: Directive) => d.ids === null || d.ids.includes(id);
  // Block directives: the last disable/enable before the finding, within its document, decides.
  let block: Directive | undefined;
  for (const d of directives) {
    if (d.offset >= offset) break;
    if (offset < d.docStart || offset >= d.docEnd) continue;
    if ((d.kind === 'disable' || d.kind === 'enable') && applies(d)) block = d;
  }
  const lineHit = directives.find(
    (d) => applies(d) && offset >= d.docStart && offset < d.docEnd &&
      ((d.kind === 'disable-line' && d.line === line) || (d.kind === 'disable-next-line' && d.line + 1 === line)),
  );
  const hit = lineHit ?? (block?.kind === 'disable' ? block : undefined);
  if (!hit) return undefined;
  hit.used.add(id);
  return { kind: 'directive', justification: hit.reason };
}
