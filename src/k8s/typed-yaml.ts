/**
 * YAML mappings read as a Kubernetes type: `Obj<T>` is a YAMLMap tagged (at compile time only)
 * with the type it holds, and the accessors here take only keys of that type. A misspelt field
 * name in extraction is a compile error; at run time these are the plain yaml-util lookups.
 */
import type { Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { asMap, getNode, getPair, getString, seqItems } from './yaml-util.js';

declare const shape: unique symbol;
export type Obj<T> = YAMLMap & { readonly [shape]?: T };
export type KeyOf<T> = Extract<keyof T, string>;
/** The type a key holds: the element type for a list. */
export type Inner<V> = NonNullable<V> extends readonly (infer E)[] ? NonNullable<E> : NonNullable<V>;

/** `node` (aliases resolved) as a mapping of type T, or null when it is not a mapping. */
export function obj<T>(doc: Document, node: unknown): Obj<T> | null {
  return asMap(doc, node) as Obj<T> | null;
}

export function pairOf<T>(map: Obj<T> | null, key: KeyOf<T>): Pair<Scalar, unknown> | undefined {
  return getPair(map, key);
}

export function nodeOf<T>(doc: Document, map: Obj<T> | null, key: KeyOf<T>): Node | null {
  return getNode(doc, map, key);
}

export function stringOf<T>(doc: Document, map: Obj<T> | null, key: KeyOf<T>): string | undefined {
  return getString(doc, map, key);
}

/** The mapping under `key`, typed as what the key holds. */
export function childOf<T, K extends KeyOf<T>>(doc: Document, map: Obj<T> | null, key: K): Obj<Inner<T[K]>> | null {
  return obj<Inner<T[K]>>(doc, getNode(doc, map, key));
}

/** The items of the list under `key` (aliases resolved). */
export function itemsOf<T>(doc: Document, map: Obj<T> | null, key: KeyOf<T>): Node[] {
  return seqItems(doc, getNode(doc, map, key));
}

/** The mapping items of the list under `key`, typed as its elements. */
export function mapsOf<T, K extends KeyOf<T>>(doc: Document, map: Obj<T> | null, key: K): (Obj<Inner<T[K]>> | null)[] {
  return itemsOf(doc, map, key).map((n) => obj<Inner<T[K]>>(doc, n));
}
