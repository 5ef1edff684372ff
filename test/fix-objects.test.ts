/**
 * Every fix output of the fixtures parses to the same objects as its input except the fields the
 * fixes point into (issue 13: "each changed file still parses to the same objects except the fixed
 * fields"). The same check runs over the corpus in src/tools/fix-corpus.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { differingPaths, fixedFields } from '../src/tools/fixed-fields.js';
import { fixtureFiles, lintWith, onlyRule, read, root } from './harness.js';

const outputPath = (file: string) => file.replace(/\.(ya?ml|json)$/, '.output.$1');

describe('fixed fields', () => {
  it('finds what changed and whether a fix range reaches it', () => {
    expect(differingPaths({ a: [1, { b: 2 }], c: 1 }, { a: [1, { b: 3 }], d: 1 })).toEqual([['a', 1, 'b'], ['c'], ['d']]);
    const text = 'a: 1 # one\nb: 2\n';
    expect(fixedFields(text, 'a: 5 # one\nb: 2\n', [[3, 4]])).toEqual({ changed: ['0#/a'], outside: [] });
    // A change the fix did not point into, and a document more.
    expect(fixedFields(text, 'a: 5 # one\nb: 3\n', [[3, 4]]).outside).toEqual(['0#/b']);
    expect(fixedFields(text, `${text}---\nc: 1\n`, [[3, 4]]).outside).toEqual(['documents']);
    // An added key is reached through the mapping it is added to.
    expect(fixedFields('m:\n  a: 1\n', 'm:\n  a: 1\n  b: 2\n', [[10, 10]]).outside).toEqual([]);
  });

  const cases = Object.keys(rules).flatMap((id) => {
    const dir = join(root, 'fixtures', id);
    return existsSync(dir) ? fixtureFiles(dir).filter((f) => existsSync(outputPath(f))).map((f) => [f.slice(root.length), id, f] as const) : [];
  });

  it.each(cases)('%s: the fixed text has the same objects but for the fixed fields', (_name, id, file) => {
    const text = read(file);
    const ranges = lintWith(text, onlyRule(id), file).messages.flatMap((m) => (m.fix ? [m.fix.range] : []));
    const report = fixedFields(text, read(outputPath(file)), ranges);
    expect(report.changed.length).toBeGreaterThan(0);
    expect(report.outside).toEqual([]);
  });

  it('covers every fixable rule', () => {
    const fixable = Object.keys(rules).filter((id) => rules[id]!.meta.fixable);
    expect(new Set(cases.map(([, id]) => id))).toEqual(new Set(fixable));
  });
});
