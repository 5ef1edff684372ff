/** Turn user-facing settings (preset, per-rule severities and options) into the engine's LintConfig. */
import type { LintConfig, RuleSetting } from '../engine/linter.js';
import { defaultOptions, type Rule } from '../rule-api.js';
import type { SeverityName } from '../types.js';
import { presetSeverities, type PresetName } from './presets.js';
import { ConfigError } from './error.js';
import { ruleOptionProblems } from './rule-options.js';
import { parseTemplatePath, type TemplatePath } from '../k8s/template-path.js';

/** Default target: the newest version in the feature table. */
export { newestTableVersion as newestKubernetesVersion } from '../k8s/features.js';
import { newestTableVersion as newestKubernetesVersion } from '../k8s/features.js';

export type RuleEntry = SeverityName | ({ severity: SeverityName } & Record<string, unknown>);

export interface UserConfig {
  extends?: PresetName;
  rules?: Record<string, RuleEntry>;
  kubernetesVersion?: string;
  runtime?: string;
  runtimes?: Record<string, unknown>;
  /** Kind → where its pod templates are (template-path.ts): one path or several. */
  podTemplatePaths?: Record<string, string | string[]>;
  ignorePatterns?: string[];
}

const severityNumber = { warn: 1, error: 2 } as const;
const severityNames = { off: 0, ...severityNumber };

/**
 * Every path to the engine goes through here (CLI, config file, lintText, lintFiles, createLinter),
 * so this is where rule ids, severities and options are checked: a ConfigError names each problem.
 */
export function resolveConfig(user: UserConfig, rules: Readonly<Record<string, Rule<any>>>): LintConfig {
  const severities = presetSeverities(user.extends ?? 'recommended', rules);
  // Tables keyed by user input (rule ids, kinds) have no prototype: `constructor` is just a name.
  const options = Object.create(null) as Record<string, Record<string, unknown>>;
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(user.rules ?? {})) {
    const rule = Object.hasOwn(rules, id) ? rules[id] : undefined;
    if (!rule) {
      problems.push(`unknown rule '${id}'.`);
      continue;
    }
    const { severity, ...opts } = typeof entry === 'string' ? { severity: entry } : entry && typeof entry === 'object' ? entry : { severity: entry as unknown as SeverityName };
    if (!Object.hasOwn(severityNames, severity)) problems.push(`rule '${id}': severity must be off, warn or error, got ${JSON.stringify(severity)}.`);
    problems.push(...ruleOptionProblems(id, rule.meta.options, opts));
    severities[id] = severity;
    if (typeof entry !== 'string') options[id] = opts;
  }
  const templatePaths = Object.create(null) as Record<string, TemplatePath[]>;
  for (const [kind, given] of Object.entries(user.podTemplatePaths ?? {})) {
    templatePaths[kind] = [];
    for (const text of typeof given === 'string' ? [given] : Array.isArray(given) ? given : []) {
      const parsed = parseTemplatePath(String(text));
      if (parsed.ok) templatePaths[kind].push(parsed.path);
      else problems.push(`podTemplatePaths.${kind}: ${parsed.problem}.`);
    }
  }
  if (problems.length) throw new ConfigError(`Invalid config:\n${problems.join('\n')}`);
  const enabled = Object.create(null) as Record<string, RuleSetting>;
  for (const [id, sev] of Object.entries(severities)) {
    const rule = Object.hasOwn(rules, id) ? rules[id] : undefined;
    if (!rule || sev === 'off') continue;
    enabled[id] = { severity: severityNumber[sev], options: { ...defaultOptions(rule.meta), ...options[id] } };
  }
  return {
    rules: enabled,
    settings: { kubernetesVersion: user.kubernetesVersion ?? newestKubernetesVersion, runtime: user.runtime ?? 'auto', runtimes: user.runtimes ?? {} },
    ...(Object.keys(templatePaths).length ? { templatePaths } : {}),
  };
}
