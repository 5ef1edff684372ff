/**
 * "Same objects except the fixed fields": the places where the objects of a fixed text differ from
 * the original's, each checked against the ranges of the fixes applied. A fix may change what it
 * points into (a value, an entry it removes, the mapping it adds a key to); any other difference
 * in what the YAML means is reported, however the bytes moved.
 */
import { parseAllDocuments, type Document, type Node } from 'yaml';

export type ObjectPath = (string | number)[];

export interface FixedFieldsReport {
  /** Every path where an object of the fixed text differs from the original's, as `doc#/a/b`. */
  changed: string[];
  /** The changed paths no fix range reaches (empty when only fixed fields changed). */
  outside: string[];
}

/** The paths where two JSON-like values differ: a key added, removed or changed, a list of another length, an item changed. */
export function differingPaths(a: unknown, b: unknown, path: ObjectPath = []): ObjectPath[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path];
    return a.flatMap((x, i) => differingPaths(x, b[i], [...path, i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => (Object.hasOwn(a, k) && Object.hasOwn(b, k) ? differingPaths(a[k], b[k], [...path, k]) : [[...path, k]]));
  }
  return [path];
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Compare the documents of `text` and `output`; `ranges` are the fixes' [start, end) offsets in `text`. */
export function fixedFields(text: string, output: string, ranges: readonly (readonly [number, number])[]): FixedFieldsReport {
  const before = parseAllDocuments(text, { uniqueKeys: false }) as Document[];
  const after = parseAllDocuments(output, { uniqueKeys: false }) as Document[];
  if (before.length !== after.length) return { changed: ['documents'], outside: ['documents'] };
  const changed: string[] = [];
  const outside: string[] = [];
  before.forEach((doc, i) => {
    for (const path of differingPaths(toJS(doc), toJS(after[i]!))) {
      const name = `${i}#/${path.join('/')}`;
      changed.push(name);
      const node = deepestWritten(doc, path);
      const reached = node?.range !== undefined && node.range !== null && ranges.some(([s, e]) => s <= node.range![1] && node.range![0] <= e);
      if (!reached) outside.push(name);
    }
  });
  return { changed, outside };
}

function toJS(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch {
    return { unreadable: String(doc) };
  }
}

/** The node at `path`, or at the longest prefix of it that is written (where an added key goes). */
function deepestWritten(doc: Document, path: ObjectPath): Node | undefined {
  for (let k = path.length; k > 0; k--) {
    const node = doc.getIn(path.slice(0, k), true) as Node | undefined;
    if (node) return node;
  }
  return (doc.contents as Node | null) ?? undefined;
}
