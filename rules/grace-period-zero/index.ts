import { defineRule } from '../../src/rule-api.js';
import { defaults } from '../../src/k8s/defaults.js';

export default defineRule({
  id: 'grace-period-zero',
  meta: {
    description: 'terminationGracePeriodSeconds: 0 turns every deletion into a force delete with no SIGTERM window.',
    category: 'termination',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      zero: 'terminationGracePeriodSeconds: 0 makes every deletion a force delete: the pod leaves the API at once (a replacement can start while its containers still run), and the containers get only the kubelet\'s 2s minimum between SIGTERM and SIGKILL.',
      zeroWithPreStop: 'terminationGracePeriodSeconds: 0 makes every deletion a force delete: the pod leaves the API at once, {{hooks}}, and the containers get only the kubelet\'s 2s minimum between SIGTERM and SIGKILL.',
      useDefault: 'Remove terminationGracePeriodSeconds: the default grace period, {{seconds}}s, applies (raise it if the app needs longer).',
    },
  },
  create(ctx) {
    return {
      pod(pod) {
        const g = pod.terminationGracePeriodSeconds;
        if (g.state !== 'written' || g.value !== 0) return;
        // Not a fix: some pods are meant to die at once (the user decides).
        const suggest = [{ messageId: 'useDefault' as const, data: { seconds: defaults.terminationGracePeriodSeconds }, fix: ctx.edits.removeEntry(g) }];
        const withPreStop = pod.containers.flatMap((c) => c.hooks.filter((h) => h.kind === 'preStop').map((h) => ({ c, h })));
        if (withPreStop.length === 0) return ctx.report({ at: g, messageId: 'zero', suggest });
        ctx.report({
          at: g,
          messageId: 'zeroWithPreStop',
          data: { hooks: hooksText(withPreStop.map(({ c }) => `"${c.name.value}"`)) },
          related: withPreStop.map(({ c, h }) => ({ at: h.key, message: `preStop of "${c.name.value}" (never runs)` })),
          suggest,
        });
      },
    };
  },
});

/** 'the preStop hook of "a" never runs' / 'the preStop hooks of "a", "b" and "c" never run'. */
function hooksText(names: string[]): string {
  if (names.length === 1) return `the preStop hook of ${names[0]} never runs`;
  return `the preStop hooks of ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} never run`;
}
