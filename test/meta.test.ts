/** Rule metadata invariants and generated-docs drift. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { generatedFiles } from '../src/tools/generate.js';
import { root } from './harness.js';

// The catalogue lives in ../shared next to the project; checked when it is there.
const cataloguePath = join(root, '..', 'shared', 'RULES.md');
const catalogueIds = existsSync(cataloguePath) ? [...readFileSync(cataloguePath, 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!) : [];
// Rules added after the v1 catalogue, with the issue that defines them.
const addedSinceCatalogue: Record<string, string> = {
  'cronjob-starting-deadline-too-short': 'issue 16',
  'hook-var-not-expanded': 'issue 17',
  'mesh-drain-exceeds-grace-period': 'issue 16',
  'pdb-blocks-eviction': 'issue 16',
  'rolling-update-both-zero': 'issue 16',
  'startup-exceeds-active-deadline': 'issue 16',
  'termination-exceeds-spot-notice': 'issue 16',
};

describe('rule metadata', () => {
  it('index is sorted and keyed by each rule\'s id', () => {
    const ids = Object.keys(rules);
    expect(ids).toEqual([...ids].sort());
    for (const [id, r] of Object.entries(rules)) expect(r.id).toBe(id);
  });

  it('every rules/ folder is in the index and vice versa', () => {
    const dirs = readdirSync(join(root, 'rules'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(dirs).toEqual(Object.keys(rules));
  });

  // The catalogue is v1: later rules (issue 16) are not in it, but every catalogued id must exist as spelled.
  it.each(catalogueIds)('%s: catalogued id has a rule', (id) => expect(Object.keys(rules)).toContain(id));

  it.each(Object.keys(rules))('%s: kebab-case, one-sentence description, docs, options with defaults', (id) => {
    const r = rules[id]!;
    if (catalogueIds.length && !Object.hasOwn(addedSinceCatalogue, id)) expect(catalogueIds).toContain(id);
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(r.meta.description).toMatch(/^[A-Za-z`].*\.$/);
    expect(r.meta.description.split(/\.\s/).length).toBe(1);
    expect(Object.keys(r.meta.messages).length).toBeGreaterThan(0);
    expect(existsSync(join(root, 'rules', id, 'README.md'))).toBe(true);
    for (const [name, p] of Object.entries(r.meta.options?.properties ?? {})) {
      expect(p.default, `${id} option ${name}`).not.toBeUndefined();
      expect(p.description, `${id} option ${name}`).toBeTruthy();
    }
  });
});

describe('generated parts of the docs', () => {
  it('README (rules table, explain example), rule doc headers and config schema are current (npm run generate)', async () => {
    for (const [path, [current, expected]] of await generatedFiles(root)) expect(current, path).toBe(expected);
  });
});

describe('README options table', () => {
  it('lists exactly the options of `kube-lifelint --help`', () => {
    const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['kube-lifelint']!);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    const lintHelp = help.slice(0, help.indexOf('  -h, --help'));
    const longOptions = (text: string) => [...new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]+/g)].map((m) => m[0]))].filter((o) => o !== '--help').sort();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| option | meaning |'), readme.indexOf('### Exit codes'));
    expect(longOptions(table)).toEqual(longOptions(lintHelp));
  });
});
