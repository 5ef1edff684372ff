import { defineRule } from '../../src/rule-api.js';
import { formatSeconds } from '../../src/analysis/durations.js';
import { defaultMinShutdownSeconds, preStopFacts, setGracePeriod } from '../../src/analysis/prestop.js';
import { graceFacts } from '../../src/k8s/describe.js';
import { proxyDrains } from '../../src/k8s/mesh.js';

export default defineRule({
  id: 'mesh-drain-exceeds-grace-period',
  meta: {
    description: "A service-mesh proxy drain at least as long as the pod's grace period is cut by SIGKILL; an app preStop that outlasts a classic sidecar proxy's wait loses the network.",
    category: 'termination',
    defaultSeverity: 'error',
    hasSuggestions: true,
    messages: {
      istio: 'Istio terminationDrainDuration {{drain}} is at least terminationGracePeriodSeconds {{grace}}: the kubelet kills istio-proxy at {{graceSeconds}}s, before its drain ends, and the connections still open are reset.',
      linkerd: 'Linkerd proxy-wait-before-exit-seconds {{drain}} is at least terminationGracePeriodSeconds {{grace}}: the kubelet cuts the proxy\'s preStop wait at {{graceSeconds}}s and gives the proxy 2s after SIGTERM before SIGKILL, so it never drains.',
      raiseGrace: 'Raise terminationGracePeriodSeconds to {{grace}}: the proxy\'s {{drain}} drain plus {{window}} for it to shut down.',
      appOutlastsProxy: 'preStop of "{{container}}" takes at least {{min}}, not less than the Linkerd proxy\'s wait of {{drain}}s: the proxy (a classic sidecar) starts shutting down while the app is still in preStop, and the app\'s calls and in-flight requests lose the network.',
    },
  },
  create(ctx) {
    return {
      pod(pod) {
        // A grace period of 0 is grace-period-zero's; a Kustomize patch gets its grace period from the base.
        const { grace, graceText, related } = graceFacts(pod);
        if (grace === 0 || (pod.partial && pod.terminationGracePeriodSeconds.state !== 'written')) return;
        // Injected output shows the Linkerd proxy and its preStop: prestop-exceeds-grace-period checks that.
        const injected = pod.containers.some((c) => c.name.value === 'linkerd-proxy');
        for (const d of proxyDrains(pod)) {
          if (d.exitOnZeroConnections || (d.mesh === 'linkerd' && injected)) continue;
          const data = { drain: d.text, grace: graceText, graceSeconds: grace };
          if (d.seconds >= grace) {
            // The grace period the proxy needs: its drain (or wait), then the shutdown window prestop-starves-shutdown asks of a preStop.
            const raised = Math.ceil(d.seconds + defaultMinShutdownSeconds);
            const fix = setGracePeriod(ctx.edits, pod, raised);
            const suggest = fix.length ? [{ messageId: 'raiseGrace' as const, data: { grace: raised, drain: formatSeconds(d.seconds), window: formatSeconds(defaultMinShutdownSeconds) }, fix }] : [];
            ctx.report({ at: d.at, messageId: d.mesh, data, related: [related], suggest });
            continue;
          }
          if (!d.classicSidecar || d.seconds === 0) continue;
          for (const c of pod.containers) {
            if (c.role !== 'app') continue;
            for (const h of c.hooks) {
              const f = preStopFacts(h);
              if (!f || f.duration.unbounded || f.duration.min < d.seconds) continue;
              const at = f.duration.evidence[0]?.span ?? f.handler.key;
              ctx.report({ at, messageId: 'appOutlastsProxy', data: { ...data, container: c.name.value, min: formatSeconds(f.duration.min) }, related: [{ at: d.at, message: `${d.setting}: ${d.text}` }] });
            }
          }
        }
      },
    };
  },
});
