import { defineRule } from '../../src/rule-api.js';
import { formatSeconds, handlerDuration } from '../../src/analysis/durations.js';

const consequence = {
  liveness: 'the container is restarted over and over',
  readiness: 'the container never becomes Ready',
  startup: 'the container is killed before it ever starts',
} as const;

export default defineRule({
  id: 'probe-exec-exceeds-timeout',
  meta: {
    description: 'An exec probe that certainly runs at least timeoutSeconds times out on every attempt.',
    category: 'probes',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      timeout: '{{kind}}Probe command takes at least {{min}} ({{evidence}}) but timeoutSeconds is {{timeout}}: every attempt times out (enforced since Kubernetes 1.20), so {{consequence}}.',
      never: '{{kind}}Probe command never finishes ({{evidence}}): every attempt is cut at timeoutSeconds {{timeout}} and counts as a failure (enforced since Kubernetes 1.20), so {{consequence}}.',
      raiseTimeout: 'Raise timeoutSeconds to {{seconds}}, the command\'s minimum ({{min}}) plus 1s{{period}}.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        // Probes on regular init containers are rejected by the API server: init-container-lifecycle.
        if (p.handler?.type !== 'exec' || p.container.role === 'init' || p.container.role === 'ephemeral') return;
        const t = p.timeoutSeconds;
        // Written but not a number, or negative: the schema rule's finding; the timeout is unknown.
        if (t.state === 'invalid') return;
        const timeout = t.value;
        const d = handlerDuration(p.handler, p.container);
        if (!d.unbounded && d.min < timeout) return;
        const shown = t.state === 'written' ? `${timeout}s` : `${timeout}s (default)`;
        // A command that never ends has no timeout to raise to. A longer timeout than the period
        // would stretch the period (probe-timeout-exceeds-period), so the period comes along.
        const seconds = Math.floor(d.min) + 1;
        const period = p.periodSeconds;
        const raisePeriod = seconds > period.value && period.state !== 'invalid';
        const suggest =
          d.unbounded || !p.node
            ? []
            : [
                {
                  messageId: 'raiseTimeout' as const,
                  data: { seconds, min: formatSeconds(d.min), period: raisePeriod ? `, and periodSeconds to ${seconds}` : '' },
                  fix: [...ctx.edits.setEntry(p.node, 'timeoutSeconds', String(seconds)), ...(raisePeriod ? ctx.edits.setEntry(p.node, 'periodSeconds', String(seconds)) : [])],
                },
              ];
        ctx.report({
          at: d.evidence[0]?.span ?? p.handler.key,
          messageId: d.unbounded ? 'never' : 'timeout',
          data: {
            kind: p.kind,
            min: formatSeconds(d.min),
            evidence: d.evidence.map((e) => e.text).join(', ') || 'exec',
            timeout: shown,
            consequence: consequence[p.kind],
          },
          related: [{ at: t, message: t.state === 'written' ? `timeoutSeconds: ${t.value}` : t.written !== undefined ? `timeoutSeconds: ${t.written} (defaulted to ${timeout})` : `timeoutSeconds not set: default ${timeout}s` }],
          suggest,
        });
      },
    };
  },
});
