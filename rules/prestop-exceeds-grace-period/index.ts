import { defineRule } from '../../src/rule-api.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import { defaultMinShutdownSeconds, preStopFacts, preStopRepairMessages, preStopSuggestions, shutdownWindow } from '../../src/analysis/prestop.js';

export default defineRule({
  id: 'prestop-exceeds-grace-period',
  meta: {
    description: 'A preStop hook that certainly runs at least as long as the grace period is cut, and the app is killed 2 seconds after SIGTERM.',
    category: 'termination',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      exec: 'preStop takes at least {{min}} ({{evidence}}); terminationGracePeriodSeconds is {{grace}}: the kubelet cuts the hook at {{graceSeconds}}s and the app gets only 2s after SIGTERM before SIGKILL.',
      sleepRejected: 'preStop sleep.seconds {{seconds}} is greater than terminationGracePeriodSeconds {{grace}}: the API server rejects the pod (the sleep action may not outlast the grace period).',
      sleepEqual: 'preStop sleep.seconds {{seconds}} is the whole terminationGracePeriodSeconds, {{grace}}: the kubelet sends SIGTERM only when the grace period is over, and the app gets just 2s before SIGKILL.',
      ...preStopRepairMessages,
    },
  },
  create(ctx) {
    return {
      hook(h) {
        const f = preStopFacts(h);
        // Unbounded hooks are prestop-never-ends'.
        if (!f || f.graceFromBase) return;
        const { grace, graceText, related, handler, duration: d } = f;
        if (d.unbounded || d.min < grace) return;
        const at = d.evidence[0]?.span ?? handler.key;
        const data = { min: formatSeconds(d.min), seconds: d.min, grace: graceText, graceSeconds: grace, evidence: d.evidence.map((e) => e.text).join(', ') || handler.type };
        // The API server validates sleep.seconds <= terminationGracePeriodSeconds (after defaulting).
        const messageId = handler.type !== 'sleep' ? 'exec' : d.min > grace ? 'sleepRejected' : 'sleepEqual';
        // The repairs leave prestop-starves-shutdown's default window after the hook.
        const suggest = preStopSuggestions(ctx.edits, h, f, shutdownWindow(h, defaultMinShutdownSeconds));
        ctx.report({ at, messageId, data, related: [related], suggest });
      },
    };
  },
});
