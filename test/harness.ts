/**
 * The fixtures harness. A fixture marks each expected finding with a YAML comment:
 *   `# expect: rule-a, rule-b`   findings of these rules on this line
 *   `# expect(+N): rule-a`       on the line N lines below (for lines that cannot hold a comment,
 *                                such as lines inside a block scalar)
 *   `# expect: syntax-error`     an engine finding (ruleId null) with that messageId: syntax-error,
 *                                duplicate-key, helm-template, unused-directive, unknown-rule
 * Comparison is an exact multiset of (line, id): anything unmarked must be silent.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintSources, type LintConfig } from '../src/engine/linter.js';
import { resolveConfig, type UserConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import type { LintMessage } from '../src/types.js';

export const root = new URL('..', import.meta.url).pathname;
const marker = /#\s*expect(?:\(([+-]\d+)\))?:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = marker.exec(line);
    if (!m) return;
    const target = i + 1 + (m[1] ? Number(m[1]) : 0);
    for (const id of m[2]!.split(',')) out.push(`${target}:${id.trim()}`);
  });
  return out.sort(byLineThenId);
}

export function actualFindings(messages: LintMessage[]): string[] {
  return messages.map((m) => `${m.line}:${m.ruleId ?? m.messageId ?? 'engine'}`).sort(byLineThenId);
}

function byLineThenId(a: string, b: string): number {
  const [la, ia] = a.split(':');
  const [lb, ib] = b.split(':');
  return Number(la) - Number(lb) || ia!.localeCompare(ib!);
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

export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    // `<name>.output.yaml` is the expected text after fixing `<name>.yaml` (test/fix-fixtures.test.ts).
    .filter((f) => /\.(ya?ml|json)$/.test(f) && !/\.output\.(ya?ml|json)$/.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A column-exact, human-readable rendering of findings for snapshots. */
export function renderFindings(messages: LintMessage[]): string {
  return messages
    .map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? 'engine'}${m.messageId ? `/${m.messageId}` : ''} ${m.message}${(m.related ?? []).map((r) => `\n    related ${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.message}`).join('')}`)
    .join('\n');
}
