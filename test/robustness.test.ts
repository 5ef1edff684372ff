/**
 * Robustness: property-based tests (fast-check) over mutated fixtures, random YAML-ish text and
 * random Kubernetes-shaped manifests. Whatever the input, linting returns results (a fatal finding
 * at worst), never an exception, and every message is well-formed.
 *
 * Runs are reproducible and bounded: a fixed seed, a fixed number of runs per property and a time
 * limit per property (fast-check stops early, without failing, when the limit is reached on a slow
 * machine). For a longer local run: FUZZ_RUNS=5000 FUZZ_SEED=123 npx vitest run test/robustness.test.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { rules } from '../rules/index.js';
import { resolveConfig, type UserConfig } from '../src/config/resolve.js';
import { lintSources } from '../src/engine/linter.js';
import { lintBytes, lintText } from '../src/index.js';
import type { LintMessage, LintResult } from '../src/types.js';
import { root } from './harness.js';
import { lineStartsOf, spanViolations } from './span-text.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const scale = (n: number) => (process.env.FUZZ_RUNS ? Math.max(1, Math.round((Number(process.env.FUZZ_RUNS) * n) / 100)) : n);
/** fast-check parameters: fixed seed, bounded runs and time. */
const params = (numRuns: number, seedOffset: number): fc.Parameters<unknown> => ({
  seed: SEED + seedOffset,
  numRuns: scale(numRuns),
  interruptAfterTimeLimit: process.env.FUZZ_RUNS ? undefined : 4000,
  markInterruptAsFailure: false,
});

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

/** Engine finding kinds (ruleId null). */
const ENGINE_IDS = new Set(['syntax-error', 'duplicate-key', 'helm-template', 'unused-directive', 'unknown-rule', 'binary-file', 'encoding']);
const RULE_IDS = new Set(Object.keys(rules));

/** Everything wrong with one result for `text`; [] when it is well-formed. */
function violations(text: string, results: LintResult[], filePath: string, checkSource = true): string[] {
  const out: string[] = [];
  if (results.length !== 1) return [`expected 1 result, got ${results.length}`];
  const r = results[0]!;
  if (r.filePath !== filePath) out.push(`filePath ${r.filePath}`);
  // `source` is kept only for results with something to show (for the code frame).
  if (checkSource && (r.messages.length || r.suppressedMessages.length) && r.source !== text) out.push('source is not the linted text');
  const lines = text.split('\n');
  const inText = (line: number, column: number) =>
    Number.isInteger(line) && Number.isInteger(column) && line >= 1 && column >= 1 && line <= lines.length && column <= lines[line - 1]!.length + 1;
  const check = (m: LintMessage, where: string) => {
    const at = `${where} ${m.ruleId ?? m.messageId}@${m.line}:${m.column}-${m.endLine}:${m.endColumn} "${m.message.slice(0, 120)}"`;
    if (!inText(m.line, m.column)) out.push(`position outside the text: ${at}`);
    if (m.endLine !== undefined || m.endColumn !== undefined) {
      if (!inText(m.endLine ?? NaN, m.endColumn ?? NaN)) out.push(`end outside the text: ${at}`);
      else if (m.endLine! < m.line || (m.endLine === m.line && m.endColumn! < m.column)) out.push(`end before start: ${at}`);
    }
    if (m.fatal && (m.ruleId !== null || m.severity !== 2)) out.push(`fatal finding with a rule id or not an error: ${at}`);
    if (m.ruleId === null && !ENGINE_IDS.has(m.messageId ?? '')) out.push(`unknown engine messageId: ${at}`);
    if (m.ruleId !== null && !RULE_IDS.has(m.ruleId)) out.push(`unknown ruleId: ${at}`);
    if (m.severity !== 1 && m.severity !== 2) out.push(`severity ${m.severity}: ${at}`);
    if (typeof m.message !== 'string' || m.message.length === 0) out.push(`empty message: ${at}`);
    // A rule that throws is caught by the walker and turned into this message: a crash all the same.
    if (/This is a kube-lifelint bug/.test(m.message)) out.push(`rule crashed: ${at}`);
    if (/\{\{\s*\w+\s*\}\}/.test(m.message)) out.push(`uninterpolated placeholder: ${at}`);
    for (const rel of m.related ?? []) if (!inText(rel.line, rel.column)) out.push(`related location outside the text: ${at} -> ${rel.line}:${rel.column}`);
  };
  r.messages.forEach((m) => check(m, 'message'));
  r.suppressedMessages.forEach((m) => check(m, 'suppressed'));
  const count = (f: (m: LintMessage) => boolean) => r.messages.filter(f).length;
  if (r.errorCount !== count((m) => m.severity === 2)) out.push('errorCount');
  if (r.warningCount !== count((m) => m.severity === 1)) out.push('warningCount');
  if (r.fatalErrorCount !== count((m) => m.fatal === true)) out.push('fatalErrorCount');
  for (let i = 1; i < r.messages.length; i++) {
    const a = r.messages[i - 1]!;
    const b = r.messages[i]!;
    if (a.line > b.line || (a.line === b.line && a.column > b.column)) out.push(`messages not in position order at ${i}`);
  }
  return out;
}

