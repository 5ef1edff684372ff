/** Output formats: built-in formatters on hand-built results, and loading ESLint formatter packages. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { builtinFormatNames, formatterPackageNames, loadFormatter, type FormatContext } from '../src/formatters/index.js';
import { escapeControls } from '../src/formatters/util.js';
import type { LintMessage, LintResult, RuleDocsMeta } from '../src/types.js';
import { result } from './lint-result.js';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const cwd = join(tmpdir(), 'kube lifelint proj'); // a space, so URIs must be percent-encoded
const docsUrl = (id: string) => `https://github.com/kube-lifelint/kube-lifelint/blob/main/rules/${id}/README.md`;
const rulesMeta: Record<string, RuleDocsMeta> = {
  'prestop-exceeds-grace-period': { description: 'preStop must finish within the grace period.', category: 'shutdown', defaultSeverity: 'error', url: docsUrl('prestop-exceeds-grace-period') },
  'readiness-probe-missing': { description: 'Serving containers need a readiness probe.', category: 'probes', defaultSeverity: 'warn', url: docsUrl('readiness-probe-missing') },
  'liveness-probe-missing': { description: 'Long-running containers should have a liveness probe.', category: 'probes', defaultSeverity: 'off', url: docsUrl('liveness-probe-missing') },
};
const ctx = (over: Partial<FormatContext> = {}): FormatContext => ({ cwd, color: false, rulesMeta, toolVersion: '0.1.0', ...over });

const ESC = '\u001b';
const NASTY = `Bad 100% value\r\n::error file=x::pwned, <b>&"it's"${ESC}[31mred${ESC}[0m`;

const webSource = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: default',
  'spec:',
  '  template:',
  '    spec:',
  `      containers: # ${ESC}[2J${ESC}]0;owned${ESC}\\ evil comment`,
  '        - name: web',
  '          lifecycle:',
  '            preStop: {exec: {command: [sleep, "40"]}}',
  '          image: nginx',
  '      terminationGracePeriodSeconds: 30',
  '',
].join('\n');

const webFile = join(cwd, 'deploy', 'web app.yaml');
const evilFile = join(cwd, `evil\nname${ESC}[2J.yaml`);
const cleanFile = join(cwd, 'ok.yaml');

function sampleResults(): LintResult[] {
  return [
    result(
      webFile,
      webSource,
      [
        // Deliberately out of position order: formatters order by line and column.
        {
          ruleId: 'prestop-exceeds-grace-period',
          severity: 2,
          message: 'preStop sleeps 40s but the grace period is 30s.',
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 52,
          related: [{ message: 'terminationGracePeriodSeconds', line: 14, column: 7, endLine: 14, endColumn: 40 }],
          sourcePath: 'chart/templates/deployment.yaml',
        },
        { ruleId: 'readiness-probe-missing', severity: 1, message: NASTY, line: 10, column: 11, endLine: 10, endColumn: 20 },
      ],
      [
        {
          ruleId: 'liveness-probe-missing',
          severity: 1,
          message: 'Container web has no liveness probe.',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 20,
          suppressions: [{ kind: 'directive', justification: 'probed by the sidecar' }],
        },
      ],
    ),
    result(cleanFile, 'apiVersion: v1\nkind: ConfigMap\n', []),
    result(evilFile, 'kind: Pod\n', [{ ruleId: 'readiness-probe-missing', severity: 1, message: 'No probe.', line: 1, column: 1, endLine: 1, endColumn: 10 }]),
    result('<stdin>', 'a: b\nc: [\n', [{ ruleId: null, severity: 2, message: 'Flow sequence in block collection must be closed', line: 3, column: 1, fatal: true }]),
  ];
}

async function format(name: string, results: LintResult[] = sampleResults(), over: Partial<FormatContext> = {}): Promise<string> {
  const formatter = await loadFormatter(name);
  return formatter(results, ctx(over));
}

// ---------------------------------------------------------------------------------------------
// Shared escaping
// ---------------------------------------------------------------------------------------------

describe('escapeControls', () => {
  it('writes C0, DEL, C1 controls and line separators as visible escapes', () => {
    expect(escapeControls(`a${ESC}[31mb\u0007\u009b\u007f\t\r\n\u2028`)).toBe('a\\u001b[31mb\\u0007\\u009b\\u007f\\t\\r\\n\\u2028');
    expect(escapeControls('tab\tnl\n', '\t\n')).toBe('tab\tnl\n');
    expect(escapeControls('plain ünïcödé ✓')).toBe('plain ünïcödé ✓');
  });
});

// ---------------------------------------------------------------------------------------------
// compact
// ---------------------------------------------------------------------------------------------

describe('compact', () => {
  it('writes one line per message and a summary, exactly', async () => {
    const out = await format('compact');
    expect(out.split('\n')).toEqual([
      'deploy/web app.yaml:10:11: warning readiness-probe-missing Bad 100% value\\r\\n::error file=x::pwned, <b>&"it\'s"\\u001b[31mred\\u001b[0m',
      'deploy/web app.yaml:12:22: error prestop-exceeds-grace-period preStop sleeps 40s but the grace period is 30s (see line 14: terminationGracePeriodSeconds)',
      'evil\\nname\\u001b[2J.yaml:1:1: warning readiness-probe-missing No probe.',
      '<stdin>:3:1: error (parse) Flow sequence in block collection must be closed',
      '4 problems (2 errors, 2 warnings)',
      '',
    ]);
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\r');
  });

  it('writes nothing for clean results, and singular counts', async () => {
    expect(await format('compact', [result(cleanFile, 'a: 1\n', [])])).toBe('');
    const one = await format('compact', [sampleResults()[3]!]);
    expect(one.trimEnd().split('\n').at(-1)).toBe('1 problem (1 error, 0 warnings)');
  });

  it('shows paths outside cwd relative to it', async () => {
    const out = await format('compact', [result(join(dirname(cwd), 'other', 'x.yaml'), 'a: 1\n', [{ ruleId: 'r', severity: 1, message: 'm', line: 1, column: 1 }])]);
    expect(out.split('\n')[0]).toBe('../other/x.yaml:1:1: warning r m');
  });
});

// ---------------------------------------------------------------------------------------------
// github
// ---------------------------------------------------------------------------------------------

describe('github', () => {
  it('writes escaped workflow commands, one line each', async () => {
    const out = await format('github');
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      '::warning file=deploy/web app.yaml,line=10,col=11,endLine=10,endColumn=20,title=kube-lifelint(readiness-probe-missing)::Bad 100%25 value%0D%0A::error file=x::pwned, <b>&"it\'s"\\u001b[31mred\\u001b[0m',
      '::error file=deploy/web app.yaml,line=12,col=22,endLine=12,endColumn=52,title=kube-lifelint(prestop-exceeds-grace-period)::preStop sleeps 40s but the grace period is 30s (see line 14: terminationGracePeriodSeconds)',
      '::warning file=evil%0Aname\\u001b[2J.yaml,line=1,col=1,endLine=1,endColumn=10,title=kube-lifelint(readiness-probe-missing)::No probe.',
      '::error line=3,col=1,title=kube-lifelint(parse)::Flow sequence in block collection must be closed',
    ]);
  });

  it('never lets manifest text start a workflow command', async () => {
    const out = await format('github');
    const lines = out.split(/\r\n|\r|\n/).filter((l) => l !== '');
    expect(lines).toHaveLength(4); // one per message, nothing injected
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning) (file=[^,:]*,)?line=\d+,col=\d+(,endLine=\d+)?(,endColumn=\d+)?,title=kube-lifelint\([a-z()-]+\)::/);
    }
    expect(out).not.toContain(ESC);
    expect(out).not.toMatch(/[\u2028\u2029\u0085]/);
  });

  it('escapes property values (: and ,) in file names', async () => {
    const out = await format('github', [result(join(cwd, 'a,b:c%.yaml'), 'x: 1\n', [{ ruleId: 'r', severity: 2, message: 'm', line: 1, column: 1 }])]);
    expect(out).toBe('::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=kube-lifelint(r)::m\n');
  });
});

// ---------------------------------------------------------------------------------------------
// junit
// ---------------------------------------------------------------------------------------------

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict little XML 1.0 well-formedness checker and parser (enough for JUnit output). */
function parseXml(xml: string): XmlNode {
  const invalidChar = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const bad = invalidChar.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} not allowed in XML 1.0 at ${bad.index}`);
  const decode = (s: string, where: string): string => {
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s)) throw new Error(`bare & in ${where}: ${s}`);
    return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[e]) return named[e]!;
      return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
  };
  let rest = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*"[^"]*")*)\s*(\/?)>/;
  while (rest.length) {
    const top = stack.at(-1)!;
    if (rest.startsWith('<')) {
      const m = tag.exec(rest);
      if (!m) throw new Error(`malformed markup at: ${rest.slice(0, 60)}`);
      rest = rest.slice(m[0].length);
      const [, close, name, attrText, selfClose] = m;
      if (close) {
        if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of attrText!.matchAll(/([A-Za-z_][\w.-]*)\s*=\s*"([^"]*)"/g)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        if (a[2]!.includes('<')) throw new Error(`< in attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!, `attribute ${a[1]}`);
      }
      const node: XmlNode = { name: name!, attrs, children: [], text: '' };
      top.children.push(node);
      if (!selfClose) stack.push(node);
    } else {
      const end = rest.indexOf('<');
      const text = end === -1 ? rest : rest.slice(0, end);
      if (text.includes(']]>')) throw new Error(']]> in text');
      if (stack.length === 1 && text.trim()) throw new Error('text outside the root element');
      top.text += decode(text, 'text');
      rest = end === -1 ? '' : rest.slice(end);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

const all = (node: XmlNode, name: string): XmlNode[] => [
  ...node.children.filter((c) => c.name === name),
  ...node.children.flatMap((c) => all(c, name)),
];

describe('junit', () => {
  it('is well-formed XML with a test suite per file and a test case per message', async () => {
    const out = await format('junit');
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parseXml(out);
    expect(doc.name).toBe('testsuites');
    expect(doc.attrs).toMatchObject({ tests: '6', failures: '4', skipped: '1', errors: '0' });
    const suites = all(doc, 'testsuite');
    // XML keeps the newline (as &#10;); ESC is not an XML character and is written as an escape.
    expect(suites.map((s) => s.attrs.name)).toEqual(['deploy/web app.yaml', 'ok.yaml', `evil\nname\\u001b[2J.yaml`, '<stdin>']);
    expect(out).toContain('name="evil&#10;name\\u001b[2J.yaml"');
    expect(all(doc, 'testcase')).toHaveLength(6);
    const [web, ok, , stdin] = suites;
    expect(web!.attrs).toMatchObject({ tests: '3', failures: '2', skipped: '1' });
    expect(web!.children.map((c) => c.attrs.name)).toEqual(['readiness-probe-missing at 10:11', 'prestop-exceeds-grace-period at 12:22', 'liveness-probe-missing at 10:11']);
    // A clean file is one passing test case.
    expect(ok!.children).toEqual([{ name: 'testcase', attrs: { name: 'kube-lifelint', classname: 'ok.yaml', time: '0' }, children: [], text: '' }]);
    // The parse problem.
    expect(stdin!.children[0]!.attrs.name).toBe('parse at 3:1');
    expect(all(stdin!, 'failure')[0]!.attrs).toMatchObject({ type: 'error', message: 'Flow sequence in block collection must be closed' });
    // Suppressed messages are skipped test cases with the justification.
    expect(all(web!, 'skipped')[0]!.attrs.message).toBe('suppressed: probed by the sidecar: Container web has no liveness probe.');
  });

  it('escapes & < > " \' and replaces characters XML 1.0 does not allow', async () => {
    const out = await format('junit');
    expect(out).not.toContain(ESC);
    expect(out).toContain('&lt;b&gt;&amp;&quot;it&apos;s&quot;');
    const failure = all(parseXml(out), 'failure')[0]!;
    expect(failure.attrs).toMatchObject({ type: 'warning', message: `Bad 100% value\r\n::error file=x::pwned, <b>&"it's"\\u001b[31mred\\u001b[0m` });
    expect(failure.text).toBe(`deploy/web app.yaml:10:11: warning readiness-probe-missing ${failure.attrs.message}`);
    const related = all(parseXml(out), 'failure')[1]!;
    expect(related.attrs.message).toBe('preStop sleeps 40s but the grace period is 30s (see line 14: terminationGracePeriodSeconds)');
    // Lone surrogates, U+FFFF and NUL are not XML characters either.
    const weird = await format('junit', [result(cleanFile, '', [{ ruleId: 'r', severity: 2, message: 'a\u0000b\ud800c\uffffd\u0008]]>', line: 1, column: 1 }])]);
    expect(all(parseXml(weird), 'failure')[0]!.attrs.message).toBe('a\\u0000b\\ud800c\\uffffd\\u0008]]>');
  });

  it('is accepted by a real XML parser (Python expat), when python3 is there', async () => {
    const out = await format('junit');
    const py = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(len(d.getElementsByTagName("testcase")))'], { input: out });
    if (py.error) return; // no python3 on this machine: the checker above still ran
    expect(py.stderr.toString()).toBe('');
    expect(py.stdout.toString().trim()).toBe('6');
  });
});

// ---------------------------------------------------------------------------------------------
// json
// ---------------------------------------------------------------------------------------------

describe('json', () => {
  it('round-trips the results with a fixed field order', async () => {
    const results = sampleResults();
    const out = await format('json', results);
    expect(JSON.parse(out)).toEqual(results);
    const scrambled = results.map((r) => Object.fromEntries(Object.entries(r).reverse()) as unknown as LintResult);
    for (const r of scrambled) r.messages = r.messages.map((m) => Object.fromEntries(Object.entries(m).reverse()) as unknown as LintMessage);
    expect(await format('json', scrambled)).toBe(out);
    const first = JSON.parse(out)[0];
    expect(Object.keys(first)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'source', 'usedDeprecatedRules']);
    expect(Object.keys(first.messages[0])).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'related', 'sourcePath']);
    expect(Object.keys(first.suppressedMessages[0])).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'suppressions']);
    expect(JSON.parse(out)[3].messages[0].ruleId).toBeNull();
  });

  it("carries fix, suggestions and output in ESLint's shape and order", async () => {
    const fix = { text: '1', range: [5, 6] as [number, number] };
    const r = { ...result('f.yaml', 'a: 1\nb: 3\n', [{ ruleId: 'x', severity: 2, message: 'm', line: 2, column: 4, suggestions: [{ fix, messageId: 's', desc: 'd' }], fix }]), output: 'a: 1\nb: 1\n' };
    const [out] = JSON.parse(await format('json', [r]));
    expect(Object.keys(out)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount', 'source', 'output', 'usedDeprecatedRules']);
    expect(Object.keys(out.messages[0])).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'fix', 'suggestions']);
    expect(Object.keys(out.messages[0].fix)).toEqual(['range', 'text']);
    expect(Object.keys(out.messages[0].suggestions[0])).toEqual(['desc', 'messageId', 'fix']);
    expect(Object.keys(out.messages[0].suggestions[0].fix)).toEqual(['range', 'text']);
  });
});

