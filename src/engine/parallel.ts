/**
 * Linting on several cores. The files are cut into contiguous slices of about equal size, one per
 * worker thread; the workers run pass 1, the main thread merges their Services in slice order and
 * hands the merged list back, the workers run pass 2, and the results are joined in slice order.
 * Order and content are therefore those of the single-threaded run (test/parallel.test.ts).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { UserConfig } from '../config/resolve.js';
import type { ServiceView } from '../k8s/views.js';
import type { LintResult } from '../types.js';
import type { FileError } from './file-sources.js';
import type { WorkerInput, WorkerMessage } from './lint-worker.js';

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
  const sizes = files.map(sizeOf);
  if (option !== 'auto') return { threads: Math.max(1, Math.min(Number(option), files.length)), sizes };
  const total = sizes.reduce((a, b) => a + b, 0);
  return { threads: Math.max(1, Math.min(availableParallelism() - 1, Math.floor(total / minBytesPerWorker), files.length)), sizes };
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

export async function lintFilesParallel(files: readonly string[], sizes: readonly number[], threads: number, userConfig: UserConfig): Promise<{ results: LintResult[]; errors: FileError[] }> {
  const parts = slices(files, sizes, threads);
  const workers = parts.map((part) => new Worker(new URL('./lint-worker.js', import.meta.url), { workerData: { files: part, userConfig } satisfies WorkerInput }));
  try {
    const servicesOf = await Promise.all(workers.map((w) => next(w, 'services')));
    const all: ServiceView[] = servicesOf.flatMap((m) => m.services);
    const done = Promise.all(workers.map((w) => next(w, 'done')));
    for (const w of workers) w.postMessage(all);
    const outputs = await done;
    return { results: outputs.flatMap((o) => o.results), errors: outputs.flatMap((o) => o.errors) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker's next message of the given type; a worker that dies rejects with its error. */
function next<T extends WorkerMessage['type']>(worker: Worker, type: T): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerMessage) => {
      if (m.type !== type) return;
      cleanup();
      resolve(m as Extract<WorkerMessage, { type: T }>);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`a worker thread failed: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`a worker thread exited early (code ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
