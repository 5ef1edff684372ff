/**
 * The CLI's own I/O failures end with a one-line message and a meaningful exit code, never a
 * stack trace, a hang or a silent success; `explain` stays bounded on the largest valid durations.
 * Hang guards are generous timeouts on the child process, not timings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaleFor } from '../src/explain/chart.js';
import { root } from './harness.js';

const bin = join(root, 'dist', 'src', 'cli.js');
const stackTrace = /at .*\(.*:\d+:\d+\)|node:internal/;
const dir = mkdtempSync(join(tmpdir(), 'kll-cli-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pod = (grace: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  terminationGracePeriodSeconds: ${grace}\n  containers:\n  - name: a\n    image: a:1\n    lifecycle: {preStop: {exec: {command: [sleep, "30"]}}}\n    readinessProbe: {exec: {command: [x]}, periodSeconds: ${grace}}\n`;
const hazard = join(dir, 'pod.yaml');
writeFileSync(hazard, pod('10'));
/** ~300 findings: more output than a pipe buffer holds. */
const many = join(dir, 'many.yaml');
writeFileSync(many, Array(300).fill(pod('10')).join('---\n'));

/** Run a shell command line with the CLI as $KLL; a hang guard of 60 s. */
function sh(script: string) {
  return spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KLL: `"${process.execPath}" "${bin}"` }, timeout: 60_000 });
}

describe('CLI I/O failures', () => {
  it('a reader that closes the pipe early (`| head -c 10`): no stack trace, the exit code of the findings', () => {
    const r = sh('(eval "$KLL many.yaml"; echo "rc=$?" >&2) | head -c 10 >/dev/null');
    expect(r.error).toBeUndefined();
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.stderr).toContain('rc=1');
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk (stdout is /dev/full): a message and exit 2', () => {
    const r = sh('eval "$KLL -f compact pod.yaml" > /dev/full');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kube-lifelint: cannot write the report to stdout \(ENOSPC/);
    expect(r.stderr).not.toMatch(stackTrace);
  });

  it('stdin that is a folder (`- < /`): a message and exit 2, not a silent success', () => {
    const r = sh('eval "$KLL -" < /');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read stdin: it is a folder/);
  });

  it('an output file whose folder cannot be created (under /proc): a message and exit 2, no hang', () => {
    const r = sh('eval "$KLL -o /proc/nonexistent/x pod.yaml"');
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/nonexistent\/x/);
  });

  it('an output file in folders that do not exist yet is written', () => {
    const r = sh('eval "$KLL -f json -o out/a/b/report.json pod.yaml"');
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, 'out/a/b/report.json'))).toBe(true);
  });

  it('a formatter whose promise never settles: exit 2 with a message, not 0', () => {
    writeFileSync(join(dir, 'hang.mjs'), 'export default function () { return new Promise(() => {}); }\n');
    const r = sh('eval "$KLL -f ./hang.mjs pod.yaml"');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stopped before finishing/);
  });
});

describe('a report written as it goes', () => {
  // Larger than one write batch (1 MiB): the JSON report carries each file's source.
  const big = join(dir, 'big.yaml');
  writeFileSync(big, Array(1500).fill(pod('10')).join('---\n'));

  it('gives the same bytes on stdout and in -o, one valid JSON array over several writes', { timeout: 120_000 }, () => {
    const out = sh('eval "$KLL -f json big.yaml" > stdout.json; eval "$KLL -f json -o file.json big.yaml"; echo "rc=$?"');
    expect(out.stdout).toContain('rc=1');
    const stdout = readFileSync(join(dir, 'stdout.json'), 'utf8');
    expect(stdout.length).toBeGreaterThan(1 << 20);
    expect(readFileSync(join(dir, 'file.json'), 'utf8')).toBe(stdout);
    expect(stdout.endsWith(']\n')).toBe(true);
    const report = JSON.parse(stdout) as { messages: unknown[]; source: string }[];
    expect(report).toHaveLength(1);
    expect(report[0]!.source).toBe(readFileSync(big, 'utf8'));
    expect(report[0]!.messages.length).toBeGreaterThanOrEqual(1500);
  });
});

describe('explain with the largest valid durations and non-numbers', () => {
  it.each(['9223372036854775807', '1e+300', '.inf', '.nan'])('terminationGracePeriodSeconds and periodSeconds %s: a bounded chart, no NaN or Infinity', (value) => {
    writeFileSync(join(dir, 'huge.yaml'), pod(value));
    const r = sh('eval "$KLL explain --no-color huge.yaml"');
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.stderr).not.toMatch(stackTrace);
    expect(r.stdout).toMatch(/TERMINATION/);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const lint = sh('eval "$KLL -f compact huge.yaml"');
    expect(lint.stdout).not.toMatch(/NaN|Infinity/);
  });

  it.each([2 ** 63, 1e300, Number.MAX_VALUE])('the time axis for a span of %s s has at most 41 ticks', (span) => {
    const s = scaleFor(span, 36);
    expect(s.horizon).toBeGreaterThan(Math.min(span, 1e300));
    expect(Number.isFinite(s.horizon)).toBe(true);
    expect(s.horizon / s.step).toBeLessThanOrEqual(41);
  });
});

describe('writeOutputFile', () => {
  it('writes exactly the pieces it is given: multi-byte text, pieces larger than its buffer, many small ones', async () => {
    const { writeOutputFile } = await import('../src/cli-io.js');
    const pieces: string[] = [];
    for (let i = 0; i < 5000; i++) pieces.push(`é${i}😀,`); // 2- and 4-byte characters
    pieces.push('😀'.repeat(400_000)); // 1.6 MB of UTF-8: more than the buffer
    for (let i = 0; i < 200; i++) pieces.push('x'.repeat(20_000 + i)); // flushes in between
    pieces.push('漢字', '');
    const out = join(dir, 'out', 'report.txt');
    writeOutputFile(out, pieces);
    expect(readFileSync(out, 'utf8')).toBe(pieces.join(''));
    writeOutputFile(out, 'one string');
    expect(readFileSync(out, 'utf8')).toBe('one string');
  });
});
