/**
 * How many worker threads a run gets, and how the files are cut between them. Kept apart from
 * parallel.ts so that deciding on one thread loads no worker code.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Below this much input per worker a thread's start-up costs more than it saves: each worker loads
 * the module graph and warms up yaml's parser on its own (fixtures/seeds: 0.31-0.41 s on one
 * thread, 0.49-0.51 s on two), while the corpus lints at about 9 MB/s. `auto` never gives a worker
 * less.
 */
export const minBytesPerWorker = 4 * 1024 * 1024;

/**
 * `--threads`: a number, or `auto`: one worker per core but one, and only as many as the input
 * pays for. One core is left because a single-threaded run already keeps about 1.3 cores busy
 * (V8 collects garbage and compiles on threads of its own): on 2 cores, 2 workers took as long
 * as 1 thread on the corpus (7.1-7.3 s against 6.7-7.6 s) for 35% more CPU and 60 MB more memory.
 */
export function resolveThreads(option: string, files: readonly string[]): { threads: number; sizes: number[] } {
  // Decide what can be decided without touching the files: most runs (a pre-commit hook, a
  // 2-core CI runner, `--threads 1`) end here, before any stat or the worker code is loaded.
  const cap = Math.min(option === 'auto' ? availableParallelism() - 1 : Math.min(Number(option), maxThreads()), files.length);
  if (cap <= 1) return { threads: 1, sizes: [] };
  const sizes = files.map(sizeOf);
  if (option !== 'auto') return { threads: cap, sizes };
  const total = sizes.reduce((a, b) => a + b, 0);
  return { threads: Math.max(1, Math.min(cap, Math.floor(total / minBytesPerWorker))), sizes };
}

/**
 * The most workers an explicit `--threads N` gets. Each worker loads its own module graph (tens of
 * MB): `--threads 100000` over as many files would start 100,000 of them. More workers than cores
 * only queue for them; a few more are allowed so that small machines can still be tested.
 */
export function maxThreads(): number {
  return Math.max(4, availableParallelism());
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // unreadable: the worker that gets it reports the error
  }
}

/** Contiguous slices of about equal byte size (so one slice is not all the large files). */
export function slices(files: readonly string[], sizes: readonly number[], threads: number): string[][] {
  const n = Math.max(1, Math.min(threads, files.length));
  const total = sizes.reduce((a, b) => a + b, 0);
  const out: string[][] = [];
  let current: string[] = [];
  let acc = 0;
  files.forEach((f, i) => {
    current.push(f);
    acc += sizes[i]!;
    const slicesLeft = n - out.length - 1;
    const filesLeft = files.length - i - 1;
    // Cut at this slice's share of the bytes, or when every remaining file must start a slice.
    if (slicesLeft > 0 && filesLeft >= slicesLeft && (acc >= (total * (out.length + 1)) / n || filesLeft === slicesLeft)) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}
