import { defineRule } from '../../src/rule-api.js';
import type { PodView } from '../../src/k8s/views.js';
import { checkContainer, checkPod, schemaMessages } from '../../src/k8s/schema-check.js';

export default defineRule({
  id: 'schema',
  meta: {
    description: 'Lifecycle fields must match the Kubernetes schema: known keys, the right types, values in range.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: { ...schemaMessages, didYouMean: 'Change it to {{text}}.' },
    hasSuggestions: true,
  },
  create(ctx) {
    // One finding per document for unrendered-template placeholders: every `${PORT}` has one cause.
    const templated = new Set<PodView['doc']>();
    return {
      pod(pod) {
        const problems = [checkPod(pod), ...pod.containers.map(checkContainer)].flat().sort((a, b) => a.span.start - b.span.start);
        const seen = new Set<string>(); // an alias reports at its anchor once
        for (const p of problems) {
          const id = `${p.kind}:${p.span.start}:${p.span.end}`;
          if (seen.has(id)) continue;
          seen.add(id);
          if (p.kind === 'template') {
            if (templated.has(pod.doc)) continue;
            templated.add(pod.doc);
          }
          // The near miss the check found (a key, an enum value, a number without quotes): the user confirms it.
          const suggest = p.suggestion === undefined ? [] : [{ messageId: 'didYouMean' as const, data: { text: p.suggestion }, fix: ctx.edits.replace(p.span, p.suggestion) }];
          ctx.report({ at: p.span, messageId: p.kind, data: p.data, suggest });
        }
      },
    };
  },
});
