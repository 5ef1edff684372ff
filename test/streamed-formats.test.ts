/**
 * compact, github, junit, sarif and json written as they go (a message or test case a piece, a
 * SARIF result a piece): the same bytes as the whole-string formatters they replaced. The expected files under __snapshots__/streamed-formats/
 * were written by those formatters (kube-lifelint 0.1.0 before streaming) from the results below;
 * they are not regenerated from the streaming code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunks as compactChunks } from '../src/formatters/compact.js';
import { chunks as githubChunks } from '../src/formatters/github.js';
import { chunks as junitChunks } from '../src/formatters/junit.js';
import { chunks as sarifChunks } from '../src/formatters/sarif.js';
import { chunks as jsonChunks, orderResult } from '../src/formatters/json.js';
import { formatNeedsSource, loadChunkedFormatter, type ChunkedFormatter, type FormatContext } from '../src/formatters/index.js';
import type { LintResult, RuleDocsMeta } from '../src/types.js';
import { result } from './lint-result.js';

const cwd = '/work/kube lifelint proj'; // a space, so URIs must be percent-encoded
const docsUrl = (id: string) => `https://github.com/kube-lifelint/kube-lifelint/blob/main/rules/${id}/README.md`;
const rulesMeta: Record<string, RuleDocsMeta> = {
  'prestop-exceeds-grace-period': { description: 'preStop must finish within the grace period.', category: 'termination', defaultSeverity: 'error', url: docsUrl('prestop-exceeds-grace-period'), fixable: true },
  'readiness-probe-missing': { description: 'Serving containers need a readiness probe.', category: 'probes', defaultSeverity: 'warn', url: docsUrl('readiness-probe-missing'), hasSuggestions: true },
  'liveness-probe-missing': { description: 'Long-running containers should have a liveness probe.', category: 'probes', defaultSeverity: 'off', url: docsUrl('liveness-probe-missing') },
};
const ctx: FormatContext = { cwd, color: false, rulesMeta, toolVersion: '0.1.0' };

const ESC = '\u001b';
/** Text every format must escape its own way: %, CR LF, a workflow command, XML specials, ANSI. */
const NASTY = `Bad 100% value\r\n::error file=x::pwned, <b>&"it's"${ESC}[31mred${ESC}[0m`;

const webSource = 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          lifecycle:\n            preStop: {exec: {command: [sleep, "40"]}}\n      terminationGracePeriodSeconds: 30\n';
const valuesFile = `${cwd}/chart/values.yaml`;

/** Several files: clean, suppressed-only, fixes (one in another file), stdin, odd names, outside cwd, a custom rule id. */
function sampleResults(): LintResult[] {
  return [
    result(
      `${cwd}/deploy/web app.yaml`,
      webSource,
      [
        // Out of position order on purpose: the text formats order by line and column.
        {
          ruleId: 'prestop-exceeds-grace-period',
          severity: 2,
          message: 'preStop sleeps 40s but the grace period is 30s.',
          line: 8,
          column: 22,
          endLine: 8,
          endColumn: 52,
          related: [{ message: 'terminationGracePeriodSeconds', line: 9, column: 7, endLine: 9, endColumn: 40 }],
          sourcePath: 'chart/templates/deployment.yaml',
          fix: { range: [webSource.indexOf('30'), webSource.indexOf('30') + 2], text: '45' },
          suggestions: [{ desc: 'Lower the sleep to 25s', messageId: 'lower', fix: { range: [webSource.indexOf('"40"'), webSource.indexOf('"40"') + 4], text: '"25"' } }],
        },
        { ruleId: 'readiness-probe-missing', severity: 1, message: NASTY, line: 6, column: 11, endLine: 6, endColumn: 20, suggestions: [{ desc: 'Raise grace in values', messageId: 'values', fix: { range: [10, 12], text: '60', filePath: valuesFile } }] },
      ],
      [{ ruleId: 'liveness-probe-missing', severity: 1, message: 'Container web has no liveness probe.', line: 6, column: 11, endLine: 6, endColumn: 20, suppressions: [{ kind: 'directive', justification: 'probed by the sidecar' }] }],
    ),
    result(valuesFile, 'replicas: 2\ngrace: 30\n', []),
    result(`${cwd}/ok.yaml`, 'apiVersion: v1\nkind: ConfigMap\n', []),
    result(`${cwd}/quiet.yaml`, 'kind: Pod\n', [], [{ ruleId: 'readiness-probe-missing', severity: 1, message: 'No probe.', line: 1, column: 1, suppressions: [{ kind: 'annotation', justification: '' }] }]),
    result(`${cwd}/evil\nname${ESC}[2J,%:.yaml`, 'kind: Pod\n', [{ ruleId: 'readiness-probe-missing', severity: 1, message: 'No probe.', line: 1, column: 1, endLine: 1, endColumn: 10 }]),
    result('<stdin>', 'a: b\nc: [\n', [{ ruleId: null, severity: 2, message: 'Flow sequence in block collection must be closed', line: 3, column: 1, fatal: true }]),
    result('/elsewhere/other.json', '{"kind": "Pod"}\n', [{ ruleId: 'my-org/custom', severity: 2, message: 'A custom rule says no.', line: 1, column: 2, endLine: 1, endColumn: 8 }]),
  ];
}

