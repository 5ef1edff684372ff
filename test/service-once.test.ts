/**
 * Services (and budgets, autoscalers) are parsed once (issue 11): pass 1 reads them for the
 * cross-object index, and pass 2 skips them when pass 1 found nothing there pass 2 would report.
 * Whatever pass 2 skips, the findings are those of the reference path, which parses everything.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lintRelevant } from '../src/engine/fast-path.js';
import { besidesCrossObjects, lintSources, prepareSources, ServiceIndex } from '../src/engine/linter.js';
import type { LintResult } from '../src/types.js';

const config = resolveConfig({}, rules);

const service = (extra = '') => `apiVersion: v1
kind: Service
metadata:
  name: web${extra}
spec:
  selector:
    app: web
  ports:
    - port: 80
`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
`;
const knative = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - image: nginx:1.27
          lifecycle:
            preStop:
              exec: { command: ["sleep", "600"] }
`;

const summary = (r: LintResult) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? m.messageId} ${m.message}`);
const lint = (text: string, fastPath: boolean) => lintSources([{ filePath: '/svc/a.yaml', text }], { ...config, fastPath }, rules)[0]!;
const readAlone = (text: string) => prepareSources([{ filePath: '/svc/a.yaml', text }], config, new ServiceIndex())[0]!.crossObjectsRead === true;

describe('Services parsed once', () => {
  const cases: Record<string, { text: string; skipped: boolean }> = {
    'a clean Service beside its Deployment': { text: `${service()}---\n${deployment}`, skipped: true },
    'a Service with a duplicate key': { text: `${service()}  selector: {}\n---\n${deployment}`, skipped: false },
    'a Service with a syntax error': { text: `${service('\n  labels: [unclosed')}---\n${deployment}`, skipped: false },
    "Knative's Service (a workload)": { text: `${service()}---\n${knative}`, skipped: false },
    'a Service with a directive comment': { text: `# kube-lifelint-disable readiness-probe-missing\n${service()}---\n${deployment}`, skipped: true },
    'a template': { text: `${service()}---\n${deployment.replace('nginx:1.27', '{{ .Values.image }}')}`, skipped: false },
  };
  for (const [name, { text, skipped }] of Object.entries(cases)) {
    it(`${name}: ${skipped ? 'skipped in pass 2' : 'parsed again in pass 2'}, findings those of the full parse`, () => {
      expect(readAlone(text)).toBe(skipped);
      const fast = lint(text, true);
      expect(summary(fast)).toEqual(summary(lint(text, false)));
      // Problems inside the Service are reported exactly once.
      for (const id of ['duplicate-key', 'syntax-error']) expect(fast.messages.filter((m) => m.messageId === id).length).toBe(name.includes(id.replace('-', ' ')) ? 1 : 0);
    });
  }

  it("Knative's Service is linted as the workload it is", () => {
    expect(lint(`${service()}---\n${knative}`, true).messages.filter((m) => m.ruleId === 'prestop-exceeds-grace-period').map((m) => m.line)).toEqual([22]);
  });

  it('the Service still feeds cross-object rules when pass 2 skips it', () => {
    const text = `${service()}---\n${deployment}`;
    expect(readAlone(text)).toBe(true);
    expect(lint(text, true).messages.some((m) => m.ruleId === 'readiness-probe-missing')).toBe(true);
  });

  it('skips only core Services, budgets and autoscalers, never a document mentioning kube-lifelint or one without a kind', () => {
    const keep = besidesCrossObjects(lintRelevant());
    expect(keep('Service', service())).toBe(false);
    expect(keep('PodDisruptionBudget', 'kind: PodDisruptionBudget\n')).toBe(false);
    expect(keep('HorizontalPodAutoscaler', 'kind: HorizontalPodAutoscaler\n')).toBe(false);
    expect(keep('Service', `# kube-lifelint-disable\n${service()}`)).toBe(true);
    expect(keep(undefined, '{"kind": "Service"}')).toBe(true);
    expect(keep('Deployment', deployment)).toBe(true);
    expect(keep('ServiceList', 'kind: ServiceList\nitems: []\n')).toBe(true);
  });
});
