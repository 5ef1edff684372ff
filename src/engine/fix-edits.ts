/**
 * `ctx.edits`: format-preserving edits built from views, so rules never compute offsets.
 *
 * The edits work on the text the nodes were parsed from and come out in file offsets (`toFile`).
 * Everything outside an edit stays byte-identical; inside one, only what must change does:
 * a replaced value keeps its key, comment and line ending; a removed block entry takes its whole
 * line(s) with it (indentation, trailing comment, line break); an inserted entry copies the
 * indentation of its neighbours (or the flow style of its map) and the file's line ending.
 */
import { isMap, isNode, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Field } from '../k8s/views.js';
import type { Edit, EditBuilder, Locatable, YamlValue } from '../rule-api.js';

export class EditError extends Error {}

export function createEditBuilder(text: string, documents: readonly Document[], toFile: (offset: number) => number = (o) => o): EditBuilder {
  const edit = (start: number, end: number, insert: string): Edit[] => [{ range: [toFile(start), toFile(end)], text: insert }];
  // Found by the key's position (keyParent); a key no position leads to is looked up in a map of
  // every key, built once and shared by every finding of the file: searching every node for each
  // finding was quadratic (2,000 findings in one file took minutes).
  let parents: Map<Node, { map: YAMLMap; index: number }> | undefined;
  const parentOf = (key: Node) => keyParent(documents, key) ?? (parents ??= pairParents(documents)).get(key);
  return {
    replace(at, insert) {
      const [start, end] = valueRange(text, at);
      return edit(start, end, insert);
    },
    removeEntry(entry) {
      const key = isNode(entry) ? entry : (entry as Field<unknown>).keyNode;
      if (!key) throw new EditError('removeEntry needs a written entry (this Field is a default)');
      const found = parentOf(key);
      if (!found) throw new EditError('removeEntry: the key is not an entry of a mapping in this file');
      const [start, end, insert] = removal(text, found.map, found.index);
      return edit(start, end, insert);
    },
    setEntry(map, key, valueText) {
      if (!isMap(map)) throw new EditError('setEntry needs a mapping node');
      const index = map.items.findIndex((p) => isScalar(p.key) && String(p.key.value) === key);
      const pair = map.items[index];
      if (pair) {
        const value = isNode(pair.value) ? pair.value : null;
        if (value?.range && value.range[1] > value.range[0]) return this.replace(value, valueText);
        // `key:` with nothing after it: the value goes after the colon.
        const colon = text.indexOf(':', nodeEnd(pair.key as Node));
        return edit(colon + 1, colon + 1, ` ${valueText}`);
      }
      const [at, insert] = insertion(text, map, `${plainKey(key)}: ${valueText}`);
      return edit(at, at, insert);
    },
    replaceEntry(key, newKey, value) {
      const found = parentOf(key);
      if (!found) throw new EditError('replaceEntry: the key is not an entry of a mapping in this file');
      const pair = found.map.items[found.index]!;
      const keyEdit = edit(key.range![0], nodeEnd(key), plainKey(newKey));
      const old = isNode(pair.value) && pair.value.range && pair.value.range[1] > pair.value.range[0] ? pair.value : null;
      // `key:` with nothing after it: the value goes after the colon.
      if (!old) {
        const colon = text.indexOf(':', nodeEnd(key));
        return [...keyEdit, ...edit(colon + 1, colon + 1, ` ${flowValue(value)}`)];
      }
      const [start, end] = valueRange(text, old);
      // A block mapping stays block: its entries at the column of the old value's first key (a
      // comment on the key's line and the indentation before the value are kept).
      const block = isMap(old) && !old.flow && typeof value === 'object' && !isList(value);
      const column = start - lineStart(text, start);
      const body = block
        ? Object.entries(value as Record<string, YamlValue>)
            .map(([k, v]) => blockEntry(k, v, column))
            .join(`\n${' '.repeat(column)}`)
            .replace(/\n/g, lineEnding(text, end))
        : flowValue(value);
      return [...keyEdit, ...edit(start, end, body)];
    },
    setPath(map, path, value) {
      if (!isMap(map) || path.length === 0) throw new EditError('setPath needs a mapping node and a path');
      let current: YAMLMap = map;
      for (let i = 0; i < path.length; i++) {
        const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === path[i]);
        const rest = path.slice(i + 1);
        if (!pair) {
          const nested = rest.reduceRight<YamlValue>((v, k) => ({ [k]: v }), value);
          const entry = current.flow || current.items.length === 0 ? `${plainKey(path[i]!)}: ${flowValue(nested)}` : blockEntry(path[i]!, nested, blockIndent(text, current));
          const [at, insert] = insertion(text, current, entry);
          return edit(at, at, insert);
        }
        if (rest.length === 0) return this.setEntry(current, path[i]!, flowValue(value));
        if (!isMap(pair.value)) return [];
        current = pair.value;
      }
      return [];
    },
  };
}

