/**
 * Bounded work from small inputs (issue 15, "Hostile input"): scripts and manifests of a few
 * hundred bytes that made the shell analysis or the schema messages run for minutes or build
 * gigabytes. Each case checks the answer (the analysis gives up as "unknown", never a finding from
 * a partial analysis; other findings survive) and runs under a hang guard: the per-test timeout,
 * generous against the fixed times (well under a second) and far below the times before the fix
 * (34 s to minutes, or out of memory). No wall-clock assertion.
 */
import { describe, expect, it } from 'vitest';
import { analyzeExec } from '../src/analysis/shell/index.js';
import { kubeExpand } from '../src/analysis/shell/kube.js';
import { lintText, type LintMessage } from '../src/index.js';

const HANG_GUARD_MS = 20_000;
const unknown = { minSeconds: 0, maxSeconds: null, unbounded: false, unknown: true, evidence: [] };

/** Four nested 16-value `for` loops starting a background job each: 65,536 jobs. */
const sixteen = Array.from({ length: 16 }, (_, i) => i + 1).join(' ');
const JOB_BOMB = `for a in ${sixteen}; do for b in ${sixteen}; do for c in ${sixteen}; do for d in ${sixteen}; do sleep 1 & done; done; done; done; wait`;

function pod(containers: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  terminationGracePeriodSeconds: 30\n${extra}  containers:\n${containers}`;
}

function ruleIds(messages: LintMessage[]): string[] {
  return messages.map((m) => `${m.ruleId}:${m.line}`);
}

describe('shell analysis work budget', () => {
  it('charges job copies: nested loops starting background jobs give up as unknown', { timeout: HANG_GUARD_MS }, () => {
    const work = { steps: 0 };
    expect(analyzeExec(['sh', '-c', JOB_BOMB], undefined, { work })).toEqual(unknown);
    // the budget ran out (400,000 steps), which is what ended the analysis
    expect(work.steps).toBeGreaterThan(400_000);
  });

  it('a few background jobs are still followed exactly', () => {
    const work = { steps: 0 };
    const r = analyzeExec(['sh', '-c', 'for i in 1 2 3 4; do sleep 5 & done; wait'], undefined, { work });
    expect(r).toMatchObject({ minSeconds: 5, maxSeconds: 5, unknown: false });
    expect(work.steps).toBeLessThan(1_000);
  });

  it('charges function and variable copies', { timeout: HANG_GUARD_MS }, () => {
    // every function definition and variable in a 16×16×16 unrolled loop body forces copies of
    // maps that grow with the loop
    const body = Array.from({ length: 40 }, (_, i) => `f${i}() { :; }; v${i}=$a$b$c`).join('; ');
    const script = `for a in ${sixteen}; do for b in ${sixteen}; do for c in ${sixteen}; do ${body}; sleep 1 & done; done; done`;
    const work = { steps: 0 };
    expect(analyzeExec(['sh', '-c', script], undefined, { work })).toEqual(unknown);
    expect(work.steps).toBeGreaterThan(400_000);
  });

  it('charges text built by expansion (x=$x$x doubles)', { timeout: HANG_GUARD_MS }, () => {
    const script = `x=aaaaaaaaaaaaaaaa; ${'x=$x$x; '.repeat(30)}for w in $x; do :; done; sleep 2`;
    expect(analyzeExec(['sh', '-c', script])).toEqual(unknown);
    // the same with a value that stays small is analysed
    expect(analyzeExec(['sh', '-c', `x=a; ${'x=$x$x; '.repeat(8)}for w in $x; do :; done; sleep 2`])).toMatchObject({ minSeconds: 2, maxSeconds: 2 });
  });

  it('a preStop job bomb aliased into five handlers: unknown for each, the rest of the file still linted', { timeout: HANG_GUARD_MS }, () => {
    const hook = (name: string, first: boolean): string =>
      `    - name: ${name}\n      image: x\n      lifecycle:\n        preStop:\n          exec:\n            command: ${first ? `&bomb ["sh", "-c", ${JSON.stringify(JOB_BOMB)}]` : '*bomb'}\n        postStart:\n          exec:\n            command: *bomb\n`;
    const containers = hook('a', true) + hook('b', false) + hook('c', false) + '    - name: d\n      image: x\n      lifecycle:\n        preStop:\n          exec:\n            command: ["sh", "-c", "sleep 40"]\n';
    const [result] = lintText(pod(containers), { filePath: 'bomb.yaml' });
    const ids = ruleIds(result!.messages);
    // container d's preStop outlasts the 30 s grace period: found at its line
    expect(ids.some((id) => id.endsWith(`:${pod(containers).split('\n').findIndex((l) => l.includes('sleep 40')) + 1}`))).toBe(true);
    // the five aliased handlers are unknown: nothing reported on their lines
    const bombLines = new Set(pod(containers).split('\n').flatMap((l, i) => (l.includes('bomb') ? [i + 1] : [])));
    expect(result!.messages.filter((m) => bombLines.has(m.line) && m.ruleId !== null && /prestop|poststart|grace/i.test(m.ruleId))).toEqual([]);
    expect(result!.messages.some((m) => m.fatal)).toBe(false);
  });
});

describe("the kubelet's $(VAR) expansion is capped", () => {
  const env = { A: 'sleep 1;'.repeat(500) };

  it('stops building the expansion past its limit', () => {
    const r = kubeExpand('$(A)'.repeat(1000), env, false, 64 * 1024);
    expect(r.tooLong).toBe(true);
    expect(r.value).toBe('');
    // below the limit, unchanged
    expect(kubeExpand('$(A)$(A)', env, false, 64 * 1024)).toMatchObject({ value: env.A + env.A, unknownRef: false });
    expect(kubeExpand('$(A)$(A)', env).tooLong).toBeUndefined();
  });

  it('404 KB of $(A) expanding to gigabytes is unknown, and nothing is analysed', { timeout: HANG_GUARD_MS }, () => {
    const work = { steps: 0 };
    expect(analyzeExec(['sh', '-c', '$(A)'.repeat(100_000)], env, { work })).toEqual(unknown);
    expect(work.steps).toBe(0);
  });

  it('an expansion an exec would accept is still analysed', () => {
    // 30 × 4,000 characters = 120,000: under the kernel's 128 KiB argument limit
    expect(analyzeExec(['sh', '-c', '$(A)'.repeat(30)], env)).toMatchObject({ minSeconds: 15_000, maxSeconds: 15_000, unknown: false });
    // 40 × 4,000 = 160,000: an exec fails with E2BIG, the command never runs as written
    expect(analyzeExec(['sh', '-c', '$(A)'.repeat(40)], env)).toEqual(unknown);
  });

  it('an argument already that long as written is analysed as before', () => {
    const long = 'sleep 1; '.repeat(20_000);
    expect(analyzeExec(['sh', '-c', long + '$(SECOND_SLEEP)'], { SECOND_SLEEP: 'sleep 2' })).toMatchObject({ minSeconds: 20_002, unknown: false });
  });
});

describe('names that are Object.prototype members', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

  it.each(names)('a command named %s is an ordinary program', (name) => {
    expect(analyzeExec(['sh', '-c', `${name}; sleep 30`])).toMatchObject({ minSeconds: 30, unknown: false });
    expect(analyzeExec([name, 'x'])).toMatchObject({ minSeconds: 0, maxSeconds: null, unknown: false });
    expect(analyzeExec(['sh', '-c', `exec ${name} -n 5`])).toMatchObject({ minSeconds: 0, unknown: false });
  });

  it.each(names.filter((n) => n !== '__proto__'))('a function, variable and env name %s works like any other', (name) => {
    expect(analyzeExec(['sh', '-c', `${name}() { sleep 5; }; ${name}; ${name}`])).toMatchObject({ minSeconds: 10, maxSeconds: 10 });
    expect(analyzeExec(['sh', '-c', `${name}=7; sleep $${name}`])).toMatchObject({ minSeconds: 7, maxSeconds: 7 });
    expect(analyzeExec(['sh', '-c', `sleep \${${name}:-3}`])).toMatchObject({ minSeconds: 3, maxSeconds: 3 });
    const env: Record<string, string> = {};
    Object.defineProperty(env, name, { value: '4', enumerable: true });
    expect(analyzeExec(['sh', '-c', `sleep $${name}; sleep $(${name})`], env)).toMatchObject({ minSeconds: 8, maxSeconds: 8 });
    // not defined: the kubelet leaves $(name) as written, the shell then runs a command substitution
    expect(analyzeExec(['sleep', `$(${name})`], {})).toMatchObject({ minSeconds: 0, unknown: false });
  });
});

describe('schema messages on long values', () => {
  it.each([
    ['a run of {{', '{{'.repeat(80_000)],
    ['a run of ${a-', '${a-'.repeat(40_000)],
  ])('%s (160 KB) is reported at once', { timeout: HANG_GUARD_MS }, (_name, value) => {
    const text = pod(`    - name: a\n      image: x\n      ports:\n        - containerPort: "${value}"\n`);
    const [result] = lintText(text, { filePath: 'long.yaml' });
    expect(ruleIds(result!.messages)).toContain('schema:11');
  });

  it('still recognises placeholders', () => {
    const port = (v: string): LintMessage | undefined => lintText(pod(`    - name: a\n      image: x\n      ports:\n        - containerPort: "${v}"\n`))[0]!.messages.find((m) => m.ruleId === 'schema');
    expect(port('${PORT}')?.message).toMatch(/envsubst/);
    expect(port('${PORT:-80}')?.message).toMatch(/envsubst/);
    expect(port('$PORT')?.message).toMatch(/envsubst/);
    expect(port('{{ .Values.port }}')?.message).toMatch(/helm/i);
    expect(port('${PORT:-80')?.message).not.toMatch(/envsubst/);
    expect(port('{{ x')?.message).not.toMatch(/helm/i);
  });
});
