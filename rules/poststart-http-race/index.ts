import { defineRule } from '../../src/rule-api.js';
import { isLoopbackHost } from '../../src/text.js';

export default defineRule({
  id: 'poststart-http-race',
  meta: {
    description: 'An httpGet postStart hook races the app\'s listener, is not retried, and kills the container when it loses.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      race: 'httpGet postStart hook: it runs as soon as container "{{container}}" is created, racing the app\'s listener; a refused connection is not retried and kills the container (FailedPostStartHook). Use an exec hook that waits, or do the work in the app.',
      remote: 'httpGet postStart hook to {{host}}: it is sent once, as soon as container "{{container}}" is created; if {{host}} is unreachable or fails, the request is not retried and the container is killed (FailedPostStartHook). Do the call from the app or an exec hook that retries.',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init containers are rejected by the API server (init-container-lifecycle);
        // a hook with two handlers too (handler-count).
        if (h.kind !== 'postStart' || h.handler?.type !== 'httpGet' || h.container.role === 'init' || h.container.role === 'ephemeral') return;
        const host = h.handler.host?.value;
        const local = host === undefined || isLoopbackHost(host);
        ctx.report({ at: h.handler.key, messageId: local ? 'race' : 'remote', data: { container: h.container.name.value, host: host ?? '' } });
      },
    };
  },
});
