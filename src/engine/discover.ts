/**
 * Discovery: command-line paths → the list of manifest files. Folders are walked recursively for
 * .yaml/.yml/.json, node_modules and .git are skipped, symlinked folders are followed once (by
 * real path, so a loop ends), and every path that cannot be used becomes an error naming it
 * rather than being skipped silently.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { globMatcher, hasGlobChars, ignoreMatcher } from './glob.js';

export const manifestExtensions = ['.yaml', '.yml', '.json'];
const skippedDirs = new Set(['node_modules', '.git']);

export interface DiscoverResult {
  files: string[];
  errors: { path: string; message: string }[];
  /** Manifest files and folders left out by `ignorePatterns`, so that coverage can list them. */
  ignored: string[];
}

export function discover(args: readonly string[], opts: { cwd: string; ignorePatterns?: readonly string[] }): DiscoverResult {
  const matchesIgnore = ignoreMatcher(opts.ignorePatterns ?? []);
  const isIgnored = (abs: string) => {
    const rel = relative(opts.cwd, abs).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && matchesIgnore(rel);
  };
  const files: string[] = [];
  const seen = new Set<string>();
  const errors: DiscoverResult['errors'] = [];
  const ignored: string[] = [];
  const add = (abs: string) => {
    if (!seen.has(abs)) {
      seen.add(abs);
      files.push(abs);
    }
  };

  for (const arg of args) {
    const abs = resolve(opts.cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch (err) {
      if (hasGlobChars(arg)) {
        const matched = expandGlob(arg, opts.cwd, isIgnored, ignored);
        if (matched.length === 0) errors.push({ path: arg, message: `No files matching the pattern '${arg}'.` });
        matched.forEach(add);
      } else {
        errors.push({ path: arg, message: describeFsError(err, arg) });
      }
      continue;
    }
    if (st.isDirectory()) {
      walk(abs, new Set(), isIgnored, add, errors, ignored);
    } else if (isIgnored(abs)) {
      ignored.push(abs);
    } else {
      // A file named explicitly is linted whatever its extension: the user asked for it.
      add(abs);
    }
  }
  return { files, errors, ignored };
}

/**
 * A folder's identity (device and inode): one stat. realpathSync resolved every component of the
 * path with a call of its own, which made a tree 1,000 folders deep cost O(depth²) (14.5 s).
 */
function folderId(dir: string): string {
  const st = statSync(dir, { bigint: true });
  return `${st.dev}:${st.ino}`;
}

const isManifestName = (name: string) => manifestExtensions.some((ext) => name.toLowerCase().endsWith(ext));

function walk(dir: string, visited: Set<string>, isIgnored: (p: string) => boolean, add: (p: string) => void, errors: DiscoverResult['errors'], ignored: string[]): void {
  let real: string;
  try {
    real = folderId(dir);
  } catch (err) {
    errors.push({ path: dir, message: describeFsError(err, dir) });
    return;
  }
  if (visited.has(real)) return; // a symlink loop, or a folder reached twice
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push({ path: dir, message: describeFsError(err, dir) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (isIgnored(p)) {
      if (e.isDirectory() || isManifestName(e.name)) ignored.push(p);
      continue;
    }
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = statSync(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // a dangling link inside a folder is not a manifest
      }
    }
    if (isDir) {
      if (!skippedDirs.has(e.name)) walk(p, visited, isIgnored, add, errors, ignored);
    } else if (isFile && isManifestName(e.name)) {
      add(p);
    }
  }
}

function expandGlob(pattern: string, cwd: string, isIgnored: (p: string) => boolean, ignored: string[]): string[] {
  const norm = pattern.replace(/\\/g, '/');
  const parts = norm.split('/');
  const firstGlob = parts.findIndex(hasGlobChars);
  const base = resolve(cwd, parts.slice(0, firstGlob).join('/') || '.');
  const matches = globMatcher(resolve(cwd, norm).split(sep).join('/'));
  const out: string[] = [];
  const all: string[] = [];
  walkAll(base, new Set(), all);
  for (const f of all) {
    if (!matches(f.split(sep).join('/'))) continue;
    if (isIgnored(f)) ignored.push(f);
    else out.push(f);
  }
  return out;
}

function walkAll(dir: string, visited: Set<string>, out: string[]): void {
  let real: string;
  try {
    real = folderId(dir);
  } catch {
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (!skippedDirs.has(e.name)) walkAll(p, visited, out);
    } else if (st.isFile()) out.push(p);
  }
}

export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `No such file or directory: '${path}'.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied: '${path}'.`;
    case 'EISDIR':
      return `'${path}' is a directory.`;
    case 'ELOOP':
      return `Too many levels of symbolic links: '${path}'.`;
    default:
      return `Cannot read '${path}': ${(err as Error)?.message ?? String(err)}`;
  }
}
