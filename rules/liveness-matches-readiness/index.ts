import { defineRule } from '../../src/rule-api.js';
import type { HandlerView, ProbeView } from '../../src/k8s/views.js';

/** Two handlers check the same thing: same command, or same target (path, port, host, scheme). */
function sameCheck(a: HandlerView, b: HandlerView): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'exec') return !!a.command && !!b.command && JSON.stringify(a.command.value) === JSON.stringify(b.command.value);
  const same = <T>(x: { value: T } | undefined, y: { value: T } | undefined) => x?.value === y?.value;
  return same(a.port, b.port) && same(a.host, b.host) && same(a.path, b.path);
}

const window = (p: ProbeView) => p.failureThreshold.value * p.periodSeconds.value;

export default defineRule({
  id: 'liveness-matches-readiness',
  meta: {
    description: 'A liveness probe that checks the same thing as the readiness probe, and is no more tolerant, restarts pods that should only be taken out of rotation.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      same: 'livenessProbe checks the same thing as readinessProbe and gives up as fast or faster ({{liveWindow}}s vs {{readyWindow}}s of failures): under load the container is restarted instead of being taken out of rotation. Make liveness more tolerant (higher failureThreshold or periodSeconds) or check something cheaper.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        const live = c.probes.find((p) => p.kind === 'liveness');
        const ready = c.probes.find((p) => p.kind === 'readiness');
        if (!live?.handler || !ready?.handler || !sameCheck(live.handler, ready.handler)) return;
        if (window(live) > window(ready)) return;
        ctx.report({
          at: live.key,
          messageId: 'same',
          data: { liveWindow: window(live), readyWindow: window(ready) },
          related: [{ at: ready.key, message: 'readinessProbe' }],
        });
      },
    };
  },
});
