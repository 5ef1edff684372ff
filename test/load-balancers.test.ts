/**
 * Load balancers in front of a pod (issue 16 item 4, drawn by `explain`): the chain Ingress →
 * Service → workload for the AWS Load Balancer Controller's ALB, a Service of type LoadBalancer
 * for its NLB, and Service → BackendConfig on GKE; only IP targets (the pod itself is the
 * target); the value found inside the attributes string; objects from other files of the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, type Scalar } from 'yaml';
import { chartsOf, type BarRow } from '../src/explain/chart.js';
import { explainPaths, explainSources } from '../src/explain/collect.js';
import { renderHtml } from '../src/explain/html.js';
import type { ExplainWorkload } from '../src/explain/model.js';
import { renderText } from '../src/explain/text.js';
import { lintText } from '../src/index.js';
import { attributeSeconds } from '../src/k8s/load-balancers.js';
import { root } from './harness.js';

const deployment = (grace = 30, namespace = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers:
        - name: app
          image: example/web:1
`;

const service = (annotations = '', spec = '') => `---
apiVersion: v1
kind: Service
metadata:
  name: web
${annotations ? `  annotations:\n${annotations}` : ''}spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 8080 }]
${spec}`;

const ingress = (annotations: string, backend = 'web', cls = '  ingressClassName: alb\n') => `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web-ing
  annotations:
${annotations}spec:
${cls}  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: ${backend}, port: { number: 80 } } }
`;

const ipTarget = '    alb.ingress.kubernetes.io/target-type: ip\n';
const delay = (s: number, before = 'stickiness.enabled=true,') => `    alb.ingress.kubernetes.io/target-group-attributes: ${before}deregistration_delay.timeout_seconds=${s}\n`;

const workload = (text: string): ExplainWorkload => explainSources([{ filePath: join(root, 'app.yaml'), text }], { cwd: root }).workloads[0]!;
const lbs = (text: string) => workload(text).termination.loadBalancers;
const lane = (w: ExplainWorkload, label: string) => chartsOf(w).termination.rows.find((r): r is BarRow => r.type === 'bar' && r.label === label);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('load balancers: the ALB of an Ingress', () => {
  it('reads deregistration_delay.timeout_seconds from the Ingress, at its line', () => {
    expect(lbs(deployment() + service() + ingress(ipTarget + delay(45)))).toEqual([
      { kind: 'alb', via: { kind: 'Ingress', name: 'web-ing', file: 'app.yaml', line: 31 }, service: 'web', seconds: 45, defaulted: false },
    ]);
  });

  it('defaults to 300s when the attribute is not written', () => {
    expect(lbs(deployment() + service() + ingress(ipTarget))).toMatchObject([{ kind: 'alb', seconds: 300, defaulted: true, via: { kind: 'Ingress', line: null } }]);
  });

  it('the Service\'s annotation wins over the Ingress\'s', () => {
    const text = deployment() + service(`    alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=20\n`) + ingress(ipTarget + delay(45));
    expect(lbs(text)).toMatchObject([{ kind: 'alb', seconds: 20, via: { kind: 'Service', name: 'web' } }]);
  });

  it('acts on the pod only with IP targets, only for ALB Ingresses, only for its backend Service', () => {
    expect(lbs(deployment() + service() + ingress(delay(45)))).toEqual([]); // instance targets (the default): nodes
    expect(lbs(deployment() + service() + ingress(ipTarget + delay(45), 'other'))).toEqual([]);
    expect(lbs(deployment() + service() + ingress('    nginx.ingress.kubernetes.io/ssl-redirect: "false"\n', 'web', '  ingressClassName: nginx\n'))).toEqual([]);
    // The class as the legacy annotation, and the target type on the Service.
    const legacy = ingress(delay(45) + '    kubernetes.io/ingress.class: alb\n', 'web', '');
    expect(lbs(deployment() + service(ipTarget) + legacy)).toMatchObject([{ kind: 'alb', seconds: 45 }]);
  });

  it('pairs within a namespace only', () => {
    const text = deployment(30, 'shop') + service().replace('  name: web\n', '  name: web\n  namespace: shop\n') + ingress(ipTarget + delay(45));
    expect(lbs(text)).toEqual([]);
  });

  it('finds the Ingress in another file of the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-lb-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'deploy.yaml'), deployment() + service());
    writeFileSync(join(dir, 'ingress.yaml'), ingress(ipTarget + delay(45)).replace(/^---\n/, ''));
    const [w] = explainPaths([dir], { cwd: dir }).workloads;
    expect(w!.termination.loadBalancers).toEqual([{ kind: 'alb', via: { kind: 'Ingress', name: 'web-ing', file: 'ingress.yaml', line: 7 }, service: 'web', seconds: 45, defaulted: false }]);
    // The note wraps in its column: compare with the line breaks and padding taken out.
    const out = renderText(explainPaths([dir], { cwd: dir }), { width: 120, color: false }).replace(/\s+/g, ' ');
    expect(out).toContain('deregistration delay 45s (Ingress web-ing, ingress.yaml:7)');
  });
});

describe('load balancers: the NLB of a Service and a GKE BackendConfig', () => {
  it('an NLB with IP targets (nlb-ip, or external + nlb-target-type ip, or the LBC class)', () => {
    const nlb = (annotations: string, spec = '  type: LoadBalancer\n') => lbs(deployment() + service(annotations, spec));
    const attrs = '    service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: deregistration_delay.timeout_seconds=15\n';
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip\n' + attrs)).toEqual([
      { kind: 'nlb', via: { kind: 'Service', name: 'web', file: 'app.yaml', line: 23 }, service: 'web', seconds: 15, defaulted: false },
    ]);
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-type: external\n    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n')).toMatchObject([{ kind: 'nlb', seconds: 300, defaulted: true }]);
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip\n', '  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb\n')).toMatchObject([{ kind: 'nlb', seconds: 300 }]);
    // Instance targets, not type LoadBalancer, or the in-tree controller's NLB: not the pod's.
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-type: external\n' + attrs)).toEqual([]);
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip\n' + attrs, '')).toEqual([]);
    expect(nlb('    service.beta.kubernetes.io/aws-load-balancer-type: nlb\n' + attrs)).toEqual([]);
  });

  it('GKE: the BackendConfig the Service names, with its drainingTimeoutSec', () => {
    const bc = (seconds: string) => `---\napiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: web-bc\nspec:\n  connectionDraining:\n${seconds}`;
    const named = (json: string) => service(`    cloud.google.com/backend-config: '${json}'\n`);
    expect(lbs(deployment() + named('{"default": "web-bc"}') + bc('    drainingTimeoutSec: 60\n'))).toEqual([
      { kind: 'gke', via: { kind: 'BackendConfig', name: 'web-bc', file: 'app.yaml', line: 33 }, service: 'web', seconds: 60, defaulted: false },
    ]);
    expect(lbs(deployment() + named('{"ports": {"80": "web-bc"}}') + bc('    drainingTimeoutSec: 60\n'))).toMatchObject([{ kind: 'gke', seconds: 60 }]);
    // Not written: GKE's default 0 drains nothing. Another name, or no JSON: nothing.
    expect(lbs(deployment() + named('{"default": "web-bc"}') + bc('    {}\n'))).toEqual([]);
    expect(lbs(deployment() + named('{"default": "other"}') + bc('    drainingTimeoutSec: 60\n'))).toEqual([]);
    expect(lbs(deployment() + named('web-bc') + bc('    drainingTimeoutSec: 60\n'))).toEqual([]);
  });
});

describe('load balancers on the termination chart', () => {
  it('a drain lane to its seconds, whatever the grace period; past the chart, to the edge', () => {
    const w = workload(deployment(30) + service() + ingress(ipTarget + delay(45)));
    expect(lane(w, 'ALB')).toMatchObject({ segments: [{ from: 0, to: 45, style: 'drain' }], marks: [], note: 'deregistration delay 45s (Ingress web-ing, line 31); the pod is gone by 30s' });
    expect(chartsOf(w).termination.span).toBe(45);
    const short = workload(deployment(30) + service() + ingress(ipTarget + delay(10)));
    expect(lane(short, 'ALB')!.note).toBe('deregistration delay 10s (Ingress web-ing, line 31)');
    const dflt = workload(deployment(30) + service() + ingress(ipTarget));
    expect(lane(dflt, 'ALB')).toMatchObject({ segments: [{ from: 0, to: 'end', style: 'drain' }], marks: [{ at: 'end', kind: 'more' }], note: 'deregistration delay 300s (default) (Ingress web-ing); the pod is gone by 30s' });
    expect(chartsOf(dflt).termination.span).toBeLessThan(300);
  });

  it('text and html draw it; lint reports nothing new', () => {
    const text = deployment(30) + service() + ingress(ipTarget + delay(45));
    const report = explainSources([{ filePath: join(root, 'app.yaml'), text }], { cwd: root });
    expect(renderText(report, { width: 120, color: false })).toMatch(/ {2}ALB {7}▓+ +deregistration delay 45s/);
    expect(renderHtml(report)).toMatch(/<rect class="seg seg-drain" data-container="" data-phase="loadBalancer" data-from="0" data-to="45"/);
    expect(lintText(text).flatMap((r) => r.messages).map((m) => m.ruleId)).not.toContain(null);
  });
});

describe('attributeSeconds: the value inside a comma-separated attributes string', () => {
  it('spans the digits in the file, through quotes and spaces', () => {
    const source = 'a: "stickiness.enabled=true, deregistration_delay.timeout_seconds= 45"\n';
    const node = parseDocument(source).get('a', true) as Scalar;
    const v = attributeSeconds(source, node, 'deregistration_delay.timeout_seconds')!;
    expect(v.value).toBe(45);
    expect(source.slice(v.at.start, v.at.end)).toBe('45');
  });

  it('nothing for a missing key or a value that is not a whole number', () => {
    const node = (s: string) => parseDocument(`a: ${s}\n`).get('a', true) as Scalar;
    expect(attributeSeconds('a: slow_start.duration_seconds=30\n', node('slow_start.duration_seconds=30'), 'deregistration_delay.timeout_seconds')).toBeUndefined();
    expect(attributeSeconds('a: deregistration_delay.timeout_seconds=abc\n', node('deregistration_delay.timeout_seconds=abc'), 'deregistration_delay.timeout_seconds')).toBeUndefined();
  });
});
