/**
 * `explain` runs on the engine's own stages: one parse per file (the lint's), not a re-parse of
 * its own. Counted at yaml's parser (the engine's Parser, and parseAllDocuments for anyone else)
 * and at the fast reader (each document it reads instead of yaml), so any second parse shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { root } from './harness.js';

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  return {
    ...yaml,
    parseAllDocuments: (...args: Parameters<typeof yaml.parseAllDocuments>) => {
      calls.n++;
      return yaml.parseAllDocuments(...args);
    },
    Parser: class extends yaml.Parser {
      constructor(...args: ConstructorParameters<typeof yaml.Parser>) {
        super(...args);
        calls.n++;
      }
    },
  };
});

vi.mock('../src/engine/fast-yaml.js', async (importOriginal) => {
  const fast = await importOriginal<typeof import('../src/engine/fast-yaml.js')>();
  return {
    ...fast,
    readPlainDocument: (...args: Parameters<typeof fast.readPlainDocument>) => {
      const doc = fast.readPlainDocument(...args);
      if (doc) calls.n++; // a declined document goes to yaml's Parser, counted there
      return doc;
    },
  };
});

describe('explain', () => {
  it('parses each file once, and draws the findings lint reports', async () => {
    const { explainSources } = await import('../src/explain/collect.js');
    const { lintText } = await import('../src/index.js');
    const file = join(root, 'fixtures', 'seeds', '000-01-prestop-poststart-pod.yaml');
    const text = readFileSync(file, 'utf8');
    calls.n = 0;
    const report = explainSources([{ filePath: file, text }]);
    expect(calls.n).toBe(1);
    expect(report.workloads[0]!.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(
      lintText(text, { filePath: file })[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    );
  });
});
