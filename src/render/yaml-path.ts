/**
 * Paths into YAML documents, for mapping a rendered node back to the file that wrote it: the node
 * at an offset of a rendered document (with its path from the root), and the node a path leads to
 * in a source document (a values file, a Kustomize base or patch).
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { scalarValueOffsetToSource } from '../analysis/scalar-offset.js';

/** A map key, or a list index. */
export type PathStep = string | number;

export interface LocatedNode {
  path: PathStep[];
  /** The innermost node holding the offset: a scalar value, a key scalar, or a collection. */
  node: Node;
  /** True when the offset is on a map key (`livenessProbe:`), not on a value. */
  isKey: boolean;
}

const holds = (node: Node | null | undefined, offset: number): node is Node => !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The innermost node of `doc` whose value holds `offset`, and its path from the root. */
export function locate(doc: Document, offset: number): LocatedNode | undefined {
  let node = doc.contents as Node | null;
  if (!holds(node, offset)) return undefined;
  const path: PathStep[] = [];
  for (;;) {
    if (isMap(node)) {
      let next: Node | undefined;
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const keyName = isScalar(key) ? String(key.value) : undefined;
        if (keyName === undefined) continue;
        if (holds(key, offset)) return { path: [...path, keyName], node: key!, isKey: true };
        if (holds(pair.value as Node | null, offset)) {
          path.push(keyName);
          next = pair.value as Node;
          break;
        }
      }
      if (!next) return { path, node, isKey: false };
      node = next;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => holds(item as Node | null, offset));
      if (i === -1) return { path, node, isKey: false };
      path.push(i);
      node = node.items[i] as Node;
    } else {
      return { path, node: node!, isKey: false };
    }
  }
}

/** The node `path` leads to in `doc` (and the key scalar of its last step, when that is a map key). */
export function nodeAtPath(doc: Document, path: readonly PathStep[]): { node: Node; key?: Scalar } | undefined {
  let node = doc.contents as Node | null;
  let key: Scalar | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = (node.items[step] as Node | undefined) ?? null;
      key = undefined;
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair) return undefined;
      node = pair.value as Node | null;
      key = pair.key as Scalar;
    }
    if (!node) return key ? { node: key, key } : undefined;
  }
  return node ? { node, ...(key ? { key } : {}) } : undefined;
}

/** The scalar's value as the API server would compare it (numbers and strings alike as text). */
export const scalarText = (node: Node): string | undefined => (isScalar(node) ? String(node.value) : undefined);

/**
 * The index into a scalar's value that a source offset falls on (the inverse of
 * scalarValueOffsetToSource), so a finding inside a string (`sleep 60` in a shell command) can be
 * carried to the same characters of the scalar that wrote it.
 */
export function valueIndexAt(source: string, node: Scalar, offset: number): number {
  const text = String(node.value);
  let best = 0;
  // Up to text.length: an offset at the value's end (an exclusive end) is the index past its last character.
  for (let i = 0; i <= text.length; i++) {
    const at = scalarValueOffsetToSource(source, node, i);
    if (at > offset) break;
    best = i;
  }
  return best;
}

/** The source span of the same characters in another scalar with the same value. */
export function sameCharacters(from: { source: string; node: Scalar; start: number; end: number }, to: { source: string; node: Scalar }): { start: number; end: number } {
  const toRange = to.node.range!;
  // The whole scalar stays the whole scalar (quotes included); a part of it, the same characters.
  if (from.start <= from.node.range![0] && from.end >= from.node.range![1]) return { start: toRange[0], end: toRange[1] };
  const startIndex = from.start <= from.node.range![0] ? 0 : valueIndexAt(from.source, from.node, from.start);
  const start = scalarValueOffsetToSource(to.source, to.node, startIndex);
  const end = from.end >= from.node.range![1] ? toRange[1] : scalarValueOffsetToSource(to.source, to.node, valueIndexAt(from.source, from.node, from.end));
  return { start, end: Math.max(start, end) };
}
