/**
 * One coordinate system: every reported position is an offset into the file as the user has it,
 * whatever the fast path skips before parsing, and `explain` points where `lint` points.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lintSources } from '../src/engine/linter.js';
import { explainSources } from '../src/explain/collect.js';
import type { LintResult } from '../src/types.js';
import { fixtureFiles, root } from './harness.js';
import { lineStartsOf, spanViolations, textAt } from './span-text.js';

const strict = resolveConfig({ extends: 'strict' }, rules);
const lint = (text: string, fastPath = true): LintResult => lintSources([{ filePath: '/t/x.yaml', text }], { ...strict, fastPath }, rules)[0]!;

const livePod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  terminationGracePeriodSeconds: 30
  containers:
    - name: web
      image: nginx:1.25
      lifecycle:
        preStop:
          exec:
            command: ["sh","-c","echo draining; sleep 40"]
`;

const allFixtures = (() => {
  const dirs = ['_engine', 'seeds', ...Object.keys(rules)];
  return dirs.flatMap((d) => fixtureFiles(join(root, 'fixtures', d))).map((p) => ({ name: relative(root, p), text: readFileSync(p, 'utf8') }));
})();

/** Documents the fast path skips (a blank one, a ConfigMap, a CRD-like schema) put before `text`. */
const skippedPrefix = `---\n\n\n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n\n\n---\nkind: CustomResourceDefinition\nspec:\n  x: 1\n---\n`;
const prefixLines = skippedPrefix.split('\n').length - 1;

function violations(text: string, result: LintResult): string[] {
  const starts = lineStartsOf(text);
  return [...result.messages, ...result.suppressedMessages].flatMap((m) => spanViolations(text, m, starts));
}

describe('positions are offsets into the file', () => {
  it('the live bug: a file starting with `---` and blank lines; lint and explain both point at the sleep', () => {
    const text = `---\n\n\n\n---\n${livePod}`;
    const finding = lint(text).messages.find((m) => m.ruleId === 'prestop-exceeds-grace-period')!;
    expect([finding.line, finding.column]).toEqual([18, 49]);
    expect(textAt(text, finding)).toBe('sleep 40');
    const report = explainSources([{ filePath: '/t/x.yaml', text }], { config: { extends: 'strict' }, cwd: '/t' });
    const preStop = report.workloads[0]!.termination.containers[0]!.preStop!;
    expect(preStop.evidence.map((e) => [e.line, e.column])).toEqual([[18, 49]]);
    expect(report.workloads[0]!.findings.find((f) => f.ruleId === 'prestop-exceeds-grace-period')).toMatchObject({ line: 18, column: 49 });
  });

  it('every fixture: the text at each reported range is the token the finding talks about', () => {
    const found: string[] = [];
    let checked = 0;
    for (const f of allFixtures) {
      const result = lint(f.text);
      checked += result.messages.length + result.suppressedMessages.length;
      found.push(...violations(f.text, result).map((v) => `${f.name}: ${v}`));
    }
    expect(found).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('every fixture behind skipped documents: the same tokens, every finding moved down by exactly the added lines', () => {
    const found: string[] = [];
    for (const f of allFixtures) {
      const text = skippedPrefix + f.text;
      const shifted = lint(text);
      found.push(...violations(text, shifted).map((v) => `${f.name}: ${v}`));
      const key = (r: LintResult, lines: number) => r.messages.filter((m) => m.ruleId !== null).map((m) => `${m.line + lines}:${m.column}-${(m.endLine ?? 0) + lines}:${m.endColumn} ${m.ruleId}`);
      // Both the fast path and the full parse agree, and with the file without the prefix.
      expect(key(shifted, 0), f.name).toEqual(key(lint(text, false), 0));
      expect(key(shifted, 0), f.name).toEqual(key(lint(f.text), prefixLines));
    }
    expect(found).toEqual([]);
  });

  it('explain and lint agree on every position (seeds and fixtures)', () => {
    const sample = allFixtures.filter((f) => /^fixtures\/(seeds|prestop-|poststart-|probe-exec|probe-grace)/.test(f.name));
    expect(sample.length).toBeGreaterThan(20);
    for (const f of sample) {
      for (const text of [f.text, skippedPrefix + f.text]) {
        const messages = lint(text).messages;
        const report = explainSources([{ filePath: '/t/x.yaml', text }], { config: { extends: 'strict' }, cwd: '/t' });
        for (const w of report.workloads) {
          for (const finding of w.findings) {
            expect(messages.some((m) => m.line === finding.line && m.column === finding.column && m.ruleId === finding.ruleId), `${f.name} ${finding.ruleId} ${finding.line}:${finding.column}`).toBe(true);
          }
          // A timing finding points at its evidence; explain draws the same evidence there.
          const evidence = new Set(
            [...w.startup.containers.map((c) => c.postStart), ...w.termination.containers.map((c) => c.preStop)].flatMap((h) => h?.evidence ?? []).map((e) => `${e.line}:${e.column}`),
          );
          for (const m of messages) {
            if (!/^(prestop-exceeds-grace-period|prestop-starves-shutdown|poststart-slow)$/.test(m.ruleId ?? '')) continue;
            if (!w.findings.some((x) => x.line === m.line && x.column === m.column)) continue;
            if (!/\(sleep/.test(m.message)) continue;
            expect(evidence.has(`${m.line}:${m.column}`), `${f.name} ${m.ruleId} ${m.line}:${m.column} in ${[...evidence].join(' ')}`).toBe(true);
          }
        }
      }
    }
  });
});
