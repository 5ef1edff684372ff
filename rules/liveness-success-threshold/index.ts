import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'liveness-success-threshold',
  meta: {
    description: 'Liveness and startup probes must have successThreshold 1.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    fixable: 'code',
    messages: {
      notOne: '{{kind}}Probe successThreshold is {{value}}: the API server rejects it (must be 1 for liveness and startup probes).',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        const st = p.successThreshold;
        // 0 is not rejected: SetDefaults_Probe turns it into 1 before validation (state default).
        if (p.kind === 'readiness' || st.state === 'default' || st.written === undefined || st.written === 1) return;
        // The only value the API server accepts, so the fix is safe.
        ctx.report({ at: st, messageId: 'notOne', data: { kind: p.kind, value: st.written }, fix: ctx.edits.replace(st, '1') });
      },
    };
  },
});
