/**
 * Every rule's fixtures, with only that rule enabled (and the options of a `# options:` header, the
 * settings of a kube-<version> or runtime-<name> subfolder): findings must match the markers exactly.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { placeholder } from '../src/tools/new-rule.js';
import { actualFindings, allFixtureFiles, expectedFindings, fixtureFiles, fixtureOptions, lintFixture, read, renderFindings, root, templateData } from './harness.js';

const fixturesOf = (id: string) => join(root, 'fixtures', id);

describe.each(Object.keys(rules))('rule %s', (id) => {
  const dir = fixturesOf(id);
  const files = existsSync(dir) ? fixtureFiles(dir) : [];
  // With the settings subfolders: kube-<version>/ and runtime-<name>/ (see lintFixture).
  const all = existsSync(dir) ? allFixtureFiles(dir) : [];

  it('has invalid and valid fixtures', () => {
    expect(files.some((f) => basename(f).startsWith('invalid'))).toBe(true);
    expect(files.some((f) => basename(f).startsWith('valid'))).toBe(true);
  });

  it.each(all.map((f) => [relative(dir, f), f]))('%s', (_name, file) => {
    const text = read(file);
    const result = lintFixture(id, file, text);
    const expected = expectedFindings(text);
    expect(actualFindings(result.messages, expected)).toEqual(expected);
    if (basename(file).startsWith('invalid')) expect(expected.length).toBeGreaterThan(0);
    if (basename(file).startsWith('valid')) expect(expected).toEqual([]);
    expect(renderFindings(result.messages)).toMatchSnapshot();
  });
});

describe('message ids', () => {
  /** For every rule, the first message of each message id its fixtures (and setting subfolders) produce. */
  const examples = new Map<string, string>();
  beforeAll(() => {
    for (const id of Object.keys(rules)) {
      const dir = fixturesOf(id);
      for (const file of existsSync(dir) ? allFixtureFiles(dir) : []) {
        for (const m of lintFixture(id, file).messages) {
          const key = `${id}/${m.messageId ?? ''}`;
          if (m.ruleId === id && !examples.has(key)) examples.set(key, m.message);
          // A suggestion's message id is produced when the suggestion is offered.
          for (const sg of m.ruleId === id ? (m.suggestions ?? []) : []) if (!examples.has(`${id}/${sg.messageId ?? ''}`)) examples.set(`${id}/${sg.messageId ?? ''}`, sg.desc);
        }
      }
    }
  });

  it('every message id of every rule is produced by some fixture', () => {
    const declared = Object.entries(rules).flatMap(([id, r]) => Object.keys(r.meta.messages).map((messageId) => `${id}/${messageId}`));
    expect(declared.filter((key) => !examples.has(key))).toEqual([]);
    expect([...examples.keys()].filter((key) => !declared.includes(key))).toEqual([]);
  });

  // One snapshot per rule, so a new rule adds its own instead of changing a shared one.
  it.each(Object.keys(rules))('one prose example per message id of %s (the per-fixture snapshots lock positions and data only)', (id) => {
    const own = [...examples].filter(([key]) => key.startsWith(`${id}/`)).sort(([a], [b]) => a.localeCompare(b));
    expect(own.map(([key, message]) => `${key}: ${message}`).join('\n')).toMatchSnapshot();
  });
});

describe('the harness', () => {
  const pod = (lifecycle: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      lifecycle:\n${lifecycle}`;

  it('reads markers from comment tokens: not from a block-scalar script or a quoted string', () => {
    const text = pod('        postStart:\n          exec:\n            command:\n              - sh\n              - -c\n              - | # expect(+1): poststart-slow\n                # expect: prestop-never-ends\n                sleep 60 "# expect: probe-empty"\n');
    expect(expectedFindings(text)).toEqual(['15:poststart-slow']);
  });

  it('a marker with a message id asserts it; one without accepts any message id of its rule', () => {
    const text = pod('        preStop:\n          tcpSocket: {port: 80} # expect: hook-tcpsocket/MESSAGE\n');
    const { messages } = lintFixture('hook-tcpsocket', join(root, 'fixtures', 'hook-tcpsocket', 'x.yaml'), text.replace('MESSAGE', 'preStop'));
    expect(actualFindings(messages, expectedFindings(text.replace('MESSAGE', 'preStop')))).toEqual(['10:hook-tcpsocket/preStop']);
    const wrong = expectedFindings(text.replace('MESSAGE', 'postStart'));
    expect(actualFindings(messages, wrong)).not.toEqual(wrong);
    const any = expectedFindings(text.replace('/MESSAGE', ''));
    expect(actualFindings(messages, any)).toEqual(any);
  });

  it('an `# options:` header is validated against the rule\'s option schema', () => {
    expect(fixtureOptions('# options: {maxSeconds: 3}\na: 1\n', 'poststart-slow')).toEqual({ maxSeconds: 3 });
    expect(() => fixtureOptions('# options: {maxSeconds: ten}\n', 'poststart-slow')).toThrow(/line 1: options for poststart-slow .*\/maxSeconds must be number/);
    expect(() => fixtureOptions('# options: {maxSecs: 3}\n', 'poststart-slow')).toThrow(/additional properties/);
    expect(() => fixtureOptions('# options: {a: 1}\n', 'probe-empty')).toThrow(/takes no options/);
  });

  it('reads a message\'s data back from its template', () => {
    expect(templateData('{{a}} then {{b}}; {{a}} again', 'x y then z; x y again')).toEqual({ a: 'x y', b: 'z' });
    expect(templateData('{{a}} then {{b}}', 'no match')).toBeUndefined();
  });
});

describe('scaffold placeholders', () => {
  it('none is left in rules/ or fixtures/', () => {
    const left = ['rules', 'fixtures'].flatMap((top) =>
      readdirSync(join(root, top), { recursive: true, encoding: 'utf8' })
        .map((f) => join(top, f))
        .filter((f) => /\.(ts|md|ya?ml)$/.test(f) && read(join(root, f)).includes(placeholder)),
    );
    // The files are named in the message itself: reporters may abbreviate the array's diff.
    expect(left, `replace each ${placeholder} that \`npm run new-rule\` left in ${left.join(', ')}`).toEqual([]);
  });
});

describe('fixtures folders', () => {
  it('name only existing rules (or the engine and seed folders)', () => {
    const dirs = readdirSync(join(root, 'fixtures')).filter((d) => !d.startsWith('_') && d !== 'seeds');
    expect(dirs.filter((d) => !(d in rules))).toEqual([]);
  });
});
