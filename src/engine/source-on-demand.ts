/**
 * `source` read when a formatter asks for it. A run linted with `keepSource: false` holds no file
 * texts; for a format that prints them (json, friendly's code frames, sarif's fix regions, ESLint
 * formatters) each result with messages gets `source` back as a getter that reads and decodes the
 * file again, exactly as the linter did. A formatter that writes one result at a time then holds
 * one text at a time, not every text with a finding (30 MB of the corpus's 5,800 files).
 */
import type { LintResult } from '../types.js';
import { isPseudoPath } from '../text.js';
import { readManifest } from './read.js';

/**
 * Gives `source` back to the results of files that have messages and no `source` of their own
 * (results of standard input or of a Helm or Kustomize render keep theirs: they cannot be read
 * again). The last text read is remembered, so reading one result's `source` several times (JSON
 * field ordering, SARIF once per fix) reads the file once.
 */
export function sourcesOnDemand(results: readonly LintResult[], maxInputBytes?: number): void {
  let last: { filePath: string; text: string } | undefined;
  const read = (filePath: string): string => {
    if (last?.filePath !== filePath) {
      const r = readManifest(filePath, maxInputBytes);
      last = { filePath, text: r.ok ? r.text : '' };
    }
    return last.text;
  };
  for (const r of results) {
    if (Object.hasOwn(r, 'source') || isPseudoPath(r.filePath) || (!r.messages.length && !r.suppressedMessages.length)) continue;
    const filePath = r.filePath;
    // Enumerable, so JSON.stringify, object spread and ESLint formatters see it as a plain field.
    Object.defineProperty(r, 'source', { get: () => read(filePath), enumerable: true, configurable: true });
  }
}
