/**
 * V8 settings for the CLI's runs and the language server (the library leaves its host's V8 alone).
 *
 * Heap growth: how far V8 lets garbage pile up between full collections. Left to itself V8 grows
 * the heap to up to 4x what is alive when collecting looks cheap, and linting makes much
 * short-lived data (each batch's trees and views) that lives just long enough to reach the old
 * generation: a 200k-document stream with ~120 MB alive peaked at 650 MB, the corpus with
 * --format json at 215 MB. At 1.5x: 320 MB and 185 MB, at no measured CPU cost. V8 reads this
 * flag each time it sets the next limit (its MemoryController), so setting it before the heap has
 * grown takes effect.
 *
 * Optimizing compiler (a lint run, not the server): a run over the corpus is a few seconds, and
 * with V8's defaults TurboFan spent ~36% of the process's CPU on its background threads compiling
 * the fast reader, the views and the rules, much of it inlining callees into large functions and
 * compiling them again after deoptimizations. With less inlining per function (200 bytes of
 * bytecode in all instead of 920) and a function optimized after ~3x the work (interrupt budget
 * 400 KB instead of 66 KB), the corpus took 2.6-2.9 s of CPU instead of 3.5-3.6 s (wall 2.0-2.1 s
 * instead of 2.3 s); the 100k-document stream 11.5 s instead of 12.4 s, a 200k-item List 25.6
 * against 25.4 s: long runs lose nothing, because what they spend their time in still gets
 * optimized. Both are read when a function is compiled, so setting them before the work starts is
 * enough.
 *
 * A flag given on node's command line wins. The compiler flags are set only on the V8 they were
 * measured on (V8 11, Node 20): Node 22 and later add the Maglev compiler between the interpreter
 * and TurboFan, which changes what they trade, and V8 prints an unknown flag to standard output,
 * where a report may go.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';

export type V8Run = 'lint' | 'server';

/** The flags to set for a run, or '' (pure: the caller sets them). */
export function v8TuningFlags(run: V8Run, execArgv: readonly string[], v8Version: string): string {
  const given = (flag: string) => execArgv.some((a) => a.split('=')[0]!.replace(/_/g, '-') === flag);
  const flags: string[] = [];
  if (!given('--heap-growing-percent')) flags.push('--heap-growing-percent=50');
  const major = Number(v8Version.split('.')[0]);
  if (run === 'lint' && major === 11) {
    if (!given('--max-inlined-bytecode-size-cumulative')) flags.push('--max-inlined-bytecode-size-cumulative=200');
    if (!given('--interrupt-budget')) flags.push('--interrupt-budget=400000');
  }
  return flags.join(' ');
}

/** Tune V8 for a run, unless it is a few small files (loading node:v8 costs ~2-3 ms of a ~120 ms cold start). */
export async function tuneV8(run: V8Run, paths: readonly string[] | 'always', cwd = process.cwd()): Promise<void> {
  if (paths !== 'always' && fewSmallFiles(paths, cwd)) return;
  const flags = v8TuningFlags(run, process.execArgv, process.versions.v8);
  if (!flags) return;
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString(flags);
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
