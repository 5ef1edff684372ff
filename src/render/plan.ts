/**
 * Which discovered files are linted as they are, and which are sources of something to render:
 * a file inside a Helm chart (a folder with Chart.yaml, at any depth above it) makes the chart
 * rendered instead, and the files of a top-level Kustomize kustomization (one no other
 * kustomization of the run uses) are linted through its build. A changed template or patch given
 * alone (a pre-commit hook passes only changed files) therefore still lints its chart or overlay,
 * and a changed base file lints every overlay under the working folder that uses it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { documentStarts } from '../engine/fast-path.js';
import { readPlainDocument } from '../engine/fast-yaml.js';
import { parseOptions } from '../engine/parse.js';

export const kustomizationNames = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface SourcePlan {
  /** Files linted as they are. */
  raw: string[];
  /** Chart folders to render, in the order first seen. */
  charts: string[];
  /** For each chart: the discovered files in it (rendered, never linted as written). */
  chartFiles: Map<string, string[]>;
  /** Top-level kustomization folders to build, in the order first seen. */
  kustomizations: string[];
  /** For each kustomization folder to build: the files its build reads (not linted raw when built). */
  kustomizationFiles: Map<string, Set<string>>;
}

/**
 * `cwd`: where overlays using a base file given alone are looked for (the repository a hook runs in).
 * `read`: how a folder's kustomization is read (tests count the reads); each folder is read once.
 */
export function planSources(files: readonly string[], cwd?: string, read: KustomizationReader = readKustomizationDir): SourcePlan {
  const chartOf = chartFinder();
  const chartFiles = new Map<string, string[]>();
  const rest: string[] = [];
  for (const f of files) {
    const chart = chartOf(dirname(f));
    if (chart === undefined) rest.push(f);
    else chartFiles.set(chart, [...(chartFiles.get(chart) ?? []), f]);
  }
  const charts = [...chartFiles.keys()];

  // Kustomizations: those discovered, and for a file given alone the nearest one that uses it plus
  // every kustomization under cwd that uses it (the overlays of a changed base file).
  const trees = new Map<string, KustomizationTree>();
  const readOnce = readEachOnce(read);
  const tree = (dir: string) => trees.get(dir) ?? trees.set(dir, readKustomization(dir, new Set(), readOnce)).get(dir)!;
  const candidates: string[] = [];
  const add = (dir: string) => {
    if (!candidates.includes(dir)) candidates.push(dir);
  };
  for (const f of rest) if (kustomizationNames.includes(basename(f))) add(dirname(f));
  const direct = new Set(candidates);
  let everywhere: string[] | undefined;
  // Every file walks up its folders: each folder is looked at once (three stats a folder, for
  // thousands of files, was the run's largest cost after parsing).
  const kustomizationIn = new Map<string, boolean>();
  const hasKustomization = (dir: string) => kustomizationIn.get(dir) ?? kustomizationIn.set(dir, kustomizationFile(dir) !== undefined).get(dir)!;
  for (const f of rest) {
    if (kustomizationNames.includes(basename(f))) continue;
    let owner: string | undefined;
    for (let dir = dirname(f); !owner; dir = dirname(dir)) {
      if (hasKustomization(dir) && tree(dir).files.has(f)) owner = dir;
      if (dirname(dir) === dir) break;
    }
    if (!owner) continue;
    add(owner);
    if (direct.has(owner) || cwd === undefined) continue;
    everywhere ??= kustomizationsUnder(cwd);
    for (const dir of everywhere) if (tree(dir).files.has(f)) add(dir);
  }
  const used = new Set<string>();
  for (const dir of candidates) for (const sub of tree(dir).kustomizations) if (sub !== dir) used.add(sub);
  const kustomizations = candidates.filter((d) => !used.has(d));
  const kustomizationFiles = new Map(kustomizations.map((d) => [d, tree(d).files]));
  return { raw: rest, charts, chartFiles, kustomizations, kustomizationFiles };
}

/** Folders under `root` holding a kustomization (node_modules and .git skipped; bounded). */
function kustomizationsUnder(root: string): string[] {
  const out: string[] = [];
  const pending = [{ dir: resolve(root), depth: 0 }];
  let budget = 50_000; // directory entries: a hook in a huge monorepo stays quick
  for (let next = pending.pop(); next && budget > 0; next = pending.pop()) {
    const entries = readdirQuiet(next.dir);
    budget -= entries.length;
    if (entries.some((e) => e.isFile() && kustomizationNames.includes(e.name))) out.push(next.dir);
    for (const e of entries) {
      if (e.isDirectory() && next.depth < 32 && e.name !== 'node_modules' && e.name !== '.git') pending.push({ dir: join(next.dir, e.name), depth: next.depth + 1 });
    }
  }
  return out.sort();
}

