/**
 * Fixes and suggestions of a rendered finding, carried to the file the user edits. A rule's edit
 * is an offset range of the rendered stream; it becomes an edit of the values, template, base or
 * patch file only where the result after rendering again is certain to be the rendered edit:
 *
 * - a replaced scalar (or characters inside one) that the source map attributes to a source scalar
 *   with the same value, written by the template unchanged (`{{ .Values.x }}`, `| quote`, toYaml),
 *   keeps the source's quoting;
 * - a key added to a mapping goes to the Kustomize document that wrote the mapping, to the values
 *   mapping toYaml pasted in, or into a Helm template that writes the mapping as plain YAML
 *   (source-sides.ts, template-insertion.ts);
 * - a removed entry is removed where it was written when no other document writes it too (a base
 *   under the patch): from a Kustomize document, from values pasted in by `toYaml`, or as a
 *   one-line literal entry of a template.
 *
 * A Helm values entry that writes two values of one rendered document is not edited (the edit
 * would change both). Anything else (a value the template computes, an edit spanning several
 * nodes, a key read into the template by `{{ .Values.x }}`, a mapping filled by a helper) is not
 * carried either, as ESLint leaves out a fix it cannot make: the finding stays, without that fix
 * or suggestion. `carryEdit` says why, for tests and measurements.
 */
