import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'grace-period-zero',
  meta: {
    description: 'terminationGracePeriodSeconds: 0 turns every deletion into a force delete with no SIGTERM window.',
    category: 'termination',
    defaultSeverity: 'warn',
    messages: {
      zero: 'terminationGracePeriodSeconds: 0: deleting the pod removes it from the API at once (like --force) and the containers get no time to handle SIGTERM.',
      zeroWithPreStop: 'terminationGracePeriodSeconds: 0: deleting the pod removes it from the API at once (like --force), and the preStop hook of {{containers}} never runs.',
    },
  },
  create(ctx) {
    return {
      pod(pod) {
        const g = pod.terminationGracePeriodSeconds;
        if (g.defaulted || g.value !== 0) return;
        const withPreStop = pod.containers.flatMap((c) => c.hooks.filter((h) => h.kind === 'preStop').map((h) => ({ c, h })));
        if (withPreStop.length === 0) return ctx.report({ at: g, messageId: 'zero' });
        ctx.report({
          at: g,
          messageId: 'zeroWithPreStop',
          data: { containers: withPreStop.map(({ c }) => `"${c.name.value}"`).join(', ') },
          related: withPreStop.map(({ c, h }) => ({ at: h.key, message: `preStop of "${c.name.value}" (never runs)` })),
        });
      },
    };
  },
});