function assertWellFormed(text: string, results: LintResult[], filePath: string, checkSource = true): void {
  const v = violations(text, results, filePath, checkSource);
  if (v.length) throw new Error(`${v.length} violation(s):\n  ${v.slice(0, 8).join('\n  ')}\ninput (JSON): ${JSON.stringify(text).slice(0, 3000)}`);
}

const configs: UserConfig[] = [
  {},
  { extends: 'strict' },
  { extends: 'strict', kubernetesVersion: '1.15', runtime: 'windows' },
  { extends: 'strict', kubernetesVersion: '1.24', runtime: 'azure-aci' },
  { extends: 'strict', kubernetesVersion: '1.29', runtime: 'baidu-bci' },
];
const configArb = fc.constantFrom(...configs);

function lintChecked(text: string, config: UserConfig, filePath = '/fuzz/manifest.yaml'): LintResult {
  let results: LintResult[];
  try {
    results = lintText(text, { filePath, config });
  } catch (err) {
    throw new Error(`lintText threw ${(err as Error)?.stack ?? String(err)}\ninput (JSON): ${JSON.stringify(text).slice(0, 3000)}`);
  }
  assertWellFormed(text, results, filePath);
  return results[0]!;
}

/** The fast path (skipping documents no rule reads) must not change any rule finding. */
function assertFastPathExact(text: string, config: UserConfig): void {
  const resolved = resolveConfig(config, rules);
  const key = (r: LintResult) => r.messages.filter((m) => m.ruleId !== null).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  const [fast] = lintSources([{ filePath: '/fuzz/a.yaml', text }], { ...resolved, fastPath: true }, rules);
  const [full] = lintSources([{ filePath: '/fuzz/a.yaml', text }], { ...resolved, fastPath: false }, rules);
  expect(key(fast!), `fast path differs from a full parse for ${JSON.stringify(text).slice(0, 2000)}`).toEqual(key(full!));
  // And the ranges are the file's: the text there is what each finding talks about.
  const starts = lineStartsOf(text);
  const wrong = [...fast!.messages, ...fast!.suppressedMessages].flatMap((m) => spanViolations(text, m, starts));
  expect(wrong, `ranges of the fast path for ${JSON.stringify(text).slice(0, 2000)}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Fixtures and mutations
// ---------------------------------------------------------------------------------------------

function listFixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listFixtures(p, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}
const fixturePaths = listFixtures(join(root, 'fixtures'));
const fixtures = fixturePaths.map((p) => ({ name: relative(root, p), text: readFileSync(p, 'utf8'), bytes: readFileSync(p) }));

/** Pieces that mean something to YAML, to the linter's fast path, directives or shell analysis. */
const PIECES = [
  ':', ': ', '-', '- ', ' ', '  ', '\t', '\n', '\r\n', '\r', '#', ' # ', '&a ', '*a', '&b ', '*b', '!', '!!str ', '!!int ', '!<tag:x> ',
  '|', '|-', '>', '>+', "'", '"', '\\', '{', '}', '[', ']', ',', '?', '? ', '%YAML 1.2\n', '%TAG ! tag:x:\n', '@', '`', '<<: ', '<<: *a',
  '---\n', '--- ', '...\n', '{{ .Values.x }}', '{{-', '-}}', '~', 'null', 'true', '0x1F', '1e400', '-0', '.nan', '.inf', '08', '1_000',
  'kind: Pod\n', 'kind: Deployment\n', 'kind: ConfigMap\n', 'kind: Service\n', 'kind: List\n', 'items:\n', 'containers:\n', 'spec:\n', 'template:\n',
  'livenessProbe:', 'readinessProbe:', 'startupProbe:', 'lifecycle:', 'preStop:', 'postStart:', 'exec:', 'command:', 'httpGet:', 'tcpSocket:',
  'port: 8080', 'port: http', 'terminationGracePeriodSeconds: ', 'sleep 30', 'sleep infinity', '; ', '&& ', '$(', ')', 'sh -c ',
  '# kube-lifelint-disable-next-line ', '# kube-lifelint-disable ', '# kube-lifelint-enable', ' -- reason', 'ignore.kube-lifelint.io/probe-empty: x',
  '# Source: chart/templates/x.yaml\n', '\u0000', '\u001b[2J', '\u0085', '\u00a0', '\u2028', '\ufeff', '\ufffd', 'é', '🙂', '\ud800', '\uffff',
];
const pieceArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) });

