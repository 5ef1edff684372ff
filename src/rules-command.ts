/**
 * `kube-lifelint rules`: the rule list with default severity, category, whether it fixes or
 * suggests (`fix`, `suggest`, `fix+suggest`, `-`), description and doc link.
 */
import { ruleDocsMeta } from './rule-docs.js';

export function printRules(format: string): string {
  const meta = ruleDocsMeta();
  if (format === 'json') return `${JSON.stringify(Object.entries(meta).map(([id, m]) => ({ id, ...m })), null, 2)}\n`;
  const ids = Object.keys(meta);
  const width = Math.max(...ids.map((i) => i.length));
  const sevWidth = 5;
  const lines = ids.map((id) => {
    const m = meta[id]!;
    const repairs = [m.fixable ? 'fix' : '', m.hasSuggestions ? 'suggest' : ''].filter(Boolean).join('+') || '-';
    return `${id.padEnd(width)}  ${m.defaultSeverity.padEnd(sevWidth)}  ${m.category.padEnd(12)}  ${repairs.padEnd(11)}  ${m.description}\n${' '.repeat(width + 2)}${m.url}`;
  });
  return `${lines.join('\n')}\n`;
}
