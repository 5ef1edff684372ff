/**
 * Hostile input: files made to break a linter (alias bombs and cycles, 10,000-deep nesting, a
 * 50 MB file, 5 MB lines, tabs as indentation, NUL bytes) and paths that cannot be linted as files
 * (folders named like manifests, unreadable files, symlink loops). Whatever comes in: results, or a
 * fatal finding at a sensible position; never an exception, never a hang; and the other documents
 * and files of the run are still linted and reported.
 *
 * Covered elsewhere and not repeated here:
 *  - binary data and invalid UTF-8 through lintBytes, a BOM, CRLF line ends: engine.test.ts
 *    ('binary data and invalid UTF-8 ...', 'accepts a BOM and CRLF ...');
 *  - empty and comment-only files: engine.test.ts ('non-Kubernetes YAML, empty files ...');
 *  - symlink loops met while walking a folder: engine.test.ts ('walks folders ... survives symlink
 *    loops'); a missing path: engine.test.ts and cli.test.ts;
 *  - an empty folder named x.yaml passed by name: engine.test.ts ('a folder named x.yaml ...');
 *  - control characters and escape sequences in manifests reaching the output: formatters.test.ts
 *    (escapeControls, github, junit, friendly);
 *  - random, mutated and Kubernetes-shaped input: robustness.test.ts.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Alias, parse } from 'yaml';
import { lintFiles, lintText, type LintMessage, type LintResult } from '../src/index.js';
import { root } from './harness.js';

const bin = join(root, 'dist', 'src', 'cli.js');
/** A JavaScript stack frame, as in an uncaught exception's trace. */
const stackTrace = /at .*\(.*:\d+:\d+\)/;

/** A Pod with one error: `hook-tcpsocket` at the `tcpSocket` key, line 11, column 11 of this text. */
const HAZARD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      lifecycle:\n        postStart:\n          tcpSocket:\n            port: 80\n';
const HAZARD_LINE = 11;

const tmpDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kll-hostile-${prefix}-`));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tmpDirs) {
    try {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
});

function cli(args: string[], opts: { cwd: string; user?: number }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    ...(opts.user !== undefined ? { uid: opts.user, gid: opts.user } : {}),
  });
}

/** The process ended by itself (no spawn error, no timeout or signal) and printed no stack trace. */
function expectOrderlyExit(r: SpawnSyncReturns<string>): void {
  expect(r.error).toBeUndefined();
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(stackTrace);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset of a message's start in `text`, after checking that start and end are inside the text. */
function offsetIn(text: string, m: LintMessage, starts = lineStarts(text)): number {
  const lineLength = (line: number) => (starts[line] ?? text.length + 1) - 1 - starts[line - 1]!;
  expect(m.line).toBeGreaterThanOrEqual(1);
  expect(m.line).toBeLessThanOrEqual(starts.length);
  expect(m.column).toBeGreaterThanOrEqual(1);
  expect(m.column).toBeLessThanOrEqual(lineLength(m.line) + 1);
  if (m.endLine !== undefined) {
    expect(m.endLine).toBeLessThanOrEqual(starts.length);
    expect(m.endColumn!).toBeLessThanOrEqual(lineLength(m.endLine) + 1);
  }
  return starts[m.line - 1]! + m.column - 1;
}

/**
 * The single result of linting `text`. Not timed: elapsed time on a shared machine says little.
 * The tests that once hung or ran for minutes carry `hangGuard` as their vitest timeout, which
 * also fails a synchronous test that overran it.
 */
function lintOne(text: string, filePath = 'hostile.yaml'): { result: LintResult } {
  const [result] = lintText(text, { filePath });
  return { result: result! };
}

/** Only a runaway (minutes, as before the fixes these tests pin) exceeds this, however loaded the machine. */
const hangGuard = { timeout: 90_000 };

const brief = (ms: LintMessage[]) => ms.map((m) => [m.ruleId ?? m.messageId, m.line, m.column]);

/** The fatal engine finding of a broken document. */
function expectFatal(m: LintMessage | undefined, message: RegExp): void {
  expect(m).toMatchObject({ ruleId: null, severity: 2, fatal: true, messageId: 'syntax-error' });
  expect(m!.message).toMatch(message);
}

/** `a: &a [lol x9]`, `b: &b [*a x9]`, ...: `levels` anchors, each expanding to 9 copies of the one before. */
function billionLaughs(levels: number): string {
  const names = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

describe('aliases', () => {
  it("a billion-laughs bomb (10 levels of 9) is one fatal finding at the alias where Kubernetes' decoder gives up, without expanding it", hangGuard, () => {
    const text = billionLaughs(10);
    // yaml's toJS() guards itself (maxAliasCount); the linter never calls toJS(): its views
    // resolve alias by alias, and parse.ts applies go-yaml's own limit on alias expansion.
    expect(() => parse(text)).toThrow(/resource exhaustion/);
    const { result } = lintOne(text);
    expect(result.messages).toHaveLength(1);
    const [m] = result.messages;
    expectFatal(m, /excessive aliasing/);
    // a: 10 nodes, b: 100, c: 910; the 4th `*c` of `d` pushes the copied share over 99%.
    expect(m).toMatchObject({ line: 4, column: 17 });
    expect(text.slice(offsetIn(text, m!), offsetIn(text, m!) + 2)).toBe('*c');
  });

  it('a bomb inside a Pod (aliases in a label, args and env) makes that document one fatal finding; the next document is still linted', hangGuard, () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: bomb',
      '  labels:',
      '    app: &app web',
      '    tier: *app',
      `    lol: &l0 [${Array(9).fill('lol').join(', ')}]`,
      '  annotations:',
      ...Array.from({ length: 9 }, (_, i) => `    l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`),
      'spec:',
      '  containers:',
      '    - name: a',
      '      image: x',
      '      args: *l9',
      '      env: [*l9, *l9]',
      '      lifecycle: {postStart: {tcpSocket: {port: 80}}}',
      '---',
      '',
    ].join('\n');
    const text = pod + HAZARD;
    const { result } = lintOne(text);
    const [fatal, ...rest] = result.messages;
    expectFatal(fatal, /excessive aliasing/);
    // At an alias in the annotations, where expansion passes the limit.
    expect(fatal!.line).toBeGreaterThanOrEqual(10);
    expect(fatal!.line).toBeLessThanOrEqual(18);
    expect(text[offsetIn(text, fatal!)]).toBe('*');
    // The bomb document is not linted (its tcpSocket hook is not reported); the next one is.
    const podLines = pod.split('\n').length - 1;
    expect(brief(rest)).toEqual([['hook-tcpsocket', podLines + HAZARD_LINE, 11]]);
  });

  it('Lists nested through aliases (a List bomb: 9^8 Pods) are a fatal finding; modest reuse (9 Pods) is linted', hangGuard, () => {
    const listBomb = (levels: number) => {
      const pod = HAZARD.trimEnd().split('\n').map((line, i) => (i === 0 ? '      - ' : '        ') + line);
      let text = `apiVersion: v1\nkind: List\nitems:\n  - &l0\n    kind: List\n    items:\n${pod.join('\n')}\n`;
      for (let i = 1; i < levels; i++) text += `  - &l${i}\n    kind: List\n    items: [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
      return text;
    };
    // The views expand aliases node by node: before the limit, this took minutes and gigabytes.
    const bomb = lintOne(listBomb(9));
    expect(bomb.result.messages).toHaveLength(1);
    expectFatal(bomb.result.messages[0], /excessive aliasing/);

    const modest = lintOne(listBomb(2)).result;
    // One Pod in the first List and 9 copies of it through the second: 10 findings, one place.
    expect(brief(modest.messages)).toEqual(Array(10).fill(['hook-tcpsocket', 6 + HAZARD_LINE, 19]));
  });

  it('an alias inside the node its anchor names (a cycle) is a fatal finding at the alias, not a stack overflow', () => {
    const cases: [string, number, number][] = [
      // The List case threw RangeError out of lintText before parse.ts checked for cycles.
      ['apiVersion: v1\nkind: List\n# containers\nitems: &i\n  - *i\n  - kind: List\n    items: *i\n', 5, 5],
      ['apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: &s\n  containers:\n    - name: a\n      image: x\n      lifecycle: *s\n', 8, 18],
      ['a: &x [*x]\n', 1, 8],
    ];
    for (const [text, line, column] of cases) {
      const { result } = lintOne(text);
      expect(result.messages).toHaveLength(1);
      expectFatal(result.messages[0], /contains itself/);
      expect(result.messages[0]).toMatchObject({ line, column });
    }
  });

  it('20,000 aliases of one anchor are linted in linear time, with no finding for the aliasing', hangGuard, () => {
    const n = 20_000;
    const text = `${HAZARD}      env:\n        - &e {name: A, value: "1"}\n${'        - *e\n'.repeat(n)}      readinessProbe:\n`;
    // yaml's Alias.resolve(doc) walks the whole document per call: 8,000 aliases took 23 s
    // before parse.ts pinned each alias's target. The work counter: no such walk per alias.
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    const { result } = lintOne(text);
    const walks = resolve.mock.calls.length;
    resolve.mockRestore();
    expect(walks).toBeLessThan(10);
    expect(result.fatalErrorCount).toBe(0);
    expect(brief(result.messages)).toEqual([
      ['hook-tcpsocket', HAZARD_LINE, 11],
      ['probe-empty', 15 + n, 7],
    ]);
  });

  it('an anchor defined again: each alias takes the latest definition before it', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '    - name: a',
      '      image: x',
      '      lifecycle: &h',
      '        postStart:',
      '          tcpSocket: {port: 80}',
      '    - name: b',
      '      image: x',
      '      lifecycle: *h',
      '    - name: c',
      '      image: x',
      '      lifecycle: &h',
      '        postStart:',
      '          exec: {command: [sh, -c, "true"]}',
      '    - name: d',
      '      image: x',
      '      lifecycle: *h',
      '',
    ].join('\n');
    // Containers a and b share the hook node (one position); d's alias is c's hook, which is fine.
    expect(brief(lintOne(text).result.messages)).toEqual([
      ['hook-tcpsocket', 10, 11],
      ['hook-tcpsocket', 10, 11],
    ]);
  });
});

