/**
 * Termination rows for what acts on the pod from outside its containers: the mesh proxy's drain,
 * the load balancers that keep draining the pod, and the spot notice's deadline. Times count from
 * the delete request, like the rest of the chart; a drain starts there at the earliest (a classic
 * sidecar proxy gets SIGTERM then, and a load balancer controller deregisters the pod once its
 * endpoint is terminating).
 */
import { secs, type BarRow, type Mark, type Segment } from './chart.js';
import type { ExplainFinding, ExplainLoadBalancer, ExplainProxyDrain, ExplainWorkload, FindingPhase } from './model.js';

const lbLabel: Record<ExplainLoadBalancer['kind'], string> = { alb: 'ALB', nlb: 'NLB', gke: 'GCLB' };
const lbSetting: Record<ExplainLoadBalancer['kind'], string> = { alb: 'deregistration delay', nlb: 'deregistration delay', gke: 'connection draining' };

/**
 * A drain of `seconds` from 0: what the grace period leaves it, and the rest drawn as cut (to the
 * edge when it reaches past `cap`, so a 300 s default does not squash the chart).
 */
function drainBar(seconds: number, grace: number, cap: number): { segments: Segment[]; marks: Mark[]; span: number } {
  if (seconds === 0) return { segments: [], marks: [{ at: 0, kind: 'instant' }], span: 0 };
  const kept = Math.min(seconds, grace);
  const segments: Segment[] = kept > 0 ? [{ from: 0, to: kept, style: 'drain' }] : [];
  if (seconds <= grace) return { segments, marks: [], span: seconds };
  if (seconds > cap) return { segments: [...segments, { from: grace, to: 'end', style: 'cut' }], marks: [{ at: 'end', kind: 'more' }], span: 0 };
  return { segments: [...segments, { from: grace, to: seconds, style: 'cut' }], marks: [], span: seconds };
}

function proxyRow(d: ExplainProxyDrain, grace: number, cap: number): { row: BarRow; span: number } {
  const bar = drainBar(d.seconds, grace, cap);
  const what = d.mesh === 'istio' ? `Istio terminationDrainDuration ${d.text}` : `Linkerd proxy waits ${secs(d.seconds)} before exit`;
  const until = d.exitOnZeroConnections ? ' (or until no connection is left)' : '';
  const cut = d.seconds >= grace && grace > 0 ? `, cut at ${secs(grace)}` : '';
  return { row: { type: 'bar', label: 'proxy', container: null, phase: 'proxyDrain', segments: bar.segments, marks: bar.marks, note: `${what}${until} (line ${d.line})${cut}`, refs: [] }, span: bar.span };
}

function loadBalancerRow(lb: ExplainLoadBalancer, file: string, lastKill: number, cap: number): { row: BarRow; span: number } {
  // A load balancer drains for its own time, however long the pod lives: drawn whole (to the
  // edge past the cap); the note says when the pod is gone.
  const beyond = lb.seconds > cap;
  const segments: Segment[] = lb.seconds === 0 ? [] : [{ from: 0, to: beyond ? 'end' : lb.seconds, style: 'drain' }];
  const marks: Mark[] = lb.seconds === 0 ? [{ at: 0, kind: 'instant' }] : beyond ? [{ at: 'end', kind: 'more' }] : [];
  const where = lb.via.line === null ? '' : lb.via.file === file ? `, line ${lb.via.line}` : `, ${lb.via.file}:${lb.via.line}`;
  const via = `${lb.via.kind} ${lb.via.name}${where}`;
  const gone = lb.seconds > lastKill ? `; the pod is gone by ${secs(lastKill)}` : '';
  const note = `${lbSetting[lb.kind]} ${secs(lb.seconds)}${lb.defaulted ? ' (default)' : ''} (${via})${gone}`;
  return { row: { type: 'bar', label: lbLabel[lb.kind], container: null, phase: 'loadBalancer', segments, marks, note, refs: [] }, span: beyond ? 0 : lb.seconds };
}

/** `refsFor(phase)`: the chart's findings of that phase not yet placed on a row. */
export function outsideRows(w: ExplainWorkload, cap: number, refsFor: (phase: FindingPhase) => ExplainFinding[]): { rows: BarRow[]; span: number } {
  const t = w.termination;
  const G = t.gracePeriodSeconds;
  const lastKill = t.containers.reduce((m, c) => Math.max(m, c.sigkillAt), 0);
  const rows: BarRow[] = [];
  let span = 0;
  const add = (r: { row: BarRow; span: number }) => {
    rows.push(r.row);
    span = Math.max(span, r.span);
  };
  for (const d of t.proxyDrains) add(proxyRow(d, G, cap));
  // Every finding about a proxy drain goes on the first proxy row (a pod has one proxy).
  if (rows[0]) rows[0].refs = refsFor('proxyDrain');
  for (const lb of t.loadBalancers) add(loadBalancerRow(lb, w.file, lastKill, cap));
  const spot = t.spotNotice;
  if (spot) {
    const beyond = spot.seconds > cap;
    add({
      row: {
        type: 'bar',
        label: 'spot',
        container: null,
        phase: 'spotNotice',
        segments: [],
        marks: [{ at: beyond ? 'end' : spot.seconds, kind: 'deadline' }],
        note: `${spot.title}: the node is gone ${secs(spot.seconds)} after the notice at most (line ${spot.line})`,
        refs: refsFor('spotNotice'),
      },
      span: beyond ? 0 : spot.seconds,
    });
  }
  return { rows, span };
}
