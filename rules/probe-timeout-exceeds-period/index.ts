import { defineRule } from '../../src/rule-api.js';
import { defaults } from '../../src/k8s/defaults.js';
import type { Field } from '../../src/k8s/views.js';

/** The value the API server stores: a written 0 is defaulted (SetDefaults_Probe); null when unknown. */
function effective(f: Field<number>, fallback: number): number | null {
  if ((f.defaulted && f.node) || f.value < 0) return null;
  return f.value === 0 ? fallback : f.value;
}

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
        const t = effective(p.timeoutSeconds, defaults.probe.timeoutSeconds);
        const per = effective(p.periodSeconds, defaults.probe.periodSeconds);
        const f = effective(p.failureThreshold, defaults.probe.failureThreshold) ?? defaults.probe.failureThreshold;
        if (t === null || per === null || t <= per) return;
        const perField = p.periodSeconds;
        ctx.report({
          at: p.timeoutSeconds,
          messageId: 'stretch',
          data: {
            kind: p.kind,
            timeout: t,
            period: perField.defaulted || perField.value === 0 ? `${per} (default)` : per,
            failures: f,
            detect: f * t,
            expected: f * per,
          },
          related: perField.defaulted ? [] : [{ at: perField, message: perField.value === 0 ? `periodSeconds: 0 (defaulted to ${per})` : `periodSeconds: ${per}` }],
        });
      },
    };
  },
});