describe('deep nesting', () => {
  const N = 10_000;
  const after = `\n---\n${HAZARD}`;
  /** Line of the hazard when `after` follows a one-line document. */
  const hazardLine = 2 + HAZARD_LINE;

  it('10,000 nested flow sequences and mappings (closed or not): a fatal finding on line 1, and the next document is still linted', hangGuard, () => {
    for (const deep of ['['.repeat(N) + ']'.repeat(N), `${'{a: '.repeat(N)}1${'}'.repeat(N)}`, '['.repeat(N)]) {
      const text = deep + after;
      const { result } = lintOne(text);
      const [fatal, ...rest] = result.messages;
      // yaml composes recursively and reports running out of stack as an error where it happens.
      expectFatal(fatal, /call stack/i);
      expect(fatal!.line).toBe(1);
      offsetIn(text, fatal!);
      expect(brief(rest)).toEqual([['hook-tcpsocket', hazardLine, 11]]);
    }
  });

  it('10,000 nested block mappings (50 MB of indentation) and block sequences: a fatal finding, not an exception from the parser', hangGuard, () => {
    // yaml's CST parser threw RangeError out of parseAllDocuments when a dedent or a `---` closed
    // ~1,000 or more nested block collections; parse.ts now sets such a document aside as broken.
    const blockMaps = Array.from({ length: N }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1';
    const blockSeqs = `${'- '.repeat(N)}x`;
    // A dedent inside the document closes the nesting too (3,000 deep: 4.5 MB is enough to throw).
    const dedent = `top:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')} 1\nnext: 1`;
    for (const deep of [blockMaps, blockSeqs, dedent]) {
      const text = deep + after;
      const deepLines = deep.split('\n').length;
      const { result } = lintOne(text);
      const [fatal, ...rest] = result.messages;
      expectFatal(fatal, /nesting too deep|call stack/i);
      expect(fatal!.line).toBeLessThanOrEqual(deepLines);
      offsetIn(text, fatal!);
      expect(brief(rest)).toEqual([['hook-tcpsocket', deepLines + 1 + HAZARD_LINE, 11]]);
    }
  });

  it('deep nesting inside a Pod is a fatal finding for that Pod, which is not linted further', () => {
    const text = HAZARD.replace('  name: p\n', `  name: p\n  labels: ${'['.repeat(N)}${']'.repeat(N)}\n`);
    const { result } = lintOne(text);
    expect(result.messages).toHaveLength(1);
    expectFatal(result.messages[0], /call stack/i);
    expect(result.messages[0]!.line).toBe(5);
  });
});

describe('size', () => {
  it('a 50 MB file (25,000 ConfigMaps, a Pod in the middle and one at the end) through lintFiles: both hazards at their lines', { timeout: 120_000 }, () => {
    const dir = tempDir('big');
    const file = join(dir, 'big.yaml');
    const fd = openSync(file, 'w');
    let bytes = 0;
    let lines = 0;
    const hazardLines: number[] = [];
    const write = (s: string) => {
      writeSync(fd, s);
      bytes += s.length;
      lines += s.split('\n').length - 1;
    };
    const pod = `---\n${HAZARD}`;
    const value = 'x'.repeat(1980);
    for (let i = 0; bytes < 50 * 1024 * 1024; i++) {
      if (i === 12_500) {
        hazardLines.push(lines + 1 + HAZARD_LINE);
        write(pod);
      }
      write(`---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: "${value}"\n  other: value-${i}\n`);
    }
    hazardLines.push(lines + 1 + HAZARD_LINE);
    write(pod);
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThan(50 * 1024 * 1024);

    const { results, errors } = lintFiles([file], { cwd: dir });
    expect(errors).toEqual([]);
    expect(results).toHaveLength(1);
    expect(brief(results[0]!.messages)).toEqual(hazardLines.map((line) => ['hook-tcpsocket', line, 11]));
    rmSync(file);
  });

  it('5 MB single lines (a value, a flow-style Pod, a comment, a key, a whole file without a newline) finish with sensible results', { timeout: 60_000 }, () => {
    const long = 'a'.repeat(5 * 1024 * 1024);

    const inValue = HAZARD.replace('  name: p\n', `  name: p\n  annotations:\n    big: "${long}"\n`);
    expect(brief(lintOne(inValue).result.messages)).toEqual([['hook-tcpsocket', HAZARD_LINE + 2, 11]]);

    const flowLine = `spec: {containers: [{name: a, image: x, args: ["${long}"], lifecycle: {postStart: {tcpSocket: {port: 80}}}}]}`;
    const flow = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n${flowLine}\n`;
    expect(brief(lintOne(flow).result.messages)).toEqual([['hook-tcpsocket', 4, flowLine.indexOf('tcpSocket') + 1]]);

    const comment = `# ${long}\n${HAZARD}`;
    expect(brief(lintOne(comment).result.messages)).toEqual([['hook-tcpsocket', HAZARD_LINE + 1, 11]]);

    const key = `${long}: 1\n`;
    const keyResult = lintOne(key).result;
    expect(keyResult.messages).toHaveLength(1);
    expectFatal(keyResult.messages[0], /1024/);
    expect(keyResult.messages[0]).toMatchObject({ line: 1, column: 1 });
    offsetIn(key, keyResult.messages[0]!);

    expect(lintOne(long).result.messages).toEqual([]);
  });
});

describe('characters', () => {
  it('tabs as indentation are a fatal finding at the tab; tabs inside values, comments and after `:` are fine', () => {
    const atLineStart = HAZARD.replace('  name: p', '\tname: p');
    const m1 = lintOne(atLineStart).result.messages;
    expect(m1).toHaveLength(1);
    expectFatal(m1[0], /tab/i);
    expect(m1[0]).toMatchObject({ line: 4, column: 1 });
    expect(atLineStart[offsetIn(atLineStart, m1[0]!)]).toBe('\t');

    const inIndent = HAZARD.replace('      image: x', '  \t  image: x');
    const m2 = lintOne(inIndent).result.messages;
    expect(m2).toHaveLength(1);
    expectFatal(m2[0], /tab/i);
    expect(m2[0]).toMatchObject({ line: 8, column: 3 });
    expect(inIndent[offsetIn(inIndent, m2[0]!)]).toBe('\t');

    const inValues = HAZARD.replace('  name: p\n', '  name: p\n  annotations:\n    quoted: "a\tb"\n    plain: a\tb\n').replace('    - name: a\n', '    - name: a\t# a comment after a tab\n').replace('image: x', 'image:\tx');
    expect(brief(lintOne(inValues).result.messages)).toEqual([['hook-tcpsocket', HAZARD_LINE + 3, 11]]);
  });

  it('NUL bytes: in a file, a fatal binary-file finding and the other files still linted; in a string given to lintText, linted as text', () => {
    const dir = tempDir('nul');
    writeFileSync(join(dir, 'nul.yaml'), `${HAZARD}\0\0\0`);
    writeFileSync(join(dir, 'pod.yaml'), HAZARD);
    const { results, errors } = lintFiles(['nul.yaml', 'pod.yaml'], { cwd: dir });
    expect(errors).toEqual([]);
    expect(results.map((r) => [r.filePath, brief(r.messages)])).toEqual([
      [join(dir, 'nul.yaml'), [['binary-file', 1, 1]]],
      [join(dir, 'pod.yaml'), [['hook-tcpsocket', HAZARD_LINE, 11]]],
    ]);
    expect(results[0]!.messages[0]).toMatchObject({ ruleId: null, severity: 2, fatal: true });
    expect(results[0]!.messages[0]!.message).toContain(`offset ${HAZARD.length}`);

    // A string has no bytes to be binary: yaml reads a NUL as scalar content.
    const text = HAZARD.replace('  name: p\n', '  name: p\n  annotations:\n    nul: "a\0b"\n');
    expect(brief(lintOne(text).result.messages)).toEqual([['hook-tcpsocket', HAZARD_LINE + 2, 11]]);
  });
});

describe('paths', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error('run `npm run build` first (npm test does)');
  });

  it('a folder named x.yaml, passed by name or met while walking, is linted as a folder (CLI too)', () => {
    const dir = tempDir('dir-yaml');
    mkdirSync(join(dir, 'apps.yaml', 'nested.yml'), { recursive: true });
    writeFileSync(join(dir, 'apps.yaml', 'pod.yaml'), HAZARD);
    writeFileSync(join(dir, 'apps.yaml', 'notes.txt'), 'not yaml');
    writeFileSync(join(dir, 'apps.yaml', 'nested.yml', 'pod2.yml'), HAZARD);
    writeFileSync(join(dir, 'top.yaml'), HAZARD);
    const files = (r: LintResult[]) => r.map((x) => x.filePath.slice(dir.length + 1));

    const named = lintFiles(['apps.yaml'], { cwd: dir });
    expect(named.errors).toEqual([]);
    expect(files(named.results)).toEqual(['apps.yaml/nested.yml/pod2.yml', 'apps.yaml/pod.yaml']);
    expect(named.results.every((r) => r.messages.length === 1 && r.messages[0]!.ruleId === 'hook-tcpsocket')).toBe(true);

    const walked = lintFiles(['.'], { cwd: dir });
    expect(walked.errors).toEqual([]);
    expect(files(walked.results)).toEqual(['apps.yaml/nested.yml/pod2.yml', 'apps.yaml/pod.yaml', 'top.yaml']);

    const r = cli(['apps.yaml', '--format', 'json'], { cwd: dir });
    expectOrderlyExit(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).map((x: LintResult) => x.messages.map((m) => m.ruleId))).toEqual([['hook-tcpsocket'], ['hook-tcpsocket']]);
  });

  /** A folder with `secret.yaml` (mode 000) and `pod.yaml`; whether this process can still read the secret (root can). */
  function unreadableSetup(): { dir: string; readable: boolean } {
    const dir = tempDir('unreadable');
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'secret.yaml'), HAZARD);
    writeFileSync(join(dir, 'pod.yaml'), HAZARD);
    chmodSync(join(dir, 'secret.yaml'), 0o000);
    let readable = true;
    try {
      readFileSync(join(dir, 'secret.yaml'));
    } catch {
      readable = false;
    }
    return { dir, readable };
  }

  it('an unreadable file is an error naming it, and the other files are still linted (lintFiles)', (ctx) => {
    const { dir, readable } = unreadableSetup();
    if (readable) ctx.skip(); // running as root: mode 000 does not stop this process
    const { results, errors } = lintFiles(['secret.yaml', 'pod.yaml'], { cwd: dir });
    expect(errors).toEqual([{ path: join(dir, 'secret.yaml'), message: `Permission denied: '${join(dir, 'secret.yaml')}'.` }]);
    expect(results.map((r) => [r.filePath, brief(r.messages)])).toEqual([[join(dir, 'pod.yaml'), [['hook-tcpsocket', HAZARD_LINE, 11]]]]);
  });

  it('an unreadable file: the CLI names it on stderr, still reports the other files, and exits 2', (ctx) => {
    const { dir, readable } = unreadableSetup();
    // As root, run the CLI as `nobody` so that mode 000 applies; skip when that is not possible.
    let user: number | undefined;
    if (readable) {
      if (process.getuid?.() !== 0) ctx.skip();
      user = 65534;
      const probe = cli(['--version'], { cwd: dir, user });
      if (probe.error || probe.status !== 0) ctx.skip();
    }
    const r = cli(['secret.yaml', 'pod.yaml', '--format', 'compact'], { cwd: dir, user });
    expectOrderlyExit(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`kube-lifelint: Permission denied: '${join(dir, 'secret.yaml')}'.\n`);
    expect(r.stdout).toContain(`pod.yaml:${HAZARD_LINE}:11: error hook-tcpsocket`);
    expect(r.stdout).not.toContain('secret.yaml');
  });

  it('a symlink loop passed by name (a -> b -> a, and a link to itself) is an error naming it; the CLI exits 2 and still reports the rest', () => {
    const dir = tempDir('loop');
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    symlinkSync('self.yaml', join(dir, 'self.yaml'));
    writeFileSync(join(dir, 'pod.yaml'), HAZARD);

    const { results, errors } = lintFiles(['loop-a.yaml', 'self.yaml', 'pod.yaml'], { cwd: dir });
    expect(errors).toEqual([
      { path: 'loop-a.yaml', message: "Too many levels of symbolic links: 'loop-a.yaml'." },
      { path: 'self.yaml', message: "Too many levels of symbolic links: 'self.yaml'." },
    ]);
    expect(results.map((r) => [r.filePath, brief(r.messages)])).toEqual([[join(dir, 'pod.yaml'), [['hook-tcpsocket', HAZARD_LINE, 11]]]]);

    const r = cli(['loop-a.yaml', 'pod.yaml', '--format', 'compact'], { cwd: dir });
    expectOrderlyExit(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("kube-lifelint: Too many levels of symbolic links: 'loop-a.yaml'.\n");
    expect(r.stdout).toContain(`pod.yaml:${HAZARD_LINE}:11: error hook-tcpsocket`);
  });

  it('the CLI over every kind of hostile file in one run: a result for each, exit 1, no stack trace', { timeout: 120_000 }, () => {
    const dir = tempDir('cli');
    const files: Record<string, string> = {
      'bomb.yaml': billionLaughs(10),
      'cycle.yaml': 'apiVersion: v1\nkind: List\n# containers\nitems: &i\n  - *i\n',
      'deep-flow.yaml': '['.repeat(10_000) + ']'.repeat(10_000),
      'deep-block.yaml': `${'- '.repeat(10_000)}x\n---\nb: 1\n`,
      'long-line.yaml': `# ${'a'.repeat(5 * 1024 * 1024)}\n${HAZARD}`,
      'tabs.yaml': 'a:\n\tb: 1\n',
      'nul.yaml': 'a: 1\n\0',
      'pod.yaml': HAZARD,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const r = cli(['.', '--format', 'json'], { cwd: dir });
    expectOrderlyExit(r);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as LintResult[];
    const first = Object.fromEntries(results.map((x) => [x.filePath.slice(dir.length + 1), x.messages.map((m) => m.ruleId ?? m.messageId)]));
    expect(first).toEqual({
      'bomb.yaml': ['syntax-error'],
      'cycle.yaml': ['syntax-error'],
      'deep-block.yaml': ['syntax-error'],
      'deep-flow.yaml': ['syntax-error'],
      'long-line.yaml': ['hook-tcpsocket'],
      'nul.yaml': ['binary-file'],
      'pod.yaml': ['hook-tcpsocket'],
      'tabs.yaml': ['syntax-error'],
    });
  });
});
