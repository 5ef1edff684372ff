import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'probe-empty',
  meta: {
    description: 'A probe key with no value configures no probe at all.',
    category: 'probes',
    defaultSeverity: 'warn',
    fixable: 'code',
    messages: {
      empty: '{{kind}}Probe is empty: no probe is configured at all (the key is there, the check is not). Add a handler or remove the key.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        // Regular init containers may not have probes at all: there an empty key is harmless, and
        // "add a handler" would get the pod rejected (init-container-lifecycle).
        // An empty key decodes to no probe, so removing it changes nothing the kubelet does: safe.
        if (p.empty && p.container.role !== 'init') ctx.report({ at: p.key, messageId: 'empty', data: { kind: p.kind }, fix: ctx.edits.removeEntry(p.key) });
      },
    };
  },
});
