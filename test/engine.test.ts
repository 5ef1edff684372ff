/** Engine behaviour: documents, lists, JSON, parse problems, discovery and reading. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintBytes, lintFiles, lintText } from '../src/index.js';
import { actualFindings, expectedFindings, fixtureFiles, read, renderFindings, root } from './harness.js';

describe('fixtures/_engine (recommended preset)', () => {
  const files = fixtureFiles(join(root, 'fixtures', '_engine'));
  it.each(files.filter((f) => !f.endsWith('.json')).map((f) => [basename(f), f]))('%s', (_n, file) => {
    const text = read(file);
    const [result] = lintText(text, { filePath: file });
    expect(actualFindings(result!.messages, expectedFindings(text))).toEqual(expectedFindings(text));
    expect(renderFindings(result!.messages)).toMatchSnapshot();
  });
});

describe('parsing', () => {
  it('reads JSON manifests with positions', () => {
    const [r] = lintText(read(join(root, 'fixtures/_engine/manifest.json')));
    expect(r!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['hook-tcpsocket', 10, 39]]);
  });

  it('a syntax error is fatal, at its position, with ruleId null and severity 2', () => {
    const [r] = lintText('a: [1, 2\nb: 3\n');
    expect(r!.messages).toHaveLength(1);
    expect(r!.messages[0]).toMatchObject({ ruleId: null, severity: 2, fatal: true });
    expect(r!.fatalErrorCount).toBe(1);
  });

  it('a duplicate key is an error at the second key, and the document is still linted', () => {
    const [r] = lintText(read(join(root, 'fixtures/_engine/duplicate-key.yaml')));
    const dup = r!.messages.find((m) => m.ruleId === null)!;
    expect(dup).toMatchObject({ line: 11, column: 3, severity: 2 });
    expect(dup.fatal).toBeUndefined();
    expect(dup.message).toContain("'terminationGracePeriodSeconds'");
  });

  it('an unrendered Helm template is one finding, not a cascade', () => {
    const [r] = lintText(read(join(root, 'fixtures/_engine/helm-template.yaml')));
    expect(r!.messages).toHaveLength(1);
    expect(r!.messages[0]!.message).toMatch(/render it first/i);
  });

  it('non-Kubernetes YAML, empty files and comment-only files are quiet', () => {
    for (const text of ['', '# just a comment\n', 'foo: bar\nlist: [1, 2]\n', '---\n---\n', 'plain scalar\n']) {
      expect(lintText(text)[0]!.messages).toEqual([]);
    }
  });

  it('keeps helm template `# Source:` paths on findings', () => {
    const text = '---\n# Source: chart/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';
    const [r] = lintText(text);
    expect(r!.messages[0]).toMatchObject({ ruleId: 'probe-empty', line: 10, sourcePath: 'chart/templates/pod.yaml' });
  });

  it('binary data and invalid UTF-8 are fatal findings, not crashes', () => {
    const [bin] = lintBytes(new Uint8Array([0x61, 0x00, 0x62]));
    expect(bin!.messages[0]).toMatchObject({ fatal: true, ruleId: null });
    expect(bin!.messages[0]!.message).toMatch(/binary/i);
    const [bad] = lintBytes(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    expect(bad!.messages[0]!.message).toMatch(/UTF-8/);
  });

  it('accepts a BOM and CRLF line endings with correct positions', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: a\r\n      image: x\r\n      readinessProbe:\r\n';
    const [r] = lintText(text);
    expect(r!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['probe-empty', 9, 7]]);
  });
});

describe('discovery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kll-discover-'));
  mkdirSync(join(dir, 'a', 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'a', '.git'), { recursive: true });
  mkdirSync(join(dir, 'a', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'dir.yaml'), { recursive: true });
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x\n      readinessProbe:\n';
  writeFileSync(join(dir, 'a', 'one.yaml'), pod);
  writeFileSync(join(dir, 'a', 'sub', 'two.yml'), pod);
  writeFileSync(join(dir, 'a', 'sub', 'three.json'), '{"kind": "ConfigMap"}');
  writeFileSync(join(dir, 'a', 'sub', 'notes.txt'), 'not yaml');
  writeFileSync(join(dir, 'a', 'node_modules', 'x.yaml'), pod);
  writeFileSync(join(dir, 'a', '.git', 'x.yaml'), pod);
  symlinkSync(join(dir, 'a'), join(dir, 'a', 'sub', 'loop'));

  it('walks folders for .yaml/.yml/.json, skips node_modules and .git, survives symlink loops', () => {
    const { results, errors } = lintFiles([join(dir, 'a')], { cwd: dir });
    expect(errors).toEqual([]);
    expect(results.map((r) => r.filePath.slice(dir.length + 1)).sort()).toEqual(['a/one.yaml', 'a/sub/three.json', 'a/sub/two.yml']);
  });

  it('reports a missing path by name and still lints the rest', () => {
    const { results, errors } = lintFiles([join(dir, 'nope.yaml'), join(dir, 'a', 'one.yaml')], { cwd: dir });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('nope.yaml');
    expect(results).toHaveLength(1);
  });

  it('expands globs and applies ignore patterns', () => {
    const globbed = lintFiles(['a/**/*.yml'], { cwd: dir });
    expect(globbed.results.map((r) => basename(r.filePath))).toEqual(['two.yml']);
    const ignored = lintFiles(['a'], { cwd: dir, config: { ignorePatterns: ['sub/'] } });
    expect(ignored.results.map((r) => basename(r.filePath))).toEqual(['one.yaml']);
    expect(lintFiles(['a/**/*.nothing'], { cwd: dir }).errors[0]!.message).toMatch(/No files matching/);
  });

  it('a folder named x.yaml is walked, not read as a file', () => {
    const { results, errors } = lintFiles([join(dir, 'dir.yaml')], { cwd: dir });
    expect(errors).toEqual([]);
    expect(results).toEqual([]);
  });
});

describe('suppression', () => {
  it('keeps suppressed findings with their reason', () => {
    const [r] = lintText(read(join(root, 'fixtures/_engine/suppress-annotations.yaml')));
    expect(r!.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions?.[0]])).toEqual([
      ['probe-empty', 14, { kind: 'annotation', justification: 'probes are injected by the mesh' }],
      ['probe-empty', 30, { kind: 'annotation', justification: 'legacy, tracked in JIRA-1' }],
      // On the pod template (podAnnotations), not the Deployment.
      ['probe-empty', 50, { kind: 'annotation', justification: 'probes are injected by the mesh' }],
    ]);
    const [d] = lintText(read(join(root, 'fixtures/_engine/suppress-directives.yaml')));
    expect(d!.suppressedMessages.find((m) => m.line === 11)?.suppressions).toEqual([{ kind: 'directive', justification: 'the chart fills this in' }]);
    expect(d!.suppressedMessages.map((m) => m.line)).toEqual([11, 12, 16, 19, 40, 68, 69]);
    // The directive above `postStart:` covers the `sleep` two lines below (the README's example).
    expect(d!.suppressedMessages.find((m) => m.line === 68)).toMatchObject({ ruleId: 'poststart-slow', suppressions: [{ kind: 'directive', justification: 'warms the cache on purpose' }] });
  });
});
