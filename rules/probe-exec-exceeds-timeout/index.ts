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
    messages: {
      timeout: '{{kind}}Probe command takes at least {{min}} ({{evidence}}) but timeoutSeconds is {{timeout}}: every attempt times out (enforced since Kubernetes 1.20), so {{consequence}}.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        if (p.handler?.type !== 'exec') return;
        const d = handlerDuration(p.handler, p.container);
        const t = p.timeoutSeconds;
        if (!d.unbounded && d.min < t.value) return;
        ctx.report({
          at: d.evidence[0]?.span ?? p.handler.key,
          messageId: 'timeout',
          data: {
            kind: p.kind,
            min: d.unbounded ? 'forever' : formatSeconds(d.min),
            evidence: d.evidence.map((e) => e.text).join(', ') || 'exec',
            timeout: t.defaulted ? `${t.value}s (default)` : `${t.value}s`,
            consequence: consequence[p.kind],
          },
          related: [{ at: t, message: t.defaulted ? `timeoutSeconds not set: default ${t.value}s` : `timeoutSeconds: ${t.value}` }],
        });
      },
    };
  },
});
