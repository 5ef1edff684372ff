/** Mesh proxy drains read from pod annotations: durations, and the span inside the annotation. */
import { describe, expect, it } from 'vitest';
import { goDurationSeconds } from '../src/k8s/mesh.js';
import { lintWith, onlyRule } from './harness.js';

describe('goDurationSeconds', () => {
  it.each([
    ['5s', 5], ['1m30s', 90], ['1.5h', 5400], ['500ms', 0.5], ['2m', 120],
  ])('%s is %d seconds', (text, seconds) => expect(goDurationSeconds(text)).toBe(seconds));
  it.each(['', '30', 'forty', '5 s', '-5s', '1d'])('%j is not a duration', (text) => expect(goDurationSeconds(text)).toBeUndefined());
});

describe('mesh-drain-exceeds-grace-period positions', () => {
  const pod = (annotation: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    proxy.istio.io/config: ${annotation}
spec:
  containers:
    - name: app
      image: example/app:1
`;
  it('points at the duration inside an escaped double-quoted JSON annotation', () => {
    const text = pod(String.raw`"{\"terminationDrainDuration\": \"45s\"}"`);
    const [m] = lintWith(text, onlyRule('mesh-drain-exceeds-grace-period')).messages;
    expect(m?.line).toBe(6);
    expect(text.split('\n')[5]!.slice(m!.column - 1, m!.endColumn! - 1)).toBe(String.raw`\"45s\"`);
  });
  it('falls back to the whole annotation for a folded scalar', () => {
    const text = pod('>\n      terminationDrainDuration: 45s\n');
    const [m] = lintWith(text, onlyRule('mesh-drain-exceeds-grace-period')).messages;
    expect(m?.messageId).toBe('istio');
    expect(m?.line).toBe(6);
  });
});
