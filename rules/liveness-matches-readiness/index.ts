import { defineRule } from '../../src/rule-api.js';
import type { ContainerView, HandlerView, ProbeView } from '../../src/k8s/views.js';

/** A port as the kubelet resolves it: a name through the container's ports, else the number. */
function portOf(c: ContainerView, h: HandlerView): number | string | undefined {
  const v = h.port?.value;
  if (typeof v === 'string') return c.ports.find((p) => p.name === v)?.containerPort ?? v;
  return v;
}

/** Fields that can make two handlers of the same type check different things. */
function extras(h: HandlerView): string {
  const headers = h.httpHeaders?.map((x) => [x.name?.toLowerCase(), x.value]).sort();
  return JSON.stringify([h.scheme?.value, headers, h.service?.value]);
}

/** Two handlers check the same thing: same command, or same target (port, host, path, scheme, headers; gRPC service). */
function sameCheck(c: ContainerView, a: HandlerView, b: HandlerView): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'exec') return !!a.command && !!b.command && JSON.stringify(a.command.value) === JSON.stringify(b.command.value);
  if (a.port?.value === undefined || b.port?.value === undefined) return false;
  const same = <T>(x: { value: T } | undefined, y: { value: T } | undefined) => x?.value === y?.value;
  return portOf(c, a) === portOf(c, b) && same(a.host, b.host) && same(a.path, b.path) && extras(a) === extras(b);
}

function describe(c: ContainerView, h: HandlerView): string {
  if (h.type === 'exec') {
    const cmd = h.command?.value.join(' ') ?? '';
    return `exec ${cmd.length > 60 ? `${cmd.slice(0, 57)}...` : cmd}`;
  }
  const port = portOf(c, h);
  if (h.type === 'httpGet') return `GET ${h.path?.value ?? '/'} on port ${port}`;
  return `${h.type} on port ${port}`;
}

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
    messages: {
      same: 'livenessProbe checks the same thing as readinessProbe ({{what}}) and gives up as fast or faster ({{liveWindow}} of failures vs {{readyWindow}}): under load the container is restarted instead of being taken out of rotation. Make liveness more tolerant (higher failureThreshold or periodSeconds) or check something cheaper.',
    },
  },
  create(ctx) {
    return {
      container(c) {
        // Probes on regular init containers are rejected by the API server: init-container-lifecycle.
        if (c.role === 'init' || c.role === 'ephemeral') return;
        const live = c.probes.find((p) => p.kind === 'liveness');
        const ready = c.probes.find((p) => p.kind === 'readiness');
        if (!live?.handler || !ready?.handler || !sameCheck(c, live.handler, ready.handler)) return;
        const lw = windowOf(live);
        const rw = windowOf(ready);
        if (!lw || !rw || lw.total > rw.total) return;
        ctx.report({
          at: live.key,
          messageId: 'same',
          data: {
            what: describe(c, live.handler),
            liveWindow: `${lw.failures} × ${lw.period}s = ${lw.total}s`,
            readyWindow: `${rw.failures} × ${rw.period}s = ${rw.total}s`,
          },
          related: [{ at: ready.key, message: 'readinessProbe' }],
        });
      },
    };
  },
});
