import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'liveness-kills-slow-start',
  meta: {
    description: 'A liveness probe without a startupProbe that can kill the container before a slow start completes.',
    category: 'startup',
    defaultSeverity: 'off',
    messages: {
      early: 'livenessProbe can kill container "{{container}}" {{window}}s after it starts (initialDelaySeconds {{delay}} + failureThreshold {{failures}} × periodSeconds {{period}}, below minStartupSeconds {{min}}) and there is no startupProbe: an app that needs {{window}}s or more to start is restarted in a loop. Add a startupProbe.',
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
        // Probes on regular init containers are rejected by the API server: init-container-lifecycle.
        if (p.kind !== 'liveness' || p.empty || p.container.role === 'init' || p.container.role === 'ephemeral') return;
        if (p.container.probes.some((o) => o.kind === 'startup' && !o.empty)) return;
        const timings = [p.initialDelaySeconds, p.failureThreshold, p.periodSeconds];
        // Written but not a number, or negative: the schema rule's finding; the window is unknown.
        if (timings.some((f) => f.state === 'invalid')) return;
        const [delay, failures, period] = timings.map((f) => f.value) as [number, number, number];
        const window = delay + failures * period;
        if (window >= ctx.options.minStartupSeconds) return;
        ctx.report({
          at: p.key,
          messageId: 'early',
          data: { container: p.container.name.value, window, delay, failures, period, min: ctx.options.minStartupSeconds },
        });
      },
    };
  },
});
