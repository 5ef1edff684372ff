/** `--fix`, `--fix-dry-run`, `--fix-type` and `--rule` options through the built bin. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './harness.js';

const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['kube-lifelint']!);
const run = (args: string[], opts: { input?: string; cwd?: string } = {}) =>
  spawnSync(process.execPath, [bin, '--no-config', ...args], { cwd: opts.cwd ?? root, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

// CRLF, a comment and a second document that must come back byte for byte.
const broken = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: a\r\n      image: nginx:1.27\r\n      livenessProbe:\r\n        tcpSocket: { port: 80 }\r\n        successThreshold: 2 # was 2\r\n---\r\nkind: ConfigMap # untouched\r\n';
const fixed = broken.replace('successThreshold: 2', 'successThreshold: 1');
const dir = mkdtempSync(join(root, 'tmp-fix-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--fix', () => {
  it('writes the fixed text, keeps everything else, and exits with what is left (0)', () => {
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, broken);
    const r = run(['--fix', '--format', 'json', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    const [result] = JSON.parse(r.stdout);
    expect(result).toMatchObject({ messages: [], errorCount: 0, output: fixed });
  });

  it('keeps a byte order mark', () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, `\ufeff${broken}`);
    expect(run(['--fix', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`\ufeff${fixed}`);
  });

  it('with stdin is a usage error that points at --fix-dry-run', () => {
    const r = run(['--fix', '-'], { input: broken });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fix-dry-run');
  });

  it('--fix-type narrows by category, and needs --fix or --fix-dry-run', () => {
    const file = join(dir, 'typed.yaml');
    writeFileSync(file, broken);
    const other = run(['--fix', '--fix-type', 'termination,startup', file]);
    expect(other.status).toBe(1); // the finding stays
    expect(readFileSync(file, 'utf8')).toBe(broken);
    expect(run(['--fix', '--fix-type', 'api-rejected', file]).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
    expect(run(['--fix-type', 'api-rejected', file]).status).toBe(2);
    expect(run(['--fix', '--fix-type', 'bogus', file]).stderr).toContain("--fix-type expects categories among termination, startup, probes, api-rejected, runtime, got 'bogus'");
  });
});

describe('--fix-dry-run', () => {
  it('works with stdin, writes nothing, and puts the fixed text in output', () => {
    const r = run(['--fix-dry-run', '--format', 'json', '-'], { input: broken });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0].output).toBe(fixed);
  });
  it('gives the same results on worker threads (they get the resolved config, fix included)', () => {
    const folder = join(dir, 'threads');
    mkdirSync(folder);
    for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) writeFileSync(join(folder, name), broken);
    const one = run(['--fix-dry-run', '--threads', '1', '--format', 'json', folder]);
    const two = run(['--fix-dry-run', '--threads', '2', '--format', 'json', folder]);
    expect(JSON.parse(one.stdout).map((r: { output?: string }) => r.output)).toEqual([fixed, fixed, fixed]);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(folder, 'a.yaml'), 'utf8')).toBe(broken);
  });
  it('without a fix to apply, results carry fix and fixable counts but no output', () => {
    const r = run(['--format', 'json', '-'], { input: broken });
    expect(r.status).toBe(1);
    const [result] = JSON.parse(r.stdout);
    expect(result.fixableErrorCount).toBe(1);
    expect(result.output).toBeUndefined();
    expect(result.messages[0].fix).toEqual({ range: [broken.indexOf('2 # was'), broken.indexOf('2 # was') + 1], text: '1' });
  });
});

describe('--rule with options', () => {
  const slow = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      lifecycle:\n        postStart:\n          exec: { command: ["sh", "-c", "sleep 15"] }\n';
  it('applies valid options and rejects invalid ones with exit 2, naming the rule and option', () => {
    expect(run(['--format', 'compact', '--rule', 'poststart-slow={"severity":"error","maxSeconds":20}', '-'], { input: slow }).status).toBe(0);
    expect(run(['--format', 'compact', '--rule', 'poststart-slow={"severity":"error","maxSeconds":10}', '-'], { input: slow }).status).toBe(1);
    const bad = run(['--rule', 'poststart-slow={"severity":"error","maxSeconds":"ten"}', '-'], { input: slow });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("rule 'poststart-slow': option 'maxSeconds' must be a number, got \"ten\".");
    expect(run(['--rule', 'poststart-slow={"maxSeconds":1}', '-'], { input: slow }).stderr).toContain('"severity"');
  });
});

describe('kube-lifelint rules', () => {
  it('shows which rules fix and which suggest', () => {
    const text = run(['rules']).stdout;
    expect(text).toMatch(/liveness-success-threshold\s+error\s+api-rejected\s+fix\s/);
    expect(text).toMatch(/prestop-exceeds-grace-period\s+error\s+termination\s+suggest\s/);
    expect(text).toMatch(/readiness-probe-missing\s+warn\s+probes\s+-\s/);
    const json = JSON.parse(run(['rules', '--format', 'json']).stdout) as { id: string; fixable?: boolean }[];
    expect(json.find((r) => r.id === 'liveness-success-threshold')!.fixable).toBe(true);
    expect(json.find((r) => r.id === 'readiness-probe-missing')!.fixable).toBeUndefined();
  });
});
