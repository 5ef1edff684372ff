/**
 * The fast path must never hide a workload: a document is skipped by its kind only when YAML
 * would read the `kind:` line the fast path sees as the document's own top-level key.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { topLevelKind } from '../src/engine/top-level-kind.js';
import { documentStarts, lintRelevant, maskDocuments } from '../src/engine/fast-path.js';

/** A Pod with an error-level hazard (hook-tcpsocket) on its last line. */
const podBody = 'metadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a\n    lifecycle: {postStart: {tcpSocket: {port: 80}}}\n';

const disguised: [string, string][] = [
  ['a kind line inside a flow sequence', `{"note": [\nkind: ConfigMap\n], apiVersion: v1, kind: Pod,\n"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "a", "lifecycle": {"postStart": {"tcpSocket": {"port": 80}}}}]}}\n`],
  ['a kind line inside a double-quoted flow scalar', `{"note": "x\nkind: ConfigMap\n", apiVersion: v1, kind: Pod,\n"spec": {"containers": [{"name": "a", "lifecycle": {"postStart": {"tcpSocket": {"port": 80}}}}]}}\n`],
  ['a kind line after CR inside a comment', `# note\rkind: ConfigMap\napiVersion: v1\nkind: Pod\n${podBody}`],
  ['a kind line after U+2028 inside a comment', `# note\u2028kind: ConfigMap\napiVersion: v1\nkind: Pod\n${podBody}`],
  ['a kind line after U+2029 inside a comment', `# note\u2029kind: ConfigMap\napiVersion: v1\nkind: Pod\n${podBody}`],
];

describe('the fast path reads kinds as YAML does', () => {
  it.each(disguised)('%s: the Pod is linted and its hazard reported', (_, text) => {
    const [result] = lintText(text);
    expect(result!.messages.map((m) => m.ruleId)).toContain('hook-tcpsocket');
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  });

  it('a CR or U+2028 before `---` in a comment is no document boundary', () => {
    expect(documentStarts('a: 1 # x\r---\nb: 2\n')).toEqual([0]);
    expect(documentStarts('a: 1 # x\u2028---\nb: 2\n')).toEqual([0]);
    expect(documentStarts('a: 1\r\n---\r\nb: 2\n---\n')).toEqual([0, 6, 16]);
  });

  it('finds the document starts a line-by-line reading finds, on generated texts', () => {
    // The reference: split at LF, a line that is `---` or `...` alone or before a space, a tab or CRLF.
    const reference = (text: string) => {
      const starts = [0];
      for (let at = text.indexOf('\n') + 1; at > 0 && at <= text.length; at = text.indexOf('\n', at) + 1) {
        const line = text.slice(at, text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at));
        if (/^(?:---|\.\.\.)(?:$|[ \t]|\r$)/.test(line)) starts.push(at);
      }
      return starts;
    };
    const pieces = ['---', '...', '----', '-', '.', ' ', '\t', '\n', '\r', '\r\n', '# ', 'a: 1', '\u2028', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(documentStarts(text)).toEqual(reference(text));
      }),
      { seed: 11, numRuns: 20000 },
    );
  });

  it('trusts plain, quoted and commented kind lines, and doubts open flow collections and quotes', () => {
    expect(topLevelKind('apiVersion: "v1"\nkind: ConfigMap\n')).toBe('ConfigMap');
    expect(topLevelKind("# it's a [test\nmetadata: {name: 'x', labels: {a: \"b\"}}\nkind: 'Secret' # ok\r\n")).toBe('Secret');
    expect(topLevelKind("metadata: {name: it's}\nkind: Secret\n")).toBe('Secret');
    expect(topLevelKind('a: [\nkind: Secret\n')).toBeUndefined();
    expect(topLevelKind("a: 'x\nkind: Secret\n")).toBeUndefined();
    expect(topLevelKind('a: 1 # x\rkind: Secret\n')).toBeUndefined();
  });
});

describe('lists whose items no rule reads', () => {
  const configMapItem = (name: string, data: string) => `  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: ${name}}\n    data:\n${data}`;
  const skipped = (text: string) => maskDocuments(text, lintRelevant()).text.trim() === '';

  it('skips a ConfigMapList whose data only mentions containers', () => {
    const list = `apiVersion: v1\nkind: ConfigMapList\nitems:\n${configMapItem('a', '      notes: "containers restart"\n')}${configMapItem('b', '      "kind": "not a kind line"\n')}`;
    expect(skipped(list.replace(configMapItem('b', '      "kind": "not a kind line"\n'), ''))).toBe(true);
    // A second `kind` that is not a kind pair of an irrelevant kind: parse it.
    expect(skipped(list)).toBe(false);
  });

  it('keeps a list with a workload item, whatever the list calls itself: kubectl applies each item by its own kind', () => {
    const list = `apiVersion: v1\nkind: ConfigMapList\nitems:\n${configMapItem('a', '      notes: "containers"\n')}  - apiVersion: v1\n    kind: Pod\n    ${podBody.split('\n').join('\n    ').trimEnd()}\n`;
    expect(skipped(list)).toBe(false);
    const [result] = lintText(list);
    expect(result!.messages.map((m) => m.ruleId)).toContain('hook-tcpsocket');
  });

  it('keeps a list with an anchor (an alias may bring in what no kind line shows); `&` in a URL and `*` in a query are no anchors', () => {
    const plain = `apiVersion: v1\nkind: ConfigMapList\nitems:\n${configMapItem('a', '      url: "https://x/?a=1&b=2"\n      expr: "8 * rate(x[5m])\\n  *\\n"\n      containers: "no"\n')}`;
    expect(skipped(plain)).toBe(true);
    expect(skipped(plain.replace('metadata: {name: a}', 'metadata: &m {name: a}'))).toBe(false);
  });

  it('keeps a list whose data holds a manifest of another kind (kind lines inside a block scalar)', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${configMapItem('a', '      job.yaml: |\n        kind: Job\n        spec: {template: {spec: {containers: []}}}\n')}`;
    expect(skipped(list)).toBe(false);
  });
});