/** The column of a block map's keys. */
function blockIndent(text: string, map: YAMLMap): number {
  const firstKey = (map.items[0]!.key as Node).range![0];
  return firstKey - lineStart(text, firstKey);
}

/** `key: value` as block YAML whose first line starts at column `indent` (lines after it carry their indentation). */
function blockEntry(key: string, value: YamlValue, indent: number): string {
  if (typeof value !== 'object' || isList(value)) return `${plainKey(key)}: ${flowValue(value)}`;
  const inner = ' '.repeat(indent + 2);
  const lines = Object.entries(value as Record<string, YamlValue>).map(([k, v]) => inner + blockEntry(k, v, indent + 2));
  return `${plainKey(key)}:\n${lines.join('\n')}`;
}

/** Array.isArray narrowed for readonly arrays (it types them as any[]). */
const isList = (value: YamlValue): value is readonly YamlValue[] => Array.isArray(value);

/** A value as one line of flow YAML: strings plain when YAML would read them back as the same string. */
function flowValue(value: YamlValue): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return /^[A-Za-z_\/][A-Za-z0-9_.\/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value) ? value : JSON.stringify(value);
  if (isList(value)) return `[${value.map((v) => (typeof v === 'string' ? JSON.stringify(v) : flowValue(v))).join(', ')}]`;
  const entries = Object.entries(value as Record<string, YamlValue>).map(([k, v]) => `${plainKey(k)}: ${flowValue(v)}`);
  return `{ ${entries.join(', ')} }`;
}

/** Where a value is written: a Field's node, a node's value (without trailing line breaks), or a span. */
function valueRange(text: string, at: Locatable): [number, number] {
  if (isNode(at)) {
    if (!at.range) throw new EditError('replace: the node has no position');
    return [at.range[0], trimEnd(text, at.range[0], at.range[1])];
  }
  if ('state' in at) {
    if (!at.node) throw new EditError('replace needs a written value (this Field is a default; use setEntry to add the key)');
    return valueRange(text, at.node);
  }
  return [at.start, at.end];
}

/** Block scalars and block collections end after their last line break: keep those. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end;
}

function nodeEnd(node: Node): number {
  return node.range?.[1] ?? 0;
}

/** The end of an entry's value (or of its key when there is none), without trailing line breaks. */
function entryEnd(text: string, pair: Pair): number {
  const value = isNode(pair.value) && pair.value.range && pair.value.range[1] > pair.value.range[0] ? pair.value : (pair.key as Node);
  return trimEnd(text, value.range![0], value.range![1]);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Just past the line break that ends the line holding `offset` (or the end of the text). */
function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** The line ending of the line holding `offset`, else the file's first one, else `\n`. */
function lineEnding(text: string, offset: number): string {
  const nl = text.indexOf('\n', offset);
  const at = nl === -1 ? text.indexOf('\n') : nl;
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

function plainKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.\/-]*$/.test(key) ? key : JSON.stringify(key);
}

/** [start, end, replacement] that removes entry `index` of `map`. */
function removal(text: string, map: YAMLMap, index: number): [number, number, string] {
  const pair = map.items[index]!;
  const keyStart = (pair.key as Node).range![0];
  const end = entryEnd(text, pair);
  const next = map.items[index + 1];
  const nextKey = next && (next.key as Node).range![0];
  if (map.flow) {
    if (nextKey !== undefined) return [keyStart, nextKey, ''];
    const prev = map.items[index - 1];
    if (prev) return [entryEnd(text, prev), end, ''];
    return [map.range![0] + 1, trimEnd(text, 0, map.range![1]) - 1, '']; // `{ a: 1 }` → `{}`
  }
  const start = lineStart(text, keyStart);
  const onItemLine = text.slice(start, keyStart).trim() !== ''; // `- key: value`
  if (onItemLine) {
    // The next entry moves up behind the `- `; the last one leaves an empty map.
    return nextKey !== undefined ? [keyStart, nextKey, ''] : [keyStart, end, '{}'];
  }
  if (map.items.length === 1) {
    // The map becomes empty: `probe: {}` rather than a null `probe:`.
    const before = text.slice(0, start).trimEnd();
    if (before.endsWith(':')) return [before.length, lineEndAfter(text, end), ` {}${lineEnding(text, end)}`];
    return [keyStart, end, '{}'];
  }
  return [start, lineEndAfter(text, end), ''];
}

