/**
 * Kustomize source map: a node of `kustomize build` output → the base or patch line that wrote
 * it. The build applies resources first, then components, then patches, overlay after base; the
 * source documents are kept in that order, and the last one that writes the rendered value wins
 * (a patch over its base). An earlier document that writes the same field is the related location
 * ("the base said 60 here"). List items are matched by `name`, as strategic merge does.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { kustomizationFile, kustomizationRefs } from './plan.js';
import type { SourceSpan } from './helm-source-map.js';
import { sameCharacters, scalarText, type LocatedNode, type PathStep } from './yaml-path.js';

interface SourceDocument {
  filePath: string;
  text: string;
  doc: Document;
  kind?: string;
  name?: string;
  patch: boolean;
}

/** The documents a kustomization's build reads, in the order the build applies them. */
export function kustomizationDocuments(dir: string, seen = new Set<string>()): SourceDocument[] {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const file = kustomizationFile(dir);
  if (!file) return [];
  const out: SourceDocument[] = [];
  const refs = kustomizationRefs(file);
  for (const role of ['resource', 'component', 'patch'] as const) {
    for (const ref of refs.filter((r) => r.role === role)) {
      const p = resolve(dir, ref.path);
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch {
        out.push(...kustomizationDocuments(p, seen)); // a folder: another kustomization
        continue;
      }
      for (const doc of parseAllDocuments(text)) {
        if (!('contents' in doc)) continue;
        const js = isMap(doc.contents) ? doc.contents : undefined;
        const meta = js?.get('metadata', true);
        out.push({
          filePath: p,
          text,
          doc: doc as Document,
          kind: scalarText(js?.get('kind', true) as Node) ?? undefined,
          name: isMap(meta) ? scalarText(meta.get('name', true) as Node) : undefined,
          patch: role === 'patch',
        });
      }
    }
  }
  return out;
}

export interface KustomizeMapping {
  winner: SourceSpan;
  /** Earlier documents writing the same field (the base a patch overrides). */
  overridden: SourceSpan[];
}

export function mapKustomizeNode(sources: readonly SourceDocument[], renderedDoc: Document, rendered: { located: LocatedNode; source: string; start: number; end: number }): KustomizeMapping | undefined {
  const root = renderedDoc.contents;
  if (!isMap(root)) return undefined;
  const kind = scalarText(root.get('kind', true) as Node);
  const meta = root.get('metadata', true);
  const name = isMap(meta) ? scalarText(meta.get('name', true) as Node) : undefined;
  // namePrefix / nameSuffix change the name: a source document's name is contained in the built one.
  const candidates = sources.filter((s) => s.kind === kind && s.name !== undefined && name !== undefined && name.includes(s.name));
  const writers: { source: SourceDocument; node: Node; key?: Node }[] = [];
  for (const source of candidates) {
    const found = follow(renderedDoc, rendered.located.path, source.doc);
    if (found) writers.push({ source, ...found });
  }
  const node = rendered.located.node;
  const spanOf = (w: (typeof writers)[number]): SourceSpan => {
    const target = rendered.located.isKey ? (w.key ?? w.node) : w.node;
    const r = target.range ?? [0, 0];
    const base = { filePath: w.source.filePath, text: w.source.text, certain: true, node: target };
    if (isScalar(node) && isScalar(target) && !rendered.located.isKey) return { ...base, ...sameCharacters({ source: rendered.source, node, start: rendered.start, end: rendered.end }, { source: w.source.text, node: target }) };
    return { ...base, start: r[0], end: r[1] };
  };
  const same = (w: (typeof writers)[number]) => rendered.located.isKey || !isScalar(node) || scalarText(w.node) === scalarText(node);
  for (let i = writers.length - 1; i >= 0; i--) {
    if (!same(writers[i]!)) continue;
    return { winner: spanOf(writers[i]!), overridden: writers.filter((w, j) => j !== i && w.source.filePath !== writers[i]!.source.filePath).map(spanOf) };
  }
  return undefined;
}

/**
 * The node at the rendered path in a source document, stepping through lists by the item's
 * `name` when it has one (strategic merge keys containers, env, volumes by name), else by index.
 */
function follow(renderedDoc: Document, path: readonly PathStep[], sourceDoc: Document): { node: Node; key?: Node } | undefined {
  let r = renderedDoc.contents as Node | null;
  let s = sourceDoc.contents as Node | null;
  let key: Node | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(r) || !isSeq(s)) return undefined;
      const item = r.items[step] as Node | null;
      const itemName = isMap(item) ? scalarText(item.get('name', true) as Node) : undefined;
      const match = itemName !== undefined ? s.items.find((x) => isMap(x) && scalarText(x.get('name', true) as Node) === itemName) : s.items[step];
      r = item;
      s = (match as Node | undefined) ?? null;
      key = undefined;
    } else {
      if (!isMap(r) || !isMap(s)) return undefined;
      r = r.get(step, true) as Node | null;
      const pair = s.items.find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair) return undefined;
      s = pair.value as Node | null;
      key = pair.key as Node;
    }
    if (!s) return key ? { node: key, key } : undefined;
  }
  return s ? { node: s, ...(key ? { key } : {}) } : undefined;
}
