/**
 * Output formats: the built-in formatters (each lazily imported from its own module) and ESLint
 * formatter packages by name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LintResult, RuleDocsMeta } from '../types.js';

export interface FormatContext {
  /** Paths are shown relative to this directory. */
  cwd: string;
  /** False: no ANSI escape sequences at all. */
  color: boolean;
  rulesMeta: Record<string, RuleDocsMeta>;
  toolVersion: string;
}

export type Formatter = (results: LintResult[], ctx: FormatContext) => string | Promise<string>;

export const builtinFormatNames: readonly string[] = Object.freeze(['friendly', 'json', 'compact', 'sarif', 'github', 'junit']);

/** A report in pieces, written as they come (see `chunks` in json.ts). */
export type ChunkedFormatter = (results: LintResult[], ctx: FormatContext) => Iterable<string>;

type FormatterModule = { default: Formatter; chunks?: ChunkedFormatter };
const builtins: Record<string, () => Promise<FormatterModule>> = {
  friendly: () => import('./friendly.js'),
  json: () => import('./json.js'),
  compact: () => import('./compact.js'),
  sarif: () => import('./sarif.js'),
  github: () => import('./github.js'),
  junit: () => import('./junit.js'),
};

/** Built-in formats that never print a result's `source` (the text of the file). */
const sourceless: ReadonlySet<string> = new Set(['compact', 'github', 'junit']);

/**
 * Whether a format needs results' `source`: friendly draws code frames from it, json prints it,
 * sarif positions fixes in it, and an ESLint formatter may do anything ESLint's results allow.
 * The CLI keeps each file's text only for these (LintConfig's keepSource).
 */
export function formatNeedsSource(name: string): boolean {
  return !sourceless.has(name);
}

/** A built-in formatter that writes as it goes, if `name` is one; the CLI falls back to `loadFormatter`. */
export async function loadChunkedFormatter(name: string): Promise<ChunkedFormatter | undefined> {
  return Object.hasOwn(builtins, name) ? (await builtins[name]!()).chunks : undefined;
}

/** ESLint's `rulesMeta` shape (`meta` of each rule: `type`, `docs.description`, `docs.url`, ...). */
export function eslintRulesMeta(rulesMeta: Record<string, RuleDocsMeta>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, m] of Object.entries(rulesMeta)) {
    out[id] = {
      type: 'problem',
      docs: { description: m.description, url: m.url, category: m.category, recommended: m.defaultSeverity !== 'off' },
      ...(m.fixable ? { fixable: 'code' } : {}),
      ...(m.hasSuggestions ? { hasSuggestions: true } : {}),
    };
  }
  return out;
}

/**
 * Package names to try for a formatter name, as ESLint does: `foo` → `eslint-formatter-foo`, `foo`;
 * `@scope/foo` → `@scope/eslint-formatter-foo`, `@scope/foo`; `@scope` → `@scope/eslint-formatter`.
 */
export function formatterPackageNames(name: string): string[] {
  const prefix = 'eslint-formatter';
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash === -1) return [`${name}/${prefix}`];
    const scope = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (rest === prefix || rest.startsWith(`${prefix}-`)) return [name];
    return [`${scope}/${prefix}-${rest}`, name];
  }
  if (name.startsWith(`${prefix}-`)) return [name];
  return [`${prefix}-${name}`, name];
}

function isPathLike(name: string): boolean {
  return name.startsWith('.') || isAbsolute(name);
}

/** The entry file of an ESM-only package (whose `exports` have no `require` condition). */
function resolveEsmEntry(pkg: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', ...pkg.split('/'));
    const manifest = join(pkgDir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown; main?: string };
      let entry: unknown = json.exports;
      if (entry && typeof entry === 'object' && '.' in entry) entry = (entry as Record<string, unknown>)['.'];
      while (entry && typeof entry === 'object' && !Array.isArray(entry)) {
        const conds = entry as Record<string, unknown>;
        entry = conds.import ?? conds.node ?? conds.default;
      }
      if (typeof entry === 'string') return join(pkgDir, entry);
      return join(pkgDir, json.main ?? 'index.js');
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Resolves a package from `fromDir` (CommonJS resolution, with a fallback for ESM-only packages). */
function resolvePackage(pkg: string, fromDir: string): string | undefined {
  try {
    return createRequire(join(fromDir, '__kube-lifelint__.js')).resolve(pkg);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return resolveEsmEntry(pkg, fromDir);
    if (code === 'MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

function notFound(name: string, tried: string[], cwd: string): Error {
  return new Error(
    `Unknown format '${name}'. Built-in formats: ${builtinFormatNames.join(', ')}. ` +
      `Other names are loaded as ESLint formatter packages, but ${tried.map((t) => `'${t}'`).join(' and ')} ` +
      `could not be found from ${cwd} (install one with: npm install --save-dev ${tried[0]}).`,
  );
}

/**
 * A formatter by name: a built-in one, a path to a formatter module (`./my-formatter.js`, relative to
 * `cwd`), or an ESLint formatter package resolved from `cwd` (then from kube-lifelint's own
 * installation). ESLint formatters are called as ESLint calls them: `fn(results, { cwd, rulesMeta })`,
 * with `rulesMeta` in ESLint's shape (`docs.url` links to kube-lifelint's rule docs).
 */
export async function loadFormatter(name: string, cwd: string = process.cwd()): Promise<Formatter> {
  const builtin = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (builtin) return (await builtin()).default;
  if (!name) throw new Error(`No format given. Built-in formats: ${builtinFormatNames.join(', ')}, or an ESLint formatter package by name.`);

  let file: string | undefined;
  let tried: string[] = [];
  if (isPathLike(name)) {
    file = resolve(cwd, name);
    tried = [file];
    if (!existsSync(file)) throw new Error(`Cannot find formatter file '${file}'. Built-in formats: ${builtinFormatNames.join(', ')}.`);
  } else {
    tried = formatterPackageNames(name);
    const ownDir = fileURLToPath(new URL('.', import.meta.url));
    outer: for (const fromDir of [resolve(cwd), ownDir]) {
      for (const pkg of tried) {
        file = resolvePackage(pkg, fromDir);
        if (file) break outer;
      }
    }
    if (!file) throw notFound(name, tried, cwd);
  }

  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new Error(`Cannot load formatter '${name}' from ${file}: ${(err as Error)?.message ?? String(err)}`);
  }
  let fn: unknown = mod;
  // CommonJS module.exports, ESM default export, or a transpiled `exports.default`.
  for (let i = 0; i < 3 && typeof fn !== 'function' && fn && typeof fn === 'object' && 'default' in fn; i++) fn = (fn as { default: unknown }).default;
  if (typeof fn !== 'function') {
    throw new Error(`Formatter '${name}' (${file}) does not export a function; an ESLint formatter exports (results, context) => string.`);
  }
  const eslintFormatter = fn as (results: LintResult[], data: { cwd: string; rulesMeta: Record<string, unknown> }) => unknown;
  return async (results, ctx) => {
    const out = await eslintFormatter(results, { cwd: ctx.cwd, rulesMeta: eslintRulesMeta(ctx.rulesMeta) });
    // A formatter returns a string (some return nothing); anything else is printed as String() shows it.
    return out === undefined || out === null ? '' : String(out as unknown);
  };
}