function readdirQuiet(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function chartFinder(): (dir: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  const find = (dir: string): string | undefined => {
    if (cache.has(dir)) return cache.get(dir);
    const parent = dirname(dir);
    // The outermost chart wins: a subchart under charts/ is rendered by its parent, as helm does.
    const above = parent === dir ? undefined : find(parent);
    const found = above ?? (existsSync(join(dir, 'Chart.yaml')) ? dir : undefined);
    cache.set(dir, found);
    return found;
  };
  return find;
}

/** A path's stat, or undefined when it is missing or unreadable (a kustomization may name anything). */
function statQuiet(p: string) {
  try {
    // A missing path is the common answer (three names tried in every folder): no exception built for it.
    return statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export function kustomizationFile(dir: string): string | undefined {
  return kustomizationNames.map((name) => join(dir, name)).find((p) => statQuiet(p)?.isFile());
}

export interface KustomizationTree {
  /** Every local file the build reads, the kustomization files included. */
  files: Set<string>;
  /** Every kustomization folder the build reads, this one included. */
  kustomizations: Set<string>;
}

/** What the planner needs of a folder's kustomization: the file, and the local paths it names that exist. */
export interface KustomizationEntry {
  file: string;
  refs: { path: string; isDirectory: boolean }[];
}

/** A folder's kustomization, or undefined when it has none. */
export type KustomizationReader = (dir: string) => KustomizationEntry | undefined;

export const readKustomizationDir: KustomizationReader = (dir) => {
  const file = kustomizationFile(dir);
  if (!file) return undefined;
  const refs: KustomizationEntry['refs'] = [];
  for (const ref of kustomizationRefs(file)) {
    const path = resolve(dir, ref.path);
    const st = statQuiet(path);
    if (st) refs.push({ path, isDirectory: st.isDirectory() });
  }
  return { file, refs };
};

/**
 * Each folder read (and its kustomization parsed) once per plan: a base shared by many overlays
 * was otherwise read again for every overlay that uses it, the largest planning cost on real repositories.
 */
export function readEachOnce(read: KustomizationReader): KustomizationReader {
  const entries = new Map<string, KustomizationEntry | undefined>();
  return (dir) => {
    if (!entries.has(dir)) entries.set(dir, read(dir));
    return entries.get(dir);
  };
}

/** The local files and kustomizations a kustomization reads, transitively (remote ones are skipped). */
export function readKustomization(dir: string, seen = new Set<string>(), read: KustomizationReader = readKustomizationDir): KustomizationTree {
  const tree: KustomizationTree = { files: new Set(), kustomizations: new Set() };
  if (seen.has(dir)) return tree;
  seen.add(dir);
  const entry = read(dir);
  if (!entry) return tree;
  tree.files.add(entry.file);
  tree.kustomizations.add(dir);
  for (const ref of entry.refs) {
    if (ref.isDirectory) {
      const sub = readKustomization(ref.path, seen, read);
      sub.files.forEach((f) => tree.files.add(f));
      sub.kustomizations.forEach((k) => tree.kustomizations.add(k));
    } else tree.files.add(ref.path);
  }
  return tree;
}

export interface KustomizationRef {
  path: string;
  role: 'resource' | 'component' | 'patch';
}

/**
 * A kustomization's data. Most are a few plain lines the fast reader reads (417 of the corpus's
 * 426; yaml's parse of them was ~250 ms of a 7 s run); anything else goes to yaml.
 */
export function kustomizationData(text: string): unknown {
  const plain = documentStarts(text).length === 1 ? readPlainDocument(text, 0, text.length, parseOptions) : undefined;
  return (plain ?? parseDocument(text)).toJS() as unknown;
}

/** Local paths a kustomization file names, in build order: resources and bases, components, patches. */
export function kustomizationRefs(file: string): KustomizationRef[] {
  let k: Record<string, unknown>;
  try {
    const v = kustomizationData(readFileSync(file, 'utf8'));
    if (!v || typeof v !== 'object') return [];
    k = v as Record<string, unknown>;
  } catch {
    return [];
  }
  const list = (key: string) => (Array.isArray(k[key]) ? (k[key] as unknown[]) : []);
  const local = (p: unknown): p is string => typeof p === 'string' && !/^[a-z0-9+.-]+:\/\/|^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(p) && !/\?ref=/.test(p);
  const refs: KustomizationRef[] = [];
  for (const p of [...list('resources'), ...list('bases')]) if (local(p)) refs.push({ path: p, role: 'resource' });
  for (const p of list('components')) if (local(p)) refs.push({ path: p, role: 'component' });
  for (const p of list('patchesStrategicMerge')) if (local(p) && !p.includes('\n')) refs.push({ path: p, role: 'patch' });
  for (const p of [...list('patches'), ...list('patchesJson6902')]) {
    const path = (p as { path?: unknown } | null)?.path;
    if (local(path)) refs.push({ path, role: 'patch' });
  }
  return refs;
}
