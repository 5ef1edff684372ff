/**
 * Command-line options that `kube-lifelint` (lint) and `kube-lifelint explain` share: which
 * configuration applies (config file, preset, rules, Kubernetes version, runtime, ignore
 * patterns), stdin's name, and colour. One parser, so both commands accept and check the same
 * flags the same way (explain shows the findings lint reports, for the same flags).
 */
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { rules } from '../rules/index.js';
import { findConfigFile, loadConfigFile } from './config/load.js';
import { presetNames, type PresetName } from './config/presets.js';
import type { UserConfig } from './config/resolve.js';
import { runtimeNames } from './runtime/profiles.js';

/** A command line that cannot be run: exit 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

/** The option specs both commands take (for `parseArgs`). */
export const sharedOptions = {
  'stdin-filename': { type: 'string' },
  'ignore-pattern': { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  'no-repo-context': { type: 'boolean' },
  preset: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'kube-version': { type: 'string' },
  runtime: { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** What parseArgs gives for `sharedOptions`. */
export interface SharedValues {
  'stdin-filename'?: string;
  'ignore-pattern'?: string[];
  config?: string;
  'no-config'?: boolean;
  'no-repo-context'?: boolean;
  preset?: string;
  rule?: string[];
  'kube-version'?: string;
  runtime?: string;
  color?: boolean;
  'no-color'?: boolean;
}

/**
 * The configuration the flags select: the config file (`--config`, else found upward from
 * `searchFrom`, none with `--no-config`) with the flags applied on top.
 */
export function configFromFlags(values: SharedValues, cwd: string, searchFrom = cwd): { config: UserConfig; configPath: string | undefined } {
  let fileConfig: UserConfig = {};
  let configPath: string | undefined;
  if (!values['no-config']) {
    configPath = values.config !== undefined ? resolve(cwd, values.config) : findConfigFile(searchFrom);
    if (configPath) fileConfig = loadConfigFile(configPath);
  }
  const config: UserConfig = { ...fileConfig, rules: { ...fileConfig.rules } };
  if (values.preset !== undefined) {
    if (!presetNames.includes(values.preset as PresetName)) throw new UsageError(`--preset must be one of ${presetNames.join(', ')}.`);
    config.extends = values.preset as PresetName;
  }
  for (const flag of values.rule ?? []) parseRuleFlag(flag, config.rules!);
  if (values['kube-version'] !== undefined) {
    if (!/^1\.\d+$/.test(values['kube-version'])) throw new UsageError(`--kube-version expects a version like 1.33, got '${values['kube-version']}'.`);
    config.kubernetesVersion = values['kube-version'];
  }
  if (values.runtime !== undefined) {
    const known = runtimeNames(config.runtimes);
    if (!known.includes(values.runtime)) throw new UsageError(`--runtime: unknown runtime '${values.runtime}': expected one of ${known.join(', ')}.`);
    config.runtime = values.runtime;
  }
  if (values['no-repo-context']) config.repoContext = false;
  if (values['ignore-pattern']) config.ignorePatterns = [...(config.ignorePatterns ?? []), ...values['ignore-pattern']];
  return { config, configPath };
}

/** `--rule ID=SEVERITY` or `--rule 'ID={"severity":...,"option":...}'` (options are checked with the config). */
function parseRuleFlag(flag: string, into: NonNullable<UserConfig['rules']>): void {
  const m = /^([a-z0-9-]+)=(off|warn|error|\{.*\})$/s.exec(flag.trim());
  if (!m) throw new UsageError(`--rule expects ID=off|warn|error or ID={"severity":...,options}, got '${flag}'.`);
  if (!Object.hasOwn(rules, m[1]!)) throw new UsageError(`--rule: unknown rule '${m[1]}'. Run 'kube-lifelint rules' for the list.`);
  if (!m[2]!.startsWith('{')) {
    into[m[1]!] = m[2] as 'off' | 'warn' | 'error';
    return;
  }
  let entry: unknown;
  try {
    entry = JSON.parse(m[2]!);
  } catch (err) {
    throw new UsageError(`--rule ${m[1]}: the options are not JSON (${(err as Error).message}).`);
  }
  if (typeof (entry as { severity?: unknown }).severity !== 'string') throw new UsageError(`--rule ${m[1]}: the options need a "severity" (off, warn or error).`);
  into[m[1]!] = entry as NonNullable<UserConfig['rules']>[string];
}

/**
 * Colour: `--no-color` and `--color` win; otherwise off when NO_COLOR is set (non-empty, as
 * no-color.org says: a flag overrides it) or the output is not a terminal.
 */
export function useColor(values: SharedValues, env: Readonly<Record<string, string | undefined>>, toTerminal: boolean): boolean {
  if (values['no-color']) return false;
  if (values.color !== undefined) return values.color;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return !noColor && toTerminal;
}
