import { defineRule } from '../../src/rule-api.js';
import { formatSeconds, handlerDuration } from '../../src/analysis/durations.js';
import { defaults } from '../../src/k8s/defaults.js';

export default defineRule({
  id: 'probe-grace-cuts-prestop',
  meta: {
    description: 'A liveness or startup probe grace period shorter than the preStop hook cuts the hook when the probe kills the container.',
    category: 'termination',
    defaultSeverity: 'warn',
    messages: {
      cuts: '{{kind}}Probe terminationGracePeriodSeconds is {{probeGrace}}, but the preStop hook takes at least {{min}} ({{evidence}}): when this probe kills the container, the kubelet cuts the hook at {{probeGrace}}s and the app gets only 2s after SIGTERM before SIGKILL.',
      starves: '{{kind}}Probe terminationGracePeriodSeconds is {{probeGrace}} and the preStop hook takes at least {{min}} ({{evidence}}): when this probe kills the container, the app gets at most {{left}} after SIGTERM before SIGKILL; keep at least {{shutdown}} (a grace period of {{need}} or more).',
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
        // Readiness failures do not kill (a grace period there is readiness-grace-period's finding).
        if (p.kind === 'readiness' || p.empty || pg.state !== 'written' || typeof pg.value !== 'number') return;
        const hook = p.container.hooks.find((h) => h.kind === 'preStop');
        if (!hook?.handler) return;
        const d = handlerDuration(hook.handler, p.container);
        // A hook that never ends is cut by any grace period: prestop-never-ends reports the hook.
        if (d.unbounded || d.min <= 0) return;
        const shutdown = ctx.options.minShutdownSeconds;
        const data = {
          kind: p.kind,
          probeGrace: pg.value,
          min: formatSeconds(d.min),
          evidence: d.evidence.map((e) => e.text).join(', ') || hook.handler.type,
          shutdown: formatSeconds(shutdown),
          need: formatSeconds(d.min + shutdown),
        };
        const related = [{ at: d.evidence[0]?.span ?? hook.handler.key, message: `the preStop hook of "${p.container.name.value}"` }];
        if (pg.value <= d.min) return ctx.report({ at: pg, messageId: 'cuts', data, related });
        // The kubelet floors what is left after the hook at 2 s (minimumGracePeriodInSeconds).
        const left = Math.max(pg.value - d.min, defaults.minimumGracePeriodSeconds);
        if (left >= shutdown) return;
        ctx.report({ at: pg, messageId: 'starves', data: { ...data, left: formatSeconds(left) }, related });
      },
    };
  },
});
