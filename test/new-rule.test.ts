/**
 * `npm run new-rule <id>` in a temporary copy of the project: the scaffold builds, registers and
 * documents the rule, and the rule suites then fail on exactly one thing, the placeholders the
 * author must replace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importName, registerRule, scaffold } from '../src/tools/new-rule.js';
import { root } from './harness.js';

describe('registerRule', () => {
  const index = ["import type { Rule } from '../src/rule-api.js';", "import aB from './a-b/index.js';", "import cD from './c-d/index.js';", '', 'export const rules = {', "  'a-b': aB,", "  'c-d': cD,", '};', ''].join('\n');

  it('imports and registers the rule in sorted position, first, middle or last', () => {
    expect(registerRule(index, 'b-c')).toContain("import aB from './a-b/index.js';\nimport bC from './b-c/index.js';\nimport cD");
    expect(registerRule(index, 'b-c')).toContain("  'a-b': aB,\n  'b-c': bC,\n  'c-d': cD,");
    expect(registerRule(index, 'a-a')).toContain("import type { Rule } from '../src/rule-api.js';\nimport aA from './a-a/index.js';\nimport aB");
    expect(registerRule(index, 'z-z')).toContain("  'c-d': cD,\n  'z-z': zZ,\n};");
    expect(importName('prestop-too-long-2')).toBe('prestopTooLong2');
  });

  it('refuses ids that are not kebab-case words and rules that exist', () => {
    expect(() => scaffold(root, 'Bad_Id')).toThrow(/not a rule id/);
    expect(() => scaffold(root, 'probe-empty')).toThrow(/exists already/);
  });
});

describe('npm run new-rule, in a temporary copy of the project', () => {
  // The copy sits one folder down, so its `../shared` (where meta.test.ts looks for the v1
  // catalogue) is a folder of this test's own and never a `shared` that happens to be in tmpdir.
  const parent = mkdtempSync(join(tmpdir(), 'kll-new-rule-'));
  const copy = join(parent, 'project');
  mkdirSync(copy);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('scaffolds a rule on which the suites fail only on its placeholders', { timeout: 600_000 }, () => {
    for (const entry of ['src', 'rules', 'fixtures', 'test', 'schemas', 'dist', 'README.md', 'package.json', 'tsconfig.json', 'tsconfig.test.json']) {
      cpSync(join(root, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const scaffolded = spawnSync('npm', ['run', '--silent', 'new-rule', '--', 'example-hazard'], { cwd: copy, encoding: 'utf8' });
    expect(scaffolded.status, scaffolded.stderr).toBe(0);
    expect(scaffolded.stdout).toContain('wrote rules/example-hazard/index.ts');
    expect(readFileSync(join(copy, 'rules', 'index.ts'), 'utf8')).toContain("  'example-hazard': exampleHazard,");
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toContain('[`example-hazard`](rules/example-hazard/README.md)');

    // The copy's own suites, as its author would run them (the copy has no ../shared catalogue).
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: copy, encoding: 'utf8' });
    // As on a developer's machine: the new rule's snapshots are written, not refused as in CI.
    const { CI: _ci, ...withoutCI } = process.env;
    const suites = ['test/fixtures.test.ts', 'test/meta.test.ts', 'test/readme-examples.test.ts'];
    const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--testTimeout=120000', '--reporter=json', ...suites], { cwd: copy, encoding: 'utf8', maxBuffer: 64 << 20, env: withoutCI });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as { testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[] };
    const results = report.testResults.flatMap((f) => f.assertionResults);
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.fullName)).toEqual(['scaffold placeholders none is left in rules/ or fixtures/']);
    expect(failed[0]!.failureMessages.join('\n')).toContain('rules/example-hazard/index.ts');
    // The new rule's fixtures, README examples and generated docs pass.
    expect(results.filter((r) => r.fullName.includes('example-hazard') && r.status === 'passed').length).toBeGreaterThanOrEqual(5);
  });
});
