/**
 * Large files are linted in batches of whole documents, so only one batch's syntax trees and
 * views are alive at a time: a 52 MB stream of 200k documents otherwise holds ~2 GB of trees
 * before the first rule runs. A batch starts at a `---` line, where YAML always starts a new
 * document, so each batch parses exactly as it does inside the whole stream (a directive line
 * just before a `---` belongs to that document: no batch starts there). A document larger than a
 * batch is a batch of its own: a large `kind: List` is then cut by its items (list-items.ts).
 */
import { documentStarts } from './fast-path.js';

/**
 * Text per batch: large enough that per-batch overhead is nothing, small enough to stay flat.
 * 128 KiB: the 200k-document clean stream peaks at 222 MB (512 KiB: 261 MB) at no CPU cost,
 * now that nothing in a batch looks beyond it.
 */
export const batchBytes = 128 * 1024;

/** `[from, to)` windows covering `text`, each ending at a document start; one when small. */
export function batchWindows(text: string, size = batchBytes): [number, number][] {
  if (text.length <= size) return [[0, text.length]];
  const windows: [number, number][] = [];
  let from = 0;
  const starts = documentStarts(text);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const large = (starts[i + 1] ?? text.length) - start >= size;
    if ((start - from < size && !(large && start > from)) || !text.startsWith('---', start) || afterDirectiveLine(text, start)) continue;
    windows.push([from, start]);
    from = start;
  }
  windows.push([from, text.length]);
  return windows;
}

/** Whether the line before `start` is a `%` directive (it belongs to the `---` at `start`). */
function afterDirectiveLine(text: string, start: number): boolean {
  const prev = text.lastIndexOf('\n', start - 2) + 1;
  return text[prev] === '%';
}
