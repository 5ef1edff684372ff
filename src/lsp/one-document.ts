/**
 * The text with every YAML document but the one at `offset` blanked to spaces: the same offsets
 * and lines, and one document to parse. Hovers and code actions read the document under the
 * cursor; in a 5,000-line stream that is one Deployment's parse instead of fifty.
 */
import { documentStarts } from '../engine/fast-path.js';

export function onlyDocumentAt(text: string, offset: number): string {
  const starts = documentStarts(text);
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > offset) i--;
  const from = starts[i]!;
  const to = starts[i + 1] ?? text.length;
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  return blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
}
