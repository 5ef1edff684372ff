/** The installed command as users run it: built bin, real processes, exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './harness.js';

// The bin as package.json names it (the bundle users run).
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['kube-lifelint']!);
const run = (args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: opts.cwd ?? root, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env } });

const hazard = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      lifecycle:\n        postStart:\n          tcpSocket:\n            port: 80\n';
const clean = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n';
const warnOnly = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';

describe('kube-lifelint (built bin)', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
  });

  it('lints stdin with `-` and names it with --stdin-filename', () => {
    const r = run(['-', '--format', 'compact', '--stdin-filename', 'pod.yaml'], { input: hazard });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('pod.yaml:11:11: error hook-tcpsocket');
  });

  it('exits 0 on a clean manifest and 1 on errors', () => {
    expect(run(['-'], { input: clean }).status).toBe(0);
    expect(run(['-'], { input: hazard }).status).toBe(1);
  });

  it('--format json prints ESLint-shaped results', () => {
    const r = run(['-', '--format', 'json'], { input: hazard });
    const results = JSON.parse(r.stdout);
    expect(results[0]).toMatchObject({ filePath: '<stdin>', errorCount: 1, warningCount: 0, source: hazard });
    expect(results[0].messages[0]).toMatchObject({ ruleId: 'hook-tcpsocket', line: 11, column: 11, endLine: 11, endColumn: 20, severity: 2 });
  });

  it('warnings exit 0 unless over --max-warnings; --quiet drops them', () => {
    expect(run(['-'], { input: warnOnly }).status).toBe(0);
    const over = run(['-', '--max-warnings', '0'], { input: warnOnly });
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(/too many warnings/);
    const quiet = run(['-', '--quiet', '--format', 'json'], { input: warnOnly });
    expect(JSON.parse(quiet.stdout)[0].messages).toEqual([]);
  });

  it('a missing path exits 2 naming it, and the other files are still reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-cli-'));
    writeFileSync(join(dir, 'pod.yaml'), hazard);
    const r = run(['missing.yaml', 'pod.yaml', '--format', 'compact'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing.yaml');
    expect(r.stdout).toContain('pod.yaml:11:11');
  });

  it('usage errors exit 2 with a clear message and no stack trace', () => {
    for (const args of [[], ['--bogus', 'x'], ['--format', 'nope', '-'], ['--rule', 'nope=error', '-'], ['--max-warnings', 'x', '-']]) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^kube-lifelint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--runtime with an unknown name is a usage error naming the known ones, not a rule crash', () => {
    const r = run(['--runtime', 'bogus', '-'], { input: hazard });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--runtime: unknown runtime 'bogus': expected one of auto, none, baidu-bci");
    expect(r.stdout).not.toContain('kube-lifelint bug');
  });

  it('--rule turns a rule off and --preset strict turns off-by-default rules on', () => {
    expect(run(['-', '--rule', 'hook-tcpsocket=off'], { input: hazard }).status).toBe(0);
    const portless = clean.replace('image: x\n', 'image: x\n      livenessProbe:\n        tcpSocket:\n          port: 8080\n');
    const normal = run(['-', '--format', 'json'], { input: portless });
    expect(JSON.parse(normal.stdout)[0].messages).toEqual([]);
    const strict = run(['-', '--format', 'json', '--preset', 'strict'], { input: portless });
    expect(JSON.parse(strict.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain('probe-port-undeclared');
  });

  it('friendly output shows file:line:col, links rules to our docs, no colour when NO_COLOR', () => {
    const r = run(['-', '--stdin-filename', 'pod.yaml'], { input: hazard });
    expect(r.stdout).toMatch(/pod\.yaml:11:11/);
    expect(r.stdout).not.toContain('eslint.org');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('--output-file writes the report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-out-'));
    const out = join(dir, 'sub', 'report.json');
    const r = run(['-', '--format', 'json', '--output-file', out], { input: hazard });
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].errorCount).toBe(1);
  });

  it('--version and --help', () => {
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect(run(['--help']).stdout).toContain('Exit codes');
  });
});
