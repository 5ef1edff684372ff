import { defineRule } from '../../src/rule-api.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import { defaultMinShutdownSeconds, preStopFacts, preStopRepairMessages, preStopSuggestions, shutdownWindow } from '../../src/analysis/prestop.js';
import { defaults } from '../../src/k8s/defaults.js';

export default defineRule({
  id: 'prestop-starves-shutdown',
  meta: {
    description: 'A preStop hook that leaves too little of the grace period for the app to handle SIGTERM.',
    category: 'termination',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: {
      starves: 'preStop takes at least {{min}} ({{evidence}}) of the {{grace}} grace period, leaving at most {{left}} to shut down after SIGTERM{{sidecars}}; keep at least {{needed}}.',
      ...preStopRepairMessages,
    },
    options: {
      type: 'object',
      properties: {
        minShutdownSeconds: { type: 'number', minimum: 0, default: defaultMinShutdownSeconds, description: 'Seconds the app needs between SIGTERM and SIGKILL (doubled when the pod has sidecars, which stop after the app within the same budget).' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    return {
      hook(h) {
        const f = preStopFacts(h);
        if (!f || f.graceFromBase) return;
        const { grace, graceText, related, handler, duration: d } = f;
        // Only a hook that certainly waits can starve the shutdown; at or past G is another rule.
        if (d.unbounded || d.min <= 0 || d.min >= grace) return;
        const needed = shutdownWindow(h, ctx.options.minShutdownSeconds);
        // The kubelet floors what is left after the hook at 2 s (minimumGracePeriodInSeconds).
        const left = Math.max(grace - d.min, defaults.minimumGracePeriodSeconds);
        if (left >= needed) return;
        ctx.report({
          at: d.evidence[0]?.span ?? handler.key,
          messageId: 'starves',
          data: {
            min: formatSeconds(d.min),
            evidence: d.evidence.map((e) => e.text).join(', ') || handler.type,
            grace: graceText,
            left: grace - d.min < left ? `${formatSeconds(left)} (the kubelet's minimum)` : formatSeconds(left),
            needed: formatSeconds(needed),
            sidecars: needed > ctx.options.minShutdownSeconds ? ' (the app and then its sidecars)' : '',
          },
          related: [related],
          suggest: preStopSuggestions(ctx.edits, h, f, needed),
        });
      },
    };
  },
});
