/**
 * Presets derived from rule metadata: no hand-kept lists. `recommended` enables every rule whose
 * default severity is not `off`, at that severity; `strict` enables all, `off` ones as warnings.
 */
import type { Rule } from '../rule-api.js';
import type { SeverityName } from '../types.js';

export type PresetName = 'recommended' | 'strict' | 'none';
export const presetNames: readonly PresetName[] = ['recommended', 'strict', 'none'];

export function presetSeverities(preset: PresetName, rules: Readonly<Record<string, Rule<any>>>): Record<string, SeverityName> {
  // Keyed by rule ids, which config and flags extend with user input: no prototype to collide with.
  const out = Object.create(null) as Record<string, SeverityName>;
  for (const [id, rule] of Object.entries(rules)) {
    const d = rule.meta.defaultSeverity;
    if (preset === 'recommended') out[id] = d;
    else if (preset === 'strict') out[id] = d === 'off' ? 'warn' : d;
    else out[id] = 'off';
  }
  return out;
}