type Mutation =
  | { op: 'insert'; at: number; s: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'replace'; at: number; len: number; s: string }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'dupLine'; a: number }
  | { op: 'deleteLine'; a: number }
  | { op: 'indent'; a: number; by: number }
  | { op: 'dupDoc'; a: number }
  | { op: 'truncate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: pieceArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }), s: pieceArb }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('dupLine' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('deleteLine' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), a: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('dupDoc' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  const li = (n: number) => n % lines.length;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at(m.at)) + m.s + text.slice(at(m.at));
    case 'delete':
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.len);
    case 'replace':
      return text.slice(0, at(m.at)) + m.s + text.slice(at(m.at) + m.len);
    case 'swapLines': {
      const [a, b] = [li(m.a), li(m.b)];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'dupLine':
      lines.splice(li(m.a), 0, lines[li(m.a)]!);
      return lines.join('\n');
    case 'deleteLine':
      lines.splice(li(m.a), 1);
      return lines.join('\n');
    case 'indent': {
      const a = li(m.a);
      lines[a] = m.by >= 0 ? ' '.repeat(m.by) + lines[a] : lines[a]!.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'dupDoc': {
      // Duplicate one document of the stream (documents are split at `---` lines), right after it.
      const docs = text.split(/^(?=---(?:[ \t]|$))/m);
      const d = m.a % docs.length;
      let copy = docs[d]!.startsWith('---') ? docs[d]! : `---\n${docs[d]}`;
      if (!copy.endsWith('\n')) copy += '\n';
      const before = docs.slice(0, d + 1).join('');
      return before + (before === '' || before.endsWith('\n') ? '' : '\n') + copy + docs.slice(d + 1).join('');
    }
    case 'truncate':
      return text.slice(0, at(m.at));
  }
}

type ByteMutation = { op: 'set'; at: number; byte: number } | { op: 'insert'; at: number; bytes: number[] } | { op: 'delete'; at: number; len: number };
const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
);

function mutateBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + (m.op === 'insert' ? 1 : 0));
  const b = Array.from(bytes);
  if (m.op === 'set') {
    if (b.length) b[at] = m.byte;
  } else if (m.op === 'insert') b.splice(at, 0, ...m.bytes);
  else b.splice(at, m.len);
  return Uint8Array.from(b);
}

