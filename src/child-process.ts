/**
 * Node's child_process, loaded when a process is first started rather than at every start-up:
 * importing it loads net, dgram and their streams (about 2 ms of a ~110 ms cold start), and most
 * runs start no process (no chart, no overlay, no git work tree).
 */
import { createRequire } from 'node:module';
import type * as ChildProcess from 'node:child_process';

const lazyRequire = createRequire(import.meta.url);

export function childProcess(): typeof ChildProcess {
  return lazyRequire('node:child_process') as typeof ChildProcess;
}
