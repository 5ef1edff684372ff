/** Rule metadata for formatters and `kube-lifelint rules`: description, category, doc link. */
import { rules } from '../rules/index.js';
import type { RuleDocsMeta } from './types.js';

export const docsBaseUrl = 'https://github.com/kube-lifelint/kube-lifelint/blob/main/rules';

export function ruleDocUrl(id: string): string {
  return `${docsBaseUrl}/${id}/README.md`;
}

export function ruleDocsMeta(): Record<string, RuleDocsMeta> {
  const out: Record<string, RuleDocsMeta> = {};
  for (const [id, r] of Object.entries(rules)) {
    out[id] = { description: r.meta.description, category: r.meta.category, defaultSeverity: r.meta.defaultSeverity, url: ruleDocUrl(id) };
    if (r.meta.fixable) out[id]!.fixable = true;
    if (r.meta.hasSuggestions) out[id]!.hasSuggestions = true;
  }
  return out;
}
