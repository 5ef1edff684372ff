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
 * 32 KiB: a batch's trees and views are what V8's young-generation collections find alive and
 * copy, again at each collection while the batch is linted; a quarter of the batch, a quarter of
 * that copying. CPU against 128 KiB batches (same runs, same output): one file of 200k
 * Deployments with a finding each 21.4 s against 26.2 s, 100k 10.6 s against 12.3 s, the 200k
 * clean stream 15.2 s against 16.7 s, the 200k-item List 24.9 s against 30.4 s, the corpus the
 * same (3.4-3.5 s: its files are small); 16 KiB gained nothing more. The 200k clean stream peaks
 * at 200-250 MB either way (512 KiB: 261 MB).
 */
export const batchBytes = 32 * 1024;

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
