import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'probe-port-undeclared',
  meta: {
    description: 'A numeric probe port should be listed in the container\'s ports.',
    category: 'probes',
    defaultSeverity: 'off',
    messages: {
      undeclared: '{{kind}}Probe checks port {{port}}, which container "{{container}}" does not list in its ports: check that the probe targets the port the app serves.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        // Probes on ephemeral containers are rejected by the API server (init-container-lifecycle).
        if (p.container.role === 'ephemeral') return;
        const port = p.handler?.port;
        if (!port || port.state !== 'written' || typeof port.value !== 'number') return;
        if (!p.container.ports.some((cp) => cp.containerPort === port.value)) {
          ctx.report({ at: port, messageId: 'undeclared', data: { kind: p.kind, port: port.value, container: p.container.name.value } });
        }
      },
    };
  },
});
