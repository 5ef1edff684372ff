import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { lintFiles } from '../src/index.js';
const runs: [string, Record<string, string>][] = [['default', {}], ['1.23', { kubernetesVersion: '1.23' }], ['1.28', { kubernetesVersion: '1.28' }], ['1.17', { kubernetesVersion: '1.17' }], ['windows', { runtime: 'windows' }], ['aci', { runtime: 'azure-aci' }], ['bci', { runtime: 'baidu-bci' }]];
it.each(runs)('corpus %s', (name, settings) => {
  const out = lintFiles(['../shared/corpus'], { config: { extends: 'none', ...settings, rules: { 'runtime-unsupported': 'error', 'feature-unavailable': 'error', 'exec-binary-missing': 'warn' } } });
  const rows: any[] = [];
  for (const r of out.results) for (const m of r.messages) if (m.ruleId) rows.push({ file: r.filePath.replace(/.*corpus\//, ''), ...m });
  writeFileSync(`/tmp/corpus/findings-${name}.json`, JSON.stringify(rows, null, 1));
  const by: Record<string, number> = {};
  for (const r of rows) by[`${r.ruleId}/${r.messageId}`] = (by[`${r.ruleId}/${r.messageId}`] ?? 0) + 1;
  console.log(name, JSON.stringify(by));
}, 600000);
