/**
 * Small read-only helpers over `yaml` AST nodes. Views are built from the AST (not from toJS())
 * so every value keeps its node and therefore its exact position; aliases are resolved node by
 * node, which also means an alias bomb is never expanded.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type AnyNode = Node;

/**
 * Alias targets found by the parse stage's single walk (parse.ts checkAliases). yaml's own
 * Alias.resolve(doc) walks the whole document on every call, which made extraction quadratic
 * in the number of aliases (100 KB with 8,000 `- *env` took 23 s).
 */
const aliasTargets = new WeakMap<Alias, Node | undefined>();

export function pinAliasTarget(alias: Alias, target: Node | undefined): void {
  aliasTargets.set(alias, target);
}

/** Follow an alias to the node it names (one level is all YAML allows). */
export function deref(doc: Document, node: unknown): Node | null {
  if (node == null) return null;
  if (isAlias(node)) {
    const target = aliasTargets.has(node) ? aliasTargets.get(node) : node.resolve(doc);
    return (target as Node | undefined) ?? null;
  }
  return node as Node;
}

export function asMap(doc: Document, node: unknown): YAMLMap | null {
  const n = deref(doc, node);
  return isMap(n) ? n : null;
}

export function asSeq(doc: Document, node: unknown): YAMLSeq | null {
  const n = deref(doc, node);
  return isSeq(n) ? n : null;
}

export function asScalar(doc: Document, node: unknown): Scalar | null {
  const n = deref(doc, node);
  return isScalar(n) ? n : null;
}

/**
 * A scalar's decoded value as text (`8080` → "8080", `true` → "true"), undefined for null.
 * Scalar values are primitives (or a Date / byte array from a custom tag): String() is what we want.
 */
export function scalarText(value: unknown): string | undefined {
  return value == null ? undefined : typeof value === 'string' ? value : String(value as string | number | boolean | bigint);
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return scalarText(key.value);
  if (typeof key === 'string') return key;
  return undefined;
}

/** The pair of `map` whose key is `key`. With duplicate keys the first one wins (the duplicate
 * itself is reported by the parser stage). */
export function getPair(map: YAMLMap | null, key: string): Pair<Scalar, unknown> | undefined {
  if (!map) return undefined;
  for (const item of map.items) {
    if (isPair(item) && keyString(item.key) === key) return item as Pair<Scalar, unknown>;
  }
  return undefined;
}

export function getNode(doc: Document, map: YAMLMap | null, key: string): Node | null {
  const pair = getPair(map, key);
  return pair ? deref(doc, pair.value) : null;
}

/** Scalar value as a string, or undefined when absent / not a scalar. */
export function getString(doc: Document, map: YAMLMap | null, key: string): string | undefined {
  const s = asScalar(doc, getNode(doc, map, key));
  return scalarText(s?.value);
}

/** Every key/value of a map whose key is a scalar, in order. */
export function entries(doc: Document, map: YAMLMap | null): { key: string; keyNode: Scalar; value: Node | null }[] {
  if (!map) return [];
  const out: { key: string; keyNode: Scalar; value: Node | null }[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = keyString(item.key);
    if (k === undefined || !isScalar(item.key)) continue;
    out.push({ key: k, keyNode: item.key, value: deref(doc, item.value) });
  }
  return out;
}

/** Items of a sequence, aliases resolved. */
export function seqItems(doc: Document, node: unknown): Node[] {
  const seq = asSeq(doc, node);
  if (!seq) return [];
  const out: Node[] = [];
  for (const item of seq.items) {
    const n = deref(doc, item);
    if (n) out.push(n);
  }
  return out;
}

/** A string -> string map of scalar entries (labels, annotations, nodeSelector). */
export function stringMap(doc: Document, node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries(doc, asMap(doc, node))) {
    const s = isScalar(e.value) ? e.value : null;
    const text = scalarText(s?.value);
    if (text !== undefined) out.set(e.key, text);
  }
  return out;
}
