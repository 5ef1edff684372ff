/**
 * `npm run build && node dist/src/tools/fix-corpus.js [dir]` (default ../shared/corpus): what
 * `--fix-dry-run` does to a corpus of real manifests, as issue 13 asks. Lints every file with the
 * strict preset twice, without and with fixes; for each file the fixes change, checks that only
 * rules with a safe fix (meta.fixable) made them and that the fixed text parses to the same
 * objects except the fields the fixes point into (fixed-fields.ts). Then applies every
 * suggestion alone and checks the same of it, and that a re-lint of the file has fewer findings
 * of its rule. Prints the counts; exits 1 on any change outside what a fix or suggestion points
 * into, a fix from a rule without a safe fix, or a suggestion that leaves its finding.
 */
import { resolve } from 'node:path';
import { createLinter, rules } from '../index.js';
import { fixedFields } from './fixed-fields.js';
import { projectRoot } from './project-root.js';

const dir = resolve(process.argv[2] ?? resolve(projectRoot(), '..', 'shared', 'corpus'));
const config = { extends: 'strict' as const };
const plain = createLinter({ config });
const fixing = createLinter({ config, fix: true });

const fixedRun = fixing.lintFiles([dir]);
const byRule = new Map<string, number>();
const byField = new Map<string, number>();
let changedFiles = 0;
const problems: string[] = [];
for (const r of fixedRun.results) {
  if (r.output === undefined || r.source === undefined) continue;
  changedFiles++;
  const first = plain.lintText(r.source, { filePath: r.filePath }).flatMap((x) => x.messages).filter((m) => m.fix);
  for (const m of first) {
    byRule.set(m.ruleId ?? 'engine', (byRule.get(m.ruleId ?? 'engine') ?? 0) + 1);
    if (!m.ruleId || !rules[m.ruleId]?.meta.fixable) problems.push(`${r.filePath}:${m.line}: a fix from ${m.ruleId}, which has no safe fix`);
  }
  const report = fixedFields(r.source, r.output, first.map((m) => m.fix!.range));
  for (const p of report.changed) {
    const field = p.split('/').pop()!;
    byField.set(field, (byField.get(field) ?? 0) + 1);
  }
  for (const p of report.outside) problems.push(`${r.filePath}: ${p} changed, but no fix points into it`);
}

// Suggestions: each applied alone must change only what it points into and repair its finding.
const suggested = new Map<string, number>();
let crossFile = 0;
for (const r of plain.lintFiles([dir]).results) {
  const source = r.source;
  if (source === undefined) continue;
  for (const m of r.messages) {
    for (const s of m.suggestions ?? []) {
      const key = `${m.ruleId}/${s.messageId}`;
      suggested.set(key, (suggested.get(key) ?? 0) + 1);
      const alone = source.slice(0, s.fix.range[0]) + s.fix.text + source.slice(s.fix.range[1]);
      for (const p of fixedFields(source, alone, [s.fix.range]).outside) problems.push(`${r.filePath}:${m.line}: ${key} changes ${p}, which it does not point into`);
      // The re-lint reads this file alone: a finding that needs another file (a Service) is not re-checked.
      const count = (text: string) => plain.lintText(text, { filePath: r.filePath }).flatMap((x) => x.messages).filter((x) => x.ruleId === m.ruleId).length;
      const before = count(source);
      if (before === 0) crossFile++;
      else if (count(alone) >= before) problems.push(`${r.filePath}:${m.line}: ${key} leaves the finding`);
    }
  }
}

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ${n}`).join(', ');
console.log(`files linted: ${fixedRun.results.length}`);
console.log(`files the fixes change: ${changedFiles}`);
console.log(`fixes (first pass) by rule: ${sorted(byRule) || 'none'}`);
console.log(`changed object paths by last key: ${sorted(byField) || 'none'}`);
console.log(`suggestions checked one by one: ${sorted(suggested) || 'none'}`);
console.log(`suggestions whose finding needs another file (not re-linted alone): ${crossFile}`);
console.log(`changes outside the fixed fields, from rules without a safe fix, or suggestions that leave their finding: ${problems.length}`);
for (const p of problems.slice(0, 50)) console.log(`  ${p}`);
process.exitCode = problems.length ? 1 : 0;
