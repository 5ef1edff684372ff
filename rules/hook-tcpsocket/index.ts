import { defineRule } from '../../src/rule-api.js';
import { hookHandling, runtimeDetector } from '../../src/runtime/profiles.js';

export default defineRule({
  id: 'hook-tcpsocket',
  meta: {
    description: 'tcpSocket is accepted as a lifecycle handler but the kubelet cannot run it.',
    category: 'runtime',
    defaultSeverity: 'error',
    messages: {
      postStart: 'tcpSocket postStart hook: the API accepts it, but the kubelet cannot run it ("invalid handler"), so the hook fails and the container is killed on every start. Use exec, httpGet or sleep.',
      preStop: 'tcpSocket preStop hook: the API accepts it, but the kubelet cannot run it ("invalid handler"), so the hook fails (FailedPreStopHook) and the intended delay never happens. Use exec, httpGet or sleep.',
    },
  },
  create(ctx) {
    const runtimesOf = runtimeDetector(ctx.settings);
    return {
      hook(h) {
        // Only a lone tcpSocket is "accepted by the API": next to another handler the pod is
        // rejected, which is handler-count's finding.
        if (h.handler?.type !== 'tcpSocket') return;
        // On a platform that ignores the hook (BCI) or rejects the pod (ACI) the kubelet's failure
        // never happens: runtime-unsupported says what does.
        if (runtimesOf(h.container.pod).some((m) => hookHandling(m.profile, 'tcpSocket'))) return;
        ctx.report({ at: h.handler.key, messageId: h.kind });
      },
    };
  },
});
