import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'probe-timeout-exceeds-period',
  meta: {
    description: 'A probe timeoutSeconds longer than periodSeconds stretches the real period and the time to detect a failure.',
    category: 'probes',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      stretch: '{{kind}}Probe timeoutSeconds {{timeout}} is longer than periodSeconds {{period}}: attempts never overlap, so a hanging check is repeated only every {{timeout}}s and failing takes up to {{detect}}s ({{failures}} × {{timeout}}s) instead of {{expected}}s.',
      lowerTimeout: 'Lower timeoutSeconds to {{seconds}}, the period: failing is detected within {{detect}}s again.',
      raisePeriod: 'Raise periodSeconds to {{seconds}}, the timeout: the probe runs as often as it really can.',
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
          // Which one depends on whether the check may really take that long: the user's choice.
          suggest: p.node
            ? [
                { messageId: 'lowerTimeout', data: { seconds: per, detect: f * per }, fix: ctx.edits.setEntry(p.node, 'timeoutSeconds', String(per)) },
                { messageId: 'raisePeriod', data: { seconds: t }, fix: ctx.edits.setEntry(p.node, 'periodSeconds', String(t)) },
              ]
            : [],
        });
      },
    };
  },
});
