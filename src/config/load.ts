/**
 * Finding and loading `.kube-lifelint.yaml` (`.yml`, `.json`): upward from the working directory,
 * or the file given with --config. An invalid config is a ConfigError carrying the config file's
 * own line and column and what was expected; the CLI exits 2 with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from '../engine/line-index.js';
import { didYouMean } from '../text.js';
import { rules } from '../../rules/index.js';
import type { UserConfig } from './resolve.js';
import { ConfigError } from './error.js';
import { configSchema } from './schema.js';
import { runtimeNames } from '../runtime/profiles.js';
import { unsafeRegexReason } from '../runtime/safe-regex.js';

export const configFileNames = ['.kube-lifelint.yaml', '.kube-lifelint.yml', '.kube-lifelint.json'];

export { ConfigError };

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of configFileNames) {
      const p = join(dir, name);
      if (existsSync(p)) return p;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadConfigFile(path: string): UserConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read config file ${path}: ${(err as Error).message}`);
  }
  const lc = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const where = (offset: number) => {
    const p = lc.linePos(offset);
    return `${path}:${p.line}:${p.col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${where(e.pos[0])}: invalid YAML in config: ${e.message.split('\n')[0]}`);
  }
  const value = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  const errors = validateConfig(value);
  if (errors.length) {
    const lines = errors.map((e) => {
      const node = nodeAt(doc.contents as Node | null, e.path, e.key);
      return `${where(node?.range?.[0] ?? 0)}: ${e.message}`;
    });
    throw new ConfigError(`Invalid config:\n${lines.join('\n')}`);
  }
  const config = value as UserConfig;
  // Runtime profiles' argv0 patterns run against manifest text: only shapes that cannot backtrack
  // without end are accepted (safe-regex.ts).
  for (const [name, profile] of Object.entries(config.runtimes ?? {})) {
    const commands = (profile as { execCommands?: { argv0?: unknown }[] }).execCommands ?? [];
    commands.forEach((c, i) => {
      const unsafe = typeof c.argv0 === 'string' ? unsafeRegexReason(c.argv0) : undefined;
      if (!unsafe) return;
      const node = nodeAt(doc.contents as Node | null, ['runtimes', name, 'execCommands', String(i), 'argv0']);
      throw new ConfigError(`Invalid config:\n${where(node?.range?.[0] ?? 0)}: runtimes.${name}.execCommands[${i}].argv0 is not accepted: ${unsafe}.`);
    });
  }
  if (config.runtime !== undefined) {
    const known = runtimeNames(config.runtimes);
    if (!known.includes(config.runtime)) {
      const node = nodeAt(doc.contents as Node | null, ['runtime']);
      throw new ConfigError(`Invalid config:\n${where(node?.range?.[0] ?? 0)}: unknown runtime '${config.runtime}': expected one of ${known.join(', ')}.`);
    }
  }
  // Ignore patterns are relative to the config file's folder, like .eslintignore.
  if (config.ignorePatterns) config.ignorePatterns = config.ignorePatterns.map((p) => (p.startsWith('/') ? join(dirname(path), p) : p));
  return config;
}

/** The node for a JSON-pointer-like path; for an unexpected key, the key node itself. */
function nodeAt(root: Node | null, path: string[], key?: string): Node | null {
  let node: Node | null = root;
  for (const seg of [...path, ...(key !== undefined ? [key] : [])]) {
    if (isSeq(node) && /^\d+$/.test(seg)) {
      node = (node.items[Number(seg)] as Node | undefined) ?? node;
      continue;
    }
    if (!isMap(node)) return node;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
    if (!pair) return node;
    node = seg === key ? (pair.key as Node) : (pair.value as Node);
  }
  return node;
}

interface ConfigProblem {
  path: string[];
  key?: string;
  message: string;
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] | null };
let validator: Validate | undefined;
const lazyRequire = createRequire(import.meta.url);

function getValidator(): Validate {
  if (!validator) {
    // ajv is loaded only when a config file exists: most pre-commit runs never pay for it.
    const Ajv = lazyRequire('ajv') as { default: new (o: object) => { compile(s: object): Validate } };
    validator = new Ajv.default({ allErrors: true, strict: false }).compile(configSchema(rules));
  }
  return validator;
}

function validateConfig(value: unknown): ConfigProblem[] {
  const validate = getValidator();
  if (validate(value)) return [];
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let p: ConfigProblem;
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      const where = path.length ? `'${path.join('.')}'` : 'the config';
      p = { path, key, message: `unknown key '${key}' in ${where}${suggest(key, path)}.` };
    } else if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') {
      continue; // the branch errors say more
    } else if (e.keyword === 'enum') {
      p = { path, message: `'${path.join('.')}' must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.` };
    } else {
      p = { path, message: `'${path.join('.') || 'config'}' ${e.message ?? 'is invalid'}.` };
    }
    const k = `${p.path.join('.')}|${p.key ?? ''}|${p.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  }
  return out;
}

function suggest(key: string, path: string[]): string {
  const candidates = path[0] === 'rules' && path.length === 1 ? Object.keys(rules) : path.length === 0 ? ['extends', 'rules', 'kubernetesVersion', 'runtime', 'runtimes', 'podTemplatePaths', 'ignorePatterns'] : [];
  const best = didYouMean(key, candidates);
  return best ? ` (did you mean '${best}'?)` : '';
}