import { isMap, isNode, isScalar, isSeq, parseAllDocuments, parseDocument, visit, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import { createEditBuilder, EditError } from '../engine/fix-edits.js';
import { mergeEdits } from '../engine/fix.js';
import type { YamlValue } from '../rule-api.js';
import type { RenderedNode, SourceSpan } from './helm-source-map.js';
import { locate, nodeAtPath, type PathStep } from './yaml-path.js';

export interface RenderedEdit {
  range: [number, number];
  text: string;
}

/** An edit of a source file: `range` is offsets into `fileText`, the file as read. */
export interface SourceEdit {
  filePath: string;
  fileText: string;
  range: [number, number];
  text: string;
}

export type Carried = { edit: SourceEdit } | { dropped: string };

export interface RenderedDocument {
  doc: Document;
  sourcePath?: string;
}

/** What a renderer's sources offer: where a rendered node was written, and where a new key goes. */
export interface SourceSide {
  /** The span that wrote the node, and other documents writing the same field (a base under a patch). */
  map(d: RenderedDocument, rendered: RenderedNode): { winner: SourceSpan; others: SourceSpan[] } | undefined;
  /** Every span that can have written the node (a rendered mapping can come from several toYaml includes). */
  spans?(d: RenderedDocument, rendered: RenderedNode): SourceSpan[];
  /** Add `key: value` (`entry`: its YAML lines from column 0) to the source of the rendered mapping `map`. */
  insert(d: RenderedDocument, map: RenderedNode & { located: { node: YAMLMap } }, key: string, value: YamlValue, entry: string): SourceEdit | string;
}

export function carryEdit(rendered: string, docAt: (offset: number) => RenderedDocument | undefined, side: SourceSide, e: RenderedEdit): Carried {
  const [start, end] = e.range;
  const d = docAt(start);
  if (!d) return { dropped: 'the edit is outside every rendered document' };
  try {
    const result = start === end ? insertion(rendered, d, side, e) : e.text === '' && wholeLines(rendered, start, end) ? removal(rendered, d, side, e) : replacement(rendered, d, side, e);
    return typeof result === 'string' ? { dropped: result } : { edit: result };
  } catch (err) {
    // A repair that cannot be carried is left out; it never costs the finding or the run.
    return { dropped: `carrying the edit failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function replacement(rendered: string, d: RenderedDocument, side: SourceSide, e: RenderedEdit): SourceEdit | string {
  const [start, end] = e.range;
  const located = locate(d.doc, start);
  const node = located?.node;
  if (!located || located.isKey || !isScalar(node) || !node.range) return 'the edit does not replace a scalar value';
  const [from, to] = [node.range[0], node.range[1]];
  if (start < from || end > to) return 'the edit spans more than one scalar';
  const winner = side.map(d, { located, source: rendered, start, end })?.winner;
  if (!winner?.certain) return 'no source line certainly wrote this value';
  if (winner.via !== undefined && !passesThrough(winner.via)) return `the template computes this value (${winner.via})`;
  const source = sourceScalar(winner.text.slice(winner.start, winner.end));
  const whole = start === from && end === to;
  if (whole) {
    if (!source || String(source.value) !== String(node.value)) return 'the source does not hold the rendered value as written (the template computes it)';
    const text = requote(source, e.text);
    if (text === undefined) return 'the new value cannot be written in the source scalar\'s style';
    if (winner.via !== undefined && writesElsewhere(rendered, d, side, node, winner)) return sharedValue;
    return at(winner, text);
  }
  // Characters inside a scalar (`40` of `sleep 40`): the same characters in the source, untouched by escaping.
  if (rendered.slice(start, end) !== winner.text.slice(winner.start, winner.end)) return 'the source writes these characters differently';
  if (!/^[\w.-]*$/.test(e.text)) return 'the new text would need escaping in the source scalar';
  if (winner.via !== undefined && writesElsewhere(rendered, d, side, node, winner)) return sharedValue;
  return at(winner, e.text);
}

export const sharedValue = 'the values entry also writes another value of this document (one `.Values.probe` under two probes): changing it changes both';

/**
 * True when the values span that wrote `target` also wrote another node of the rendered document:
 * an edit of it changes both, which can undo the repair (liveness and readiness pasted from one
 * `.Values.probe` stay equal when both get the new key).
 */
export function writesElsewhere(rendered: string, d: RenderedDocument, side: SourceSide, target: Node, span: SourceSpan): boolean {
  const inside = (s: SourceSpan | undefined) => !!s && s.filePath === span.filePath && s.start <= span.start && span.end <= s.end;
  const targetValue: unknown = isScalar(target) ? undefined : target.toJS(d.doc);
  for (const { node, path } of nodesOf(d.doc.contents as Node | null, [])) {
    if (node === target || !node.range) continue;
    if (isScalar(target) ? !isScalar(node) || String(node.value) !== String(target.value) : isScalar(node) || !isDeepStrictEqual(node.toJS(d.doc), targetValue)) continue;
    const r: RenderedNode = { located: { path, node, isKey: false }, source: rendered, start: node.range[0], end: node.range[1] };
    const spans = side.spans ? side.spans(d, r) : [side.map(d, r)?.winner];
    if (spans.some(inside)) return true;
  }
  return false;
}

/** Every value node under `node` (keys left out), with its path. */
function* nodesOf(node: Node | null, path: PathStep[]): Generator<{ node: Node; path: PathStep[] }> {
  if (!node) return;
  yield { node, path };
  if (isMap(node)) for (const pair of node.items) yield* nodesOf(pair.value as Node | null, [...path, String((pair.key as Scalar | null)?.value)]);
  else if (isSeq(node)) for (let i = 0; i < node.items.length; i++) yield* nodesOf(node.items[i] as Node | null, [...path, i]);
}

const wholeLines = (text: string, start: number, end: number) => (start === 0 || text[start - 1] === '\n') && text[end - 1] === '\n';

/** Whole lines taken out: the edit builder's removal of one entry of a block mapping. */
function removal(rendered: string, d: RenderedDocument, side: SourceSide, e: RenderedEdit): SourceEdit | string {
  const [start, end] = e.range;
  const keyAt = start + (rendered.slice(start, end).length - rendered.slice(start, end).trimStart().length);
  const located = locate(d.doc, keyAt);
  const key = located?.node;
  if (!located?.isKey || !key?.range || key.range[0] !== keyAt) return 'the removed lines are not one entry';
  const mapped = side.map(d, { located, source: rendered, start: key.range[0], end: key.range[1] });
  const winner = mapped?.winner;
  if (!winner?.certain) return 'no source line certainly wrote this key';
  if (mapped!.others.length) return 'another document writes this key too: removing it from one would bring back the other\'s value';
  if (winner.embedded) return 'the key is written inside a patch string of the kustomization';
  if (winner.node) return removeYamlEntry(winner);
  if (winner.via !== undefined) return /\b(toYaml|toJson)\b/.test(winner.via) ? removeYamlEntry(winner) : `the template writes this key itself (${winner.via}): removing the value would leave the key empty`;
  return removeTemplateLine(winner);
}

/** The outermost node of a YAML file's documents that starts at `offset`, and its document. */
function nodeStartingAt(text: string, offset: number): { node: Node; doc: Document } | undefined {
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc)) continue;
    let found: Node | undefined;
    visit(doc, (_key, node) => {
      if (isNode(node) && node.range?.[0] === offset) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    });
    if (found) return { node: found, doc };
  }
  return undefined;
}

/** Remove the entry whose key is at `span` from the YAML file it is in (a values file, a Kustomize document). */
function removeYamlEntry(span: SourceSpan): SourceEdit | string {
  const docs = parseAllDocuments(span.text).filter((doc): doc is Document.Parsed => 'contents' in doc);
  let key: Node | undefined;
  for (const doc of docs) {
    visit(doc, { Pair: (_k, pair) => {
      if (isNode(pair.key) && pair.key.range?.[0] === span.start) key = pair.key;
    } });
  }
  if (!key) return 'the key is not an entry of a mapping in its file';
  const fix = mergeEdits(span.text, createEditBuilder(span.text, docs).removeEntry(key));
  return { filePath: span.filePath, fileText: span.text, range: fix.range, text: fix.text };
}

/** Remove a template's one-line literal entry (`key: value`, nothing nested under it). */
function removeTemplateLine(span: SourceSpan): SourceEdit | string {
  const text = span.text;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEnd = text.indexOf('\n', span.start);
  const next = lineEnd === -1 ? text.length : lineEnd + 1;
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  if (line.includes('{{')) return 'the template line holds a template action';
  if (!/:\s*\S/.test(line.slice(span.start - lineStart))) return 'the template entry has a nested block';
  const after = /^( *)\S/m.exec(text.slice(next));
  if (after && after[1]!.length > span.start - lineStart) return 'the template entry has a nested block';
  return { filePath: span.filePath, fileText: text, range: [lineStart, next], text: '' };
}

function insertion(rendered: string, d: RenderedDocument, side: SourceSide, e: RenderedEdit): SourceEdit | string {
  const p = e.range[0];
  // The edit builder adds a block entry as whole lines after the mapping's last line, at its keys' column.
  const lead = /^( *)\S/.exec(e.text);
  if (!lead || (p > 0 && rendered[p - 1] !== '\n')) return 'only a new entry of a block mapping is carried';
  const col = lead[1]!.length;
  const lines = e.text.replace(/\r?\n$/, '').split(/\r?\n/);
  if (lines.some((l) => l.trim() !== '' && !l.startsWith(lead[1]!))) return 'the inserted lines are not one entry';
  const entry = lines.map((l) => l.slice(col)).join('\n');
  const parsed = parseDocument(entry);
  const pair = isMap(parsed.contents) && parsed.errors.length === 0 && parsed.contents.items.length === 1 ? parsed.contents.items[0] : undefined;
  if (!pair || !isScalar(pair.key)) return 'the inserted text is not one key';
  const mapping = mappingEndingAt(rendered, d.doc, p, col);
  if (!mapping) return 'no mapping of the rendered document ends where the entry is inserted';
  const key = String(pair.key.value);
  const value = (parsed.toJS() as Record<string, YamlValue>)[key]!;
  const { path, map } = mapping;
  return side.insert(d, { located: { path, node: map, isKey: false }, source: rendered, start: map.range![0], end: map.range![1] }, key, value, entry);
}

/** The block mapping whose keys sit at column `col` and whose last line ends just before `p`. */
function mappingEndingAt(rendered: string, doc: Document, p: number, col: number): { path: PathStep[]; map: YAMLMap } | undefined {
  const located = locate(doc, Math.max(0, p - 2));
  if (!located) return undefined;
  for (let n = located.path.length; n >= 0; n--) {
    const path = located.path.slice(0, n);
    const node = n === 0 ? (doc.contents as Node | null) : nodeAtPath(doc, path)?.node;
    if (!isMap(node) || node.flow || !node.items.length) continue;
    const firstKey = (node.items[0]!.key as Node).range![0];
    if (firstKey - (rendered.lastIndexOf('\n', firstKey - 1) + 1) === col) return { path, map: node };
  }
  return undefined;
}

/** A whole YAML text that is one flow scalar (plain, single- or double-quoted), else undefined. */
function sourceScalar(text: string): Scalar | undefined {
  const doc = parseDocument(text);
  const node = doc.contents;
  if (doc.errors.length || !isScalar(node) || !node.range || node.range[0] !== 0 || node.range[1] !== text.length) return undefined;
  return node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? node : undefined;
}

/** The rule's new value written as the source writes its scalar: in its quotes, or plain. */
function requote(source: Scalar, ruleText: string): string | undefined {
  const parsed = sourceScalar(ruleText);
  if (!parsed) return undefined;
  const value = String(parsed.value);
  if (source.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (source.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  // Plain stays plain when it reads back as the same value; else the rule's own quoting.
  return sourceScalar(value)?.value === parsed.value ? value : ruleText;
}

/**
 * A template action that writes the value it reads unchanged: a values path, piped through or
 * wrapped in functions that keep the value (`quote`, `int`, `toYaml`, `nindent`, `default`).
 */
export function passesThrough(action: string): boolean {
  const expr = /^\{\{-?\s*([\s\S]*?)\s*-?\}\}$/.exec(action.trim())?.[1];
  if (expr === undefined) return false;
  const keep = /^(quote|squote|toString|int|int64|float64|trim|toYaml|toJson)$/;
  const path = /^(\$?\.[\w.]*|\$\w+(\.[\w.]+)?)$/;
  const [first, ...rest] = expr.split('|').map((s) => s.trim().split(/\s+/));
  const head = first!.length === 1 ? path.test(first![0]!) : first!.length === 2 ? keep.test(first![0]!) && path.test(first![1]!) : first!.length === 3 && first![0] === 'default' && path.test(first![2]!);
  return head && rest.every((f) => (f.length === 1 && keep.test(f[0]!)) || (f.length === 2 && /^(n?indent|default)$/.test(f[0]!)));
}

function at(span: SourceSpan, text: string): SourceEdit {
  return { filePath: span.filePath, fileText: span.text, range: [span.start, span.end], text };
}

/**
 * A key added to a mapping of a YAML source (a Kustomize document, values pasted in by toYaml), in
 * that file's style. `whole`: the rendered mapping, which the source mapping must equal (a values
 * subtree is pasted whole; a patch writes only part of its mapping).
 */
export function insertIntoYaml(span: SourceSpan | undefined, key: string, value: YamlValue, whole?: { map: YAMLMap; doc: Document }): SourceEdit | string {
  const found = span?.certain ? (span.node ? { node: span.node, doc: undefined } : nodeStartingAt(span.text, span.start)) : undefined;
  const map = found?.node;
  if (!span || !isMap(map)) return 'no YAML file certainly wrote this mapping';
  if (whole && !isDeepStrictEqual(map.toJS(found!.doc!), whole.map.toJS(whole.doc))) return 'the values mapping the source map found is not the rendered one';
  try {
    const fix = mergeEdits(span.text, createEditBuilder(span.text, []).setPath(map, [key], value));
    return { filePath: span.filePath, fileText: span.text, range: fix.range, text: fix.text };
  } catch (err) {
    if (err instanceof EditError) return err.message;
    throw err;
  }
}