/** [offset, text] that adds `entry` (`key: value`) to the end of `map`. */
function insertion(text: string, map: YAMLMap, entry: string): [number, string] {
  const last = map.items[map.items.length - 1];
  if (map.flow || !last) {
    if (!last) {
      // `{}` or `{ }`: keep the user's spacing inside the braces.
      const open = map.range![0];
      const inner = text.slice(open + 1, trimEnd(text, open, map.range![1]) - 1);
      return inner.trim() === '' && inner.length > 0 ? [open + 1, ` ${entry}`] : [open + 1, inner.length ? entry : ` ${entry} `];
    }
    return [entryEnd(text, last), `, ${entry}`];
  }
  const firstKey = (map.items[0]!.key as Node).range![0];
  const indent = ' '.repeat(firstKey - lineStart(text, firstKey));
  const end = entryEnd(text, last);
  const eol = lineEnding(text, end);
  entry = entry.replace(/\n/g, eol); // a nested entry (setPath) has line breaks of its own
  const after = lineEndAfter(text, end);
  // The last line of the file may have no line break.
  return after === text.length && !text.endsWith('\n') ? [after, `${eol}${indent}${entry}`] : [after, `${indent}${entry}${eol}`];
}

/**
 * The mapping that holds `key` as one of its keys, and its index there, found by going down from
 * the document whose content holds the key's offset through the collections that hold it, each
 * child found by a binary search on where the children start (a --fix run parses a whole file: a
 * List of 200k items is one sequence). A map of every key of every document (pairParents) for
 * each part with a removal was 13% of what a 100k-finding stream allocated. Undefined when no
 * range leads there (a node without a range, an alias): the caller then asks pairParents.
 */
export function keyParent(documents: readonly Document[], key: Node): { map: YAMLMap; index: number } | undefined {
  const at = key.range?.[0];
  if (at === undefined) return undefined;
  const holds = (node: unknown): boolean => isNode(node) && !!node.range && node.range[0] <= at && at < node.range[2];
  const startOf = (node: unknown): number | undefined => (isNode(node) ? node.range?.[0] : undefined);
  const d = documents[lastStartingBy(documents.length, (i) => documents[i]!.range?.[0], at)];
  let node: unknown = d && holds(d.contents) ? d.contents : undefined;
  while (node !== undefined) {
    if (isMap(node)) {
      const map = node;
      const index = lastStartingBy(map.items.length, (i) => startOf(map.items[i]!.key), at);
      const pair = map.items[index];
      if (!pair) return undefined;
      if (pair.key === key) return { map, index };
      node = holds(pair.key) ? pair.key : holds(pair.value) ? pair.value : undefined;
    } else if (isSeq(node)) {
      const seq = node;
      node = seq.items[lastStartingBy(seq.items.length, (i) => startOf(seq.items[i]), at)];
      if (!holds(node)) return undefined;
    } else return undefined;
  }
  return undefined;
}

/** The index of the last of `count` children (in text order) that starts at or before `at`; -1 when there is none or a start is unknown. */
function lastStartingBy(count: number, startOf: (i: number) => number | undefined, at: number): number {
  if (count === 0) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = startOf(mid);
    if (start === undefined) return -1;
    if (start <= at) lo = mid;
    else hi = mid - 1;
  }
  const first = startOf(lo);
  return first !== undefined && first <= at ? lo : -1;
}

/** For every key of every mapping in `documents`: its mapping and its index there (one walk). */
export function pairParents(documents: readonly Document[]): Map<Node, { map: YAMLMap; index: number }> {
  const parents = new Map<Node, { map: YAMLMap; index: number }>();
  const stack: unknown[] = documents.map((d) => d.contents);
  const seen = new Set<unknown>();
  while (stack.length) {
    const node = stack.pop();
    if (!node || seen.has(node)) continue;
    seen.add(node);
    if (isMap(node)) {
      node.items.forEach((p, index) => {
        if (isNode(p.key) && !parents.has(p.key)) parents.set(p.key, { map: node, index });
        stack.push(p.key, p.value);
      });
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return parents;
}
