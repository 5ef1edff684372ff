import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'readiness-grace-period',
  meta: {
    description: 'A readinessProbe may not set terminationGracePeriodSeconds.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    fixable: 'code',
    messages: {
      forbidden:
        'terminationGracePeriodSeconds on a readinessProbe: the API server rejects the pod (must not be set for readinessProbes). A readiness failure never kills the container, so there is no grace period to set.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        const { keyNode, state } = p.terminationGracePeriodSeconds;
        // `terminationGracePeriodSeconds:` with no value (or null) decodes to a nil pointer: accepted.
        if (p.kind !== 'readiness' || !keyNode || state === 'null') return;
        // Removing the key is the only repair: readiness has no grace period to set.
        ctx.report({ at: keyNode, messageId: 'forbidden', fix: ctx.edits.removeEntry(keyNode) });
      },
    };
  },
});
