/**
 * Incremental re-lint (src/lsp/incremental.ts) must give exactly what a lint of the whole text
 * gives, after any edit: every fixture, alone and joined into streams, edited in one document
 * (a value, a line inserted, a document removed, duplicated or appended), edit after edit on the
 * same memory; and under random keystrokes (fast-check: characters that make and break YAML
 * structure and document boundaries). And it must do less work: the partial lints relint only
 * the edited document.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createLinter } from '../src/index.js';
import { documentStarts } from '../src/engine/fast-path.js';
import { IncrementalLint } from '../src/lsp/incremental.js';
import type { LintResult } from '../src/types.js';
import { root } from './harness.js';

const linter = createLinter({ config: { extends: 'strict' } });
const full = (text: string) => linter.lintText(text, { filePath: '/w/app/file.yaml' })[0]!;
const comparable = (r: LintResult) => ({ messages: r.messages, suppressed: r.suppressedMessages, errors: r.errorCount, warnings: r.warningCount, fatal: r.fatalErrorCount });

function fixtureTexts(dir = join(root, 'fixtures')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtureTexts(p));
    else if (/\.(ya?ml)$/.test(name)) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const pieces = (text: string) => {
  const s = documentStarts(text);
  return s.map((start, i) => text.slice(start, s[i + 1] ?? text.length));
};

/** Edits of document k of a stream. */
const edits: [string, (docs: string[], k: number) => string[]][] = [
  ['a value', (d, k) => d.map((x, i) => (i === k ? x.replace(/\d+/, (n) => String(Number(n) + 7)) : x))],
  ['a line inserted', (d, k) => d.map((x, i) => (i === k ? x.replace(/\n/, '\n# an edit\n') : x))],
  ['the document removed', (d, k) => d.filter((_x, i) => i !== k)],
  ['the document duplicated', (d, k) => d.flatMap((x, i) => (i === k ? [x, x.startsWith('---') ? x : `---\n${x}`] : [x]))],
  ['a document appended', (d, k) => [...d, `${d[d.length - 1]!.endsWith('\n') ? '' : '\n'}---\n${d[k]!.replace(/^---[^\n]*\n/, '')}`]],
];

describe('incremental re-lint', () => {
  const fixtures = fixtureTexts();
  // Streams: the fixtures three by three (every fixture once, documents of different rules side
  // by side, multi-document fixtures among them).
  const streams: string[] = [];
  for (let i = 0; i < fixtures.length; i += 3) streams.push(fixtures.slice(i, i + 3).map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('---\n'));

  test('after every kind of edit, the same results as linting the whole text', () => {
    let partial = 0;
    let compared = 0;
    for (const stream of streams) {
      const docs = pieces(stream);
      if (docs.length < 2) continue;
      const inc = new IncrementalLint();
      const basis = [linter];
      expect(comparable(inc.lint(stream, basis, full))).toEqual(comparable(full(stream)));
      let text = stream;
      for (const k of new Set([0, docs.length - 1])) {
        for (const [what, edit] of edits) {
          const current = pieces(text);
          const next = edit(current, Math.min(k, current.length - 1)).join('');
          const before = inc.stats.partial;
          expect(comparable(inc.lint(next, basis, full)), `${what} in document ${k} of\n${text}\n→\n${next}`).toEqual(comparable(full(next)));
          partial += inc.stats.partial - before;
          compared++;
          text = next;
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
    // Most edits were partial lints (the others changed a Service or a directive, or every document).
    expect(partial).toBeGreaterThan(compared / 2);
  }, 120_000); // a hang guard: ~1,000 lints

  test('random keystrokes, one after another: the same results as linting the whole text', () => {
    // Keystrokes that matter to YAML and to splitting: line ends (CR too), `-`, `.`, `%`, quotes,
    // brackets, comments, indentation, and the word `Service`.
    const keys = fc.constantFrom('\n', '\r', '-', '---\n', '\n---\n', '...\n', '%', ':', ' ', '  ', '"', "'", '{', '}', '[', ']', '#', 'x', '7', '|', 'Service', '# kube-lifelint-disable\n');
    const keystroke = fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), ins: fc.oneof(fc.constant(''), keys) });
    fc.assert(
      fc.property(fc.nat({ max: streams.length - 1 }), fc.array(keystroke, { minLength: 1, maxLength: 12 }), (i, strokes) => {
        const inc = new IncrementalLint();
        let text = streams[i]!;
        inc.lint(text, [linter], full);
        for (const s of strokes) {
          const at = s.at % (text.length + 1);
          text = text.slice(0, at) + s.ins + text.slice(at + s.del);
          expect(comparable(inc.lint(text, [linter], full)), JSON.stringify(text)).toEqual(comparable(full(text)));
        }
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 14), numRuns: Number(process.env.FUZZ_RUNS ?? 100), interruptAfterTimeLimit: process.env.FUZZ_RUNS ? undefined : 20_000, markInterruptAsFailure: false },
    );
  }, 120_000);

  test('an edit of one of fifty Deployments relints that one; a Service edit relints all', () => {
    const deployment = (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d${i} }\nspec:\n  template:\n    metadata: { labels: { app: d${i} } }\n    spec:\n      containers:\n        - name: c\n          image: x:1\n          lifecycle: { preStop: { exec: { command: [sleep, "4${i % 10}"] } } }\n`;
    const service = (app: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { selector: { app: ${app} }, ports: [{ port: 80 }] }\n`;
    const docs = [service('d3'), ...Array.from({ length: 50 }, (_x, i) => deployment(i))];
    const text = docs.join('---\n');
    const inc = new IncrementalLint();
    inc.lint(text, [linter], full);
    expect(inc.stats).toEqual({ full: 1, partial: 0, piecesLinted: 0 });
    const edited = text.replace('"47"', '"57"');
    expect(comparable(inc.lint(edited, [linter], full))).toEqual(comparable(full(edited)));
    // The edited Deployment, the Service (never blanked: others pair with it) and d3, whose
    // readiness-probe-missing finding names the Service in another piece (not remembered).
    expect(inc.stats).toEqual({ full: 1, partial: 1, piecesLinted: 3 });
    const retargeted = edited.replace('app: d3 }', 'app: d4 }');
    expect(comparable(inc.lint(retargeted, [linter], full))).toEqual(comparable(full(retargeted)));
    expect(inc.stats.full).toBe(2);
    // Another basis (config or workspace context changed): a full lint.
    inc.lint(retargeted, [createLinter({})], full);
    expect(inc.stats.full).toBe(3);
  });
});
