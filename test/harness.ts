/**
 * The fixtures harness. A fixture marks each expected finding with a YAML comment:
 *   `# expect: rule-a, rule-b`        findings of these rules on this line
 *   `# expect: rule-a/messageId`      ... and the finding's message id is this one
 *   `# expect(+N): rule-a`            on the line N lines below (for lines that cannot hold a
 *                                     comment, such as lines inside a block scalar)
 *   `# expect: syntax-error`          an engine finding (ruleId null) with that messageId:
 *                                     syntax-error, duplicate-key, helm-template, unused-directive,
 *                                     unknown-rule
 *   `# options: {maxSeconds: 10}`     the rule's options for this file (a YAML flow mapping),
 *                                     validated against the rule's option schema
 * Markers are comment tokens of the YAML lexer, so `# expect:` inside a block-scalar script or a
 * quoted string is text, not a marker. Comparison is an exact multiset of (line, id): anything
 * unmarked must be silent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { Parser, parse } from 'yaml';
import { lintSources, type LintConfig } from '../src/engine/linter.js';
import { resolveConfig, type UserConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import type { LintMessage, LintResult } from '../src/types.js';

export const root = new URL('..', import.meta.url).pathname;
// Anywhere in a comment: a directive comment carries its marker after its own text.
const expectMarker = /#\s*expect(?:\(([+-]\d+)\))?:\s*(.*?)\s*$/;
const markedId = /^[a-z0-9-]+(?:\/[A-Za-z0-9-]+)?$/;
const optionsHeader = /^#\s*options:\s*(.*?)\s*$/;

/** A comment of the YAML text: its text (from `#`) and 1-based line. */
export interface YamlComment {
  text: string;
  line: number;
}

/** Every comment token of `text`, in order. Block scalars and quoted strings hold none. */
export function yamlComments(text: string): YamlComment[] {
  const offsets: { offset: number; source: string }[] = [];
  const visit = (token: unknown): void => {
    if (Array.isArray(token)) return token.forEach(visit);
    if (!token || typeof token !== 'object') return;
    const t = token as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
      offsets.push({ offset: t.offset, source: t.source });
      return;
    }
    for (const value of Object.values(token)) if (value && typeof value === 'object') visit(value);
  };
  for (const token of new Parser().parse(text)) visit(token);
  offsets.sort((a, b) => a.offset - b.offset);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let line = 0;
  return offsets.map(({ offset, source }) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line++;
    return { text: source, line: line + 1 };
  });
}

/** The `# expect:` markers as sorted `line:id` or `line:id/messageId` keys. */
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  for (const c of yamlComments(text)) {
    const m = expectMarker.exec(c.text);
    if (!m) continue;
    const target = c.line + (m[1] ? Number(m[1]) : 0);
    for (const raw of m[2]!.split(',')) {
      const id = raw.trim();
      if (!markedId.test(id)) throw new Error(`line ${c.line}: '${id}' is not a marker (rule-id or rule-id/messageId)`);
      out.push(`${target}:${id}`);
    }
  }
  return out.sort(byLineThenId);
}

/**
 * The findings as `line:id/messageId` keys, written the way `expected` writes them: a marker
 * without a message id matches any message id of its rule, so the id is dropped there.
 * Compare the result with `expected` (both sorted).
 */
export function actualFindings(messages: LintMessage[], expected: string[] = []): string[] {
  const wanted = new Map<string, number>();
  for (const e of expected) wanted.set(e, (wanted.get(e) ?? 0) + 1);
  return messages
    .map((m) => {
      const id = m.ruleId ?? m.messageId ?? 'engine';
      const withMessageId = `${m.line}:${id}/${m.messageId ?? ''}`;
      const left = wanted.get(withMessageId) ?? 0;
      if (m.ruleId === null || left === 0) return `${m.line}:${id}`;
      wanted.set(withMessageId, left - 1);
      return withMessageId;
    })
    .sort(byLineThenId);
}

function byLineThenId(a: string, b: string): number {
  const [la, ia] = splitKey(a);
  const [lb, ib] = splitKey(b);
  return la - lb || ia.localeCompare(ib);
}

function splitKey(key: string): [number, string] {
  const colon = key.indexOf(':');
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}

