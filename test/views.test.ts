/**
 * The views' contract: every Field says how its value came about (written, default, null,
 * invalid) with the API server's defaulting applied once, and reports where the convention says.
 */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/engine/parse.js';
import { extractDocument } from '../src/k8s/extract.js';
import type { Field, Workload } from '../src/k8s/views.js';

function workload(text: string): Workload {
  const [d] = parseYaml(text).documents;
  const [w] = d ? extractDocument(d.doc, { filePath: 't.yaml', docIndex: d.index, source: text }).workloads : [];
  if (!w) throw new Error('no workload');
  return w;
}

/** The text a field reports at. */
const textAt = (text: string, f: Field<unknown>) => text.slice(f.at.start, f.at.end);

const deployment = (spec: string, probe = '', extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
${spec}  template:
    spec:
${extra}      containers:
        - name: app
          image: nginx
${probe}`;

describe('Field state', () => {
  const text = deployment('', `          livenessProbe:
            httpGet: { port: 8080, scheme: HTTPS, httpHeaders: [{ name: X-A, value: "1" }] }
            periodSeconds: 0
            timeoutSeconds: -1
            failureThreshold: three
            successThreshold:
            initialDelaySeconds: 0
`, '      restartPolicy: ""\n      terminationGracePeriodSeconds: 45\n');
  const w = workload(text);
  const probe = w.pod.containers[0]!.probes[0]!;

  it('a probe timing written as 0 is the default, keeping what is written', () => {
    expect(probe.periodSeconds).toMatchObject({ state: 'default', value: 10, written: 0 });
    expect(textAt(text, probe.periodSeconds)).toBe('0');
  });

  it('initialDelaySeconds 0 is written (its default is 0, nothing is replaced)', () => {
    expect(probe.initialDelaySeconds).toMatchObject({ state: 'written', value: 0 });
  });

  it('a negative timing and a wrong type are invalid, with the default to reason on', () => {
    expect(probe.timeoutSeconds).toMatchObject({ state: 'invalid', value: 1, written: -1 });
    expect(probe.failureThreshold).toMatchObject({ state: 'invalid', value: 3, written: undefined });
    expect(textAt(text, probe.failureThreshold)).toBe('three');
  });

  it('a key with no value is null, defaulted, and reports at its key', () => {
    expect(probe.successThreshold).toMatchObject({ state: 'null', value: 1 });
    expect(textAt(text, probe.successThreshold)).toBe('successThreshold');
  });

  it('restartPolicy "" is the default Always; a written number stays written', () => {
    expect(w.pod.restartPolicy).toMatchObject({ state: 'default', value: 'Always', written: '' });
    expect(w.pod.terminationGracePeriodSeconds).toMatchObject({ state: 'written', value: 45 });
  });

  it('an absent field is the default and reports at the enclosing key', () => {
    const absent = probe.terminationGracePeriodSeconds;
    expect(absent).toMatchObject({ state: 'default', value: undefined, node: null });
    expect(textAt(text, absent)).toBe('livenessProbe');
  });

  it('carries httpGet scheme and headers', () => {
    expect(probe.handler?.scheme).toMatchObject({ state: 'written', value: 'HTTPS' });
    expect(probe.handler?.httpHeaders).toEqual([{ name: 'X-A', value: '1' }]);
  });
});

describe('rollout view', () => {
  it('reads the Deployment fields with their apps/v1 defaults', () => {
    const text = deployment('  replicas: 0\n  paused: true\n  strategy:\n    rollingUpdate: { maxSurge: 2 }\n');
    const r = workload(text).rollout;
    expect(r.replicas).toMatchObject({ state: 'written', value: 0 });
    expect(r.paused).toMatchObject({ state: 'written', value: true });
    expect(r.progressDeadlineSeconds).toMatchObject({ state: 'default', value: 600 });
    expect(textAt(text, r.progressDeadlineSeconds)).toBe('spec');
    expect(r.strategy.maxSurge).toMatchObject({ state: 'written', value: 2 });
    expect(r.strategy.maxUnavailable).toMatchObject({ state: 'default', value: '25%' });
    expect(textAt(text, r.strategy.maxUnavailable)).toBe('strategy');
  });

  it('a DaemonSet reads updateStrategy and its own defaults', () => {
    const text = deployment('  updateStrategy: { type: OnDelete }\n').replace('kind: Deployment', 'kind: DaemonSet');
    const r = workload(text).rollout;
    expect(r.strategy.type).toMatchObject({ state: 'written', value: 'OnDelete' });
    expect(r.strategy.maxUnavailable.value).toBe(1);
    expect(r.strategy.maxSurge.value).toBe(0);
  });
});

describe('container and pod additions', () => {
  it('restartPolicyRules, lifecycle emptiness and required node affinity', () => {
    const text = deployment('', `          restartPolicyRules: [{ action: Restart, exitCodes: { operator: In, values: [42] } }]
          lifecycle:
`, `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{ key: kubernetes.io/os, operator: In, values: [linux] }]
`);
    const w = workload(text);
    const c = w.pod.containers[0]!;
    expect(c.restartPolicyRules.state).toBe('written');
    expect(c.restartPolicyRules.value).toHaveLength(1);
    expect(c.lifecycle?.empty).toBe(true);
    const [[expr]] = w.pod.requiredNodeAffinity as [[NonNullable<Workload['pod']['requiredNodeAffinity'][0][0]>]];
    expect(expr).toMatchObject({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] });
    expect(text.slice(expr.at.start, expr.at.end)).toBe('[linux]');
  });

  it('CommandView.spanIn maps a token inside a quoted, escaped argument back to the file', () => {
    const text = deployment('', `          livenessProbe:
            exec:
              command: ["sh", "-c", "echo \\"x\\"; curl http://db.example/health"]
`);
    const cmd = workload(text).pod.containers[0]!.probes[0]!.handler!.command!;
    const arg = cmd.value[2]!;
    const offset = arg.indexOf('db.example');
    const span = cmd.spanIn(2, offset, 'db.example'.length);
    expect(text.slice(span.start, span.end)).toBe('db.example');
  });
});
