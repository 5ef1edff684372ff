/**
 * Cross-file context from the git work tree: a pre-commit run that passes only the changed
 * Deployment still sees the Service of the same repository (tracked files only), names it as a
 * related location, never lints the context files, and can be turned off.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter } from '../src/index.js';
import { repoContextSources, workTreeOf } from '../src/engine/repo-context.js';

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
`;
const service = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${app}
  ports:
    - port: 80
`;

const root = mkdtempSync(join(tmpdir(), 'kll-repo-context-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function repo(name: string, files: Record<string, string>, track: string[]): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('git', ['init', '-q', dir]);
  if (track.length) execFileSync('git', ['-C', dir, 'add', '--', ...track]);
  return dir;
}

describe('repository context', () => {
  const dir = repo('tracked', { 'app/deploy.yaml': deployment, 'app/service.yaml': service('web', 'web'), 'app/other.yaml': service('other', 'other'), 'app/untracked.yaml': service('ghost', 'web') }, ['app/deploy.yaml', 'app/service.yaml', 'app/other.yaml']);

  it('looks at each folder once across sibling folders: what a walk learnt answers the next', () => {
    const known = new Map<string, string | undefined>();
    expect(workTreeOf(join(dir, 'app', 'a', 'deep'), known)).toBe(dir);
    // app/a/deep, app/a, app and the work tree itself were walked.
    expect([...known.keys()].sort()).toEqual([dir, join(dir, 'app'), join(dir, 'app', 'a'), join(dir, 'app', 'a', 'deep')].sort());
    expect(workTreeOf(join(dir, 'app', 'b'), known)).toBe(dir);
    // Only app/b is new: app was answered from what the first walk learnt.
    expect(known.size).toBe(5);
  });

  it('finds the work tree and reads only tracked files that name a context kind', () => {
    expect(workTreeOf(join(dir, 'app'))).toBe(dir);
    const files = repoContextSources([join(dir, 'app/deploy.yaml')]).map((s) => s.filePath).sort();
    expect(files).toEqual([join(dir, 'app/other.yaml'), join(dir, 'app/service.yaml')]);
  });

  it('lints only the given file, with the Service of another tracked file as a related location', () => {
    const { results } = createLinter({ cwd: dir }).lintFiles([join(dir, 'app/deploy.yaml')]);
    expect(results.map((r) => r.filePath)).toEqual([join(dir, 'app/deploy.yaml')]);
    const found = results[0]!.messages.filter((m) => m.ruleId === 'readiness-probe-missing');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('Service "web"');
    expect(found[0]!.related).toEqual([{ message: 'selector of Service "web"', filePath: join(dir, 'app/service.yaml'), line: 6, column: 3, endLine: 6, endColumn: 11 }]);
  });

  it('is turned off by repoContext: false', () => {
    const { results } = createLinter({ cwd: dir, config: { repoContext: false } }).lintFiles([join(dir, 'app/deploy.yaml')]);
    expect(results[0]!.messages.filter((m) => m.ruleId === 'readiness-probe-missing')).toEqual([]);
  });

  it('outside a work tree there is no context', () => {
    const plain = join(root, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'deploy.yaml'), deployment);
    // tmpdir itself may sit inside a work tree on some machines; only assert when it does not.
    if (workTreeOf(plain) === undefined) expect(repoContextSources([join(plain, 'deploy.yaml')])).toEqual([]);
  });
});