const formats: { name: string; chunks: ChunkedFormatter; expected: string; pieceOf: RegExp }[] = [
  { name: 'compact', chunks: compactChunks, expected: 'compact.txt', pieceOf: /^[^\n]*:\d+:\d+: [^\n]*\n$/ },
  { name: 'github', chunks: githubChunks, expected: 'github.txt', pieceOf: /^::(?:error|warning) [^\n]*\n$/ },
  { name: 'junit', chunks: junitChunks, expected: 'junit.xml', pieceOf: /^ {4}<testcase [^]*<\/testcase>\n$|^ {4}<testcase [^\n]*\/>\n$/ },
  { name: 'sarif', chunks: sarifChunks, expected: 'sarif.json', pieceOf: /^(?:\[|,)\n {8}\{\n[^]*\n {8}\}$/ },
];

const expectedText = (file: string) => readFileSync(new URL(`./__snapshots__/streamed-formats/${file}`, import.meta.url), 'utf8');

describe.each(formats)('$name written as it goes', ({ name, chunks, expected, pieceOf }) => {
  it('gives the bytes of the whole-string formatter it replaced', () => {
    expect([...chunks(sampleResults(), ctx)].join('')).toBe(expectedText(expected));
  });

  it('is what the CLI loads for the format', async () => {
    expect(await loadChunkedFormatter(name)).toBe(chunks);
  });

  it('builds one message (junit: one test case; sarif: one result) a piece, never a file at once', () => {
    const results = sampleResults();
    const pieces = [...chunks(results, ctx)];
    const perItem = pieces.filter((p) => pieceOf.test(p));
    // junit: a test case per message and suppressed message, one passing case for a clean file.
    const items = name === 'junit' ? results.reduce((n, r) => n + Math.max(1, r.messages.length + r.suppressedMessages.length), 0) : results.reduce((n, r) => n + r.messages.length + (name === 'sarif' ? r.suppressedMessages.length : 0), 0);
    expect(perItem).toHaveLength(items);
    // Each piece holds one message (SARIF: one rule index; junit: one test case).
    for (const p of perItem) expect(p.match(name === 'sarif' ? /"ruleIndex"/g : name === 'junit' ? /<testcase /g : /\n/g)).toHaveLength(1);
  });
});

describe('json written as it goes', () => {
  // What the json formatter wrote before it streamed: one JSON.stringify per result.
  const wholeResults = (results: readonly LintResult[]) => `[${results.map((r) => JSON.stringify(orderResult(r))).join(',')}]\n`;

  it('gives the bytes of one JSON.stringify per result, extra fields and absent lists too', () => {
    const results = sampleResults();
    expect([...jsonChunks(results)].join('')).toBe(wholeResults(results));
    const odd = [{ ...results[0]!, output: 'fixed\n', zeta: 1 } as LintResult, { ...results[1]!, suppressedMessages: undefined } as unknown as LintResult, { messages: [] } as unknown as LintResult, {} as LintResult];
    expect([...jsonChunks(odd)].join('')).toBe(wholeResults(odd));
    expect([...jsonChunks([])].join('')).toBe('[]\n');
  });

  it('orders fields as documented: listed ones first, then any other in alphabetical order, at every level', () => {
    const fix = { zz: 1, text: '', range: [0, 1] };
    const message = { severity: 2, zeta: 'z', ruleId: 'r', message: 'm', line: 1, column: 2, suggestions: [{ fix, messageId: 's', desc: 'd', extra: true }] };
    // A listed field that JSON.stringify does not see (not enumerable) must not hide an unlisted one.
    Object.defineProperty(message, 'messageId', { value: 'hidden', enumerable: false });
    const result = { messages: [message], filePath: 'f', extra: 0, usedDeprecatedRules: [], another: 1 } as unknown as LintResult;
    expect(JSON.stringify(orderResult(result))).toBe(
      '{"filePath":"f","messages":[{"ruleId":"r","severity":2,"message":"m","messageId":"hidden","line":1,"column":2,"suggestions":[{"desc":"d","messageId":"s","fix":{"range":[0,1],"text":"","zz":1},"extra":true}],"zeta":"z"}],"usedDeprecatedRules":[],"another":1,"extra":0}',
    );
    const plain = { ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1 };
    expect(JSON.stringify(orderResult({ filePath: 'f', messages: [plain] } as unknown as LintResult))).toBe('{"filePath":"f","messages":[{"ruleId":"r","severity":1,"message":"m","line":1,"column":1}]}');
  });

  it('writes a long text in pieces with the same bytes: quotes, controls, a surrogate pair across a piece, a lone half', () => {
    const piece = 1 << 20;
    const long = `${'a'.repeat(piece - 1)}\u{1F600}"q"\n\u0001${'b'.repeat(piece)}\ud800 end`;
    const results = [{ ...sampleResults()[0]!, source: long, output: `${long}!`, 'odd "key"': 1, dropped: () => 1 } as unknown as LintResult];
    const pieces = [...jsonChunks(results)];
    expect(pieces.join('')).toBe(wholeResults(results));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(piece + 16);
  });

  it('writes a message a piece: a file with many findings is never one string', () => {
    const results = sampleResults();
    const pieces = [...jsonChunks(results)];
    const messages = results.reduce((n, r) => n + r.messages.length + r.suppressedMessages.length, 0);
    expect(pieces.filter((p) => p.includes('"ruleId":'))).toHaveLength(messages);
    for (const p of pieces) expect(p.match(/"ruleId":/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('the totals that come first', () => {
  it('junit counts tests, failures and skipped before the first suite', () => {
    const [head] = junitChunks(sampleResults(), ctx);
    // web app.yaml: 2 failures and 1 skipped; values.yaml and ok.yaml: 1 passing case each; quiet.yaml: 1 skipped; 3 single failures.
    expect(head).toContain('<testsuites name="kube-lifelint" tests="9" failures="5" errors="0" skipped="2" time="0">');
  });

  it('sarif names a rule id that only a later result uses, and each artifact once', () => {
    const head = sarifChunks(sampleResults(), ctx)[Symbol.iterator]().next().value!;
    expect(head).toContain('"id": "my-org/custom"');
    expect(head.match(/"roles": \[/g)).toHaveLength(7);
    expect(head.endsWith('"results": ')).toBe(true);
  });

  it('sarif with no results writes an empty array', () => {
    const text = [...sarifChunks([result(`${cwd}/ok.yaml`, 'a: 1\n', [])], ctx)].join('');
    expect(JSON.parse(text).runs[0].results).toEqual([]);
    expect(text).toContain('"results": [],\n');
  });
});

/** A long file with findings far apart (friendly's frames show a few lines around each). */
function longFileResults(): LintResult[] {
  const lines = Array.from({ length: 300 }, (_, i) => (i === 9 ? 'script: echo `date` /* not a comment' : `key${i + 1}: value ${i + 1}\t${i % 50 === 0 ? `${ESC}[31m` : ''}`));
  const source = `${lines.join('\r\n')}\r\n`;
  return [
    result(`${cwd}/long.yaml`, source, [
      { ruleId: 'readiness-probe-missing', severity: 1, message: NASTY, line: 298, column: 3 },
      { ruleId: 'prestop-exceeds-grace-period', severity: 2, message: 'preStop sleeps 40s.', line: 100, column: 5, related: [{ message: 'grace', line: 2, column: 1, endLine: 2, endColumn: 5 }] },
      { ruleId: null, severity: 2, message: 'Top.', line: 1, column: 1 },
    ]),
    ...sampleResults(),
  ];
}

describe('friendly without colour', () => {
  it('draws its code frames from the lines they show: the bytes of the formatter given the whole text', async () => {
    const { default: formatFriendly } = await import('../src/formatters/friendly.js');
    expect(formatFriendly(longFileResults(), ctx)).toBe(expectedText('friendly.txt'));
  });
});

describe('which formats keep the source', () => {
  it('formats that print or position by the text need it; compact, github and junit do not', () => {
    for (const name of ['friendly', 'json', 'sarif', 'html', 'stylish', './my-formatter.js']) expect(formatNeedsSource(name), name).toBe(true);
    for (const name of ['compact', 'github', 'junit']) expect(formatNeedsSource(name), name).toBe(false);
  });
});
