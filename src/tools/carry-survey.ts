/**
 * How many fixes and suggestions of rendered findings reach the files users edit, and whether
 * each one repairs: every chart or kustomization given is rendered, linted with the strict preset,
 * and each rendered edit carried (src/render/carry-edits.ts) or dropped (counted by reason). Each
 * carried edit is then applied alone to a scratch copy of `--copy-root` (the repository the
 * sources sit in, so that overlays reach their bases), rendered again and linted: it must leave
 * fewer findings of its rule and no new YAML problem.
 *
 *   node dist/src/tools/carry-survey.js helm --copy-root REPO CHART...
 *   node dist/src/tools/carry-survey.js kustomize --copy-root REPO DIR...
 *
 * Needs helm and kubectl (KUBE_LIFELINT_TOOLS or the cache test/tools/install-k8s-tools.sh fills).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseYaml } from '../engine/parse.js';
import { createLinter } from '../index.js';
import { carryEdit, type SourceSide } from '../render/carry-edits.js';
import { ChartSources } from '../render/helm-source-map.js';
import { kustomizationDocuments } from '../render/kustomize-source-map.js';
import { helmSide, kustomizeSide } from '../render/source-sides.js';
import type { LintMessage } from '../types.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'copy-root': { type: 'string' } } });
const [mode, ...dirs] = positionals;
if ((mode !== 'helm' && mode !== 'kustomize') || !values['copy-root'] || !dirs.length) {
  console.error('usage: carry-survey helm|kustomize --copy-root REPO DIR...');
  process.exit(2);
}
const copyRoot = resolve(values['copy-root']);
const toolsDir = process.env.KUBE_LIFELINT_TOOLS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'kube-lifelint', 'k8s-tools-2.2.2');
const render = (dir: string) =>
  mode === 'helm' ? spawnSync(join(toolsDir, 'helm'), ['template', dir], { encoding: 'utf8', timeout: 60_000 }) : spawnSync(join(toolsDir, 'kubectl'), ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
const linter = createLinter({ config: { extends: 'strict' } });
const lint = (text: string): LintMessage[] => linter.lintText(text, { filePath: 'rendered' }).flatMap((r) => r.messages);
const count = (ms: LintMessage[], ruleId: string | null) => ms.filter((m) => m.ruleId === ruleId).length;

const stats = { rendered: 0, failed: 0, edits: 0, carried: 0, repaired: 0, notRepaired: 0, broke: 0 };
const carried = new Map<string, number>();
const dropped = new Map<string, number>();
const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const copy = mkdtempSync(join(tmpdir(), 'kll-carry-survey-'));
cpSync(copyRoot, copy, { recursive: true });
const inCopy = (file: string) => join(copy, relative(copyRoot, file));

for (const dir of dirs.map((d) => resolve(d))) {
  const run = render(dir);
  if (run.status !== 0) {
    stats.failed++;
    continue;
  }
  stats.rendered++;
  const text = run.stdout;
  const parsed = parseYaml(text);
  const docAt = (o: number) => parsed.documents.find((d) => d.doc.range && d.doc.range[0] <= o && o <= d.doc.range[2]);
  const side: SourceSide = mode === 'helm' ? helmSide(new ChartSources(dir, []), text) : kustomizeSide(kustomizationDocuments(dir));
  const before = lint(text);
  for (const m of before) {
    for (const [kind, edit] of [...(m.fix ? [['fix', m.fix] as const] : []), ...(m.suggestions ?? []).map((s) => [s.messageId, s.fix] as const)]) {
      stats.edits++;
      const c = carryEdit(text, docAt, side, edit);
      if (!('edit' in c)) {
        bump(dropped, `${m.ruleId}/${kind}: ${c.dropped}`);
        continue;
      }
      stats.carried++;
      bump(carried, `${m.ruleId}/${kind}`);
      const file = inCopy(c.edit.filePath);
      const original = readFileSync(file, 'utf8');
      writeFileSync(file, original.slice(0, c.edit.range[0]) + c.edit.text + original.slice(c.edit.range[1]));
      const again = render(inCopy(dir));
      writeFileSync(file, original);
      const after = again.status === 0 ? lint(again.stdout) : undefined;
      if (!after || count(after, null) > count(before, null)) stats.broke++;
      else if (count(after, m.ruleId) < count(before, m.ruleId)) stats.repaired++;
      else stats.notRepaired++;
      if (!after || count(after, m.ruleId) >= count(before, m.ruleId)) console.log(`not repaired: ${m.ruleId}/${kind} ${c.edit.filePath}`);
    }
  }
}
rmSync(copy, { recursive: true, force: true });
console.log(JSON.stringify(stats));
for (const [k, v] of [...carried].sort((a, b) => b[1] - a[1])) console.log(`carried ${v} ${k}`);
for (const [k, v] of [...dropped].sort((a, b) => b[1] - a[1])) console.log(`dropped ${v} ${k}`);
