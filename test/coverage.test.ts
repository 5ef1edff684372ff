/**
 * Honest coverage: per file, what was linted, rendered or skipped and why, and the custom resources
 * that mention containers where no pod template path leads (--verbose; `stats` in JSON output).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLinter, type LintResult } from '../src/index.js';
import { root } from './harness.js';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  containers: "not a list"\n';
const shardedDb = 'apiVersion: example.com/v1\nkind: ShardedDB\nmetadata:\n  name: db\nspec:\n  shards:\n    - name: a\n      pod:\n        spec:\n          containers:\n            - name: db\n              image: example/db:1.0\n    - name: b\n      pod:\n        spec:\n          containers:\n            - name: db\n              image: example/db:1.0\n';
const elasticsearch = 'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Elasticsearch\nmetadata:\n  name: es\nspec:\n  nodeSets:\n    - name: a\n      podTemplate:\n        spec:\n          containers:\n            - name: elasticsearch\n';

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kll-coverage-'));
  writeFileSync(join(dir, 'pod.yaml'), pod);
  writeFileSync(join(dir, 'config.yaml'), configMap);
  writeFileSync(join(dir, 'db.yaml'), shardedDb);
  writeFileSync(join(dir, 'es.yaml'), elasticsearch);
  return dir;
}

describe('coverage', () => {
  it('says per file what was linted and lists custom resources whose containers no path reaches', () => {
    const dir = project();
    const outcome = createLinter({ cwd: dir }).lintFiles([dir], { coverage: true });
    const by = new Map(outcome.coverage!.map((c) => [c.filePath.slice(dir.length + 1), c]));
    expect(by.get('pod.yaml')).toMatchObject({ status: 'linted', reason: 'linted as written', podTemplates: 1 });
    expect(by.get('config.yaml')).toMatchObject({ status: 'linted', podTemplates: 0 });
    expect(by.get('config.yaml')?.uncovered).toBeUndefined();
    expect(by.get('es.yaml')).toMatchObject({ status: 'linted', podTemplates: 1 });
    expect(by.get('db.yaml')).toMatchObject({ status: 'linted', podTemplates: 0, uncovered: [{ kind: 'ShardedDB', name: 'db', line: 10, containersAt: 'spec.shards[0].pod.spec.containers' }] });
    // Without coverage asked for, the outcome has none (the files are not read again).
    expect(createLinter({ cwd: dir }).lintFiles([dir]).coverage).toBeUndefined();
  });

  it('a configured path covers the custom resource', () => {
    const dir = project();
    const outcome = createLinter({ cwd: dir, config: { podTemplatePaths: { ShardedDB: 'spec.shards[].pod' } } }).lintFiles([join(dir, 'db.yaml')], { coverage: true });
    expect(outcome.coverage).toEqual([{ filePath: join(dir, 'db.yaml'), status: 'linted', reason: 'linted as written', podTemplates: 2 }]);
  });

  it('lists the files and folders ignorePatterns left out, not only what was linted', () => {
    const dir = project();
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'x.yaml'), pod);
    writeFileSync(join(dir, 'pod.golden.yaml'), pod);
    writeFileSync(join(dir, 'notes.golden.txt'), 'not a manifest');
    const outcome = createLinter({ cwd: dir, config: { ignorePatterns: ['charts/', '**/*.golden.*'] } }).lintFiles([dir], { coverage: true });
    const skipped = outcome.coverage!.filter((c) => c.status === 'skipped').map((c) => [c.filePath.slice(dir.length + 1), c.reason]);
    expect(skipped).toEqual([
      ['charts', 'matches ignorePatterns'],
      ['pod.golden.yaml', 'matches ignorePatterns'],
    ]);
    expect(outcome.results.map((r) => r.filePath)).not.toContain(join(dir, 'pod.golden.yaml'));
  });

  it('an unbuilt overlay says why its files are linted as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-coverage-k-'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n  - pod.yaml\n');
    writeFileSync(join(dir, 'base', 'pod.yaml'), pod);
    const outcome = createLinter({ cwd: dir, render: { searchPath: '' } }).lintFiles([dir], { coverage: true });
    expect(outcome.coverage?.find((c) => c.filePath.endsWith('pod.yaml'))?.reason).toMatch(/^linted as written: the Kustomize overlay 'base' was not built/);
  });

  it('the CLI prints it with --verbose, and -f json carries it as each result\'s stats', () => {
    const dir = project();
    const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'bundle', 'cli.js'), ...args, '.'], { cwd: dir, encoding: 'utf8' });
    const text = run('--verbose', '-f', 'compact');
    expect(text.stderr).toContain('kube-lifelint: coverage of 4 files:');
    expect(text.stderr).toContain('  linted   pod.yaml (1 pod template): linted as written');
    expect(text.stderr).toContain('db.yaml:10: ShardedDB "db" has containers at spec.shards[0].pod.spec.containers, but no known pod template path leads there');
    const json = JSON.parse(run('--verbose', '-f', 'json').stdout) as LintResult[];
    expect(json.map((r) => [r.filePath.slice(dir.length + 1), r.stats?.status, r.stats?.podTemplates]).sort()).toEqual([
      ['config.yaml', 'linted', 0],
      ['db.yaml', 'linted', 0],
      ['es.yaml', 'linted', 1],
      ['pod.yaml', 'linted', 1],
    ]);
    expect((JSON.parse(run('-f', 'json').stdout) as LintResult[]).some((r) => r.stats)).toBe(false);
  });
});
