import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'probe-timeout-exceeds-period',
  meta: {
    description: 'A probe timeoutSeconds longer than periodSeconds stretches the real period and the time to detect a failure.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      stretch: '{{kind}}Probe timeoutSeconds {{timeout}} is longer than periodSeconds {{period}}: attempts never overlap, so a hanging check is repeated only every {{timeout}}s and failing takes up to {{detect}}s ({{failures}} × {{timeout}}s) instead of {{expected}}s.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        // Probes on regular init containers are rejected by the API server: init-container-lifecycle.
        if (p.empty || p.container.role === 'init' || p.container.role === 'ephemeral') return;
        const { timeoutSeconds: tField, periodSeconds: perField } = p;
        const [t, per, f] = [tField.value, perField.value, p.failureThreshold.value];
        // Written but not a number, or negative: the schema rule's finding; the timings are unknown.
        if (tField.state === 'invalid' || perField.state === 'invalid' || t <= per) return;
        ctx.report({
          at: p.timeoutSeconds,
          messageId: 'stretch',
          data: {
            kind: p.kind,
            timeout: t,
            period: perField.state === 'written' ? per : `${per} (default)`,
            failures: f,
            detect: f * t,
            expected: f * per,
          },
          related: perField.written === undefined ? [] : [{ at: perField, message: perField.state === 'default' ? `periodSeconds: ${perField.written} (defaulted to ${per})` : `periodSeconds: ${per}` }],
        });
      },
    };
  },
});
