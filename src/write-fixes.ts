/**
 * `--fix`: write each fixed text back to its file. A file that cannot be written is an I/O error
 * (exit 2) naming it; the others are still written. The text was decoded from UTF-8 without its
 * byte order mark, so a file that had one gets it back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describeFsError } from './engine/discover.js';
import type { LintResult } from './types.js';

export function writeFixes(results: readonly LintResult[]): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  for (const r of results) {
    if (r.output === undefined) continue;
    try {
      const bom = readFileSync(r.filePath).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
      writeFileSync(r.filePath, bom + r.output);
    } catch (err) {
      errors.push({ path: r.filePath, message: `cannot write the fixes: ${describeFsError(err, r.filePath)}` });
    }
  }
  return errors;
}
