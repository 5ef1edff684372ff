import { defineRule } from '../../src/rule-api.js';
import type { ProbeView, Span } from '../../src/k8s/views.js';
import { isLoopbackHost } from '../../src/text.js';
import { hostTarget, podSecurityHostNote } from '../../src/k8s/handler-host.js';

/** `curl ... http://host` / `wget ... https://host` in an exec command: the host part of the URL. */
const httpClientUrl = /\b(?:curl|wget)\b[^;&|\n]*?\bhttps?:\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])/g;
/** Any URL's host: for the arguments after a `curl`/`wget` argv element (`["curl", "-f", "http://db/"]`). */
const anyUrl = /\bhttps?:\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])/g;
const fetcher = /^(?:.*\/)?(?:curl|wget)$/;

/** Literal hosts outside the container that an exec liveness command calls, with their spans. */
function execHosts(p: ProbeView): { host: string; span: Span }[] {
  const cmd = p.handler?.command;
  if (!cmd) return [];
  const out: { host: string; span: Span }[] = [];
  // Once an argv element is curl/wget itself, the URLs of the later elements are its arguments.
  let afterFetcher = false;
  cmd.value.forEach((arg, i) => {
    const urls = afterFetcher ? anyUrl : httpClientUrl;
    if (fetcher.test(arg)) afterFetcher = true;
    for (const m of arg.matchAll(urls)) {
      const host = m[1]!;
      // `$(hostname)`, `$POD_IP` and other variables are not literal hosts: the regex stops at `$`.
      if (isLoopbackHost(host) || !/[A-Za-z0-9]/.test(host)) continue;
      out.push({ host, span: cmd.spanIn(i, m.index! + m[0].length - host.length, host.length) });
    }
  });
  return out;
}

export default defineRule({
  id: 'liveness-external-host',
  meta: {
    description: 'A liveness or startup probe should check the container itself, not another host.',
    category: 'probes',
    defaultSeverity: 'warn',
    messages: {
      httpHost: '{{kind}}Probe checks host "{{host}}", outside the container: when that host is down, every replica is restarted at once. Probe the container itself (omit host) and leave dependencies to readiness.{{pss}}',
      nodeHost: '{{kind}}Probe checks host "{{host}}", which the kubelet dials from the node: without hostNetwork it reaches the node, not the container, so the probe restarts a healthy container or never sees a hung one. Omit host (the kubelet then uses the pod IP).{{pss}}',
      execHost: '{{kind}}Probe command calls "{{host}}", outside the container: when that host is down, every replica is restarted at once. Check the container itself and leave dependencies to readiness.',
    },
  },
  create(ctx) {
    return {
      probe(p) {
        // A failing startup probe kills the container like a failing liveness probe.
        if ((p.kind !== 'liveness' && p.kind !== 'startup') || !p.handler) return;
        if (p.handler.type === 'exec') {
          for (const { host, span } of execHosts(p)) ctx.report({ at: span, messageId: 'execHost', data: { host, kind: p.kind } });
          return;
        }
        const target = hostTarget(p.handler, p.container.pod);
        if (target === 'pod' || target === 'pod-loopback') return;
        const host = p.handler.host!;
        const pss = podSecurityHostNote(p.container.pod.workload.kubernetesVersion, 'probe');
        ctx.report({ at: host, messageId: target === 'node' ? 'nodeHost' : 'httpHost', data: { host: host.value!, kind: p.kind, pss } });
      },
    };
  },
});
