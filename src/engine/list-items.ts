/**
 * A large `kind: List` (what `kubectl get -A -o yaml` prints: one document of 200k items) is linted
 * in batches of its items, as a large stream is linted in batches of documents (batches.ts), so
 * only one batch's trees and views are alive at a time: whole, a List of 200k Pods held 2.5 GB.
 *
 * Each batch is parsed on its own, every node at its offset in the file, and handed to the linter
 * as the List's document with only that batch in `items`: the root map holds the List's own pairs
 * (apiVersion, kind, metadata: parsed once, before and after the items) and extraction finds the
 * batch's items as it finds them in the whole List. All batches share that one Document object, so
 * a rule's per-document state (schema reports one template placeholder per document) spans them.
 *
 * Items are found on the text: lines with `-` at the items' own column (0 as kubectl prints them,
 * or deeper). A `- ` line there is always a new item, except inside a quoted scalar or a flow
 * collection, where a cut leaves a batch with an unclosed quote or bracket: a syntax error. So
 * anything unusual in any part (a syntax error, a duplicate key, an anchor, alias, tag or merge
 * key, a count of items the parse does not confirm) leaves the List to be linted whole, as are
 * Lists with directive comments (they scope to their document), CR or Unicode line breaks, flow
 * `items: [...]`, and Lists small enough for one batch. When in doubt, whole: never a lost item.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Pair, type YAMLMap } from 'yaml';
import type { KeepDocument } from './fast-path.js';
import type { LineIndex } from './line-index.js';
import { readScalarsAsKubernetes } from '../k8s/kubernetes-scalars.js';
import { readPlainDocument } from './fast-yaml.js';
import { helmSourceOf, parseOptions, parseYaml, type ParsedFile } from './parse.js';
import { indexWithin } from '../text.js';
import { topLevelKind } from './top-level-kind.js';

/** A List cut into batches of items: `parse(i)` is batch i as a file of one document, or undefined when it is unusual. */
export interface ListBatches {
  count: number;
  parse(batch: number): ParsedFile | undefined;
}

/** Where a List's items are: the batches' bounds (line starts; the last where the items end) and item counts. */
interface ItemRuns {
  /** Offset of the top-level `items` key. */
  key: number;
  bounds: number[];
  counts: number[];
}

