/**
 * Cross-object context from the git work tree. A pre-commit hook passes only the changed files, so
 * a Deployment's cross-file findings (readiness-probe-missing, liveness-matches-readiness, PDB and
 * HPA rules) would come and go with whether its Service changed too. When linted files lie inside
 * a git work tree, the tracked YAML files of that tree are read for Services, PodDisruptionBudgets
 * and HorizontalPodAutoscalers only: they are never linted, and a file is parsed only when its
 * bytes have such a `kind:` line at the start of a line (the fast path's cheap test).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { childProcess } from '../child-process.js';
import type { LazySource } from './linter.js';

/** A context file larger than this is skipped: Services live in small files, CRD bundles are big. */
const maxContextFileBytes = 1 << 20;
/** Work trees with more tracked YAML files than this are read only up to it. */
const maxContextFiles = 20_000;

/** `kind: Service` (or a budget or autoscaler) at the start of a line, quoted or not. */
const contextKind = /^kind:[ \t]*["']?(?:Service|PodDisruptionBudget|HorizontalPodAutoscaler)["']?[ \t]*(?:#.*)?\r?$/m;

/**
 * The top of the git work tree holding `dir`, found by walking up to a `.git` entry (no process
 * started). `known` remembers the answer for every folder walked, so files in thousands of
 * sibling folders look at each shared ancestor once.
 */
export function workTreeOf(dir: string, known = new Map<string, string | undefined>()): string | undefined {
  const walked: string[] = [];
  let found: string | undefined;
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (known.has(d)) {
      found = known.get(d);
      break;
    }
    walked.push(d);
    if (existsSync(join(d, '.git'))) {
      found = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  for (const d of walked) known.set(d, found);
  return found;
}

/** Tracked `*.yaml` / `*.yml` files of a work tree, absolute; empty when git is missing or fails. */
function trackedYaml(root: string): string[] {
  try {
    const out = childProcess().execFileSync('git', ['-C', root, 'ls-files', '-z', '--', '*.yaml', '*.yml'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    return out.split('\0').filter(Boolean).slice(0, maxContextFiles).map((f) => join(root, f));
  } catch {
    return [];
  }
}

/**
 * Context sources for the linted `files`: the tracked YAML files of their work trees that are not
 * linted themselves and whose bytes name a context kind. Read lazily by nothing: the bytes test
 * needs them now, and only the matching ones are kept.
 */
export function repoContextSources(files: readonly string[]): LazySource[] {
  const linted = new Set(files.map((f) => resolve(f)));
  const roots = new Set<string>();
  // Files share folders and ancestors: each folder is looked at once.
  const rootOf = new Map<string, string | undefined>();
  for (const f of linted) {
    const root = workTreeOf(dirname(f), rootOf);
    if (root) roots.add(root);
  }
  const out: LazySource[] = [];
  for (const root of roots) {
    for (const file of trackedYaml(root)) {
      if (linted.has(file)) continue;
      try {
        if (statSync(file).size > maxContextFileBytes) continue;
        const text = readFileSync(file, 'utf8');
        if (contextKind.test(text)) out.push({ filePath: file, text });
      } catch {
        // A tracked file deleted in the work tree, or unreadable: it gives no context.
      }
    }
  }
  return out;
}
