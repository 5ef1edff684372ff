import { defineRule } from '../../src/rule-api.js';
import type { HandlerView } from '../../src/k8s/views.js';

/** A probe runs exec/httpGet/tcpSocket/grpc; a hook runs exec/httpGet/tcpSocket/sleep. Exactly one. */
const probeHandlers = new Set(['exec', 'httpGet', 'tcpSocket', 'grpc']);
const hookHandlers = new Set(['exec', 'httpGet', 'tcpSocket', 'sleep']);

const isEmptyHandler = (h: HandlerView) => h.node === null || h.node.items.length === 0;

export default defineRule({
  id: 'handler-count',
  meta: {
    description: 'A probe or lifecycle hook must name exactly one handler.',
    category: 'api-rejected',
    defaultSeverity: 'error',
    fixable: 'code',
    messages: {
      none: '{{what}} has no handler ({{allowed}}): the API server rejects the pod ("must specify a handler type").',
      many: '{{what}} has {{count}} handlers ({{types}}): the API server rejects the pod ("may not specify more than 1 handler type").',
    },
  },
  create(ctx) {
    const check = (what: string, key: Parameters<typeof ctx.report>[0]['at'], handlers: HandlerView[], allowed: Set<string>) => {
      const found = handlers.filter((h) => allowed.has(h.type));
      if (found.length === 0) ctx.report({ at: key, messageId: 'none', data: { what, allowed: [...allowed].join(', ') } });
      else if (found.length > 1) {
        // One empty handler key (`exec:` or `exec: {}`) beside one real handler: removing the empty
        // key is the only repair that keeps what the user wrote. Anything else is the user's choice.
        const empty = found.filter(isEmptyHandler);
        const fix = empty.length === 1 && found.length === 2 ? ctx.edits.removeEntry(empty[0]!.key) : undefined;
        ctx.report({ at: key, messageId: 'many', data: { what, count: found.length, types: found.map((h) => h.type).join(', ') }, fix });
      }
    };
    return {
      // An empty probe (`readinessProbe:` and nothing) is probe-empty's finding: one cause, one finding.
      probe: (p) => void (p.empty || check(`${p.kind}Probe`, p.key, p.handlers, probeHandlers)),
      hook: (h) => check(h.kind, h.key, h.handlers, hookHandlers),
    };
  },
});
