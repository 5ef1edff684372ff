/** Every rule's fixtures, with only that rule enabled: findings must match the markers exactly. */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { actualFindings, expectedFindings, fixtureFiles, lintWith, onlyRule, read, renderFindings, root } from './harness.js';

describe.each(Object.keys(rules))('rule %s', (id) => {
  const dir = join(root, 'fixtures', id);
  const files = existsSync(dir) ? fixtureFiles(dir) : [];

  it('has invalid and valid fixtures', () => {
    expect(files.some((f) => basename(f).startsWith('invalid'))).toBe(true);
    expect(files.some((f) => basename(f).startsWith('valid'))).toBe(true);
  });

  it.each(files.map((f) => [basename(f), f]))('%s', (_name, file) => {
    const text = read(file);
    const result = lintWith(text, onlyRule(id), file);
    expect(actualFindings(result.messages)).toEqual(expectedFindings(text));
    if (basename(file).startsWith('invalid')) expect(expectedFindings(text).length).toBeGreaterThan(0);
    if (basename(file).startsWith('valid')) expect(expectedFindings(text)).toEqual([]);
    expect(renderFindings(result.messages)).toMatchSnapshot();
  });
});

describe('fixtures folders', () => {
  it('name only existing rules (or the engine and seed folders)', () => {
    const dirs = readdirSync(join(root, 'fixtures')).filter((d) => !d.startsWith('_') && d !== 'seeds');
    expect(dirs.filter((d) => !(d in rules))).toEqual([]);
  });
});
