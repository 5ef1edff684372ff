/**
 * Suppression. Comment directives (found by scanning for `#` outside every scalar of the parsed
 * documents, so a `#` inside a string or block scalar is never taken for one):
 *   # kube-lifelint-disable-next-line id[, id] -- reason
 *   # kube-lifelint-disable-line id -- reason
 *   # kube-lifelint-disable id -- reason   ...   # kube-lifelint-enable id
 * `disable-next-line` covers the next line and the node that starts on it with everything under
 * it (a directive above `postStart:` covers the `sleep` two lines below, where the finding
 * points); `disable-line` likewise for the node on its own line. A directive never reaches past
 * its YAML document (`---`). Annotations survive Helm and Kustomize:
 * `ignore.kube-lifelint.io/<rule-id>: "<reason>"` and `kube-lifelint.io/ignore-all`, on the object
 * or on its pod template (`spec.template.metadata.annotations`, where charts put podAnnotations).
 * Unused directives and unknown rule ids (in comments and in annotations) are reported.
 */
import { isMap, isPair, isScalar, isSeq, visit, type Document } from 'yaml';
import { entries, asMap } from '../k8s/yaml-util.js';
import type { Span, Workload } from '../k8s/views.js';
import type { LintMessage } from '../types.js';
import type { ParsedFile } from './parse.js';
import { positionOf } from './positions.js';
import { indexWithin } from '../text.js';

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
  /** `disable-next-line`, `disable-line`: the node starting on the line it covers, if any. */
  node?: [number, number];
  used: Set<string>;
}

const directiveRe = /^#\s*kube-lifelint-(disable-next-line|disable-line|disable|enable)(?=\s|$)([^\n]*)$/;

/** Offsets of `#` comments in the file: outside every scalar, at line start or after a blank. */
function commentOffsets(parsed: ParsedFile): { offset: number; docStart: number; docEnd: number; doc: Document }[] {
  const { text } = parsed;
  const out: { offset: number; docStart: number; docEnd: number; doc: Document }[] = [];
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
    for (let i = indexWithin(text, '#', start, end); i !== -1; i = indexWithin(text, '#', i + 1, end)) {
      const prev = text[i - 1];
      if (i > 0 && prev !== ' ' && prev !== '\t' && prev !== '\n' && prev !== '\r') continue;
      while (s < scalars.length && scalars[s]![1] <= i) s++;
      if (s < scalars.length && scalars[s]![0] <= i) continue; // inside a scalar
      out.push({ offset: i, docStart: start, docEnd: end, doc: d.doc });
    }
  }
  return out;
}

