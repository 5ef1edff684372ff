/**
 * Annotations of a pod template (`spec.template.metadata.annotations`, or a Pod's own), with their
 * value nodes. Mesh injectors and other admission webhooks read the pod's annotations, not the
 * workload's, so rules about them need these (extraction keeps the mapping as `pod.annotationsNode`).
 */
import { isScalar, type Scalar } from 'yaml';
import type { PodView } from './views.js';
import { asMap, entries, scalarText } from './yaml-util.js';

export interface Annotation {
  value: string;
  node: Scalar;
}

const cache = new WeakMap<PodView, Map<string, Annotation>>();

export function podAnnotations(pod: PodView): Map<string, Annotation> {
  let out = cache.get(pod);
  if (!out) {
    out = new Map();
    for (const e of entries(pod.doc, asMap(pod.doc, pod.annotationsNode))) {
      const value = isScalar(e.value) ? scalarText(e.value.value) : undefined;
      if (value !== undefined) out.set(e.key, { value, node: e.value as Scalar });
    }
    cache.set(pod, out);
  }
  return out;
}