// ---------------------------------------------------------------------------------------------
// sarif
// ---------------------------------------------------------------------------------------------

/** The SARIF 2.1.0 JSON schema shipped in @microsoft/sarif-multitool's platform package, and its binary. */
function multitool(): { binary: string; schema: string } | undefined {
  try {
    const binary = require('@microsoft/sarif-multitool') as string;
    const schema = join(dirname(binary), 'sarif-2.1.0.json');
    return existsSync(binary) && existsSync(schema) ? { binary, schema } : undefined;
  } catch {
    return undefined;
  }
}

function sarifSchemaValidator(schemaPath: string): (data: unknown) => string[] {
  const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const pct = '(?:%[0-9A-Fa-f]{2})';
  const uriChars = `(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@/?#\\[\\]]|${pct})*`;
  ajv.addFormat('uri', new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${uriChars}$`));
  ajv.addFormat('uri-reference', new RegExp(`^${uriChars}$`));
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}

describe('sarif', () => {
  const tool = multitool();
  const outside = result('/elsewhere/x.yaml', 'a: 1\n', [{ ruleId: 'unknown-rule', severity: 1, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2 }]);
  const sarifOf = async (results = [...sampleResults(), outside]) => JSON.parse(await format('sarif', results));

  it('has the SARIF 2.1.0 structure with rules, regions, related and logical locations', async () => {
    const log = await sarifOf();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'kube-lifelint', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://github.com/kube-lifelint/kube-lifelint' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(cwd).href}/`);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toContain('kube%20lifelint%20proj/');
    const rules = run.tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['liveness-probe-missing', 'prestop-exceeds-grace-period', 'readiness-probe-missing', 'unknown-rule', 'parse-error']);
    expect(rules[1]).toEqual({
      id: 'prestop-exceeds-grace-period',
      shortDescription: { text: 'preStop must finish within the grace period.' },
      helpUri: docsUrl('prestop-exceeds-grace-period'),
      help: { text: `preStop must finish within the grace period.\n\nDocumentation: ${docsUrl('prestop-exceeds-grace-period')}`, markdown: `preStop must finish within the grace period.\n\n[Documentation](${docsUrl('prestop-exceeds-grace-period')})` },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'shutdown', tags: ['kubernetes', 'shutdown'] },
    });
    expect(rules[0].defaultConfiguration).toEqual({ enabled: false, level: 'warning' });
    expect(rules[2].defaultConfiguration).toEqual({ level: 'warning' });

    const results = run.results;
    expect(results).toHaveLength(6);
    for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);

    const grace = results.find((r: { ruleId: string }) => r.ruleId === 'prestop-exceeds-grace-period');
    expect(grace).toMatchObject({
      level: 'error',
      message: { text: 'preStop sleeps 40s but the grace period is 30s.' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'deploy/web%20app.yaml', uriBaseId: '%SRCROOT%', index: 0 }, region: { startLine: 12, startColumn: 22, endLine: 12, endColumn: 52 } },
          logicalLocations: [{ name: 'deployment.yaml', fullyQualifiedName: 'chart/templates/deployment.yaml' }],
        },
      ],
      relatedLocations: [{ id: 1, message: { text: 'terminationGracePeriodSeconds' }, physicalLocation: { region: { startLine: 14, startColumn: 7, endLine: 14, endColumn: 40 } } }],
    });
    expect(grace.suppressions).toBeUndefined();

    const suppressed = results.find((r: { ruleId: string }) => r.ruleId === 'liveness-probe-missing');
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'probed by the sidecar', properties: { mechanism: 'directive' } }]);

    const parse = results.find((r: { ruleId: string }) => r.ruleId === 'parse-error');
    expect(parse).toMatchObject({ level: 'error', message: { text: 'Flow sequence in block collection must be closed' } });
    expect(parse.locations[0].physicalLocation.artifactLocation).toEqual({ uri: '%3Cstdin%3E', index: 3 });
    expect(parse.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 1 });

    const evil = results.find((r: { message: { text: string } }) => r.message.text === 'No probe.');
    expect(evil.locations[0].physicalLocation.artifactLocation.uri).toBe('evil%0Aname%1B%5B2J.yaml');
    const out = results.find((r: { ruleId: string }) => r.ruleId === 'unknown-rule');
    expect(out.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.yaml', index: 4 });
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(['deploy/web%20app.yaml', 'ok.yaml', 'evil%0Aname%1B%5B2J.yaml', '%3Cstdin%3E', 'file:///elsewhere/x.yaml']);
  });

  it.skipIf(!tool)('is valid against the SARIF 2.1.0 JSON schema (ajv)', async () => {
    const validate = sarifSchemaValidator(tool!.schema);
    expect(validate(await sarifOf())).toEqual([]);
    expect(validate(await sarifOf([]))).toEqual([]);
    // The validator does catch mistakes.
    const broken = await sarifOf();
    broken.runs[0].results[0].level = 'bogus';
    broken.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'a b.yaml';
    expect(validate(broken).length).toBeGreaterThanOrEqual(2);
  });

  /** Runs `Sarif.Multitool validate` on a SARIF text and returns its findings as `level ruleId text` lines. */
  function multitoolFindings(sarif: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'kl-sarif-'));
    try {
      const input = join(dir, 'out.sarif');
      const report = join(dir, 'validation.sarif');
      writeFileSync(input, sarif);
      const run = spawnSync(tool!.binary, ['validate', input, '--output', report, '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 120_000 });
      expect(run.error).toBeUndefined();
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const findings = JSON.parse(readFileSync(report, 'utf8')).runs[0].results as { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }[];
      return findings.map((f) => `${f.level ?? 'warning'} ${f.ruleId} ${f.message.text ?? f.message.arguments?.join(' | ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('carries fixes and suggestions as fixes with replacement regions (schema-valid)', async () => {
    const source = 'a: 1\nprobe:\n  successThreshold: 3\n';
    const at = source.indexOf('3');
    const fixed = result(join(cwd, 'fix.yaml'), source, [
      {
        ruleId: 'liveness-success-threshold', severity: 2, message: 'successThreshold is 3.', line: 3, column: 21, endLine: 3, endColumn: 22,
        fix: { range: [at, at + 1], text: '1' },
        suggestions: [{ desc: 'Remove the key.', messageId: 'remove', fix: { range: [source.indexOf('  success'), source.length], text: '' } }],
      },
    ]);
    const log = JSON.parse(await format('sarif', [fixed]));
    const [change] = log.runs[0].results[0].fixes;
    expect(log.runs[0].results[0].fixes).toHaveLength(2);
    expect(change).toEqual({
      description: { text: 'Fix: successThreshold is 3.' },
      artifactChanges: [{ artifactLocation: { uri: 'fix.yaml', uriBaseId: '%SRCROOT%', index: 0 }, replacements: [{ deletedRegion: { startLine: 3, startColumn: 21, endLine: 3, endColumn: 22 }, insertedContent: { text: '1' } }] }],
    });
    expect(log.runs[0].results[0].fixes[1].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { startLine: 3, startColumn: 1, endLine: 4, endColumn: 1 }, insertedContent: { text: '' } });
    if (tool) {
      expect(sarifSchemaValidator(tool.schema)(log)).toEqual([]);
      expect(multitoolFindings(JSON.stringify(log))).toEqual([]);
    }
  }, 120_000);

  it.skipIf(!tool)('passes the SARIF Multitool validator with no errors or warnings', async () => {
    expect(multitoolFindings(await format('sarif', [...sampleResults(), outside]))).toEqual([]);
    expect(multitoolFindings(await format('sarif', []))).toEqual([]);
    // Control: the validator does report a broken log (an unencoded URI).
    const broken = await sarifOf();
    broken.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'deploy/web app.yaml';
    expect(multitoolFindings(JSON.stringify(broken)).some((f) => f.startsWith('error SARIF1002'))).toBe(true);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// friendly
// ---------------------------------------------------------------------------------------------

describe('friendly', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('EFF_')) delete process.env[k];
  });
  afterAll(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('EFF_')) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('shows positions, code frames and kube-lifelint rule links, with no ANSI when color is off', async () => {
    const out = await format('friendly');
    expect(out).not.toContain(ESC);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('deploy/web app.yaml:12:22');
    expect(out).toContain('deploy/web app.yaml:10:11');
    expect(out).toContain('<stdin>:3:1');
    expect(out).not.toContain('eslint.org');
    expect(out).not.toContain('google.com');
    expect(out).toContain(`prestop-exceeds-grace-period  ${docsUrl('prestop-exceeds-grace-period')}`);
    expect(out).toContain('(see line 14: terminationGracePeriodSeconds) [chart/templates/deployment.yaml]');
    expect(out).toContain('(parse)');
    expect(out).not.toMatch(/\bnull\b/);
    // Manifest text is shown with visible escapes: in messages, file names and the code frame.
    expect(out).toContain('\\u001b[31mred\\u001b[0m');
    expect(out).toContain('evil\\nname\\u001b[2J.yaml:1:1');
    expect(out).toContain('containers: # \\u001b[2J\\u001b]0;owned\\u001b\\ evil comment');
    // Code frame of the stdin source.
    expect(out).toMatch(/ 2 \| c: \[\n *> 3 \| *\n/);
    expect(out).toContain('4 problems (2 errors, 2 warnings)');
    // Suppressed messages are not shown.
    expect(out).not.toContain('liveness-probe-missing');
  });

  it('keeps colours when asked, but never a manifest escape sequence', async () => {
    const out = await format('friendly', undefined, { color: true });
    expect(out).toContain(`${ESC}[`); // chalk colours
    expect(out).not.toContain(`${ESC}[31mred`);
    expect(out).not.toContain(`${ESC}[2J`);
    expect(out).not.toContain(`${ESC}]0;owned`);
    expect(out).toContain('\\u001b[31mred');
    expect(out).not.toContain('eslint.org');
  });

  it('leaves EFF_* variables and chalk as they were', async () => {
    process.env.EFF_NO_GRAY = 'true';
    await format('friendly');
    expect(process.env.EFF_NO_LINK_RULES).toBeUndefined();
    expect(process.env.EFF_NO_GRAY).toBe('true');
    const chalk = createRequire(require.resolve('eslint-formatter-friendly'))('chalk') as { level: number; enabled: boolean };
    const before = { level: chalk.level, enabled: chalk.enabled };
    await format('friendly', undefined, { color: true });
    expect({ level: chalk.level, enabled: chalk.enabled }).toEqual(before);
  });

  it('honours EFF_NO_LINK_RULES, EFF_FILTER (by rule id) and EFF_ABSOLUTE_PATHS', async () => {
    process.env.EFF_NO_LINK_RULES = 'true';
    process.env.EFF_FILTER = 'prestop-exceeds-grace-period';
    process.env.EFF_ABSOLUTE_PATHS = 'true';
    const out = await format('friendly');
    expect(out).not.toContain('https://');
    expect(out).toContain('prestop-exceeds-grace-period');
    expect(out).not.toContain('readiness-probe-missing');
    expect(out).toContain(`${webFile}:12:22`);
    expect(process.env.EFF_FILTER).toBe('prestop-exceeds-grace-period');
    process.env.EFF_FILTER = '(parse)';
    const parse = await format('friendly');
    expect(parse).toContain('<stdin>:3:1');
    expect(parse).not.toContain(`${cwd}/<stdin>`);
  });

  it('writes nothing for clean results, and copes with an empty source', async () => {
    expect(await format('friendly', [result(cleanFile, 'a: 1\n', [])])).toBe('');
    const out = await format('friendly', [result('<stdin>', '', [{ ruleId: null, severity: 2, message: 'Empty input', line: 1, column: 1 }])]);
    expect(out).toContain('<stdin>:1:1');
  });
});

// ---------------------------------------------------------------------------------------------
// loadFormatter
// ---------------------------------------------------------------------------------------------

describe('loadFormatter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-formatter-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  // CommonJS, as most ESLint formatters are.
  write('node_modules/eslint-formatter-fake/package.json', JSON.stringify({ name: 'eslint-formatter-fake', version: '1.0.0', main: 'index.js' }));
  write(
    'node_modules/eslint-formatter-fake/index.js',
    "module.exports = function (results, data) { return 'fake:' + results.length + ':' + data.cwd + ':' + data.rulesMeta['readiness-probe-missing'].docs.url; };\n",
  );
  // ESM-only, scoped, async.
  write('node_modules/@acme/eslint-formatter-fancy/package.json', JSON.stringify({ name: '@acme/eslint-formatter-fancy', version: '1.0.0', type: 'module', exports: { '.': { import: './main.js' } } }));
  write('node_modules/@acme/eslint-formatter-fancy/main.js', "export default async function (results) { return 'fancy:' + results.map((r) => r.messages.length).join(','); }\n");
  // A package that is not named eslint-formatter-*.
  write('node_modules/plainfmt/package.json', JSON.stringify({ name: 'plainfmt', version: '1.0.0' }));
  write('node_modules/plainfmt/index.js', "exports.default = () => 'plain';\n");
  write('node_modules/eslint-formatter-broken/index.js', 'module.exports = 42;\n');
  write('my-formatter.cjs', "module.exports = (results) => 'local:' + results.length;\n");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows the built-in names', () => {
    expect(builtinFormatNames).toEqual(['friendly', 'json', 'compact', 'sarif', 'github', 'junit']);
  });

  it.each(['friendly', 'json', 'compact', 'sarif', 'github', 'junit'])('loads the built-in %s', async (name) => {
    const f = await loadFormatter(name);
    expect(typeof f).toBe('function');
    expect(typeof (await f(sampleResults(), ctx()))).toBe('string');
  });

  it('throws a helpful error for an unknown name', async () => {
    await expect(loadFormatter('nope', dir)).rejects.toThrow(/Unknown format 'nope'.*friendly, json, compact, sarif, github, junit.*eslint-formatter-nope/s);
    await expect(loadFormatter('')).rejects.toThrow(/friendly, json, compact, sarif, github, junit/);
  });

  it('loads an ESLint formatter package from cwd and calls it as ESLint does', async () => {
    const f = await loadFormatter('fake', dir);
    expect(await f(sampleResults(), ctx({ cwd: dir }))).toBe(`fake:4:${dir}:${docsUrl('readiness-probe-missing')}`);
    expect(await (await loadFormatter('eslint-formatter-fake', dir))([], ctx())).toBe(`fake:0:${cwd}:${docsUrl('readiness-probe-missing')}`);
    await expect(loadFormatter('fake')).rejects.toThrow(/eslint-formatter-fake/); // not installed beside kube-lifelint
  });

  it('loads scoped, ESM-only and async formatters, other package names and local files', async () => {
    expect(await (await loadFormatter('@acme/fancy', dir))(sampleResults(), ctx())).toBe('fancy:2,0,1,1');
    expect(await (await loadFormatter('@acme/eslint-formatter-fancy', dir))([], ctx())).toBe('fancy:');
    expect(await (await loadFormatter('plainfmt', dir))([], ctx())).toBe('plain');
    expect(await (await loadFormatter('./my-formatter.cjs', dir))([], ctx())).toBe('local:0');
    await expect(loadFormatter('broken', dir)).rejects.toThrow(/does not export a function/);
    await expect(loadFormatter('./missing.js', dir)).rejects.toThrow(/Cannot find formatter file/);
  });

  it('maps names to packages as ESLint does', () => {
    expect(formatterPackageNames('foo')).toEqual(['eslint-formatter-foo', 'foo']);
    expect(formatterPackageNames('eslint-formatter-foo')).toEqual(['eslint-formatter-foo']);
    expect(formatterPackageNames('@s/foo')).toEqual(['@s/eslint-formatter-foo', '@s/foo']);
    expect(formatterPackageNames('@s/eslint-formatter-foo')).toEqual(['@s/eslint-formatter-foo']);
    expect(formatterPackageNames('@s')).toEqual(['@s/eslint-formatter']);
  });
});
