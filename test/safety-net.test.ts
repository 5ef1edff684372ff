/**
 * The engine's safety net: an unexpected error while reading one document becomes a finding at
 * that document's start, and every other document and file is still linted. The failure is
 * injected (extraction throws on a marked document) because every known cause is fixed.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('../src/k8s/extract.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/k8s/extract.js')>();
  return {
    ...real,
    extractDocument: (...args: Parameters<typeof real.extractDocument>) => {
      const name = args[0].getIn(['metadata', 'name']);
      if (name === 'explode') throw new TypeError('injected failure');
      return real.extractDocument(...args);
    },
  };
});

const { lintText } = await import('../src/index.js');

const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: a\n    image: a\n    lifecycle: {postStart: {tcpSocket: {port: 80}}}\n`;

describe('an unexpected error inside one document', () => {
  it('is a fatal finding at that document start; the documents before and after are still linted', () => {
    const [result] = lintText(`${pod('a')}---\n# a comment\n${pod('explode')}---\n${pod('b')}`);
    expect(result!.messages.map((m) => [m.ruleId ?? m.messageId, m.line, m.column])).toEqual([
      ['hook-tcpsocket', 8, 29],
      ['internal-error', 11, 1],
      ['hook-tcpsocket', 27, 29],
    ]);
    const internal = result!.messages[1]!;
    expect(internal).toMatchObject({ severity: 2, fatal: true });
    expect(internal.message).toMatch(/could not read this document \(injected failure\)/);
  });
});
