/**
 * Controller-level fields a few rules read from a workload's own `spec` (not the pod template's):
 * a rolling update's maxUnavailable / maxSurge, and a CronJob's startingDeadlineSeconds. Each comes
 * with the span of the written value. Only written values: the rules here judge what is written.
 */
import { isScalar, type Node } from 'yaml';
import { spanOf } from './extract.js';
import type { Span, Workload } from './views.js';
import { asMap, getNode } from './yaml-util.js';

export interface WrittenValue<T> {
  value: T;
  at: Span;
}

function written(w: Workload, path: readonly string[]): Node | null {
  let map = asMap(w.doc, w.node);
  for (const key of path.slice(0, -1)) map = asMap(w.doc, getNode(w.doc, map, key));
  return getNode(w.doc, map, path[path.length - 1]!);
}

/** An int-or-percent value ("25%", 1), when written as one. */
export function intOrPercent(w: Workload, path: readonly string[]): WrittenValue<number | string> | undefined {
  const node = written(w, path);
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if ((typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+%$/.test(v))) return { value: v, at: spanOf(node) };
  return undefined;
}

export function integer(w: Workload, path: readonly string[]): WrittenValue<number> | undefined {
  const node = written(w, path);
  return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? { value: node.value, at: spanOf(node) } : undefined;
}

/** Where each kind keeps its rolling update, and the API server's defaults for the two fields. */
export const rollingUpdates: Readonly<Record<string, { path: readonly string[]; typePath: readonly string[]; defaults: { maxUnavailable: number | string; maxSurge: number | string } }>> = {
  Deployment: { path: ['spec', 'strategy', 'rollingUpdate'], typePath: ['spec', 'strategy', 'type'], defaults: { maxUnavailable: '25%', maxSurge: '25%' } },
  DaemonSet: { path: ['spec', 'updateStrategy', 'rollingUpdate'], typePath: ['spec', 'updateStrategy', 'type'], defaults: { maxUnavailable: 1, maxSurge: 0 } },
};

/** "0", 0 and "0%" are zero; validation compares the values as written, before scaling. */
export const isZero = (v: number | string): boolean => v === 0 || v === '0%';

export function text(w: Workload, path: readonly string[]): WrittenValue<string> | undefined {
  const node = written(w, path);
  return isScalar(node) && typeof node.value === 'string' ? { value: node.value, at: spanOf(node) } : undefined;
}
