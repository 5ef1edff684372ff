/** The invalid/valid examples in each rule's README run through the fixtures harness. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { actualFindings, expectedFindings, lintWith, onlyRule, read, root } from './harness.js';

function examples(markdown: string, heading: 'Invalid' | 'Valid'): string[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe.each(Object.keys(rules))('rules/%s/README.md', (id) => {
  const doc = read(join(root, 'rules', id, 'README.md'));
  it('has an invalid example that reports exactly its markers', () => {
    const blocks = examples(doc, 'Invalid');
    expect(blocks.length).toBeGreaterThan(0);
    for (const text of blocks) {
      expect(expectedFindings(text).length).toBeGreaterThan(0);
      expect(actualFindings(lintWith(text, onlyRule(id)).messages, expectedFindings(text))).toEqual(expectedFindings(text));
    }
  });
  it('has a valid example that reports nothing', () => {
    const blocks = examples(doc, 'Valid');
    expect(blocks.length).toBeGreaterThan(0);
    for (const text of blocks) {
      expect(expectedFindings(text)).toEqual([]);
      expect(lintWith(text, onlyRule(id)).messages).toEqual([]);
    }
  });
  it('has the sections users look for', () => {
    for (const h of ['## Why this is a hazard', '## Invalid', '## Valid', '## When not to use it']) expect(doc).toContain(h);
  });
});
