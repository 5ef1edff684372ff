/**
 * `explain` draws what acts on a pod's termination from outside its containers, in every format:
 * the mesh proxy's drain as a lane on the termination chart (cut where the grace period ends),
 * the spot notice as a deadline mark, the disruption budgets on the workload header (with the
 * disruptions they allow), and the findings about them on those rows.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartsOf, scaleFor, type BarRow } from '../src/explain/chart.js';
import { explainSources } from '../src/explain/collect.js';
import { renderHtml } from '../src/explain/html.js';
import type { ExplainReport, ExplainWorkload } from '../src/explain/model.js';
import { renderText } from '../src/explain/text.js';
import { root } from './harness.js';

const explain = (text: string, file = 'app.yaml'): ExplainReport => explainSources([{ filePath: join(root, file), text }], { cwd: root });
const only = (text: string): ExplainWorkload => {
  const w = explain(text).workloads;
  expect(w).toHaveLength(1);
  return w[0]!;
};

function deployment(opts: { annotations?: string; spec?: string; replicas?: number; grace?: number }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${opts.replicas === undefined ? '' : `  replicas: ${opts.replicas}\n`}  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
${opts.annotations ? `      annotations:\n${opts.annotations}` : ''}    spec:
${opts.grace === undefined ? '' : `      terminationGracePeriodSeconds: ${opts.grace}\n`}${opts.spec ?? ''}      containers:
        - name: app
          image: example/web:1
`;
}

const pdb = (value: string) => `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${value}
  selector:
    matchLabels: { app: web }
`;

const bar = (w: ExplainWorkload, phase: string) => chartsOf(w).termination.rows.find((r): r is BarRow => r.type === 'bar' && r.phase === phase);
const textOf = (r: ExplainReport, width = 100) => renderText(r, { width, color: false });

describe('explain: the mesh proxy drain', () => {
  const istio = (drain: string, grace: number) => deployment({ grace, annotations: `        proxy.istio.io/config: |\n          terminationDrainDuration: ${drain}\n` });

  it('is data with its value, seconds and position', () => {
    const w = only(istio('45s', 30));
    expect(w.termination.proxyDrains).toEqual([{ mesh: 'istio', setting: 'terminationDrainDuration', seconds: 45, text: '45s', line: 13, column: 37, exitOnZeroConnections: false }]);
  });

  it('is a drain lane up to the grace period and cut after it, one below, at and above the edge', () => {
    const lane = (drain: string) => bar(only(istio(drain, 30)), 'proxyDrain')!.segments;
    expect(lane('29s')).toEqual([{ from: 0, to: 29, style: 'drain' }]);
    expect(lane('30s')).toEqual([{ from: 0, to: 30, style: 'drain' }]);
    expect(lane('31s')).toEqual([{ from: 0, to: 30, style: 'drain' }, { from: 30, to: 31, style: 'cut' }]);
    // Far past what the chart shows: cut to the edge, not an axis squashed by it.
    expect(lane('20m')).toEqual([{ from: 0, to: 30, style: 'drain' }, { from: 30, to: 'end', style: 'cut' }]);
  });

  it('draws at the right columns, says where it is cut, and carries the rule\'s finding', () => {
    const w = only(istio('45s', 30));
    const row = bar(w, 'proxyDrain')!;
    expect(row.note).toBe('Istio terminationDrainDuration 45s (line 13), cut at 30s');
    expect(row.refs.map((f) => f.ruleId)).toEqual(['mesh-drain-exceeds-grace-period']);
    expect(w.findings.find((f) => f.ruleId === 'mesh-drain-exceeds-grace-period')!.phase).toBe('proxyDrain');
    const out = textOf({ schemaVersion: 1, workloads: [w], problems: [] });
    const line = out.split('\n').find((l) => l.startsWith('  proxy'))!;
    const scale = scaleFor(chartsOf(w).termination.span, 100 - 12 - 1 - Math.max(22, Math.min(56, Math.round((100 - 12) * 0.45))));
    const cells = line.slice(12, 12 + scale.cells);
    expect(cells.indexOf('▓')).toBe(scale.col(0));
    expect(cells.lastIndexOf('▓')).toBe(scale.col(30) - 1);
    expect(cells.lastIndexOf('┄')).toBe(scale.col(45) - 1);
    expect(out).toContain('▓ draining (mesh proxy, load balancer)');
  });

  it('Linkerd\'s wait is drawn the same way', () => {
    const w = only(deployment({ grace: 20, annotations: '        config.alpha.linkerd.io/proxy-wait-before-exit-seconds: "15"\n' }));
    expect(w.termination.proxyDrains).toMatchObject([{ mesh: 'linkerd', seconds: 15 }]);
    expect(bar(w, 'proxyDrain')).toMatchObject({ segments: [{ from: 0, to: 15, style: 'drain' }], note: 'Linkerd proxy waits 15s before exit (line 12)' });
  });

  it('without a mesh annotation there is no proxy row and no drain legend', () => {
    const w = only(deployment({}));
    expect(w.termination.proxyDrains).toEqual([]);
    expect(bar(w, 'proxyDrain')).toBeUndefined();
    expect(textOf({ schemaVersion: 1, workloads: [w], problems: [] })).not.toContain('▓');
  });
});

describe('explain: the spot notice', () => {
  it('is a deadline mark at the seconds the platform gives, with the placement line', () => {
    const w = only(deployment({ grace: 20, spec: '      nodeSelector:\n        cloud.google.com/gke-spot: "true"\n' }));
    expect(w.termination.spotNotice).toEqual({ platform: 'gke-spot', title: 'GKE Spot VMs', seconds: 25, line: 14 });
    expect(bar(w, 'spotNotice')).toMatchObject({ marks: [{ at: 25, kind: 'deadline' }], note: 'GKE Spot VMs: the node is gone 25s after the notice at most (line 14)' });
    expect(chartsOf(w).termination.span).toBeGreaterThanOrEqual(25);
    expect(textOf({ schemaVersion: 1, workloads: [w], problems: [] })).toContain('┃ spot node gone');
  });

  it('carries the finding about the placement, and none without spot placement', () => {
    const w = only(deployment({ spec: '      nodeSelector:\n        cloud.google.com/gke-spot: "true"\n', grace: 40 }));
    // The grace-period finding stays on the grace row; the mark's row is the spot placement's.
    expect(w.findings.find((f) => f.ruleId === 'termination-exceeds-spot-notice')!.phase).toBe('gracePeriod');
    expect(only(deployment({})).termination.spotNotice).toBeNull();
  });
});

describe('explain: the disruption budgets on the workload header', () => {
  it('names the budget, its rule and the disruptions it allows for the replicas', () => {
    const w = only(deployment({ replicas: 3 }) + pdb('minAvailable: 2'));
    expect(w.disruptionBudgets).toEqual([{ name: 'web-pdb', file: 'app.yaml', line: 22, minAvailable: 2, maxUnavailable: null, pods: 3, podsFrom: 'replicas', disruptionsAllowed: 1 }]);
    const out = textOf(explain(deployment({ replicas: 3 }) + pdb('minAvailable: 2')), 120);
    const header = out.split('\n').slice(0, 6).join('\n');
    expect(header).toContain('PodDisruptionBudget web-pdb: minAvailable 2 of 3 replicas: 1 eviction allowed at a time (line 22)');
  });

  it('one below, at and above the edge: the count of evictions follows the disruption controller', () => {
    const allowed = (value: string, replicas: number) => only(deployment({ replicas }) + pdb(value)).disruptionBudgets[0]!.disruptionsAllowed;
    expect([allowed('minAvailable: 1', 2), allowed('minAvailable: 2', 2), allowed('minAvailable: 3', 2)]).toEqual([1, 0, 0]);
    expect([allowed('maxUnavailable: 0', 3), allowed('maxUnavailable: "50%"', 3)]).toEqual([0, 2]);
    const out = textOf(explain(deployment({ replicas: 2 }) + pdb('minAvailable: 2')), 120);
    expect(out).toContain('minAvailable 2 of 2 replicas: no eviction allowed');
  });

  it('counts the autoscaler\'s minReplicas when one owns the replica count', () => {
    const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 10
`;
    const w = only(deployment({ replicas: 5 }) + pdb('minAvailable: 2') + hpa);
    expect(w.disruptionBudgets[0]).toMatchObject({ pods: 2, podsFrom: 'autoscaler', disruptionsAllowed: 0 });
    expect(textOf({ schemaVersion: 1, workloads: [w], problems: [] }, 140)).toContain('minAvailable 2 of 2 pods (autoscaler minReplicas): no eviction allowed');
  });

  it('a budget that selects other pods is not shown; a workload without a replica count shows the rule only', () => {
    expect(only(deployment({}) + pdb('minAvailable: 1').replace('{ app: web }', '{ app: other }')).disruptionBudgets).toEqual([]);
    const daemon = deployment({}).replace('kind: Deployment', 'kind: DaemonSet') + pdb('maxUnavailable: 1');
    const [b] = only(daemon).disruptionBudgets;
    expect(b).toMatchObject({ pods: null, podsFrom: null, disruptionsAllowed: null });
    expect(textOf(explain(daemon))).toContain('PodDisruptionBudget web-pdb: maxUnavailable 1 (line');
  });
});

describe('explain: html carries the same', () => {
  it('draws the drain lane, the deadline mark and the budget line', () => {
    const text = deployment({ replicas: 3, grace: 30, annotations: '        proxy.istio.io/config: "terminationDrainDuration: 20s"\n', spec: '      nodeSelector:\n        eks.amazonaws.com/capacityType: SPOT\n' }) + pdb('minAvailable: 2');
    const html = renderHtml(explain(text));
    expect(html).toMatch(/<rect class="seg seg-drain" data-container="" data-phase="proxyDrain" data-from="0" data-to="20"/);
    expect(html).toMatch(/<rect class="mark mark-deadline" data-container="" data-phase="spotNotice" data-at="120"/);
    expect(html).toContain('<p class="summary budget" data-pdb="web-pdb">PodDisruptionBudget web-pdb: minAvailable 2 of 3 replicas: 1 eviction allowed at a time (line');
  });
});
