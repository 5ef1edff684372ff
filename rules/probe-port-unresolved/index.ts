import { defineRule } from '../../src/rule-api.js';
import type { ContainerView, HandlerView } from '../../src/k8s/views.js';

export default defineRule({
  id: 'probe-port-unresolved',
  meta: {
    description: 'A named port in a probe or hook must be declared by the container; gRPC probes need a number.',
    category: 'probes',
    defaultSeverity: 'error',
    messages: {
      unresolved: '{{where}} uses port "{{port}}", but container "{{container}}" declares no containerPort named "{{port}}": the kubelet cannot resolve it, so {{consequence}}.',
      grpcNamed: 'gRPC {{where}} uses the named port "{{port}}": gRPC probes take a port number only, so the API server rejects the pod.',
    },
  },
  create(ctx) {
    const check = (c: ContainerView, h: HandlerView, where: string, consequence: string) => {
      const port = h.port;
      if (!port || port.state !== 'written' || typeof port.value !== 'string') return;
      // A quoted number ("8080") is a type error for the schema rule, not an unresolved name.
      if (/^\d+$/.test(port.value)) return;
      // `${PORT:-9003}` is an unrendered envsubst placeholder (the schema rule says so once per document).
      if (port.value.includes('$')) return;
      if (h.type === 'grpc') {
        ctx.report({ at: port, messageId: 'grpcNamed', data: { where, port: port.value } });
      } else if (!c.pod.partial && !c.ports.some((p) => p.name === port.value)) {
        // A partial pod spec (a Kustomize patch) takes its ports from its base.
        ctx.report({ at: port, messageId: 'unresolved', data: { where, port: port.value, container: c.name.value, consequence } });
      }
    };
    const probeConsequence = {
      liveness: 'every attempt errors and is thrown away: the liveness check never fires',
      readiness: 'every attempt errors: the container never becomes Ready',
      startup: 'every attempt errors: the startup probe never succeeds',
    } as const;
    return {
      probe: (p) => p.handler && check(p.container, p.handler, `${p.kind}Probe`, probeConsequence[p.kind]),
      hook: (h) => h.handlers.forEach((handler) => check(h.container, handler, `${h.kind} hook`, 'the hook fails every time')),
    };
  },
});
