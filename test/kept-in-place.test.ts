/**
 * The fast path reads the documents it keeps where they lie in the file (fast-path.ts keptRuns)
 * when masking and compaction would leave exactly those documents; otherwise it masks, compacts
 * and maps offsets back. Both must give the same parse: documents, indexes, ranges, errors,
 * problems and document counts, for streams of kept and skipped documents of every shape the
 * in-place read accepts or declines (commented and bare `---` lines, `...`, a first document
 * without `---`, empty documents, broken documents next to skipped ones, directives), in
 * windows as well as whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { keptRuns, lintRelevant } from '../src/engine/fast-path.js';
import { LineIndex } from '../src/engine/line-index.js';
import { parseYaml, type ParsedFile } from '../src/engine/parse.js';

const keep = lintRelevant();

const pieces = {
  pod: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: x\n',
  configMap: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n',
  crd: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.b.c\nspec:\n  group: b.c\n',
  brokenPod: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "p\nspec: {}\n',
  brokenConfigMap: 'kind: ConfigMap\ndata: {a: [1, 2\n',
  flowPod: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "x"}]}}\n',
  comments: '# only a comment\n',
  empty: '',
  blank: '\n\n',
  service: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: a}\n',
  duplicate: 'apiVersion: v1\nkind: Pod\nkind: Pod\nspec:\n  containers: []\n',
  tab: 'kind: Pod\nspec:\n\tcontainers: []\n',
} as const;
const separators = ['---\n', '--- # a comment\n', '---   \n', '--- |\n  text\n', '...\n---\n', '...\n', '--- # kube-lifelint-disable\n'] as const;

const stream = fc
  .tuple(
    fc.boolean(), // a `---` before the first document
    fc.constantFrom('', '%YAML 1.2\n', '# header\n'),
    fc.array(fc.tuple(fc.constantFrom(...separators), fc.constantFrom(...(Object.keys(pieces) as (keyof typeof pieces)[]))), { minLength: 1, maxLength: 7 }),
  )
  .map(([lead, head, docs]) => head + docs.map(([sep, piece], i) => (i === 0 && !lead ? '' : sep) + pieces[piece]).join(''));

/** Every node of a document: its type, range and scalar value, in order. */
function nodes(doc: Document): unknown[] {
  const out: unknown[] = [];
  const walk = (n: unknown): void => {
    if (isPair(n)) {
      walk(n.key);
      walk(n.value);
    } else if (isScalar(n)) out.push(['scalar', n.range, n.value]);
    else if (isMap(n) || isSeq(n)) {
      out.push([isMap(n) ? 'map' : 'seq', n.range]);
      for (const item of n.items) walk(item);
    } else if (n != null) out.push(['node', (n as { range?: unknown }).range]);
  };
  walk(doc.contents);
  return out;
}

/**
 * What the in-place read and the masked read agree on: everything but a broken document's insides
 * (what yaml recovers after the first error, and where an error that runs to the end of its part
 * is placed): such a document is not linted, only its first error reported.
 */
const summary = (p: ParsedFile) => ({
  documentCount: p.documentCount,
  documents: p.documents.map((d) => ({ index: d.index, usable: d.usable, sourcePath: d.sourcePath, start: d.doc.range?.[0], errors: d.doc.errors.map((e) => e.code).slice(0, 1), nodes: d.usable ? nodes(d.doc) : [] })),
});

describe('kept documents read in place', () => {
  it('the parse of masking and compacting, whole and in windows', () => {
    let inPlace = 0;
    fc.assert(
      fc.property(stream, (text) => {
        const windows = [undefined];
        // A window from a `---` line on, as batches are cut.
        const at = text.indexOf('\n---\n');
        const window = at === -1 ? undefined : { from: at + 1, to: text.length, firstIndex: 3, lineIndex: new LineIndex(text) };
        for (const w of window ? [...windows, window] : windows) {
          if (!keptRuns(text, w?.from ?? 0, w?.to ?? text.length, keep)) continue; // declined: masked, as before
          inPlace++;
          const read = parseYaml(text, keep, true, w);
          const masked = parseYaml(text, keep, true, w, false);
          expect(summary(read)).toEqual(summary(masked));
          // The same problems; only where one that runs to the end of its part is placed may differ (below).
          expect(read.problems.map((p) => [p.id, p.message])).toEqual(masked.problems.map((p) => [p.id, p.message]));
        }
      }),
      { seed: 20261207, numRuns: 3000 },
    );
    // The in-place read was exercised often, and declined often (a generated `...`, `%` or an unusual `---` line).
    expect(inPlace).toBeGreaterThan(500);
    expect(inPlace).toBeLessThan(5000);
  });

  it('an unterminated quote before a skipped document: reported at the quote, as the full parse reports it', () => {
    const text = `${pieces.brokenPod}---\n${pieces.configMap}---\n${pieces.pod}`;
    expect(keptRuns(text, 0, text.length, keep)).toBeDefined();
    const quote = text.indexOf('"p');
    const reference = parseYaml(text, keep, false).problems;
    expect(reference.map((p) => p.span)).toEqual([{ start: quote, end: quote + 1 }]);
    expect(parseYaml(text, keep).problems).toEqual(reference);
    // Masked and compacted, the end of the broken document is mapped past the skipped ConfigMap.
    expect(parseYaml(text, keep, true, undefined, false).problems[0]!.span.start).toBeGreaterThan(text.indexOf('kind: ConfigMap'));
  });
});
