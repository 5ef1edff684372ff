import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'poststart-http-race',
  meta: {
    description: 'An httpGet postStart hook races the app\'s listener, is not retried, and kills the container when it loses.',
    category: 'startup',
    defaultSeverity: 'warn',
    messages: {
      race: 'httpGet postStart hook: it runs as soon as the container is created, racing the app\'s listener; a refused connection is not retried and kills container "{{container}}" (FailedPostStartHook). Use an exec hook that waits, or do the work in the app.',
    },
  },
  create(ctx) {
    return {
      hook(h) {
        // Hooks on regular init containers are rejected by the API server: init-container-lifecycle.
        if (h.kind !== 'postStart' || h.container.role === 'init' || h.container.role === 'ephemeral') return;
        for (const handler of h.handlers) {
          if (handler.type === 'httpGet') ctx.report({ at: handler.key, messageId: 'race', data: { container: h.container.name.value } });
        }
      },
    };
  },
});
