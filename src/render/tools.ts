/**
 * The external renderers: `helm`, and `kustomize` or `kubectl kustomize`, found on PATH or given
 * by path (--helm, --kustomize). They are run without a shell, with a time limit and a bounded
 * output, and their failure is a message naming the tool, never an exception.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { childProcess } from '../child-process.js';

export interface RenderTools {
  /** Path of `helm` (--helm), else looked up on PATH. */
  helm?: string;
  /** Path of `kustomize` or `kubectl` (--kustomize), else looked up on PATH. */
  kustomize?: string;
  /** The PATH to search (default: process.env.PATH). */
  searchPath?: string;
}

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

export function onPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of searchPath.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) if (executable(join(dir, name + ext))) return join(dir, name + ext);
  }
  return undefined;
}

export function findHelm(tools: RenderTools): string | undefined {
  return tools.helm ?? onPath('helm', tools.searchPath);
}

/** The command that builds a kustomization: `kustomize build DIR` or `kubectl kustomize DIR`. */
export function findKustomize(tools: RenderTools): { command: string; args: (dir: string) => string[] } | undefined {
  const given = tools.kustomize;
  const asCommand = (command: string) => ({ command, args: (dir: string) => (/kubectl(\.exe)?$/.test(basename(command)) ? ['kustomize', dir] : ['build', dir]) });
  if (given) return asCommand(given);
  const found = onPath('kustomize', tools.searchPath) ?? onPath('kubectl', tools.searchPath);
  return found ? asCommand(found) : undefined;
}

export type RunOutcome = { ok: true; stdout: string } | { ok: false; message: string };

/** Run a renderer; a missing binary, a time-out or a non-zero exit becomes a message. */
export function runTool(command: string, args: readonly string[], cwd: string): RunOutcome {
  const r = childProcess().spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 300_000, windowsHide: true });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return { ok: false, message: `cannot run '${command}' (${code === 'ENOENT' ? 'not found' : 'not executable'})` };
    return { ok: false, message: `'${basename(command)} ${args.join(' ')}' failed: ${r.error.message}` };
  }
  if (r.status !== 0) return { ok: false, message: (r.stderr || r.stdout || `exit code ${r.status}`).trim() };
  return { ok: true, stdout: r.stdout };
}
