/**
 * Kustomize source map: a node of `kustomize build` output → the base or patch line that wrote
 * it. The build applies resources first, then components, then patches, overlay after base; the
 * source documents are kept in that order, and the last one that writes the rendered value wins
 * (a patch over its base). An earlier document that writes the same field is the related location
 * ("the base said 60 here"). List items are matched by `name`, as strategic merge does. A JSON
 * 6902 operation writes its `value` at its `path`; a patch written inside the kustomization file
 * maps to its characters there (kustomize-patches.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { kustomizationFile, kustomizationRefs } from './plan.js';
import type { SourceSpan } from './helm-source-map.js';
import { kustomizationPatches, type JsonPatchOperation, type PatchTarget, type PatchText } from './kustomize-patches.js';
import { sameCharacters, scalarText, type LocatedNode, type PathStep } from './yaml-path.js';

interface SourceDocument extends PatchText {
  /** A strategic-merge document (a resource or patch); absent for JSON 6902 operations. */
  doc?: Document;
  operations?: JsonPatchOperation[];
  kind?: string;
  name?: string;
  /** A patch's target: the objects it applies to, whatever its own metadata says. */
  target?: PatchTarget;
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
  for (const role of ['resource', 'component'] as const) {
    for (const ref of refs.filter((r) => r.role === role)) {
      const p = resolve(dir, ref.path);
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch {
        out.push(...kustomizationDocuments(p, seen)); // a folder: another kustomization
        continue;
      }
      for (const doc of parseAllDocuments(text)) if ('contents' in doc) out.push(strategicMerge({ filePath: p, text }, doc as Document, false));
    }
  }
  for (const patch of kustomizationPatches(file)) {
    if ('operations' in patch) out.push({ ...patch, patch: true });
    else for (const doc of patch.docs) out.push(strategicMerge(patch, doc, true));
  }
  return out;
}

function strategicMerge(at: PatchText & { target?: PatchTarget }, doc: Document, patch: boolean): SourceDocument {
  const js = isMap(doc.contents) ? doc.contents : undefined;
  const meta = js?.get('metadata', true);
  return { ...at, doc, kind: scalarText(js?.get('kind', true) as Node) ?? undefined, name: isMap(meta) ? scalarText(meta.get('name', true) as Node) : undefined, patch };
}

/** True when a source document writes the rendered object of this kind and name. */
function writesObject(s: SourceDocument, kind: string | undefined, name: string | undefined): boolean {
  // namePrefix / nameSuffix change the name: a source document's name is contained in the built one.
  const named = (n: string | undefined) => n !== undefined && name !== undefined && name.includes(n);
  if (s.target) return (s.target.kind === undefined || s.target.kind === kind) && (s.target.name === undefined || named(s.target.name));
  return s.kind === kind && named(s.name);
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
  const writers: { source: SourceDocument; node: Node; key?: Node }[] = [];
  for (const source of sources.filter((s) => writesObject(s, kind, name))) {
    const found = source.operations ? followOperations(root, rendered.located.path, source.operations) : source.doc && follow(root, rendered.located.path, source.doc.contents as Node | null);
    if (found) writers.push({ source, ...found });
  }
  const node = rendered.located.node;
  const spanOf = (w: (typeof writers)[number]): SourceSpan => {
    const target = rendered.located.isKey ? (w.key ?? w.node) : w.node;
    const r = target.range ?? [0, 0];
    const span = isScalar(node) && isScalar(target) && !rendered.located.isKey ? sameCharacters({ source: rendered.source, node, start: rendered.start, end: rendered.end }, { source: w.source.text, node: target }) : { start: r[0], end: r[1] };
    const inFile = w.source.inFile;
    if (!inFile) return { filePath: w.source.filePath, text: w.source.text, certain: true, node: target, ...span };
    // Inside a string of the kustomization file: its characters there; an edit of it can only replace a scalar.
    return { filePath: w.source.filePath, text: inFile.text, certain: true, embedded: true, start: inFile.offset(span.start), end: inFile.offset(span.end) };
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
function follow(renderedRoot: Node | null, path: readonly PathStep[], sourceRoot: Node | null): { node: Node; key?: Node } | undefined {
  let r = renderedRoot;
  let s = sourceRoot;
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

/**
 * The node the last JSON 6902 operation writing at or above the rendered path put there: its
 * `value`, followed below the operation's path (or its `path:` scalar for the key itself).
 */
function followOperations(renderedRoot: Node | null, path: readonly PathStep[], operations: readonly JsonPatchOperation[]): { node: Node; key?: Node } | undefined {
  let found: { node: Node; key?: Node } | undefined;
  for (const op of operations) {
    const at = pointerTarget(renderedRoot, op.tokens, path);
    if (!at) continue;
    const written = op.tokens.length === path.length ? { node: op.value, key: op.pathNode } : follow(at, path.slice(op.tokens.length), op.value);
    if (written) found = written;
  }
  return found;
}

/** The rendered node a JSON pointer names, when it lies on `path` (`-`, an append, as the list's last item). */
function pointerTarget(root: Node | null, tokens: readonly string[], path: readonly PathStep[]): Node | null | undefined {
  if (tokens.length > path.length) return undefined;
  let r = root;
  for (let i = 0; i < tokens.length; i++) {
    const step = path[i]!;
    if (typeof step === 'number') {
      if (!isSeq(r) || (tokens[i] !== String(step) && !(tokens[i] === '-' && step === r.items.length - 1))) return undefined;
      r = r.items[step] as Node | null;
    } else {
      if (!isMap(r) || tokens[i] !== step) return undefined;
      r = r.get(step, true) as Node | null;
    }
  }
  return r;
}
