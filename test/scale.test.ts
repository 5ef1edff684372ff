/**
 * Scale and broken streams: no document dropped however many are broken, every syntax error
 * where the mistake is, no argument-limit crash with 150k findings in one file, large files
 * linted in batches with the findings of the whole-file lint, and inputs over the size limit
 * as one finding. Work is asserted by counts; hang guards are generous test timeouts, never a
 * measured time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinter, defineRule, lintText } from '../src/index.js';
import { batchWindows } from '../src/engine/batches.js';
import { lintSources } from '../src/engine/linter.js';
import { resolveConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import { allFixtureFiles, read, root } from './harness.js';

const hazardousPod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n    - name: a\n      image: nginx:1.27\n`;
const onlyGraceZero = { config: { extends: 'none' as const, rules: { 'grace-period-zero': 'error' as const } } };
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('broken documents', () => {
  it('an unterminated quote is reported where it opens, and the documents after it are linted', () => {
    const text = `a: 1\nb: "foo\nc: 2\n---\n${hazardousPod(0)}---\nx: 'y\n---\n${hazardousPod(1)}`;
    const [r] = lintText(text, onlyGraceZero);
    const errors = r!.messages.filter((m) => m.messageId === 'syntax-error');
    expect(errors.map((m) => [m.line, m.column])).toEqual([
      [2, 4],
      [lineOf(text, text.indexOf("x: 'y")), 4],
    ]);
    expect(r!.messages.filter((m) => m.ruleId === 'grace-period-zero')).toHaveLength(2);
  });

  it('60 broken documents among 60 hazardous Pods: all 60 Pods found, each error at its document', () => {
    const broken = [(i: number) => `a: "open ${i}\n`, (i: number) => `a: [1, ${i}\n`, (i: number) => `a: 'open ${i}\nb: {c: 1\n`, (i: number) => `a:\n  - b\n c: ${i}\n`];
    const parts: string[] = [];
    const brokenAt: number[] = [];
    let length = 0;
    for (let i = 0; i < 60; i++) {
      for (const piece of [broken[i % broken.length]!(i), hazardousPod(i)]) {
        if (piece !== hazardousPod(i)) brokenAt.push(length + 4);
        const doc = `---\n${piece}`;
        parts.push(doc);
        length += doc.length;
      }
    }
    const text = parts.join('');
    const [r] = lintText(text, onlyGraceZero);
    expect(r!.messages.filter((m) => m.ruleId === 'grace-period-zero')).toHaveLength(60);
    const errorLines = r!.messages.filter((m) => m.messageId === 'syntax-error').map((m) => m.line);
    expect(errorLines).toHaveLength(60);
    // Each error lies in its own broken document (between its `---` and the Pod after it).
    errorLines.forEach((line, i) => {
      expect(line).toBeGreaterThanOrEqual(lineOf(text, brokenAt[i]!));
      expect(line).toBeLessThan(lineOf(text, brokenAt[i]!) + 4);
    });
  });
});

describe('large inputs', () => {
  it('150k findings in one file: all reported (no argument-limit crash)', () => {
    const many = defineRule({
      id: 'many',
      meta: { description: 'Reports every container many times.', category: 'runtime', defaultSeverity: 'error', messages: { m: 'finding' } },
      create: (ctx) => ({
        container(c) {
          for (let i = 0; i < 150_000; i++) ctx.report({ at: c.name, messageId: 'm' });
        },
      }),
    });
    const linter = createLinter({ rules: { many }, config: { extends: 'none', rules: { many: 'error' } } });
    const [r] = linter.lintText(hazardousPod(0));
    expect(r!.messages).toHaveLength(150_000);
    expect(r!.errorCount).toBe(150_000);
  }, 300_000);

  it('a large file is cut into batches at `---` lines, never after a directive', () => {
    const text = `${'---\na: 1\n'.repeat(10)}%YAML 1.2\n---\nb: 2\n`;
    const windows = batchWindows(text, 16);
    expect(windows[0]![0]).toBe(0);
    expect(windows.at(-1)![1]).toBe(text.length);
    for (let i = 1; i < windows.length; i++) {
      expect(windows[i]![0]).toBe(windows[i - 1]![1]);
      expect(text.startsWith('---', windows[i]![0])).toBe(true);
      expect(text.slice(0, windows[i]![0]).endsWith('%YAML 1.2\n')).toBe(false);
    }
    expect(windows.length).toBeGreaterThanOrEqual(5);
  });

  it('batched linting gives the findings of the whole-file lint (fixtures, one document per batch)', () => {
    const config = resolveConfig({}, rules);
    const dir = join(root, 'fixtures');
    const files = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).flatMap((d) => allFixtureFiles(join(dir, d)));
    const sources = files.map((f) => ({ filePath: f, text: read(f) }));
    const whole = lintSources(sources, config, rules);
    const batched = lintSources(sources, { ...config, batchBytes: 1 }, rules);
    expect(batched.map((r) => [r.filePath, r.messages, r.suppressedMessages])).toEqual(whole.map((r) => [r.filePath, r.messages, r.suppressedMessages]));
    expect(files.length).toBeGreaterThan(50);
  }, 300_000);

  it('4,000 documents with one finding each, in batches: every one found, in order', () => {
    const text = Array.from({ length: 4_000 }, (_, i) => `---\n${hazardousPod(i)}`).join('');
    expect(batchWindows(text).length).toBeGreaterThan(1);
    const [r] = lintText(text, onlyGraceZero);
    expect(r!.messages).toHaveLength(4_000);
    expect(r!.messages.map((m) => m.line)).toEqual(Array.from({ length: 4_000 }, (_, i) => i * 10 + 7));
  }, 300_000);
});

describe('input limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kll-scale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = join(root, 'dist/src/cli.js');
  const pod = join(dir, 'pod.yaml');
  writeFileSync(pod, hazardousPod(0));

  it('/dev/zero as a path: one finding, the other files still linted, exit 1', () => {
    const r = spawnSync(process.execPath, [cli, '-f', 'json', '--max-input-size', '1M', '/dev/zero', pod], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { messageId?: string; ruleId: string | null }[] }[];
    expect(results.find((x) => x.filePath === '/dev/zero')!.messages.map((m) => m.messageId)).toEqual(['input-too-large']);
    expect(results.find((x) => x.filePath === pod)!.messages.map((m) => m.ruleId)).toContain('grace-period-zero');
  }, 120_000);

  it('/dev/zero as stdin: one finding at the limit, exit 1', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" -f compact --max-input-size 64K - < /dev/zero`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/<stdin>:1:1: error .*Input too large: more than 64 KiB/);
  }, 120_000);

  it('a file over the limit is not read; a bad size is a usage error', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `${hazardousPod(0)}# ${'x'.repeat(5000)}\n`);
    const r = spawnSync(process.execPath, [cli, '-f', 'compact', '--max-input-size', '4096', big, pod], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/big\.yaml:1:1: error .*Input too large: 5(\.\d)? KiB, over the limit of 4 KiB/);
    expect(r.stdout).toMatch(/pod\.yaml:6:\d+: .*grace-period-zero/);
    const bad = spawnSync(process.execPath, [cli, '--max-input-size', 'lots', pod], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--max-input-size expects a size/);
  }, 120_000);
});
