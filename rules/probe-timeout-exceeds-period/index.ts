import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'probe-timeout-exceeds-period',
  meta: {
    description: 'A probe timeoutSeconds longer than periodSeconds stretches the real period and the time to detect a failure.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      stretch: '{{kind}}Probe timeoutSeconds {{timeout}} is longer than periodSeconds {{period}}: attempts never overlap, so a hanging check is repeated only every {{timeout}}s and failing takes up to {{detect}}s instead of {{expected}}s.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        const t = p.timeoutSeconds;
        const per = p.periodSeconds;
        if (p.empty || (t.defaulted && per.defaulted) || t.value <= per.value) return;
        const f = p.failureThreshold.value;
        ctx.report({
          at: t.defaulted ? p.keyAt : t,
          messageId: 'stretch',
          data: { kind: p.kind, timeout: t.value, period: per.value, detect: f * t.value, expected: f * per.value },
          related: per.defaulted ? [] : [{ at: per, message: `periodSeconds: ${per.value}` }],
        });
      },
    };
  },
});
