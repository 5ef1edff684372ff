/**
 * Merge keys (`<<: *base`, `<<: [*a, *b]`), resolved as Kubernetes' decoder (go-yaml v2) resolves
 * them: the merged maps' entries are added to the map unless the map sets the key itself; in a
 * list, an earlier map wins over a later one. The `yaml` library reads YAML 1.2, where `<<` is an
 * ordinary key, so without this a container built from `- <<: *base` had no fields and no findings.
 *
 * The AST is rewritten once after parsing: the `<<` pair is replaced by the merged pairs
 * themselves (the same Pair objects as in the base map), so every value keeps the node and the
 * position where it is written. Runs after the alias check, which rejects cycles and alias bombs.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Document, type Pair, type YAMLMap } from 'yaml';
import { deref, scalarText } from './yaml-util.js';

const isMergeKey = (key: unknown) => isScalar(key) && key.type === 'PLAIN' && key.source === '<<' && key.tag === undefined;

const keyName = (key: unknown): string | undefined => (isScalar(key) ? scalarText(key.value) : undefined);

export function resolveMergeKeys(doc: Document, text: string): void {
  const [start, , end] = doc.range ?? [0, 0, 0];
  if (!text.slice(start, end).includes('<<')) return;
  const done = new Set<YAMLMap>();
  const resolving = new Set<YAMLMap>();

  const resolveMap = (map: YAMLMap): void => {
    if (done.has(map) || resolving.has(map)) return;
    resolving.add(map);
    const merged: Pair[] = [];
    const own = new Set<string>();
    let hasMerge = false;
    for (const item of map.items) {
      if (!isPair(item)) continue;
      if (isMergeKey(item.key)) hasMerge = true;
      else {
        const k = keyName(item.key);
        if (k !== undefined) own.add(k);
      }
    }
    if (hasMerge) {
      const out: unknown[] = [];
      for (const item of map.items) {
        if (!isPair(item) || !isMergeKey(item.key)) {
          out.push(item);
          continue;
        }
        for (const source of mergeSources(doc, item.value)) {
          resolveMap(source);
          for (const pair of source.items) {
            const k = isPair(pair) ? keyName(pair.key) : undefined;
            if (k === undefined || own.has(k)) continue;
            own.add(k); // an earlier source wins over a later one
            merged.push(pair as Pair);
            out.push(pair);
          }
        }
      }
      map.items = out as typeof map.items;
    }
    resolving.delete(map);
    done.add(map);
  };

  visit(doc, {
    Map(_, node) {
      resolveMap(node);
    },
  });
}

/** The maps a merge key's value names: a map, or a list of maps (aliases followed). */
function mergeSources(doc: Document, value: unknown): YAMLMap[] {
  const node = deref(doc, value);
  if (isMap(node)) return [node];
  if (isSeq(node)) return node.items.map((i) => deref(doc, i)).filter((n): n is YAMLMap => isMap(n) && !isAlias(n));
  return [];
}
