import { defineRule } from '../../src/rule-api.js';
import { hostTarget, podSecurityHostNote } from '../../src/k8s/handler-host.js';

export default defineRule({
  id: 'poststart-http-race',
  meta: {
    description: 'An httpGet postStart hook races the app\'s listener, is not retried, and kills the container when it loses.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      race: 'httpGet postStart hook: it runs as soon as container "{{container}}" is created, racing the app\'s listener; a refused connection is not retried and kills the container (FailedPostStartHook). Use an exec hook that waits, or do the work in the app.',
      node: 'httpGet postStart hook to {{host}}: the kubelet sends it from the node, so without hostNetwork it reaches the node, not container "{{container}}"; the request fails or hits the wrong server, is not retried, and a failure kills the container (FailedPostStartHook). Omit host (the kubelet then uses the pod IP), or use an exec hook.{{pss}}',
      remote: 'httpGet postStart hook to {{host}}: it is sent once, as soon as container "{{container}}" is created; if {{host}} is unreachable or fails, the request is not retried and the container is killed (FailedPostStartHook). Do the call from the app or an exec hook that retries.{{pss}}',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init containers are rejected by the API server (init-container-lifecycle);
        // a hook with two handlers too (handler-count).
        if (h.kind !== 'postStart' || h.handler?.type !== 'httpGet' || h.container.role === 'init' || h.container.role === 'ephemeral') return;
        const target = hostTarget(h.handler, h.container.pod);
        const messageId = target === 'pod' || target === 'pod-loopback' ? 'race' : target === 'node' ? 'node' : 'remote';
        const pss = target === 'pod' ? '' : podSecurityHostNote(h.container.pod.workload.kubernetesVersion, 'hook');
        ctx.report({ at: h.handler.key, messageId, data: { container: h.container.name.value, host: h.handler.host?.value ?? '', pss } });
      },
    };
  },
});
