/**
 * Properties of --fix on every fixture and on seeded mutations of them (fixed seed, bounded runs):
 * fixing gives YAML that parses where the input did, is idempotent, keeps the number of
 * documents, never changes a document that no fix pointed into, and changes nothing outside the
 * span of the reported fix ranges. Every suggestion, applied alone, leaves the YAML as parseable as
 * it was.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/resolve.js';
import { documentStarts } from '../src/engine/fast-path.js';
import { rules } from '../rules/index.js';
import { fixtureFiles, lintWith, read, root } from './harness.js';

const fixing = { ...resolveConfig({ extends: 'strict' }, rules), fix: {} };
const plain = resolveConfig({ extends: 'strict' }, rules);

function documents(text: string): string[] {
  const starts = [...documentStarts(text), text.length];
  return starts.slice(0, -1).map((s, i) => text.slice(s, starts[i + 1]));
}

const yamlErrors = (text: string) => parseAllDocuments(text, { uniqueKeys: false }).reduce((n, d) => n + ('errors' in d ? d.errors.length : 0), 0);

function checkFix(text: string): void {
  const before = lintWith(text, plain);
  const errors = yamlErrors(text);
  for (const m of before.messages) {
    for (const s of m.suggestions ?? []) {
      const alone = text.slice(0, s.fix.range[0]) + s.fix.text + text.slice(s.fix.range[1]);
      expect(yamlErrors(alone), `${m.ruleId}/${s.messageId} breaks the YAML`).toBeLessThanOrEqual(errors);
    }
  }
  const after = lintWith(text, fixing);
  if (after.output === undefined) {
    expect(before.messages.some((m) => m.fix)).toBe(false);
    return;
  }
  const out = after.output;
  // Nothing changes before the first fix range or after the last one (of the first pass).
  const ranges = before.messages.filter((m) => m.fix).map((m) => m.fix!.range);
  const first = Math.min(...ranges.map((r) => r[0]));
  const last = Math.max(...ranges.map((r) => r[1]));
  expect(out.slice(0, first)).toBe(text.slice(0, first));
  expect(out.slice(out.length - (text.length - last))).toBe(text.slice(last));
  // Parse problems: none that the input did not have.
  const parseIds = (ms: typeof before.messages) => ms.filter((m) => m.ruleId === null).map((m) => m.messageId).sort();
  expect(parseIds(after.messages)).toEqual(parseIds(before.messages));
  // Idempotent: nothing left to fix.
  expect(lintWith(out, fixing).output).toBeUndefined();
  // Only documents a fix pointed into change.
  const docsBefore = documents(text);
  const docsAfter = documents(out);
  expect(docsAfter.length).toBe(docsBefore.length);
  const starts = [...documentStarts(text), text.length];
  const touched = new Set(before.messages.filter((m) => m.fix).map((m) => starts.findIndex((s, i) => m.fix!.range[0] >= s && m.fix!.range[0] < starts[i + 1]!)));
  docsBefore.forEach((d, i) => {
    if (!touched.has(i)) expect(docsAfter[i]).toBe(d);
  });
}

const fixtures = Object.keys(rules).flatMap((id) => fixtureFiles(join(root, 'fixtures', id)));

describe('fix properties', () => {
  it.each(fixtures.map((f) => [f.slice(root.length), f]))('%s', (_name, file) => checkFix(read(file)));

  it('hold on mutated fixable fixtures (seeded)', () => {
    const sources = fixtures.filter((f) => lintWith(read(f), plain).messages.some((m) => m.fix)).map(read);
    expect(sources.length).toBeGreaterThan(0);
    const value = fc.oneof(fc.integer({ min: -3, max: 9 }).map(String), fc.constantFrom('"2"', '2 # c', '{}', '', '~', 'Never', 'Always', '{ exec: {} }'));
    fc.assert(
      fc.property(fc.constantFrom(...sources), value, fc.boolean(), fc.nat(), (src, v, crlf, pick) => {
        // Change one successThreshold value (or any other value) and maybe the line endings.
        const hits = [...src.matchAll(/(successThreshold|periodSeconds|timeoutSeconds|port|restartPolicy|terminationGracePeriodSeconds|exec|readinessProbe): ([^\n#}]*)/g)];
        let text = src;
        const hit = hits[pick % Math.max(hits.length, 1)];
        if (hit) text = src.slice(0, hit.index! + hit[1]!.length + 2) + v + src.slice(hit.index! + hit[0].length);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        checkFix(text);
      }),
      { seed: 13, numRuns: 60, endOnFailure: true },
    );
  }, 120_000);
});
