/**
 * The fast path's text surgery: skipped documents are blanked, then their empty lines removed
 * before parsing; the parse maps every offset back into the file. Findings must not move.
 */
import { describe, expect, it } from 'vitest';
import { isMap } from 'yaml';
import { compactBlankDocuments, lintRelevant, maskDocuments } from '../src/engine/fast-path.js';
import { OffsetMap } from '../src/engine/offset-map.js';
import { parseYaml } from '../src/engine/parse.js';
import { rules } from '../rules/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { lintSources } from '../src/engine/linter.js';

const configMap = (lines: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: lines }, (_, i) => `  k${i}: v${i}\n`).join('')}`;
const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: 5
  containers:
    - name: a
      image: busybox:1.36
      lifecycle:
        preStop:
          exec:
            command:
              - sh
              - -c
              - |
                echo draining


                sleep 30
`;

describe('compactBlankDocuments', () => {
  it('removes the lines of blank documents only, and the offset map leads back to the same characters in the file', () => {
    const text = `${configMap(500)}---\n${pod}---\n${configMap(3)}`;
    const masked = maskDocuments(text, lintRelevant());
    const compact = compactBlankDocuments(masked.text);
    expect(compact.gaps.length).toBe(2);
    expect(compact.text.length).toBeLessThan(pod.length + 20);
    // The empty lines inside the kept block scalar are content: untouched.
    expect(compact.text).toContain('echo draining\n\n\n                sleep 30');
    const toFile = new OffsetMap(compact.gaps, new OffsetMap(masked.removals));
    // Every character the parser sees that is not a newline left of a skipped document is the
    // file's character at the mapped offset.
    const podStart = text.indexOf('apiVersion: v1\nkind: Pod');
    for (let o = 0; o < compact.text.length; o++) {
      const at = toFile.toOriginal(o);
      if (compact.text[o] !== '\n') expect(text[at]).toBe(compact.text[o]);
      if (compact.text.startsWith('apiVersion: v1\nkind: Pod', o)) expect(at).toBe(podStart);
    }
  });

  it('documents keep the indexes they have in the file, and text without blank documents stays as it is', () => {
    const text = `---\n${configMap(5)}---\n${pod}---\n${configMap(5)}---\n---\n${pod}---\n`;
    const indexes = (mask: boolean) => parseYaml(text, lintRelevant(), mask).documents.filter((d) => d.usable && isMap(d.doc.contents)).map((d) => d.index);
    expect(indexes(true)).toEqual([1, 4]);
    expect(indexes(false)).toEqual([1, 4]);
    expect(compactBlankDocuments(pod)).toEqual({ text: pod, gaps: [] });
  });

  it('keeps a document that a `%` directive belongs to (only its empty lines go)', () => {
    expect(compactBlankDocuments('%YAML 1.2\n# c\n\n---\n\n\n---\na: 1\n').gaps).toEqual([{ at: 19, length: 2, docs: 0 }]);
    expect(compactBlankDocuments('%YAML 1.2 foo\n---\n').gaps).toEqual([]);
    expect(compactBlankDocuments('a: 1\n# c\n---\n\n\n---\na: 1\n').gaps).toEqual([{ at: 9, length: 6, docs: 1 }]);
  });

  it('leaves `--- |` documents alone (their empty lines are a block scalar)', () => {
    const text = 'kind: Pod\n--- |+\n\n\n\n';
    expect(compactBlankDocuments(text).text).toBe(text);
  });

  it('an unrendered template is reported where the kept document has it, not in a skipped one', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: {{ .Values.a }}\n---\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels: [\n`;
    for (const mask of [true, false]) {
      const problems = parseYaml(text, lintRelevant(), mask).problems.filter((p) => p.id === 'helm-template');
      expect(problems.map((p) => text.slice(p.span.start, p.span.end + 16)), `mask ${mask}`).toEqual(['{{ .Values.name }}']);
    }
  });

  it('findings and their positions are those of the full parse', () => {
    const text = `${configMap(300)}---\n${pod}---\n${configMap(40)}---\n${pod.replace('name: p', 'name: q')}`;
    const config = resolveConfig({ extends: 'strict' }, rules);
    const lint = (fastPath: boolean) =>
      lintSources([{ filePath: 'x.yaml', text }], { ...config, fastPath }, rules)[0]!.messages.map(({ ruleId, line, column, endLine, endColumn, message }) => ({ ruleId, line, column, endLine, endColumn, message }));
    const fast = lint(true);
    // `sleep 30` is line 20 of each pod: 305 ConfigMap lines and `---` before the first; its 20
    // lines, `---`, 45 ConfigMap lines and `---` before the second.
    expect(fast.filter((m) => m.ruleId === 'prestop-exceeds-grace-period').map((m) => [m.line, m.column])).toEqual([[326, 17], [326 + 1 + 45 + 1 + 20, 17]]);
    expect(fast).toEqual(lint(false));
  });
});
