/**
 * How far V8 lets garbage pile up between full collections (the CLI and the language server;
 * the library leaves its host's heap alone). Left to itself V8 grows the heap to up to 4x what
 * is alive when collecting looks cheap, and linting makes much short-lived data (each batch's
 * trees and views) that lives just long enough to reach the old generation: a 200k-document
 * stream with ~120 MB alive peaked at 650 MB, the corpus with --format json at 215 MB. At 1.5x:
 * 320 MB and 185 MB, at no measured CPU cost. V8 reads this flag each time it sets the next
 * limit (its MemoryController), so setting it before the heap has grown takes effect. A value
 * given on node's command line wins.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Bound heap growth, unless the run is a few small files (loading node:v8 costs ~2-3 ms of a ~120 ms cold start). */
export async function limitHeapGrowth(paths: readonly string[] | 'always', cwd = process.cwd()): Promise<void> {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) return;
  if (paths !== 'always' && fewSmallFiles(paths, cwd)) return;
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--heap-growing-percent=50');
}

/** Up to 8 regular files of under 4 MiB together: such a run never grows the heap far. */
export function fewSmallFiles(paths: readonly string[], cwd: string): boolean {
  if (paths.length > 8) return false;
  let bytes = 0;
  for (const p of paths) {
    if (p === '-') return false;
    try {
      const st = statSync(resolve(cwd, p));
      if (!st.isFile()) return false;
      bytes += st.size;
    } catch {
      return false; // a glob or a missing path: discovery will say
    }
  }
  return bytes < 4 * 1024 * 1024;
}
