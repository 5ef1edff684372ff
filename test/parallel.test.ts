/**
 * Worker threads (`--threads`): the output must be the single-threaded run's, byte for byte, in
 * content and order — including cross-file Service matching, which needs every worker to see
 * the Services the others found, and read errors, which must keep their order.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minBytesPerWorker, resolveThreads, slices } from '../src/engine/threads.js';
import { root } from './harness.js';

const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['kube-lifelint']!);
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

const deployment = (app: string, grace: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  selector:
    matchLabels: { app: ${app} }
  template:
    metadata:
      labels: { app: ${app} }
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          lifecycle:
            preStop:
              exec: { command: ["sh", "-c", "sleep 20"] }
`;
const service = (app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector: { app: ${app} }
  ports: [{ port: 80 }]
`;

/** Projects whose Services live in other files (and other slices) than their Deployments. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kll-threads-'));
  for (const sub of ['seeds', '_engine', 'readiness-probe-missing', 'prestop-exceeds-grace-period']) cpSync(join(root, 'fixtures', sub), join(dir, 'fixtures', sub), { recursive: true });
  for (let p = 0; p < 12; p++) {
    const base = join(dir, `project-${String(p).padStart(2, '0')}`);
    mkdirSync(join(base, 'deployments'), { recursive: true });
    mkdirSync(join(base, 'services'), { recursive: true });
    writeFileSync(join(base, 'deployments', 'web.yaml'), deployment(`web-${p}`, p % 3 === 0 ? 10 : 60));
    // Padding so the byte-balanced slices cut between a project's files.
    writeFileSync(join(base, 'services', 'web.yaml'), `${service(`web-${p}`)}---\n${'# padding\n'.repeat(200 * p)}`);
  }
  writeFileSync(join(dir, 'broken.yaml'), 'kind: Pod\nspec: [\n');
  writeFileSync(join(dir, 'unreadable.yaml'), deployment('hidden', 1));
  chmodSync(join(dir, 'unreadable.yaml'), 0o000);
  return dir;
}

describe('--threads', () => {
  it('gives the single-threaded output, byte for byte, for 2, 3 and 8 threads (json and sarif)', { timeout: 180_000 }, () => {
    const dir = project();
    for (const format of ['json', 'sarif']) {
      const args = ['.', 'missing.yaml', '--format', format];
      const one = run([...args, '--threads', '1'], dir);
      expect(one.status).toBe(2); // missing.yaml (and, when not root, the unreadable file)
      expect(one.stdout).toContain('readiness-probe-missing'); // cross-file Service matches exist
      for (const threads of ['2', '3', '8']) {
        const many = run([...args, '--threads', threads], dir);
        expect({ status: many.status, stdout: many.stdout, stderr: many.stderr }, `${format} --threads ${threads}`).toEqual({ status: one.status, stdout: one.stdout, stderr: one.stderr });
      }
    }
  });

  it('rejects a count that is not a whole number or auto (exit 2)', () => {
    for (const bad of ['0', '-1', '1.5', 'all']) {
      const r = run(['fixtures/seeds', `--threads=${bad}`], root);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--threads expects');
    }
  });
});

describe('slices', () => {
  it('cuts the files into contiguous slices of about equal size, covering every file once', () => {
    const files = Array.from({ length: 10 }, (_, i) => `f${i}`);
    const sizes = [5, 1, 1, 1, 1, 1, 1, 1, 1, 5];
    const parts = slices(files, sizes, 3);
    expect(parts.flat()).toEqual(files);
    expect(parts).toHaveLength(3);
    const weight = (part: string[]) => part.reduce((n, f) => n + sizes[files.indexOf(f)]!, 0);
    for (const part of parts) expect(weight(part)).toBeLessThanOrEqual(8);
  });

  it('never makes an empty slice, even with more threads than files', () => {
    expect(slices(['a', 'b'], [1, 100], 8)).toEqual([['a'], ['b']]);
    expect(slices(['a', 'b', 'c'], [100, 0, 0], 3)).toEqual([['a'], ['b'], ['c']]);
    expect(slices(['a'], [0], 3)).toEqual([['a']]);
  });
});

describe('resolveThreads', () => {
  it('auto stays on one thread for small input (a worker would cost more than it saves)', () => {
    expect(resolveThreads('auto', [join(root, 'package.json')]).threads).toBe(1);
  });

  it('auto uses a worker per core but one, and only when each gets at least minBytesPerWorker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kll-auto-'));
    const files = [0, 1, 2].map((i) => join(dir, `${i}.yaml`));
    for (const f of files) writeFileSync(f, 'x'.repeat(minBytesPerWorker));
    expect(resolveThreads('auto', files).threads).toBe(Math.max(1, Math.min(3, availableParallelism() - 1)));
  });

  it('a given count is capped at the number of files', () => {
    expect(resolveThreads('4', ['a', 'b']).threads).toBe(2);
  });
});
