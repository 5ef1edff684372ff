/**
 * The JSON Schema of `.kube-lifelint.yaml`, generated from rule metadata (so a new rule or option
 * needs no schema edit). Written to schemas/config.schema.json for editors (yaml-language-server
 * `$schema`) and used by ajv when a config file is loaded.
 */
import type { Rule } from '../rule-api.js';
import { presetNames } from './presets.js';
import { builtinProfiles, runtimeProfileSchema } from '../runtime/profiles.js';

const severity = { enum: ['off', 'warn', 'error'] };

export function configSchema(rules: Readonly<Record<string, Rule<any>>>): object {
  const ruleProps: Record<string, object> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const options = rule.meta.options?.properties ?? {};
    ruleProps[id] = {
      description: `${rule.meta.description} (default: ${rule.meta.defaultSeverity})`,
      oneOf: [
        severity,
        {
          type: 'object',
          properties: { severity, ...options },
          required: ['severity'],
          additionalProperties: false,
        },
      ],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kube-lifelint/kube-lifelint/blob/main/schemas/config.schema.json',
    title: 'kube-lifelint configuration (.kube-lifelint.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: { enum: [...presetNames], description: 'Preset: recommended (default), strict (every rule) or none.' },
      rules: { type: 'object', additionalProperties: false, properties: ruleProps, description: 'Per-rule severity, or { severity, ...options }.' },
      kubernetesVersion: { type: 'string', pattern: '^1\\.\\d+$', description: 'Target Kubernetes version, e.g. "1.33".' },
      runtime: {
        type: 'string',
        description: `Runtime profile: "auto" (detect it from each pod), "none", a built-in profile (${builtinProfiles.map((p) => p.name).join(', ')}) or a name from runtimes.`,
      },
      runtimes: { type: 'object', additionalProperties: runtimeProfileSchema, description: 'Your own runtime profiles, by name.' },
      podTemplatePaths: {
        type: 'object',
        // The paths themselves are checked when the config is resolved, with a message that says what to write.
        additionalProperties: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        description: 'Kind → path (or list of paths) to its pod templates (metadata + spec): keys joined by ".", "[]" after a list\'s key for every item, "*" for every value of a map, e.g. { Elasticsearch: "spec.nodeSets[].podTemplate", TFJob: "spec.tfReplicaSpecs.*.template" }.',
      },
      ignorePatterns: { type: 'array', items: { type: 'string' }, description: 'Globs of paths to skip (relative to the config file).' },
    },
  };
}