/** The `# options: {...}` header of a fixture for `ruleId`, validated against the rule's schema. */
export function fixtureOptions(text: string, ruleId: string): Record<string, unknown> {
  const headers = yamlComments(text).flatMap((c) => {
    const m = optionsHeader.exec(c.text);
    return m ? [{ line: c.line, value: m[1]! }] : [];
  });
  if (headers.length === 0) return {};
  if (headers.length > 1) throw new Error(`more than one '# options:' header (lines ${headers.map((h) => h.line).join(', ')})`);
  const [header] = headers as [{ line: number; value: string }];
  const schema = rules[ruleId]?.meta.options;
  if (!schema) throw new Error(`line ${header.line}: rule ${ruleId} takes no options`);
  let options: unknown;
  try {
    options = parse(header.value);
  } catch (e) {
    throw new Error(`line ${header.line}: '# options:' is not a YAML flow mapping: ${(e as Error).message}`);
  }
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(options)) {
    throw new Error(`line ${header.line}: options for ${ruleId} do not match its schema: ${validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')}`);
  }
  return options as Record<string, unknown>;
}

/** Config with only `ruleId` enabled (off-by-default rules are enabled as warnings). */
export function onlyRule(ruleId: string, options: Record<string, unknown> = {}): LintConfig {
  const rule = rules[ruleId];
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const severity = rule.meta.defaultSeverity === 'off' ? 'warn' : rule.meta.defaultSeverity;
  return resolveConfig({ extends: 'none', rules: { [ruleId]: { severity, ...options } } }, rules);
}

export function lintWith(text: string, config: LintConfig | UserConfig, filePath = 'fixture.yaml', extra: { filePath: string; text: string }[] = []) {
  const resolved = 'settings' in config ? (config as LintConfig) : resolveConfig(config as UserConfig, rules);
  return lintSources([{ filePath, text }, ...extra], resolved, rules)[0]!;
}

/**
 * A fixture of `fixtures/<ruleId>/`, linted with only that rule, the options of its header, and
 * the settings its folder names: `kube-<version>/` sets kubernetesVersion, `runtime-<name>/` the
 * runtime.
 */
export function lintFixture(ruleId: string, file: string, text = read(file)): LintResult {
  const config = onlyRule(ruleId, fixtureOptions(text, ruleId));
  // The subfolder of fixtures/<ruleId>/ holding the file ('' for the rule's own folder).
  const folder = relative(join(root, 'fixtures', ruleId), dirname(file));
  if (folder.startsWith('kube-')) config.settings = { ...config.settings, kubernetesVersion: folder.slice('kube-'.length) };
  if (folder.startsWith('runtime-')) config.settings = { ...config.settings, runtime: folder.slice('runtime-'.length) };
  return lintWith(text, config, file);
}

/** The fixture files of a folder (not its subfolders). */
export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    // `<name>.output.yaml` is the expected text after fixing `<name>.yaml` (test/fix-fixtures.test.ts).
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !/\.output\.(ya?ml|json)$/.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

/** The fixture files of a rule's folder and of its setting subfolders (kube-*, runtime-*). */
export function allFixtureFiles(dir: string): string[] {
  const subfolders = readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();
  return [...fixtureFiles(dir), ...subfolders.flatMap((d) => fixtureFiles(join(dir, d)))];
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * `template` read backwards: the data that interpolating it gave `message`, or undefined when the
 * message does not come from this template.
 */
export function templateData(template: string, message: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.split(/(\{\{\s*\w+\s*\}\})/).map((part, i) => {
    if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const name = part.slice(2, -2).trim();
    if (names.includes(name)) return `\\k<${name}>`;
    names.push(name);
    return `(?<${name}>[\\s\\S]*?)`;
  });
  const m = new RegExp(`^${pattern.join('')}$`).exec(message);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n) => [n, m.groups![n]!]));
}

/** A message's data, read back from its rule's template: what the snapshots lock instead of prose. */
function messageData(m: LintMessage): string {
  const template = m.ruleId && m.messageId ? rules[m.ruleId]?.meta.messages[m.messageId] : undefined;
  if (template === undefined) return '';
  const data = templateData(template, m.message);
  // A message that its template cannot produce is locked whole, so a drift is visible.
  return data ? (Object.keys(data).length ? ` ${JSON.stringify(data)}` : '') : ` ${JSON.stringify(m.message)}`;
}

/**
 * A column-exact rendering of findings for snapshots: `line:col-endLine:endCol rule/messageId data`
 * and the related locations. The prose is locked once per message id (fixtures.test.ts).
 */
export function renderFindings(messages: LintMessage[]): string {
  return messages
    .map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? 'engine'}${m.messageId ? `/${m.messageId}` : ''}${messageData(m)}${(m.related ?? []).map((r) => `\n    related ${r.line}:${r.column}-${r.endLine}:${r.endColumn}`).join('')}`)
    .join('\n');
}
