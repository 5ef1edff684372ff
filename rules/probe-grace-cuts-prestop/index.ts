import { defineRule } from '../../src/rule-api.js';
import { formatSeconds, handlerDuration } from '../../src/analysis/durations.js';

export default defineRule<{ minShutdownSeconds: number }>({
  id: 'probe-grace-cuts-prestop',
  meta: {
    description: 'A liveness or startup probe grace period shorter than the preStop hook cuts the hook when the probe kills the container.',
    category: 'termination',
    defaultSeverity: 'warn',
    messages: {
      cuts: '{{kind}}Probe terminationGracePeriodSeconds is {{probeGrace}}s, but the preStop hook takes at least {{min}} (+{{shutdown}} to shut down): when this probe kills the container, the hook is cut and the app gets 2s after SIGTERM.',
    },
    options: {
      type: 'object',
      properties: {
        minShutdownSeconds: { type: 'number', minimum: 0, default: 5, description: 'Seconds the app needs after the preStop hook, before SIGKILL.' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    return {
      probe(p) {
        const pg = p.terminationGracePeriodSeconds;
        if (p.kind === 'readiness' || pg.defaulted || typeof pg.value !== 'number') return;
        const hook = p.container.hooks.find((h) => h.kind === 'preStop');
        if (!hook?.handler) return;
        const d = handlerDuration(hook.handler, p.container);
        if (d.min <= 0 && !d.unbounded) return;
        const need = d.unbounded ? Infinity : d.min + ctx.options.minShutdownSeconds;
        if (pg.value >= need) return;
        ctx.report({
          at: pg,
          messageId: 'cuts',
          data: { kind: p.kind, probeGrace: pg.value, min: d.unbounded ? 'forever' : formatSeconds(d.min), shutdown: formatSeconds(ctx.options.minShutdownSeconds) },
          related: [{ at: d.evidence[0]?.span ?? hook.key, message: 'the preStop hook' }],
        });
      },
    };
  },
});
