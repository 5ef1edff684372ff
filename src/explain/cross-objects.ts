/**
 * What acts on a pod's termination from outside its containers, for the explain model: the mesh
 * proxy's drain (pod annotations), the spot notice (placement), the load balancers that keep
 * draining it (Ingress / Service / BackendConfig, through the cross-object index) and the
 * disruption budgets that select it. Each comes from the view or index the rules use
 * (mesh-drain-exceeds-grace-period, termination-exceeds-spot-notice, pdb-blocks-eviction), so the
 * drawing and the findings agree.
 */
import { toSpan } from '../engine/positions.js';
import type { LineIndex } from '../engine/line-index.js';
import { allowedDisruptions, workloadReplicas, type HpaView, type PdbView } from '../k8s/disruption.js';
import type { LoadBalancerDrain } from '../k8s/load-balancers.js';
import { proxyDrains } from '../k8s/mesh.js';
import type { Workload } from '../k8s/views.js';
import { spotPlacement } from '../runtime/spot-profiles.js';
import type { ExplainBudget, ExplainLoadBalancer, ExplainProxyDrain, ExplainSpotNotice } from './model.js';

/** The cross objects of the run that concern one workload (collect.ts asks the engine's index). */
export interface ExplainContext {
  budgets: readonly PdbView[];
  autoscalers: readonly HpaView[];
  loadBalancers: readonly LoadBalancerDrain[];
  /** The display path of a file (another file's budget or Ingress). */
  display: (filePath: string) => string;
}

export function proxyDrainsOf(w: Workload, lc: LineIndex): ExplainProxyDrain[] {
  return proxyDrains(w.pod).map((d) => {
    const at = lc.linePos(d.at.start);
    return { mesh: d.mesh, setting: d.setting, seconds: d.seconds, text: d.text, line: at.line, column: at.col, exitOnZeroConnections: d.exitOnZeroConnections };
  });
}

export function spotNoticeOf(w: Workload, lc: LineIndex): ExplainSpotNotice | null {
  const spot = spotPlacement(w.pod);
  if (!spot) return null;
  const first = spot.evidence[0];
  return {
    platform: spot.profile.name,
    title: spot.profile.title,
    seconds: spot.profile.seconds,
    line: first ? lc.linePos(toSpan(first.at).start).line : lc.linePos(w.pod.specAt.start).line,
  };
}

/** Where the proxy drain and the spot placement are written: findings there belong on their rows. */
export function outsideRanges(w: Workload): { phase: 'proxyDrain' | 'spotNotice'; range: [number, number] }[] {
  const drains = proxyDrains(w.pod).map((d) => ({ phase: 'proxyDrain' as const, range: [d.at.start, Math.max(d.at.end, d.at.start + 1)] as [number, number] }));
  const spot = (spotPlacement(w.pod)?.evidence ?? []).map((e) => {
    const span = toSpan(e.at);
    return { phase: 'spotNotice' as const, range: [span.start, Math.max(span.end, span.start + 1)] as [number, number] };
  });
  return [...drains, ...spot];
}

export function budgetsOf(w: Workload, context: ExplainContext | undefined): ExplainBudget[] {
  if (!context || context.budgets.length === 0) return [];
  const replicas = workloadReplicas(w);
  // As pdb-blocks-eviction counts: an autoscaler owns the replica count, and at its minimum the budget decides.
  const hpa = context.autoscalers[0];
  const pods = hpa ? hpa.minReplicas.value : (replicas?.value ?? null);
  return context.budgets.map((pdb) => ({
    name: pdb.name,
    file: context.display(pdb.filePath),
    line: (pdb.minAvailable ?? pdb.maxUnavailable)?.line ?? null,
    minAvailable: pdb.minAvailable?.value ?? null,
    maxUnavailable: pdb.maxUnavailable?.value ?? null,
    pods,
    podsFrom: pods === null ? null : hpa ? 'autoscaler' : 'replicas',
    disruptionsAllowed: pods === null ? null : (allowedDisruptions(pdb, pods) ?? null),
  }));
}

export function loadBalancersOf(context: ExplainContext | undefined): ExplainLoadBalancer[] {
  return (context?.loadBalancers ?? []).map((lb) => ({
    kind: lb.kind,
    via: { kind: lb.via.kind, name: lb.via.name, file: context!.display(lb.via.filePath), line: lb.via.line ?? null },
    service: lb.service,
    seconds: lb.seconds,
    defaulted: lb.defaulted,
  }));
}
