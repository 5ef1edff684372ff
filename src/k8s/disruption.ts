/**
 * Disruption budgets and autoscalers: PodDisruptionBudgets and HorizontalPodAutoscalers read from
 * their documents, and the arithmetic of the disruption controller that decides whether a budget
 * ever allows an eviction. Cross-object: the engine indexes these for the whole run (like Services).
 */
import { isScalar, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { objectsOf, spanOf } from './extract.js';
import type { Span, Workload } from './views.js';
import { asMap, getNode, getPair, getString, stringMap } from './yaml-util.js';

/** A budget or scale value as written: a count or a percentage ("50%"). */
export interface BudgetValue {
  value: number | string;
  at: Span;
  /** The key (`minAvailable:`) when written in the budget itself, for a repair that writes the other field in its place. */
  keyAt?: Span;
  /** 1-based line, for messages about a budget in another file. */
  line?: number;
}

export interface PdbView {
  kind: 'PodDisruptionBudget';
  name: string;
  namespace: string | undefined;
  matchLabels: Map<string, string>;
  /** matchExpressions are not evaluated: such a budget is skipped (no certain match). */
  hasExpressions: boolean;
  minAvailable?: BudgetValue;
  maxUnavailable?: BudgetValue;
  filePath: string;
  /** The budget's file holds replicated workloads too: a rendered chart or app, paired within the file only. */
  fileHasWorkloads?: boolean;
}

export interface HpaView {
  kind: 'HorizontalPodAutoscaler';
  name: string;
  namespace: string | undefined;
  targetKind: string;
  targetName: string;
  /** Default 1; `at` is the value, or the `spec:` key when defaulted. */
  minReplicas: { value: number; at: Span; line?: number; defaulted: boolean };
  filePath: string;
}

export const crossObjectKinds: ReadonlySet<string> = new Set(['PodDisruptionBudget', 'HorizontalPodAutoscaler']);

export function disruptionObject(doc: Document, obj: YAMLMap, filePath: string): PdbView | HpaView | null {
  const kind = getString(doc, obj, 'kind');
  const meta = asMap(doc, getNode(doc, obj, 'metadata'));
  const specPair = getPair(obj, 'spec');
  const spec = asMap(doc, specPair?.value);
  if (!spec || !specPair) return null;
  const name = getString(doc, meta, 'name') ?? '';
  const namespace = getString(doc, meta, 'namespace');
  if (kind === 'PodDisruptionBudget') {
    const selector = asMap(doc, getNode(doc, spec, 'selector'));
    const pdb: PdbView = { kind, name, namespace, matchLabels: stringMap(doc, getNode(doc, selector, 'matchLabels')), hasExpressions: getPair(selector, 'matchExpressions') !== undefined, filePath };
    const min = budgetValue(doc, spec, 'minAvailable');
    const max = budgetValue(doc, spec, 'maxUnavailable');
    if (min) pdb.minAvailable = min;
    if (max) pdb.maxUnavailable = max;
    return pdb;
  }
  if (kind === 'HorizontalPodAutoscaler') {
    const target = asMap(doc, getNode(doc, spec, 'scaleTargetRef'));
    const min = budgetValue(doc, spec, 'minReplicas');
    const minReplicas = min && typeof min.value === 'number' ? { value: min.value, at: min.at, defaulted: false } : { value: 1, at: spanOf(specPair.key as Node), defaulted: true };
    return { kind, name, namespace, targetKind: getString(doc, target, 'kind') ?? '', targetName: getString(doc, target, 'name') ?? '', minReplicas, filePath };
  }
  return null;
}

function budgetValue(doc: Document, map: YAMLMap, key: string): BudgetValue | undefined {
  const node = getNode(doc, map, key);
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  const pair = getPair(map, key);
  const keyAt = pair && isScalar(pair.key) ? { keyAt: spanOf(pair.key) } : {};
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { value: v, at: spanOf(node), ...keyAt };
  if (typeof v === 'string' && /^\d+%$/.test(v)) return { value: v, at: spanOf(node), ...keyAt };
  // Anything else (a quoted number, a template) the API server rejects or we cannot read.
  return undefined;
}

/** Kinds whose pod count is `spec.replicas` (default 1); the scale a budget's percentage applies to. */
const replicatedKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Rollout']);

/** The workload's replica count and where it is written (the `spec:` key when defaulted); undefined when not a replica count. */
export function workloadReplicas(w: Workload): { value: number; at: Span; defaulted: boolean } | undefined {
  if (!replicatedKinds.has(w.kind)) return undefined;
  const doc = w.doc;
  const specPair = getPair(w.node, 'spec');
  const node = getNode(doc, asMap(doc, specPair?.value), 'replicas');
  if (node === null) return { value: 1, at: specPair ? spanOf(specPair.key as Node) : w.kindAt, defaulted: true };
  const v = isScalar(node) ? node.value : undefined;
  // A template or a wrong type: the count is not known here.
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? { value: v, at: spanOf(node), defaulted: false } : undefined;
}

/**
 * Evictions the budget allows when all `pods` replicas are healthy, as the disruption controller
 * computes them: percentages are scaled to the replica count and rounded up (for both fields);
 * maxUnavailable allows its scaled value; minAvailable allows pods - desired healthy.
 */
export function allowedDisruptions(pdb: PdbView, pods: number): number | undefined {
  const scaled = (v: number | string) => (typeof v === 'number' ? v : Math.ceil((Number(v.slice(0, -1)) * pods) / 100));
  if (pdb.maxUnavailable) return Math.min(scaled(pdb.maxUnavailable.value), pods);
  if (pdb.minAvailable) return Math.max(0, pods - scaled(pdb.minAvailable.value));
  return undefined;
}

/** A replicated workload's document in a file's text (a cheap test, before any parse). */
export function hasReplicatedWorkload(text: string): boolean {
  return /^kind:[ \t]*["']?(?:Deployment|StatefulSet|ReplicaSet|ReplicationController|Rollout)["']?[ \t]*$/m.test(text);
}

/**
 * The budgets among `nearby` that select the workload, leaving out what looks like alternative
 * renderings of one chart (golden test outputs, per-environment copies): a budget whose name and
 * namespace occur more than once nearby, and a budget from another file that has its own workloads.
 */
export function budgetsFor(nearby: readonly PdbView[], w: Workload): PdbView[] {
  const seen = new Map<string, number>();
  const id = (p: PdbView) => `${p.namespace ?? ''}/${p.name}`;
  for (const p of nearby) seen.set(id(p), (seen.get(id(p)) ?? 0) + 1);
  return nearby.filter((p) => seen.get(id(p)) === 1 && (p.filePath === w.filePath || !p.fileHasWorkloads) && pdbSelects(p, w));
}

export function pdbSelects(pdb: PdbView, w: Workload): boolean {
  // Same namespace, as written: an object without one lands wherever it is applied, so only equal counts.
  if (pdb.namespace !== w.namespace) return false;
  // An empty selector matches every pod of the namespace in policy/v1: too broad to be certain here.
  if (pdb.hasExpressions || pdb.matchLabels.size === 0) return false;
  for (const [k, v] of pdb.matchLabels) if (w.pod.labels.get(k) !== v) return false;
  return true;
}

export function hpaTargets(hpa: HpaView, w: Workload): boolean {
  if (hpa.namespace !== w.namespace) return false;
  return hpa.targetKind === w.kind && hpa.targetName === w.name && w.name !== '';
}

/** The budgets and autoscalers of a document (its root object or the items of a List). */
export function crossObjectsOf(doc: Document, filePath: string): (PdbView | HpaView)[] {
  return objectsOf(doc, doc.contents as Node | null).flatMap((obj) => disruptionObject(doc, obj, filePath) ?? []);
}