// ---------------------------------------------------------------------------------------------
// Random Kubernetes-shaped manifests (type confusion in every field the rules read)
// ---------------------------------------------------------------------------------------------

const junkScalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 400 }),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, 1e308, 0.5, 1e-9, -0),
  fc.constantFrom('', ' ', '10', '10s', '1m', 'http', '8080', 'web', 'sleep', '1e3', '0x10', 'true', '~', 'null', '{{ .Values.x }}', 'kube-lifelint'),
  fc.string({ maxLength: 8 }),
);
const junk: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkScalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'port', 'command', 'exec', 'seconds', 'name', 'httpGet', 'sleep'), tie('v'), { maxKeys: 3 }),
  ),
})).v;
/** Mostly a plausible value, sometimes anything at all. */
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: junk });
const seconds = maybe(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(1, 5, 10, 30, 60, 300, 3600, 2 ** 31)));
const shellWords = [
  'sleep', '5', '30', '120', 'infinity', '1e3', '1m', '0.5h', '&&', '||', ';', '|', '&', 'sh', '-c', 'exec', 'nginx', '-s', 'quit', 'wait', 'true',
  'while true; do sleep 1; done', 'for i in 1 2 3; do sleep $i; done', 'if', 'then', 'fi', 'until', 'do', 'done', 'timeout 3', 'curl -f http://localhost:8080/',
  'wget -q -O- http://db:5432', 'kill -TERM 1', 'tail -f /dev/null', 'read x', 'cat', '"', "'", '$(', ')', '`', '\\', '#', '{', '}', '$((1+2))', '${X:-5}',
  'sleep $DELAY', '<<EOF', 'EOF', '\n', 'trap "" TERM', 'sleep 10 & wait',
];
const shellScript = fc.array(fc.constantFrom(...shellWords), { maxLength: 10 }).map((w) => w.join(' '));
const command = fc.oneof(
  fc.tuple(fc.constantFrom('sh', '/bin/sh', 'bash', '/bin/bash', '/busybox/sh'), fc.constantFrom('-c', '-ec', '-lc'), shellScript).map((t) => [...t]),
  fc.array(fc.constantFrom('sleep', '10', 'curl', '-f', 'http://localhost:8080/healthz', 'nginx', '-s', 'quit', '/bin/true', 'grpc_health_probe', '-addr=:8080'), { maxLength: 4 }),
);
const port = maybe(fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom('http', 'web', 'metrics', '8080', 'HTTP', 'a-very-long-port-name')));
const host = maybe(fc.constantFrom('localhost', '127.0.0.1', 'db', 'example.com', '::1', ''));
const handler = {
  exec: maybe(fc.record({ command: maybe(command) }, { requiredKeys: [] })),
  httpGet: maybe(fc.record({ port, host, path: maybe(fc.constantFrom('/', '/healthz', 'healthz')), scheme: maybe(fc.constantFrom('HTTP', 'HTTPS', 'FTP')) }, { requiredKeys: [] })),
  tcpSocket: maybe(fc.record({ port, host }, { requiredKeys: [] })),
  grpc: maybe(fc.record({ port, service: maybe(fc.string({ maxLength: 4 })) }, { requiredKeys: [] })),
  sleep: maybe(fc.record({ seconds }, { requiredKeys: [] })),
};
const lifecycleHandler = fc.record(handler, { requiredKeys: [] });
const probe = fc.record(
  {
    ...handler,
    initialDelaySeconds: seconds,
    periodSeconds: seconds,
    timeoutSeconds: seconds,
    failureThreshold: seconds,
    successThreshold: seconds,
    terminationGracePeriodSeconds: seconds,
  },
  { requiredKeys: [] },
);
const container = fc.record(
  {
    name: maybe(fc.constantFrom('app', 'web', 'sidecar', 'c')),
    image: maybe(fc.constantFrom('nginx:1.27', 'busybox', 'redis:7', 'gcr.io/distroless/static', 'mcr.microsoft.com/windows/servercore:ltsc2022', 'alpine@sha256:abc')),
    command: maybe(command),
    args: maybe(fc.array(fc.constantFrom('sleep', '30', '-c', 'serve'), { maxLength: 3 })),
    ports: maybe(fc.array(fc.record({ containerPort: port, name: maybe(fc.constantFrom('http', 'web', 'grpc')), protocol: maybe(fc.constantFrom('TCP', 'UDP')) }, { requiredKeys: [] }), { maxLength: 3 })),
    livenessProbe: maybe(probe),
    readinessProbe: maybe(probe),
    startupProbe: maybe(probe),
    lifecycle: maybe(fc.record({ postStart: maybe(lifecycleHandler), preStop: maybe(lifecycleHandler), stopSignal: maybe(fc.constantFrom('SIGTERM', 'SIGKILL', 'SIGQUIT', 'SIGRTMIN+3', 'TERM')) }, { requiredKeys: [] })),
    restartPolicy: maybe(fc.constantFrom('Always', 'Never')),
  },
  { requiredKeys: [] },
);
const podSpec = fc.record(
  {
    containers: maybe(fc.array(container, { maxLength: 3 })),
    initContainers: maybe(fc.array(container, { maxLength: 2 })),
    terminationGracePeriodSeconds: seconds,
    restartPolicy: maybe(fc.constantFrom('Always', 'Never', 'OnFailure')),
    os: maybe(fc.record({ name: maybe(fc.constantFrom('linux', 'windows')) }, { requiredKeys: [] })),
    runtimeClassName: maybe(fc.constantFrom('gvisor', 'kata', 'runc')),
    nodeSelector: maybe(fc.constantFrom({ 'kubernetes.io/os': 'windows' }, { type: 'virtual-kubelet' })),
  },
  { requiredKeys: [] },
);
const labels = { app: 'a' };
const annotations = maybe(fc.dictionary(fc.constantFrom('ignore.kube-lifelint.io/probe-empty', 'kube-lifelint.io/ignore-all', 'ignore.kube-lifelint.io/nope', 'x'), fc.string({ maxLength: 6 }), { maxKeys: 2 }));
const meta = fc.record({ name: maybe(fc.constantFrom('w', 'x')), labels: maybe(fc.constant(labels)), annotations }, { requiredKeys: [] });
const template = fc.record({ metadata: maybe(meta), spec: maybe(podSpec) }, { requiredKeys: [] });
const workload: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Pod'), metadata: maybe(meta), spec: maybe(podSpec) }),
  fc.record({
    apiVersion: fc.constant('apps/v1'),
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
    metadata: maybe(meta),
    spec: maybe(fc.record({ progressDeadlineSeconds: seconds, minReadySeconds: seconds, selector: maybe(fc.constant({ matchLabels: labels })), template: maybe(template) }, { requiredKeys: [] })),
  }),
  fc.record({ apiVersion: fc.constant('batch/v1'), kind: fc.constant('Job'), metadata: maybe(meta), spec: maybe(fc.record({ template: maybe(template) }, { requiredKeys: [] })) }),
  fc.record({
    apiVersion: fc.constant('batch/v1'),
    kind: fc.constant('CronJob'),
    metadata: maybe(meta),
    spec: maybe(fc.record({ jobTemplate: maybe(fc.record({ spec: maybe(fc.record({ template: maybe(template) }, { requiredKeys: [] })) }, { requiredKeys: [] })) }, { requiredKeys: [] })),
  }),
  fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: maybe(meta),
    spec: maybe(fc.record({ selector: maybe(fc.constant(labels)), ports: maybe(fc.array(fc.record({ port, targetPort: port }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })),
  }),
);
const listOf = fc.array(workload, { minLength: 1, maxLength: 3 }).map((items) => ({ apiVersion: 'v1', kind: 'List', items }));
const stream = fc
  .tuple(fc.array(fc.oneof({ weight: 5, arbitrary: workload }, { weight: 1, arbitrary: listOf }), { minLength: 1, maxLength: 3 }), fc.constantFrom('yaml', 'json', 'flow'))
  .map(([docs, style]) =>
    docs
      .map((d) => (style === 'json' ? `${JSON.stringify(d, null, 1)}\n` : style === 'flow' ? stringify(d, { collectionStyle: 'flow' }) : stringify(d)))
      .join('---\n'),
  );

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('robustness (fast-check, fixed seed, bounded runs)', () => {
  it('has fixtures to mutate', () => {
    expect(fixtures.length).toBeGreaterThan(50);
  });

  it('every fixture, unmutated, lints to well-formed results', () => {
    for (const f of fixtures) {
      for (const config of configs) lintChecked(f.text, config, `/fuzz/${f.name}`);
    }
  });

  it('mutated fixtures (character, line and document edits): results, never an exception', () => {
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), configArb, (i, mutations, config) => {
        const text = mutations.reduce(mutate, fixtures[i]!.text);
        lintChecked(text, config);
      }),
      params(400, 1),
    );
  });

  it('every fixture gets a few edits of each kind (coverage of all fixtures, not a random pick)', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (mutations) => {
        for (const f of fixtures) lintChecked(mutations.reduce(mutate, f.text), {});
      }),
      params(6, 2),
    );
  });

  it('mutated fixture bytes (lintBytes: binary, invalid UTF-8, BOM): results, never an exception', () => {
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), fc.array(byteMutationArb, { minLength: 1, maxLength: 6 }), (i, mutations) => {
        const bytes = mutations.reduce(mutateBytes, new Uint8Array(fixtures[i]!.bytes));
        let results: LintResult[];
        try {
          results = lintBytes(bytes, { filePath: 'fuzz.yaml', cwd: '/fuzz' });
        } catch (err) {
          throw new Error(`lintBytes threw ${(err as Error)?.stack}\nbytes (base64): ${Buffer.from(bytes).toString('base64').slice(0, 3000)}`);
        }
        expect(results).toHaveLength(1);
        // Positions are in the decoded text (the BOM dropped; '' for binary data).
        const decoded = results[0]!.source ?? new TextDecoder('utf-8').decode(bytes);
        assertWellFormed(decoded, results, '/fuzz/fuzz.yaml', false);
      }),
      params(300, 3),
    );
  });

  it('random YAML-ish text: results, never an exception', () => {
    const text = fc.oneof(
      fc.array(pieceArb, { maxLength: 60 }).map((p) => p.join('')),
      fc.string({ unit: fc.constantFrom(...' \t\n\r-:?,[]{}#&*!|>\'"%@`abc01'.split('')), maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, configArb, (t, config) => {
        lintChecked(t, config);
      }),
      params(500, 4),
    );
  });

  it('random Kubernetes-shaped manifests (wrong types in every field): results, no rule crash', () => {
    fc.assert(
      fc.property(stream, configArb, (t, config) => {
        lintChecked(t, config);
      }),
      params(300, 5),
    );
  });

  it('random manifests, then mutated: results, no rule crash', () => {
    fc.assert(
      fc.property(stream, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (t, mutations) => {
        lintChecked(mutations.reduce(mutate, t), { extends: 'strict' });
      }),
      params(200, 6),
    );
  });

  it('a syntax error at the very end of the file ends within the file (no end position past EOF)', () => {
    // yaml reports an error at EOF as the range [length, length + 1]; the finding's end must be
    // clamped to the text, or SARIF regions and editors point past the last character.
    for (const text of ['{"|', 'a: "x', 'a: [1, 2', '{\n  "a": 1\n', 'key: \'open']) {
      const [r] = lintText(text);
      const m = r!.messages.find((x) => x.fatal);
      expect(m, text).toBeDefined();
      const lines = text.split('\n');
      const last = lines.length;
      const endOk = m!.endLine! < last || (m!.endLine === last && m!.endColumn! <= lines[last - 1]!.length + 1);
      expect(endOk, `${JSON.stringify(text)}: ${m!.line}:${m!.column}-${m!.endLine}:${m!.endColumn}`).toBe(true);
    }
  });

  it('positions stay exact after a broken document whose first line is indented', () => {
    // `yaml`'s LineCounter is fed by its lexer, which misses the newlines inside block and
    // quoted scalars after this kind of error: every later position in the file drifts up.
    const broken = '  apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      command:\n        - |\n          echo one\n          echo two\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';
    const text = `${broken}---\n${pod}`;
    const lines = text.split('\n');
    const [r] = lintText(text);
    const probe = r!.messages.find((m) => m.ruleId === 'probe-empty');
    expect(probe, JSON.stringify(r!.messages)).toBeDefined();
    expect(lines[probe!.line - 1]).toBe('      readinessProbe:');
    expect([probe!.line, probe!.column]).toEqual([lines.indexOf('      readinessProbe:') + 1, 7]);
  });

  it('an unterminated quote does not hide the documents after the next `---`', () => {
    // YAML ends every document at a `---` line (c-forbidden), and Kubernetes splits the stream
    // there before decoding, so `kubectl apply` still creates the second object. `yaml` lets the
    // quoted scalar run on over the marker; the linter must not silently skip the rest of the file.
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';
    for (const broken of ['metadata:\n  name: "web\n', "command: ['sleep 10\n", 'x: "a\n  b\n']) {
      const text = `${broken}---\n${pod}`;
      const [r] = lintText(text);
      const ids = r!.messages.map((m) => m.ruleId ?? m.messageId);
      expect(ids, JSON.stringify(text)).toContain('syntax-error');
      expect(ids, JSON.stringify(text)).toContain('probe-empty');
    }
  });

  it("a document's findings do not depend on what comes before it in the file (only shift by its lines)", () => {
    // Metamorphic: lint(prefix + `---` + F) has F's rule findings exactly `prefix lines + 1` lower.
    // The prefix is random, often broken YAML (no Service, so no cross-document pairing).
    const prefixPieces = PIECES.filter((p) => !/Service|List|items|kube-lifelint|%|\.\.\.|\u0000|\ufeff/.test(p));
    const prefix = fc.array(fc.constantFrom(...prefixPieces), { maxLength: 25 }).map((a) => a.join(''));
    const ruleFindings = (r: LintResult, shift: number) =>
      r.messages.filter((m) => m.ruleId !== null && m.line > shift).map((m) => `${m.line - shift}:${m.column}-${(m.endLine ?? 0) - shift}:${m.endColumn} ${m.ruleId} ${m.message}`);
    const alone = new Map<number, string[]>();
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), prefix, (i, pre) => {
        const f = fixtures[i]!.text;
        if (!alone.has(i)) alone.set(i, ruleFindings(lintText(f, { filePath: '/fuzz/a.yaml' })[0]!, 0));
        const head = `${pre.replace(/\r(?!\n)/g, '')}\n---\n`;
        const shift = head.split('\n').length - 1;
        const [r] = lintText(head + f, { filePath: '/fuzz/a.yaml' });
        expect(ruleFindings(r!, shift), `prefix ${JSON.stringify(head)}`).toEqual(alone.get(i));
      }),
      params(300, 8),
    );
  });

  it('the fast path finds exactly what a full parse finds, also on mutated input', () => {
    const input = fc.oneof(
      stream,
      fc.tuple(fc.nat({ max: fixtures.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 })).map(([i, ms]) => ms.reduce(mutate, fixtures[i]!.text)),
    );
    fc.assert(
      fc.property(input, (t) => {
        assertFastPathExact(t, { extends: 'strict' });
      }),
      params(200, 7),
    );
  });
});
