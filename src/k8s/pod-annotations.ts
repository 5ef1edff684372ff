/**
 * Annotations of a pod template (`spec.template.metadata.annotations`, or a Pod's own), with their
 * value nodes. Mesh injectors and other admission webhooks read the pod's annotations, not the
 * workload's, so rules about them need these. The workload view keeps only the object's own.
 */
import { isScalar, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { genericTemplatePath, podTemplatePaths } from './kinds.js';
import type { PodView } from './views.js';
import { asMap, entries, getNode } from './yaml-util.js';

export interface Annotation {
  value: string;
  node: Scalar;
}

const cache = new WeakMap<PodView, Map<string, Annotation>>();

export function podAnnotations(pod: PodView): Map<string, Annotation> {
  let out = cache.get(pod);
  if (!out) {
    out = new Map();
    const doc = pod.doc;
    const template = templateOf(doc, pod);
    const annotations = asMap(doc, getNode(doc, asMap(doc, getNode(doc, template, 'metadata')), 'annotations'));
    for (const e of entries(doc, annotations)) {
      if (isScalar(e.value) && e.value.value != null) out.set(e.key, { value: String(e.value.value), node: e.value });
    }
    cache.set(pod, out);
  }
  return out;
}

/** The mapping whose `spec` is the pod spec: the kind's template path, else a short search. */
function templateOf(doc: Document, pod: PodView): YAMLMap | null {
  const root = pod.workload.node;
  let m: YAMLMap | null = root;
  for (const k of podTemplatePaths[pod.workload.kind] ?? genericTemplatePath) m = asMap(doc, getNode(doc, m, k));
  if (m && getNode(doc, m, 'spec') === pod.node) return m;
  // Config-declared template paths: breadth-first over mappings, a few levels deep.
  let level: YAMLMap[] = [root];
  for (let depth = 0; depth < 6 && level.length; depth++) {
    const next: YAMLMap[] = [];
    for (const map of level) {
      if (getNode(doc, map, 'spec') === (pod.node as Node)) return map;
      for (const e of entries(doc, map)) {
        const child = asMap(doc, e.value);
        if (child) next.push(child);
      }
    }
    level = next;
  }
  return null;
}
