import { defineRule } from '../../src/rule-api.js';

export default defineRule<{ minStartupSeconds: number }>({
  id: 'liveness-kills-slow-start',
  meta: {
    description: 'A liveness probe without a startupProbe that can kill the container before a slow start completes.',
    category: 'startup',
    defaultSeverity: 'off',
    messages: {
      early: 'livenessProbe can kill container "{{container}}" {{window}}s after it starts (initialDelaySeconds {{delay}} + failureThreshold {{failures}} × periodSeconds {{period}}) and there is no startupProbe: an app that needs {{min}}s or more to start is restarted in a loop. Add a startupProbe.',
    },
    options: {
      type: 'object',
      properties: {
        minStartupSeconds: { type: 'number', minimum: 0, default: 10, description: 'Report when the liveness failure window from start is below this many seconds.' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    return {
      probe(p) {
        if (p.kind !== 'liveness' || p.empty || p.container.probes.some((o) => o.kind === 'startup' && !o.empty)) return;
        const window = p.initialDelaySeconds.value + p.failureThreshold.value * p.periodSeconds.value;
        if (window >= ctx.options.minStartupSeconds) return;
        ctx.report({
          at: p.key,
          messageId: 'early',
          data: { container: p.container.name.value, window, delay: p.initialDelaySeconds.value, failures: p.failureThreshold.value, period: p.periodSeconds.value, min: ctx.options.minStartupSeconds },
        });
      },
    };
  },
});
