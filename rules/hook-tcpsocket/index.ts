import { defineRule, type SuggestionDescriptor } from '../../src/rule-api.js';
import { defaultMinShutdownSeconds, drainDelaySeconds, sleepHandler } from '../../src/analysis/prestop.js';
import { graceFacts } from '../../src/k8s/describe.js';
import type { HookView } from '../../src/k8s/views.js';
import { hookHandling, runtimeDetector } from '../../src/runtime/profiles.js';

export default defineRule({
  id: 'hook-tcpsocket',
  meta: {
    description: 'tcpSocket is accepted as a lifecycle handler but the kubelet cannot run it.',
    category: 'runtime',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      postStart: 'tcpSocket postStart hook: the API accepts it, but the kubelet cannot run it ("invalid handler"), so the hook fails and the container is killed on every start. Use exec, httpGet or sleep.',
      preStop: 'tcpSocket preStop hook: the API accepts it, but the kubelet cannot run it ("invalid handler"), so the hook fails (FailedPreStopHook) and the intended delay never happens. Use exec, httpGet or sleep.',
      useSleep: 'Replace tcpSocket with a sleep action of {{seconds}}s: the delay a preStop hook is there for, while endpoint removal reaches the proxies.',
      useExecSleep: 'Replace tcpSocket with an exec `sleep {{seconds}}` (the image needs a sleep binary; the sleep action needs Kubernetes 1.30+).',
    },
  },
  create(ctx) {
    const runtimesOf = runtimeDetector(ctx.settings);
    /**
     * A preStop tcpSocket was meant as a wait before SIGTERM: the drain delay, where the grace
     * period leaves the shutdown window after it. A postStart tcpSocket was meant as a check that
     * the port is up, which no hook expresses (a startup or readiness probe does): no repair.
     */
    const repairs = (h: HookView): SuggestionDescriptor<'useSleep' | 'useExecSleep'>[] => {
      if (h.kind !== 'preStop' || graceFacts(h.container.pod).grace < drainDelaySeconds + defaultMinShutdownSeconds) return [];
      const delay = sleepHandler(h.container.pod.workload.kubernetesVersion, drainDelaySeconds);
      return [{ messageId: delay.type === 'sleep' ? 'useSleep' : 'useExecSleep', data: { seconds: drainDelaySeconds }, fix: ctx.edits.replaceEntry(h.handler!.key, delay.type, delay.value) }];
    };
    return {
      hook(h) {
        // Only a lone tcpSocket is "accepted by the API": next to another handler the pod is
        // rejected, which is handler-count's finding.
        if (h.handler?.type !== 'tcpSocket') return;
        // On a platform that ignores the hook (BCI) or rejects the pod (ACI) the kubelet's failure
        // never happens: runtime-unsupported says what does.
        if (runtimesOf(h.container.pod).some((m) => hookHandling(m.profile, 'tcpSocket'))) return;
        ctx.report({ at: h.handler.key, messageId: h.kind, suggest: repairs(h) });
      },
    };
  },
});
