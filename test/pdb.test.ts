/** pdb-blocks-eviction across files, and the disruption controller's arithmetic. */
import { describe, expect, it } from 'vitest';
import { allowedDisruptions, type PdbView } from '../src/k8s/disruption.js';
import { lintWith, onlyRule } from './harness.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: example/api:1
`;
const pdb = (value: string) => `# the budget
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  ${value}
  selector:
    matchLabels: { app: api }
`;

describe('pdb-blocks-eviction across files', () => {
  it('reports in the workload file, at its replicas, naming the budget\'s file and line', () => {
    const r = lintWith(deployment, onlyRule('pdb-blocks-eviction'), '/app/deploy.yaml', [{ filePath: '/app/pdb.yaml', text: pdb('minAvailable: 2') }]);
    expect(r.messages.map((m) => [m.line, m.column, m.messageId])).toEqual([[6, 13, 'minAvailable']]);
    expect(r.messages[0]!.message).toContain('(pdb.yaml, line 7)');
  });
  it('is silent when the budget leaves an eviction, or lives in an unrelated project', () => {
    expect(lintWith(deployment, onlyRule('pdb-blocks-eviction'), '/app/deploy.yaml', [{ filePath: '/app/pdb.yaml', text: pdb('minAvailable: 1') }]).messages).toEqual([]);
    expect(lintWith(deployment, onlyRule('pdb-blocks-eviction'), '/a/x/deploy.yaml', [{ filePath: '/b/y/z/pdb.yaml', text: pdb('maxUnavailable: 0') }]).messages).toEqual([]);
  });
  it('leaves out alternative renderings: a budget name seen twice nearby, a budget file with its own workload', () => {
    const twice = [{ filePath: '/app/pdb-a.yaml', text: pdb('minAvailable: 2') }, { filePath: '/app/pdb-b.yaml', text: pdb('minAvailable: 2') }];
    expect(lintWith(deployment, onlyRule('pdb-blocks-eviction'), '/app/deploy.yaml', twice).messages).toEqual([]);
    const render = { filePath: '/app/render-2.yaml', text: `${deployment.replace('replicas: 2', 'replicas: 3')}---\n${pdb('minAvailable: 2')}` };
    expect(lintWith(deployment, onlyRule('pdb-blocks-eviction'), '/app/deploy.yaml', [render]).messages).toEqual([]);
  });
});

describe('allowedDisruptions', () => {
  const budget = (b: Partial<PdbView>): PdbView => ({ kind: 'PodDisruptionBudget', name: 'b', namespace: undefined, matchLabels: new Map(), hasExpressions: false, filePath: 'f', ...b });
  const v = (value: number | string) => ({ value, at: { start: 0, end: 0 } });
  it.each([
    [{ maxUnavailable: v(0) }, 5, 0], [{ maxUnavailable: v('0%') }, 5, 0], [{ maxUnavailable: v('10%') }, 5, 1],
    [{ minAvailable: v(4) }, 5, 1], [{ minAvailable: v(5) }, 5, 0], [{ minAvailable: v('80%') }, 5, 1],
    [{ minAvailable: v('81%') }, 5, 0], [{ minAvailable: v('100%') }, 5, 0], [{ minAvailable: v('0%') }, 5, 5],
  ])('%o with %d pods allows %d', (b, pods, allowed) => expect(allowedDisruptions(budget(b), pods)).toBe(allowed));
});
