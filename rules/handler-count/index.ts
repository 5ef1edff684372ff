import { defineRule } from '../../src/rule-api.js';
import type { HandlerView } from '../../src/k8s/views.js';

/** A probe runs exec/httpGet/tcpSocket/grpc; a hook runs exec/httpGet/tcpSocket/sleep. Exactly one. */
const probeHandlers = new Set(['exec', 'httpGet', 'tcpSocket', 'grpc']);
const hookHandlers = new Set(['exec', 'httpGet', 'tcpSocket', 'sleep']);

export default defineRule({
  id: 'handler-count',
  meta: {
    description: 'A probe or lifecycle hook must name exactly one handler.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    messages: {
      none: '{{what}} has no handler ({{allowed}}): the API server rejects the pod ("must specify a handler type").',
      many: '{{what}} has {{count}} handlers ({{types}}): the API server rejects the pod ("may not specify more than 1 handler type").',
    },
  },
  create(ctx) {
    const check = (what: string, key: Parameters<typeof ctx.report>[0]['at'], handlers: HandlerView[], allowed: Set<string>) => {
      const found = handlers.filter((h) => allowed.has(h.type));
      if (found.length === 0) ctx.report({ at: key, messageId: 'none', data: { what, allowed: [...allowed].join(', ') } });
      else if (found.length > 1) ctx.report({ at: key, messageId: 'many', data: { what, count: found.length, types: found.map((h) => h.type).join(', ') } });
    };
    return {
      // An empty probe (`readinessProbe:` and nothing) is probe-empty's finding: one cause, one finding.
      probe: (p) => void (p.empty || check(`${p.kind}Probe`, p.key, p.handlers, probeHandlers)),
      hook: (h) => check(h.kind, h.key, h.handlers, hookHandlers),
    };
  },
});
