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

/** The top-level README's suppression examples, put into a Pod, suppress what they say. */
describe('README.md: Suppressing a finding', () => {
  const section = read(join(root, 'README.md')).split(/^## /m).find((s) => s.startsWith('Suppressing a finding\n')) ?? '';
  const [comments = '', annotations = ''] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const pod = (metadata: string, container: string) =>
    `apiVersion: v1\nkind: Pod\n${metadata}spec:\n  containers:\n    - name: app\n      image: nginx:1.27\n${container}`;

  it('comment directives: the directive above `postStart:` covers the hook, and only the open block is unused', () => {
    const text = pod('metadata:\n  name: app\n', comments);
    const r = lintWith(text, {});
    const blockLine = text.split('\n').findIndex((l) => l.startsWith('# kube-lifelint-disable prestop-starves-shutdown')) + 1;
    expect(r.messages.map((m) => `${m.line}:${m.ruleId ?? m.messageId}`)).toEqual([`${blockLine}:unused-directive`]);
    expect(r.suppressedMessages.map((m) => m.ruleId).sort()).toEqual(['poststart-slow', 'probe-empty']);
  });

  it('annotations: the object\'s annotations suppress its findings', () => {
    const container = '      lifecycle:\n        postStart:\n          exec: { command: ["sh", "-c", "sleep 15"] }\n      readinessProbe:\n';
    const r = lintWith(pod(`${annotations.replace(/^metadata:\n/, 'metadata:\n  name: app\n')}`, container), {});
    expect(r.messages).toEqual([]);
    expect(r.suppressedMessages.map((m) => m.ruleId).sort()).toEqual(['poststart-slow', 'probe-empty']);
  });
});
