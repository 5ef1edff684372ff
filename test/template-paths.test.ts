/**
 * Pod templates outside spec.template: the operator table (found without configuration) and the
 * `podTemplatePaths` path language (`[]` for every list item, `*` for every map value), with a
 * readable error for a path that could never match.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { ConfigError } from '../src/config/error.js';
import { resolveConfig } from '../src/config/resolve.js';
import { operatorTemplates } from '../src/k8s/operator-templates.js';
import { parseTemplatePath } from '../src/k8s/template-path.js';
import { extractDocument } from '../src/k8s/extract.js';
import { parseYaml } from '../src/engine/parse.js';
import { lintWith, root } from './harness.js';

const hazard = (indent: string) =>
  [
    `${indent}spec:`,
    `${indent}  terminationGracePeriodSeconds: 10`,
    `${indent}  containers:`,
    `${indent}    - name: main`,
    `${indent}      image: example/db:1.0`,
    `${indent}      lifecycle:`,
    `${indent}        preStop:`,
    `${indent}          exec:`,
    `${indent}            command: ["sleep", "60"]`,
  ].join('\n');

const shardedDb = ['apiVersion: example.com/v1', 'kind: ShardedDB', 'metadata:', '  name: db', 'spec:', '  shards:', '    - name: a', '      pod:', hazard('        '), '    - name: b', '      pod:', hazard('        '), ''].join('\n');
const trainer = ['apiVersion: example.com/v1', 'kind: Trainer', 'metadata:', '  name: t', 'spec:', '  roles:', '    Chief:', '      template:', hazard('        '), '    Worker:', '      template:', hazard('        '), ''].join('\n');
const prestopLines = (text: string, config: Parameters<typeof lintWith>[1]) => lintWith(text, config).messages.filter((m) => m.ruleId === 'prestop-exceeds-grace-period').map((m) => m.line);

describe('the path language', () => {
  it('reads keys, [] for list items and * for map values', () => {
    const parsed = parseTemplatePath('spec.nodeSets[].podTemplate');
    expect(parsed).toEqual({ ok: true, path: { text: 'spec.nodeSets[].podTemplate', steps: [{ key: 'spec' }, { key: 'nodeSets' }, { each: 'item' }, { key: 'podTemplate' }] } });
    expect(parseTemplatePath('spec.*.template[][]')).toMatchObject({ ok: true, path: { steps: [{ key: 'spec' }, { each: 'value' }, { key: 'template' }, { each: 'item' }, { each: 'item' }] } });
  });

  it.each([
    ['spec.nodeSets.0.podTemplate', "'0' is a list index; write '[]' after the list's key"],
    ['spec..template', 'an empty key'],
    ['spec.template.', 'an empty key'],
    ['spec.node Sets[].podTemplate', "'node Sets[]' is not a key"],
    ['spec.nodeSets[0].podTemplate', "'nodeSets[0]' is not a key"],
  ])('rejects %s, saying what to write', (text, problem) => {
    const parsed = parseTemplatePath(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });

  it('podTemplatePaths: [] and * find every template along the path', () => {
    expect(prestopLines(shardedDb, { podTemplatePaths: { ShardedDB: 'spec.shards[].pod' } })).toEqual([17, 28]);
    expect(prestopLines(trainer, { podTemplatePaths: { Trainer: ['spec.roles.*.template'] } })).toEqual([17, 28]);
    // Without configuration these custom resources have no pod template that anything leads to.
    expect(prestopLines(shardedDb, {})).toEqual([]);
  });

  it('podTemplatePaths: a wrong path is a config error naming the kind and the fix', () => {
    const attempt = () => resolveConfig({ podTemplatePaths: { ShardedDB: 'spec.shards.0.pod', Trainer: ['spec.roles.*.template', 'spec..x'] } }, rules);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/podTemplatePaths\.ShardedDB: 'spec\.shards\.0\.pod': '0' is a list index; write '\[\]' after the list's key/);
    expect(attempt).toThrow(/podTemplatePaths\.Trainer: 'spec\.\.x': an empty key/);
  });

  it('the CLI reports a wrong path in a config file readably, with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-paths-'));
    writeFileSync(join(dir, '.kube-lifelint.yaml'), 'podTemplatePaths:\n  Elasticsearch: spec.nodeSets.0.podTemplate\n');
    writeFileSync(join(dir, 'db.yaml'), shardedDb);
    const run = spawnSync(process.execPath, [join(root, 'dist', 'bundle', 'cli.js'), 'db.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("podTemplatePaths.Elasticsearch: 'spec.nodeSets.0.podTemplate': '0' is a list index");
    expect(run.stderr).not.toMatch(/must match pattern|\n\s+at /);
  });
});

describe('the operator table', () => {
  it('every path parses, and every row cites its upstream document', () => {
    for (const row of operatorTemplates) {
      for (const path of row.paths) expect(parseTemplatePath(path).ok, `${row.group} ${path}`).toBe(true);
      expect(row.source).toMatch(/^https:\/\//);
    }
  });

  it('is matched by group and kind: a kind of another group is not an operator resource', () => {
    const es = ['apiVersion: example.com/v1', 'kind: Elasticsearch', 'metadata:', '  name: es', 'spec:', '  nodeSets:', '    - podTemplate:', hazard('        '), ''].join('\n');
    expect(prestopLines(es, {})).toEqual([]);
    expect(prestopLines(es.replace('example.com/v1', 'elasticsearch.k8s.elastic.co/v1'), {})).toEqual([16]);
    // A configured path wins over the table.
    expect(prestopLines(es.replace('example.com/v1', 'elasticsearch.k8s.elastic.co/v1'), { podTemplatePaths: { Elasticsearch: 'spec.other' } })).toEqual([]);
  });

  it('Prometheus Operator: the spec is a patch of the generated pod, with the operator\'s grace period (600 s; Alertmanager and ThanosRuler 120 s)', () => {
    const object = (kind: string, sleep: number, grace = '') =>
      ['apiVersion: monitoring.coreos.com/v1', `kind: ${kind}`, 'metadata:', '  name: m', 'spec:', ...(grace ? [`  terminationGracePeriodSeconds: ${grace}`] : []), '  containers:', '    - name: main', '      lifecycle:', '        preStop:', '          exec:', `            command: ["sleep", "${sleep}"]`, ''].join('\n');
    // A written grace period is the pods' grace period.
    expect(prestopLines(object('Prometheus', 60, '30'), {})).toEqual([12]);
    expect(prestopLines(object('Alertmanager', 60, '90'), {})).toEqual([]);
    // Unwritten, it is the operator's (600 s, 120 s), never Kubernetes's 30 s; as for any partial
    // pod spec, the preStop rules do not reason from a grace period that is not written.
    expect(prestopLines(object('Prometheus', 590), {})).toEqual([]);
    const podOf = (text: string) => extractDocument(parseYaml(text).documents[0]!.doc, { filePath: '', source: text, docIndex: 0 }).workloads[0]?.pod;
    const grace = (kind: string) => podOf(object(kind, 1))?.terminationGracePeriodSeconds;
    expect(grace('Prometheus')).toMatchObject({ value: 600, state: 'default' });
    expect(grace('PrometheusAgent')).toMatchObject({ value: 600, state: 'default' });
    expect(grace('ThanosRuler')).toMatchObject({ value: 120, state: 'default' });
    // A container the operator merges into its own: a partial pod spec even with an image, so no
    // rule reasons from what it leaves out; the same spec in a Pod is whole.
    const withImage = object('Prometheus', 1).replace('    - name: main', '    - name: main\n      image: example/sidecar:1.0');
    const partial = (text: string) => podOf(text)?.partial;
    expect(partial(withImage)).toBe(true);
    expect(partial(withImage.replace('monitoring.coreos.com/v1', 'v1').replace('kind: Prometheus', 'kind: Pod'))).toBe(false);
    // The operator's own fields beside the pod's are not misspellings of pod fields; a container's are.
    const schemaPaths = (text: string) => lintWith(text, {}).messages.filter((m) => m.ruleId === 'schema').map((m) => m.line);
    const own = object('Prometheus', 1).replace('spec:\n', 'spec:\n  portName: web\n  ruleSelector: {}\n');
    expect(schemaPaths(own)).toEqual([]);
    expect(schemaPaths(own.replace('      lifecycle:', '      lifecycel: {}\n      lifecycle:'))).toEqual([10]);
    expect(schemaPaths(own.replace('monitoring.coreos.com/v1', 'v1').replace('kind: Prometheus', 'kind: Pod'))).toEqual([6, 7]);
  });
});
