/**
 * The patches a kustomization file applies, in the order its build applies them, as the source
 * map reads them: strategic-merge documents (in a file, or written inline: `patches: - patch: |-`,
 * `patchesStrategicMerge: - |-`) and JSON 6902 operations (`op`/`path`/`value`, in a file or
 * inline, under `patches` or `patchesJson6902`), each with the target it names. A patch written
 * inside the kustomization keeps its own text for parsing and a map from its offsets to those of
 * the kustomization file, so a finding lands on the characters the user wrote there.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node, type Scalar } from 'yaml';
import { scalarValueOffsetToSource } from '../analysis/scalar-offset.js';
import { scalarText } from './yaml-path.js';

/** The objects a patch applies to (kustomize's `target`); only kind and name are compared. */
export interface PatchTarget {
  kind?: string;
  name?: string;
}

/** One JSON 6902 operation that writes a value (`add`, `replace`). */
export interface JsonPatchOperation {
  /** The JSON pointer's reference tokens, unescaped (`~1` is `/`). */
  tokens: string[];
  /** The `path:` scalar (where a finding on the patched key itself points). */
  pathNode: Node;
  value: Node;
}

/** Where a patch's text is: a file of its own, or a string inside the kustomization file. */
export interface PatchText {
  filePath: string;
  /** The text the parsed nodes' ranges are offsets into. */
  text: string;
  /** For a patch written inside the kustomization file: that file's text and the offset map into it. */
  inFile?: { text: string; offset: (index: number) => number };
}

export type KustomizePatch = PatchText & { target?: PatchTarget } & ({ docs: Document[] } | { operations: JsonPatchOperation[] });

export function kustomizationPatches(file: string): KustomizePatch[] {
  let fileText: string;
  try {
    fileText = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const root = parseDocument(fileText).contents;
  if (!isMap(root)) return [];
  const list = (key: string): Node[] => {
    const v = root.get(key, true);
    return isSeq(v) ? (v.items as Node[]) : [];
  };
  const dir = resolve(file, '..');
  const out: KustomizePatch[] = [];
  const add = (text: PatchText | undefined, target: PatchTarget | undefined, json6902?: boolean) => {
    const patch = text && readPatch(text, target, json6902);
    if (patch) out.push(patch);
  };
  const fromFile = (path: Node | undefined): PatchText | undefined => {
    const p = path && scalarText(path);
    if (p === undefined) return undefined;
    try {
      const filePath = resolve(dir, p);
      return { filePath, text: readFileSync(filePath, 'utf8') };
    } catch {
      return undefined; // missing or remote: the build says so
    }
  };
  const inline = (node: Node | undefined): PatchText | undefined =>
    isScalar(node) && typeof node.value === 'string' ? { filePath: file, text: node.value, inFile: { text: fileText, offset: (i) => scalarValueOffsetToSource(fileText, node as Scalar, i) } } : undefined;

  // kustomize applies patchesStrategicMerge, then patches, then patchesJson6902.
  for (const item of list('patchesStrategicMerge')) {
    const s = scalarText(item);
    add(s !== undefined && s.includes('\n') ? inline(item) : fromFile(item), undefined, false);
  }
  for (const item of list('patches')) {
    if (!isMap(item)) continue;
    const text = item.has('patch') ? inline(item.get('patch', true) as Node) : fromFile(item.get('path', true) as Node);
    add(text, targetOf(item.get('target', true) as Node));
  }
  for (const item of list('patchesJson6902')) {
    if (!isMap(item)) continue;
    const text = item.has('patch') ? inline(item.get('patch', true) as Node) : fromFile(item.get('path', true) as Node);
    add(text, targetOf(item.get('target', true) as Node), true);
  }
  return out;
}

function targetOf(node: Node | undefined): PatchTarget | undefined {
  if (!isMap(node)) return undefined;
  const field = (key: string) => scalarText(node.get(key, true) as Node);
  return { kind: field('kind'), name: field('name') };
}

/** A patch's documents, or its operations when it is a JSON 6902 list (as kustomize tells them apart). */
function readPatch(text: PatchText, target: PatchTarget | undefined, json6902?: boolean): KustomizePatch | undefined {
  const docs = parseAllDocuments(text.text).filter((d): d is Document.Parsed => 'contents' in d && !!d.contents);
  if (!docs.length) return undefined;
  const first = docs[0]!.contents;
  if (json6902 === true || (json6902 === undefined && isSeq(first))) {
    if (!isSeq(first)) return undefined;
    return { ...text, ...(target ? { target } : {}), operations: first.items.flatMap((op) => operation(op as Node)) };
  }
  return { ...text, ...(target ? { target } : {}), docs };
}

function operation(node: Node): JsonPatchOperation[] {
  if (!isMap(node)) return [];
  const op = scalarText(node.get('op', true) as Node);
  const pathNode = node.get('path', true) as Node | undefined;
  const value = node.get('value', true) as Node | undefined;
  const path = pathNode && scalarText(pathNode);
  // remove, move, copy and test write no value of their own.
  if ((op !== 'add' && op !== 'replace') || !pathNode || !value || path === undefined || !path.startsWith('/')) return [];
  return [{ tokens: path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')), pathNode, value }];
}
