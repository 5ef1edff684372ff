/**
 * Linting on several cores. The files are cut into contiguous slices of about equal size, one per
 * worker thread; the workers run pass 1, the main thread merges their Services in slice order and
 * hands the merged list back, the workers run pass 2, and the results are joined in slice order.
 * Order and content are therefore those of the single-threaded run (test/parallel.test.ts).
 */
import { Worker } from 'node:worker_threads';
import type { LintResult } from '../types.js';
import type { FileError } from './file-sources.js';
import { collectContext, ServiceIndex, type CrossObject, type LazySource, type LintConfig } from './linter.js';
import type { WorkerInput, WorkerMessage } from './lint-worker.js';
import { slices } from './threads.js';

export async function lintInWorkers(files: readonly string[], sizes: readonly number[], threads: number, config: LintConfig, context: readonly LazySource[] = []): Promise<{ results: LintResult[]; errors: FileError[] }> {
  const parts = slices(files, sizes, threads);
  const workers = parts.map((part) => new Worker(new URL('./lint-worker.js', import.meta.url), { workerData: { files: part, config } satisfies WorkerInput }));
  try {
    const servicesOf = await Promise.all(workers.map((w) => next(w, 'services')));
    // The work tree's context (repo-context.ts) after the linted files' own, as in a single-threaded run.
    const fromContext = new ServiceIndex();
    collectContext(context, config, fromContext);
    const all: CrossObject[] = [...servicesOf.flatMap((m) => m.services), ...fromContext.all()];
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