function readDirectives(parsed: ParsedFile): Directive[] {
  const out: Directive[] = [];
  if (indexWithin(parsed.text, 'kube-lifelint-', parsed.covers.from, parsed.covers.to) === -1) return out; // no directive can be there
  const lc = parsed.lineCounter;
  for (const c of commentOffsets(parsed)) {
    const eol = parsed.text.indexOf('\n', c.offset);
    const raw = parsed.text.slice(c.offset, eol === -1 ? undefined : eol).replace(/\r$/, '');
    const m = directiveRe.exec(raw);
    if (!m) continue;
    // A second `#` ends the directive (so a directive can carry a trailing note).
    const [body, reason = ''] = m[2]!.replace(/\s#.*$/, '').split(/\s--\s?/, 2);
    const ids = body!.split(',').map((s) => s.trim()).filter(Boolean);
    const kind = m[1] as Kind;
    const line = lc.linePos(c.offset).line;
    const target = kind === 'disable-next-line' ? line + 1 : kind === 'disable-line' ? line : undefined;
    const node = target === undefined ? undefined : nodeOnLine(parsed, c.doc, target);
    out.push({
      kind,
      ids: ids.length ? ids : null,
      reason: reason.trim(),
      offset: c.offset,
      end: c.offset + raw.length,
      line,
      docStart: c.docStart,
      docEnd: c.docEnd,
      ...(node ? { node } : {}),
      used: new Set(),
    });
  }
  return out;
}

/**
 * The extent of the node that starts first on `line`: a key with its value, or a sequence item
 * (`- name: web` is the whole container). A block mapping that is a key's value starts on its
 * first key's line but belongs to the key above, so it is not a candidate; its first pair is.
 */
function nodeOnLine(parsed: ParsedFile, doc: Document, line: number): [number, number] | undefined {
  const from = parsed.lineCounter.offsetAt(line, 1);
  if (from === undefined) return undefined;
  const eol = parsed.text.indexOf('\n', from);
  const to = eol === -1 ? parsed.text.length : eol;
  let best: [number, number] | undefined;
  const consider = (start: number | undefined, end: number | undefined) => {
    if (start === undefined || end === undefined || start < from || start >= to) return;
    if (!best || start < best[0] || (start === best[0] && end > best[1])) best = [start, end];
  };
  const end = (node: unknown): number | undefined => (isScalar(node) || isMap(node) || isSeq(node) ? node.range?.[1] : undefined);
  visit(doc, {
    Pair(_k, pair) {
      if (isPair(pair) && isScalar(pair.key)) consider(pair.key.range?.[0], end(pair.value) ?? pair.key.range?.[1]);
    },
    Seq(_k, seq) {
      for (const item of seq.items) if (isScalar(item) || isMap(item) || isSeq(item)) consider(item.range?.[0], item.range?.[1]);
    },
  });
  return best;
}

export interface SuppressionInput {
  parsed: ParsedFile;
  /** Rule findings with the workload that produced them. */
  findings: { message: LintMessage; workload: Workload; offset: number }[];
  /** Every workload of the file (their annotations are checked for unknown rule ids). */
  workloads?: readonly Workload[];
  knownRuleIds: ReadonlySet<string>;
}

export interface SuppressionOutput {
  messages: LintMessage[];
  suppressed: LintMessage[];
  /** Problems with the directives themselves (unused, unknown rule ids). */
  problems: LintMessage[];
}

export function applySuppressions({ parsed, findings, workloads, knownRuleIds }: SuppressionInput): SuppressionOutput {
  const lc = parsed.lineCounter;
  const directives = readDirectives(parsed);
  const problems: LintMessage[] = [];
  const at = (d: Directive) => positionOf(lc, { start: d.offset, end: d.end });
  for (const d of directives) {
    for (const id of d.ids ?? []) {
      if (!knownRuleIds.has(id)) problems.push({ ruleId: null, severity: 2, messageId: 'unknown-rule', message: `Unknown rule '${id}' in kube-lifelint-${d.kind} directive.`, ...at(d) });
    }
  }

  for (const p of unknownAnnotationIds(parsed, workloads ?? findings.map((f) => f.workload), knownRuleIds)) problems.push(p);

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
  for (const annotations of [w.annotations, w.pod.annotations]) {
    const reason = annotations.get(annotationPrefix + id) ?? annotations.get(ignoreAllAnnotation);
    if (reason !== undefined) return { kind: 'annotation', justification: reason };
  }
  return undefined;
}

/** `ignore.kube-lifelint.io/<id>` annotations naming no rule, at their key (as for comments). */
function unknownAnnotationIds(parsed: ParsedFile, workloads: readonly Workload[], knownRuleIds: ReadonlySet<string>): LintMessage[] {
  const out: LintMessage[] = [];
  const seen = new Set<unknown>();
  for (const w of workloads) {
    for (const node of [w.annotationsNode, w.pod.annotationsNode]) {
      if (!node || seen.has(node)) continue;
      seen.add(node);
      for (const e of entries(w.doc, asMap(w.doc, node))) {
        if (!e.key.startsWith(annotationPrefix)) continue;
        const id = e.key.slice(annotationPrefix.length);
        if (knownRuleIds.has(id)) continue;
        const span: Span = { start: e.keyNode.range?.[0] ?? 0, end: e.keyNode.range?.[1] ?? 0 };
        out.push({ ruleId: null, severity: 2, messageId: 'unknown-rule', message: `Unknown rule '${id}' in annotation '${e.key}'.`, ...positionOf(parsed.lineCounter, span) });
      }
    }
  }
  return out;
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
      ((d.kind === 'disable-line' && d.line === line) || (d.kind === 'disable-next-line' && d.line + 1 === line) ||
        (d.node !== undefined && offset >= d.node[0] && offset <= d.node[1])),
  );
  const hit = lineHit ?? (block?.kind === 'disable' ? block : undefined);
  if (!hit) return undefined;
  hit.used.add(id);
  return { kind: 'directive', justification: hit.reason };
}
