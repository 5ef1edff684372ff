/**
 * `keepSource: false` (what the CLI sets for compact, github and junit): results carry no `source`,
 * on one thread and on worker threads, for linted files and for files that could not be read as
 * text; everything else about the results is unchanged. The default keeps ESLint's contract.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLinter } from '../src/index.js';
import { sourcesOnDemand } from '../src/engine/source-on-demand.js';
import type { LintResult } from '../src/types.js';
import { root } from './harness.js';

const pod = (grace: number, sleep: number) => `apiVersion: v1
kind: Pod
metadata:
  name: web-${grace}
spec:
  terminationGracePeriodSeconds: ${grace}
  containers:
    - name: web
      image: nginx:1.27
      lifecycle:
        preStop:
          exec:
            command: ["sleep", "${sleep}"]
`;

const dir = mkdtempSync(join(tmpdir(), 'kll-keep-source-'));
const files = [0, 1, 2, 3].map((i) => {
  const file = join(dir, `pod-${i}.yaml`);
  writeFileSync(file, pod(10 + i, 60));
  return file;
});
const latin1 = join(dir, 'latin1.yaml');
writeFileSync(latin1, Buffer.from('kind: Pod\nmetadata: {name: caf\xe9}\n', 'latin1'));

const withoutSource = (results: LintResult[]) => results.map(({ source: _source, ...rest }) => rest);

describe('keepSource', () => {
  it('keeps the text of a file with findings by default, and drops it when false', () => {
    const text = pod(10, 60);
    const [kept] = createLinter().lintText(text, { filePath: 'pod.yaml' });
    const [dropped] = createLinter({ keepSource: false }).lintText(text, { filePath: 'pod.yaml' });
    expect(kept!.messages.length).toBeGreaterThan(0);
    expect(kept!.source).toBe(text);
    expect(dropped).not.toHaveProperty('source');
    expect(withoutSource([dropped!])).toEqual(withoutSource([kept!]));
  });

  it('drops it for a file that is not UTF-8 text and for such stdin too', () => {
    const kept = createLinter().lintFiles([latin1]).results;
    const dropped = createLinter({ keepSource: false }).lintFiles([latin1]).results;
    expect(kept[0]!.messages[0]!.messageId).toBe('encoding');
    expect(kept[0]!.source).toContain('kind: Pod');
    expect(dropped[0]).not.toHaveProperty('source');
    expect(withoutSource(dropped)).toEqual(withoutSource(kept));
    const [stdin] = createLinter({ keepSource: false }).lintBytes(Buffer.from('a: 1\n\x00'));
    expect(stdin!.messages[0]!.fatal).toBe(true);
    expect(stdin).not.toHaveProperty('source');
  });

  it('reaches worker threads (the built linter, as the CLI runs it)', { timeout: 60_000 }, async () => {
    const built = (await import(pathToFileURL(join(root, 'dist/src/index.js')).href)) as typeof import('../src/index.js');
    const one = await built.createLinter().lintFilesParallel(files, { threads: 1 });
    const two = await built.createLinter({ keepSource: false }).lintFilesParallel(files, { threads: 2 });
    expect(two.results).toHaveLength(files.length);
    expect(two.results.every((r) => r.messages.length > 0 && !('source' in r))).toBe(true);
    expect(withoutSource(two.results)).toEqual(withoutSource(one.results));
    expect(one.results.every((r) => typeof r.source === 'string')).toBe(true);
  });
});

describe('sourcesOnDemand', () => {
  it('reads the text of a file with findings when asked, decoded as the linter decoded it', () => {
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, `\ufeff${pod(5, 60)}`);
    const kept = createLinter().lintFiles([bom, latin1, files[0]!]).results;
    const results = createLinter({ keepSource: false }).lintFiles([bom, latin1, files[0]!]).results;
    sourcesOnDemand(results);
    expect(results.map((r) => r.source)).toEqual(kept.map((r) => r.source));
    // A plain field to JSON and to object spread, as ESLint formatters expect.
    expect(JSON.parse(JSON.stringify(results))).toEqual(JSON.parse(JSON.stringify(kept)));
    expect({ ...results[0]! }.source).toBe(pod(5, 60));
  });

  it('leaves results that keep their own text, standard input and clean files alone', () => {
    const clean = join(dir, 'clean.yaml');
    writeFileSync(clean, 'apiVersion: v1\nkind: ConfigMap\n');
    const [own] = createLinter().lintText(pod(10, 60), { filePath: files[1]! });
    const [stdin] = createLinter({ keepSource: false }).lintBytes(Buffer.from(pod(10, 60)));
    const [ok] = createLinter({ keepSource: false }).lintFiles([clean]).results;
    writeFileSync(files[1]!, 'changed on disk\n');
    sourcesOnDemand([own!, stdin!, ok!]);
    expect(own!.source).toBe(pod(10, 60));
    expect(stdin).not.toHaveProperty('source');
    expect(ok).not.toHaveProperty('source');
    writeFileSync(files[1]!, pod(11, 60));
  });

  it('reads a file once however often its source is asked for, and the next file when asked for that', () => {
    const [a, b] = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    writeFileSync(a, pod(1, 60));
    writeFileSync(b, pod(2, 60));
    const results = createLinter({ keepSource: false }).lintFiles([a, b]).results;
    sourcesOnDemand(results);
    expect(results[0]!.source).toBe(pod(1, 60));
    writeFileSync(a, pod(3, 60));
    expect(results[0]!.source).toBe(pod(1, 60)); // the text read last is remembered
    expect(results[1]!.source).toBe(pod(2, 60));
    expect(results[0]!.source).toBe(pod(3, 60)); // one text at a time: a is read again
  });
});
