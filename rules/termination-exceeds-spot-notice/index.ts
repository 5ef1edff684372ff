import { defineRule } from '../../src/rule-api.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import { preStopFacts, setGracePeriod, shorterSleep } from '../../src/analysis/prestop.js';
import { spotPlacement } from '../../src/runtime/spot-profiles.js';

export default defineRule({
  id: 'termination-exceeds-spot-notice',
  meta: {
    description: 'A pod placed on spot or preemptible nodes whose termination certainly takes longer than the platform gives between its notice and the node going away.',
    category: 'termination',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      grace: 'terminationGracePeriodSeconds {{grace}} is more than the {{seconds}}s a pod on {{platform}} gets: {{notice}}, so the shutdown this grace period allows for is cut short.',
      preStop: 'preStop of "{{container}}" {{takes}}, so this pod needs {{needed}} to stop ({{why}}), more than the {{seconds}}s it gets on {{platform}}: {{notice}}.',
      lowerGrace: 'Lower terminationGracePeriodSeconds to {{seconds}}, what a pod gets on {{platform}}: the kubelet\'s timeline then matches the node\'s, and the shutdown is planned for the time it really has.',
      shortenSleep: 'Shorten the preStop sleep to {{sleep}}s, leaving {{window}} to shut down within the {{seconds}}s a pod gets on {{platform}}.',
    },
    options: {
      type: 'object',
      properties: {
        minShutdownSeconds: { type: 'number', minimum: 0, default: 5, description: 'Seconds the app needs between SIGTERM and SIGKILL (as in prestop-starves-shutdown).' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    return {
      pod(pod) {
        const spot = spotPlacement(pod);
        const g = pod.terminationGracePeriodSeconds;
        // A patch gets its grace period from its base; an invalid one is the schema rule's.
        if (!spot || g.state === 'invalid' || g.value === 0 || (pod.partial && g.state !== 'written')) return;
        const { seconds, title: platform, notice } = spot.profile;
        const related = spot.evidence.map((e) => ({ at: e.at, message: `${platform}: ${e.message}` }));
        const data = { seconds, platform, notice, grace: `${g.value}s` };
        // A written grace period says how long the app may need: the platform never grants it.
        if (g.state === 'written') {
          // setGracePeriod is empty where an operator's field with another meaning sets it (Knative's timeoutSeconds).
          const lower = setGracePeriod(ctx.edits, pod, seconds);
          const suggest = lower.length ? [{ messageId: 'lowerGrace' as const, data, fix: lower }] : [];
          if (g.value > seconds) ctx.report({ at: g, messageId: 'grace', data, related, suggest });
          return;
        }
        // The default grace period: what certainly elapses is the preStop minimum and the shutdown
        // after it, or the whole grace period when the hook runs into it.
        for (const c of pod.containers) {
          for (const h of c.hooks) {
            const f = preStopFacts(h);
            if (!f) continue;
            const d = f.duration;
            const cut = d.unbounded || d.min >= f.grace;
            const needed = cut ? f.grace : Math.min(f.grace, d.min + ctx.options.minShutdownSeconds);
            if (needed <= seconds) continue;
            const evidence = d.evidence.length ? ` (${d.evidence.map((e) => e.text).join(', ')})` : '';
            // The hook's one sleep, short enough for the shutdown window to fit in the notice.
            const window = ctx.options.minShutdownSeconds;
            const sleep = shorterSleep(h, f, Math.floor(Math.min(seconds, f.grace) - window));
            const suggest = sleep ? [{ messageId: 'shortenSleep' as const, data: { ...data, sleep: sleep.seconds, window: formatSeconds(window) }, fix: ctx.edits.replace(sleep.at, sleep.text) }] : [];
            ctx.report({
              at: d.evidence[0]?.span ?? f.handler.key,
              messageId: 'preStop',
              data: {
                ...data,
                container: c.name.value,
                takes: cut ? `runs until the grace period ends${evidence}` : `takes at least ${formatSeconds(d.min)}${evidence}`,
                needed: formatSeconds(needed),
                why: cut ? `the whole grace period, ${f.graceText}` : `then ${formatSeconds(ctx.options.minShutdownSeconds)} to shut down after SIGTERM`,
              },
              related: [...related, f.related],
              suggest,
            });
          }
        }
      },
    };
  },
});
