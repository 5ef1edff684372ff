/** The seed manifests with the recommended preset: every finding marked, nothing else. */
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actualFindings, expectedFindings, fixtureFiles, lintWith, read, renderFindings, root } from './harness.js';

describe('fixtures/seeds (recommended preset)', () => {
  const files = fixtureFiles(join(root, 'fixtures', 'seeds'));
  it('exist', () => expect(files.length).toBeGreaterThan(10));
  it.each(files.map((f) => [basename(f), f]))('%s', (_n, file) => {
    const text = read(file);
    const result = lintWith(text, { extends: 'recommended' }, file);
    expect(actualFindings(result.messages, expectedFindings(text))).toEqual(expectedFindings(text));
    expect(renderFindings(result.messages)).toMatchSnapshot();
  });
});