/** The top-level `items:` key with nothing after it on its line but a comment. */
const itemsKey = /^items:[ \t]*(?:#[^\n]*)?$/gm;
/** Line breaks JavaScript and YAML disagree on (see top-level-kind.ts): such Lists are parsed whole. */
const otherLineBreak = /[\r\u2028\u2029]/;

/**
 * The document `[from, windowEnd)` (one window of batchWindows) in batches of about `size` of its items,
 * when it is a List whose items can be cut on the text; undefined otherwise (lint it as usual).
 * `index` is the document's index in the file; `lines` the file's line index (built when needed).
 */
export function listBatches(text: string, from: number, windowEnd: number, size: number, keep: KeepDocument, lines: () => LineIndex, index: number): ListBatches | undefined {
  const to = windowEnd - from > size ? oneDocument(text, from, windowEnd) : undefined;
  if (to === undefined) return undefined;
  const body = text.slice(from, to);
  const kind = topLevelKind(body);
  if (!kind?.endsWith('List') || !keep(kind, body) || body.includes('kube-lifelint-') || otherLineBreak.test(body)) return undefined;
  const runs = itemRuns(text, from, to, size);
  if (!runs || runs.bounds.length < 3) return undefined;
  const lineIndex = lines();
  const part = (a: number, b: number) => readPart(text, a, b, () => parseYaml(text, undefined, true, { from: a, to: b, firstIndex: index, lineIndex }));
  const itemsEnd = runs.bounds[runs.bounds.length - 1]!;
  const head = part(from, runs.bounds[0]!);
  const tail = itemsEnd < to ? part(itemsEnd, to) : undefined;
  const root = head && listRoot(head, tail, runs.key, itemsEnd === to || tail !== undefined);
  if (!root) return undefined;
  const { doc, items } = root;
  doc.range = [doc.range![0], tail?.range?.[1] ?? itemsEnd, to];
  const source = helmSourceOf(text, doc.range[0], to);
  return {
    count: runs.counts.length,
    parse(batch) {
      const covers = { from: runs.bounds[batch]!, to: runs.bounds[batch + 1]! };
      const seq = part(covers.from, covers.to)?.contents;
      if (!isSeq(seq) || seq.items.length !== runs.counts[batch]) return undefined;
      items.value = seq;
      return { text, original: text, lineCounter: lineIndex, documents: [{ doc, index, usable: true, ...(source ? { sourcePath: source } : {}) }], problems: [], documentCount: 1, covers };
    },
  };
}

/**
 * Where the document starting at `from` ends when `[from, to)` holds only it (and maybe a `...`
 * line with nothing but comments after it); undefined when another document may start inside
 * (any `---` line, or anything after `...`, is doubt enough).
 */
function oneDocument(text: string, from: number, to: number): number | undefined {
  if (from !== 0 && !/^---[ \t]*(?:#[^\n]*)?\n/.test(text.slice(from, from + 200))) return undefined;
  // Searched inside the window only: every window of a stream of large documents comes here.
  if (indexWithin(text, '\n---', from + 1, to) !== -1) return undefined;
  const end = indexWithin(text, '\n...', from + 1, to);
  if (end === -1) return to;
  return /^\.\.\.[ \t]*(?:#[^\n]*)?(?:\n[ \t]*(?:#[^\n]*)?)*\n?$/.test(text.slice(end + 1, to)) ? end + 1 : undefined;
}

/**
 * The items of the List `[from, to)` on its text: the first top-level `items:` line, then lines
 * with `- ` at the column of the first item below it; the items end at the first other line at
 * that column or left of it (comments aside), which must be a top-level key. Batches cut at item
 * starts once they hold `size` characters.
 */
function itemRuns(text: string, from: number, to: number, size: number): ItemRuns | undefined {
  itemsKey.lastIndex = 0;
  const found = itemsKey.exec(text.slice(from, to)); // not past the List: no search to the end of the file
  const key = found && { index: from + found.index, length: found[0].length };
  if (!key || (key.index > from && text[key.index - 1] !== '\n')) return undefined;
  let ls = key.index + key.length + 1;
  let indent = -1;
  const bounds: number[] = [];
  const counts: number[] = [];
  let count = 0;
  let batchStart = -1;
  for (; ls < to; ) {
    const nl = text.indexOf('\n', ls);
    const le = nl === -1 || nl >= to ? to : nl;
    let i = ls;
    // Spaces up to one past the items' column: a deeper line is inside an item.
    while (i < le && text.charCodeAt(i) === 32 && (indent === -1 || i - ls <= indent)) i++;
    const column = i - ls;
    if (i < le && text[i] !== '#' && (indent === -1 || column <= indent)) {
      const dash = text[i] === '-' && (i + 1 === le || text[i + 1] === ' ');
      if (indent === -1) {
        if (!dash) return undefined; // `items:` with no block sequence below it
        indent = column;
        batchStart = ls;
        bounds.push(ls);
      } else if (!dash || column !== indent) {
        if (column !== 0) return undefined; // not a top-level key: doubt
        break;
      } else if (ls - batchStart >= size) {
        bounds.push(ls);
        counts.push(count);
        count = 0;
        batchStart = ls;
      }
      count++;
    }
    ls = le + 1;
  }
  if (indent === -1) return undefined;
  bounds.push(Math.min(ls, to));
  counts.push(count);
  return { key: key.index, bounds, counts };
}

/** Characters every anchor, alias and tag is written with. */
const unusualMarks = /[&*!]/;
/** A merge key (parse.ts has already resolved it, so the text tells): anything like it is doubt enough. */
const mergeKey = /(?:^|[\s{,])<<[ \t]*:/m;

/**
 * The part `[from, to)` of the List as one document, when it holds nothing unusual. The fast reader
 * reads it where it lies (it reads no anchor, alias, tag or anything yaml would report); what it
 * leaves goes to `parse` (parseYaml on the part), whose document must have no problem either.
 */
function readPart(text: string, from: number, to: number, parse: () => ParsedFile): Document | undefined {
  const source = text.slice(from, to);
  if (mergeKey.test(source)) return undefined;
  const read = readPlainDocument(text, from, to, parseOptions, true);
  if (read) {
    readScalarsAsKubernetes(read); // as parseYaml does for every document
    return read;
  }
  const parsed = parse();
  const [only, ...more] = parsed.documents;
  if (!only || more.length > 0 || !only.usable || parsed.problems.length > 0) return undefined;
  // Most parts hold none of the characters: the nodes are walked only when they might.
  return unusualMarks.test(source) && !plainNodes(only.doc) ? undefined : only.doc;
}

/**
 * The List's root: the head's map (ending with `items:` and no value, the key where the text
 * scan found it) with the tail's pairs after it; the kind a List's, each key once.
 */
function listRoot(head: Document, tail: Document | undefined, key: number, tailRead: boolean): { doc: Document; items: Pair } | undefined {
  const map = head.contents;
  const items = isMap(map) ? map.items[map.items.length - 1] : undefined;
  if (!tailRead || !isMap(map) || !items || !isScalar(items.key) || items.key.value !== 'items' || items.key.range?.[0] !== key) return undefined;
  if (!isScalar(items.value) || items.value.value !== null) return undefined;
  const more = tail?.contents;
  if (tail && !isMap(more)) return undefined;
  const pairs = [...map.items, ...((more as YAMLMap | undefined)?.items ?? [])];
  const keys = new Set(pairs.map((p) => (isScalar(p.key) ? p.key.value : p.key)));
  const kind = pairs.find((p) => isScalar(p.key) && p.key.value === 'kind')?.value;
  if (keys.size !== pairs.length || !isScalar(kind) || typeof kind.value !== 'string' || !kind.value.endsWith('List')) return undefined;
  if (more) {
    map.items = pairs;
    map.range = [map.range![0], more.range![1], more.range![2]];
  }
  return { doc: head, items };
}

/** No alias, anchor or tag anywhere (aliases reach across items: such a List is parsed whole). */
function plainNodes(doc: Document): boolean {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) stack.push(node.key, node.value);
    else if (isAlias(node)) return false;
    else if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor !== undefined || node.tag !== undefined) return false;
      if (!isScalar(node)) for (const item of node.items) stack.push(item);
    }
  }
  return true;
}
