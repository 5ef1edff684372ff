/**
 * Work bounded by construction for input the user (or a repository) controls: glob and ignore
 * patterns against long names, regular expressions in runtime profiles, folder trees 1,900 deep,
 * and `--threads`. Hang guards are the test timeout, never a measured time.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { globMatcher, ignoreMatcher } from '../src/engine/glob.js';
import { discover } from '../src/engine/discover.js';
import { maxThreads, resolveThreads } from '../src/engine/threads.js';
import { unsafeRegexReason } from '../src/runtime/safe-regex.js';
import { ConfigError, loadConfigFile } from '../src/config/load.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kll-limits-'));
  dirs.push(d);
  return d;
};
// rm -rf: Node's recursive rmSync overflows the stack on a tree 1,900 folders deep.
afterAll(() => dirs.forEach((d) => spawnSync('rm', ['-rf', d])));

describe('globs', () => {
  it.each([
    ['*.yaml', 'a.yaml', true], ['*.yaml', 'd/a.yaml', false], ['**/*.yaml', 'a.yaml', true], ['**/*.yaml', 'x/y/a.yaml', true],
    ['a/**/b', 'a/b', true], ['a/**/b', 'a/x/y/b', true], ['a/**b', 'a/x/yb', true], ['?.yml', 'ab.yml', false], ['?.yml', 'a.yml', true],
    ['{pod,svc}.yaml', 'svc.yaml', true], ['{pod,svc}.yaml', 'job.yaml', false], ['a{b,{c,d}}e', 'ade', true],
    ['[ab].json', 'b.json', true], ['[!ab].json', 'b.json', false], ['[!ab].json', 'c.json', true], ['[a-c]*', 'c/x', false],
    ['/abs/*.yaml', '/abs/p.yaml', true], ['a.b', 'axb', false], ['a(b)+', 'a(b)+', true],
  ] as const)('%s against %s: %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected);
  });

  it('ignore patterns: names at any depth, folders and what is below them, anchored paths', () => {
    const ignored = ignoreMatcher(['*.golden', 'charts/', '/build/out', 'docs/**']);
    expect(['x/y.golden', 'charts/a/b.yaml', 'sub/charts/c.yaml', 'build/out/x.yaml', 'docs/a.yaml'].map(ignored)).toEqual([true, true, true, true, true]);
    expect(['x/y.yaml', 'sub/build/out/x.yaml', 'chartsx/a.yaml'].map(ignored)).toEqual([false, false, false]);
  });

  it('patterns that made the regular expressions backtrack finish on long names (hang guard: the test timeout)', () => {
    const name = `${'a'.repeat(5000)}.yaml`;
    expect(globMatcher('*a*a*a*a*a*a*a*a*b')(name)).toBe(false);
    expect(globMatcher('**a**a**a**a**a**a**b')(`${'a/'.repeat(2000)}c`)).toBe(false);
    expect(ignoreMatcher(['*a*a*a*a*a*a*a*a*b'])(`x/${name}`)).toBe(false);
  });
});

describe('runtime profile regular expressions', () => {
  it.each(['(a+)+$', '(a|aa)*b', '(?:x*y?)+z', '(a{1,3}){2,}', '.*a.*a.*b', '(a)\\1', 'x'.repeat(501)])('%s is refused', (re) => {
    expect(unsafeRegexReason(re)).toBeDefined();
  });

  it.each(['^(?:(?:/usr)?(?:/local)?/bin/)?(?:ba|a|da|z|k|mk|c|tc)?sh$', '^/usr/bin/(sleep|tail)$', '.*/nginx$', '^[a-z]+(-[a-z0-9]+)?$', '[(+*]+x'])('%s is accepted', (re) => {
    expect(unsafeRegexReason(re)).toBeUndefined();
  });

  it('the config file names the pattern at its line and column', () => {
    const dir = tempDir();
    const file = join(dir, '.kube-lifelint.yaml');
    writeFileSync(file, 'runtimes:\n  slow:\n    detect: [[{nodeSelector: {key: x, value: y}}]]\n    execCommands:\n      - treatment: fails\n        label: a shell\n        argv0: "(a+)+$"\n');
    expect(() => loadConfigFile(file)).toThrow(ConfigError);
    expect(() => loadConfigFile(file)).toThrow(/\.kube-lifelint\.yaml:7:16: runtimes\.slow\.execCommands\[0\]\.argv0 is not accepted: a group/);
  });
});

describe('folders and threads', () => {
  it('a folder tree 1,900 levels deep is walked (hang guard: the test timeout; it cost O(depth²) path resolutions)', () => {
    const root = tempDir();
    const deepest = join(root, ...Array(1900).fill('d'));
    mkdirSync(deepest, { recursive: true });
    writeFileSync(join(deepest, 'pod.yaml'), 'kind: Pod\n');
    expect(discover(['.'], { cwd: root })).toEqual({ files: [join(deepest, 'pod.yaml')], errors: [], ignored: [] });
  });

  it('--threads N is capped: a worker per file for 1,000 files is not started', () => {
    const files = Array.from({ length: 1000 }, (_, i) => `/nonexistent/${i}.yaml`);
    expect(resolveThreads('1000', files).threads).toBe(Math.min(maxThreads(), 1000));
    expect(resolveThreads('2', files).threads).toBe(2);
  });
});

describe('readManifest', () => {
  it('reads a regular file whole in one buffer, and one that says size 0 (/proc) until a read is empty', async () => {
    const { readManifest } = await import('../src/engine/read.js');
    const { readFileSync, existsSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'kll-read-'));
    for (const size of [0, 1, 4095, 1 << 20, (1 << 20) + 1, 3 << 20]) {
      const file = join(dir, `f${size}.yaml`);
      writeFileSync(file, 'a'.repeat(size));
      const r = readManifest(file);
      expect(r.ok && 'text' in r ? r.text.length : -1).toBe(size);
    }
    // /proc/kallsyms says size 0 and gives ~4 KB a read: a reader that stops at the first short read loses the rest.
    if (existsSync('/proc/kallsyms')) {
      const r = readManifest('/proc/kallsyms', 256 << 20);
      const whole = readFileSync('/proc/kallsyms', 'utf8');
      expect(whole.length).toBeGreaterThan(8192);
      expect(r.ok && 'text' in r ? r.text.length : -1).toBe(whole.length);
    }
  });

  it('decodes bytes as the UTF-8 decoder does: ASCII, multi-byte characters, a BOM, invalid bytes (generated)', async () => {
    const { decodeManifest } = await import('../src/engine/read.js');
    const { isUtf8 } = await import('node:buffer');
    const pieces = [[0x61], [0x0a], [0x20, 0x23], [0xc3, 0xa9], [0xe4, 0xb8, 0xad], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0xff], [0xc3], [0x7f]];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const bytes = Uint8Array.from(parts.flat());
        const r = decodeManifest(bytes);
        expect(r.ok && r.text).toBe(new TextDecoder('utf-8').decode(bytes));
        expect(r.ok && 'problem' in r).toBe(!isUtf8(bytes));
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});
