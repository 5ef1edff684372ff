/**
 * What `explain` draws must agree with the kubelet and with the findings: liveness and readiness
 * wait for the startup probe, "kill at" uses the window probe-timeout-exceeds-period reports, an
 * unknown hook duration is not drawn as a bar, and long paths wrap at their separators.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainSources } from '../src/explain/collect.js';
import { wrap } from '../src/explain/strings.js';
import { renderText } from '../src/explain/text.js';
import { lintText } from '../src/index.js';
import { root } from './harness.js';

const pod = (container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: example/app:1
${container}`;

const explain = (text: string) => explainSources([{ filePath: join(root, 'p.yaml'), text }], { cwd: root });
const probes = (text: string) => explain(text).workloads[0]!.startup.containers[0]!.probes;

describe('explain drawing', () => {
  it('kill at honours timeoutSeconds > periodSeconds, with the window probe-timeout-exceeds-period reports', () => {
    const text = pod('      livenessProbe:\n        httpGet: { path: /healthz, port: 8080 }\n        initialDelaySeconds: 25\n        periodSeconds: 10\n        timeoutSeconds: 30\n');
    const [live] = probes(text);
    expect(live!.failureWindow).toBe(90);
    expect(live!.killAt).toBe(25 + 90);
    const finding = lintText(text).flatMap((r) => r.messages).find((m) => m.ruleId === 'probe-timeout-exceeds-period');
    expect(finding?.message).toContain('up to 90s');
    const out = renderText(explain(text), { width: 200, color: false });
    expect(out).toContain('kill at 115s after 3 failures');
  });

  it('liveness and readiness start once the startup probe succeeds, and say so', () => {
    const text = pod('      startupProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 20 }\n      livenessProbe: { tcpSocket: { port: 8080 } }\n      readinessProbe: { tcpSocket: { port: 8080 } }\n');
    const [startup, live, ready] = probes(text);
    expect(startup!.afterStartup).toBe(false);
    expect([live!.afterStartup, ready!.afterStartup]).toEqual([true, true]);
    expect(live!.firstAt).toBeGreaterThanOrEqual(startup!.firstAt!);
    expect(ready!.firstAt).toBeGreaterThanOrEqual(startup!.firstAt!);
    const out = renderText(explain(text), { width: 120, color: false });
    expect(out).toMatch(/liveness.*once startup succeeds/);
    // Without a startup probe nothing is gated.
    expect(probes(pod('      livenessProbe: { tcpSocket: { port: 8080 } }\n'))[0]!.afterStartup).toBe(false);
  });

  it('an unknown hook duration is a mark at its start, not a bar to the end of the axis', () => {
    const text = pod('      lifecycle:\n        postStart:\n          exec: { command: ["/opt/setup.sh"] }\n');
    const out = renderText(explain(text), { width: 80, color: false });
    const row = out.split('\n').find((l) => l.includes('postStart'))!;
    expect(row).toContain('unknown');
    expect(row).not.toContain('░');
  });

  it('wraps long paths after a separator, not mid-word', () => {
    const path = 'manifests/overlays/production/europe-west1/services/payments-gateway/deployment-canary.yaml:12';
    const lines = wrap(path, 40);
    expect(lines.join('')).toBe(path);
    for (const l of lines.slice(0, -1)) expect(l.endsWith('/')).toBe(true);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
  });
});
