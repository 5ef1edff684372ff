/**
 * The CLI's own input and output, with every failure turned into a one-line message and exit code
 * 2 instead of a stack trace or a silent success: a closed pipe (`| head -1`), a full disk, stdin
 * that is a folder (`- < /`), an output path that cannot be created, and a run that stops without
 * finishing (a plugin formatter whose promise never settles).
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { pieceEnd } from './text.js';

/** An I/O failure of the CLI itself (not of a linted file): a message, exit code 2. */
export class CliIOError extends Error {}

/**
 * stdin as bytes, at most `maxBytes + 1` of them (`- < /dev/zero` never ends: reading stops past
 * the limit and `truncated` says so); a folder or an unreadable stdin is a CliIOError.
 */
export async function readStdinBytes(maxBytes = Infinity): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  let isDirectory = false;
  try {
    isDirectory = fstatSync(0).isDirectory();
  } catch {
    // no stat: let the read below report what is wrong
  }
  if (isDirectory) throw new CliIOError('cannot read stdin: it is a folder, not a manifest stream.');
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        process.stdin.destroy();
        return { bytes: Buffer.concat(chunks), truncated: true };
      }
    }
  } catch (err) {
    throw new CliIOError(`cannot read stdin (${(err as Error).message}).`);
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

/** The reader went away (`| head -1`): nothing more to say to it, and nothing went wrong. */
export const isClosedPipe = (err: unknown) => (err as { code?: string })?.code === 'EPIPE';

// A failed write to stdout is also emitted as an 'error' event; unhandled, it ends the process
// with a stack trace. The write's callback (below) is where it is handled.
let guarded = false;

/** Write to stdout and wait until it is written; a failure rejects (EPIPE: see isClosedPipe). */
export function writeStdout(text: string): Promise<void> {
  if (!guarded) {
    guarded = true;
    process.stdout.on('error', () => {});
  }
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

/** Pieces joined into writes of about `size` characters: few system calls, no report-sized string. */
function* batched(chunks: Iterable<string>, size = 1 << 20): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    length += chunk.length;
    if (length >= size) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.join('');
}

/** Write the report to stdout piece by piece, ending it with a newline; a failure rejects (EPIPE: see isClosedPipe). */
export async function writeStdoutChunks(chunks: Iterable<string>): Promise<void> {
  let last = '';
  for (const batch of batched(chunks)) {
    await writeStdout(batch);
    last = batch;
  }
  if (last && !last.endsWith('\n')) await writeStdout('\n');
}

/**
 * Write the output file piece by piece, creating missing folders one by one (Node's recursive
 * mkdir never returns for a path under /proc). Any failure is a CliIOError naming the path.
 */
export function writeOutputFile(path: string, content: string | Iterable<string>): void {
  try {
    const missing: string[] = [];
    for (let dir = dirname(path); !existsSync(dir) && dirname(dir) !== dir; dir = dirname(dir)) missing.unshift(dir);
    for (const dir of missing) mkdirSync(dir);
    const fd = openSync(path, 'w');
    try {
      writeChunks(fd, typeof content === 'string' ? [content] : content);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new CliIOError(`cannot write ${path} (${(err as Error).message}).`);
  }
}

/**
 * Pieces encoded into one buffer and written when it is full: few system calls, and neither a
 * string of the joined pieces nor a Buffer per piece (the corpus report was 34 MB of joined
 * strings, each copied again to bytes; a file's `source` comes in 1 MB pieces).
 */
function writeChunks(fd: number, chunks: Iterable<string>, size = 1 << 20): void {
  const buffer = Buffer.allocUnsafe(size);
  let used = 0;
  const flush = () => {
    writeAll(fd, buffer.subarray(0, used));
    used = 0;
  };
  for (const chunk of chunks) {
    for (let from = 0; from < chunk.length; ) {
      if (size - used < 12) flush();
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      const to = pieceEnd(chunk, from, Math.floor((size - used) / 3));
      used += buffer.write(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to), used);
      from = to;
    }
  }
  flush();
}

/** writeSync may write less than asked (a pipe, a signal): loop until every byte is out. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/**
 * Exit code 2 with a message when the process runs out of work before the command finished: an
 * awaited promise that never settles leaves Node nothing to do, and it would exit 0.
 */
export function failIfUnfinished(what: string): { finished(): void } {
  let done = false;
  const onBeforeExit = () => {
    if (done) return;
    done = true;
    process.stderr.write(`kube-lifelint: ${what} stopped before finishing (a formatter or plugin never settled its promise).\n`);
    process.exitCode = 2;
  };
  process.once('beforeExit', onBeforeExit);
  return {
    finished() {
      done = true;
      process.off('beforeExit', onBeforeExit);
    },
  };
}
