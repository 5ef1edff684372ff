import { defineRule } from '../../src/rule-api.js';
import { describeHandler, sameCheck } from '../../src/k8s/handler-target.js';
import type { ProbeView } from '../../src/k8s/views.js';
import { serviceSelectorRelated } from '../../src/k8s/serving.js';

function windowOf(p: ProbeView): { failures: number; period: number; total: number } | null {
  const { failureThreshold: failures, periodSeconds: period } = p;
  if (failures.state === 'invalid' || period.state === 'invalid') return null;
  return { failures: failures.value, period: period.value, total: failures.value * period.value };
}

export default defineRule({
  id: 'liveness-matches-readiness',
  meta: {
    description: 'A liveness probe that checks the same thing as the readiness probe, and is no more tolerant, restarts pods that should only be taken out of rotation.',
    category: 'probes',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      same: 'livenessProbe checks the same thing as readinessProbe ({{what}}) and gives up as fast or faster ({{liveWindow}} of failures vs {{readyWindow}}): under load the container is restarted instead of being taken out of rotation. Make liveness more tolerant (higher failureThreshold or periodSeconds) or check something cheaper.',
      relaxLiveness: 'Raise the livenessProbe failureThreshold to {{failures}}: {{failures}} × {{period}}s = {{total}}s of failures, twice the readiness window.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        // Probes on regular init containers are rejected by the API server: init-container-lifecycle.
        if (c.role === 'init' || c.role === 'ephemeral') return;
        // Readiness only takes a pod out of the endpoints of the Services that select it: with none
        // (a collector reached by hostPort, a CNI agent, an operator) the hazard cannot happen.
        const svc = ctx.servicesSelecting(c.pod)[0];
        if (!svc) return;
        const live = c.probes.find((p) => p.kind === 'liveness');
        const ready = c.probes.find((p) => p.kind === 'readiness');
        if (!live?.handler || !ready?.handler || !sameCheck(c, live.handler, ready.handler)) return;
        const lw = windowOf(live);
        const rw = windowOf(ready);
        if (!lw || !rw || lw.total > rw.total) return;
        // Twice the readiness window: a container out of rotation gets that long to recover before a restart.
        const failures = Math.ceil((2 * rw.total) / lw.period);
        const suggest = live.node
          ? [{ messageId: 'relaxLiveness' as const, data: { failures, period: lw.period, total: failures * lw.period }, fix: ctx.edits.setEntry(live.node, 'failureThreshold', String(failures)) }]
          : [];
        ctx.report({
          at: live.key,
          messageId: 'same',
          data: {
            what: describeHandler(c, live.handler),
            liveWindow: `${lw.failures} × ${lw.period}s = ${lw.total}s`,
            readyWindow: `${rw.failures} × ${rw.period}s = ${rw.total}s`,
          },
          related: [{ at: ready.key, message: 'readinessProbe' }, serviceSelectorRelated(svc, ctx.filePath)].filter((r) => r !== undefined),
          suggest,
        });
      },
    };
  },
});
