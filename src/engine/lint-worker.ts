/**
 * A worker thread of a parallel run (parallel.ts): lints one contiguous slice of the files.
 * Between the two passes it hands its Services to the main thread and gets back the whole run's,
 * so cross-file Service matching sees exactly what a single-threaded run sees.
 *
 * It gets the resolved configuration; rules cannot cross threads, so it runs the built-in
 * registry (a linter with custom rules never starts workers).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { rules } from '../../rules/index.js';
import type { LintResult } from '../types.js';
import { fileSources, type FileError } from './file-sources.js';
import { lintPrepared, prepareSources, ServiceIndex, type CrossObject, type LintConfig } from './linter.js';

export interface WorkerInput {
  files: string[];
  config: LintConfig;
}

export type WorkerMessage = { type: 'services'; services: CrossObject[] } | { type: 'done'; results: LintResult[]; errors: FileError[] };

const port = parentPort!;
const { files, config } = workerData as WorkerInput;
const sources = fileSources(files, config);
const own = new ServiceIndex();
const prepared = prepareSources(sources.sources, config, own);
port.postMessage({ type: 'services', services: own.all() } satisfies WorkerMessage);
port.once('message', (all: CrossObject[]) => {
  const services = new ServiceIndex();
  for (const s of all) services.add(s);
  const results = sources.finish(lintPrepared(prepared, sources.sources, services, config, rules));
  port.postMessage({ type: 'done', results, errors: sources.errors } satisfies WorkerMessage);
});
