/**
 * Where an httpGet or tcpSocket handler's `host` takes the kubelet. The kubelet makes these probes
 * and hook requests itself, from the node's network namespace, and dials the pod IP only when
 * `host` is empty (pkg/kubelet/prober/prober.go, pkg/kubelet/lifecycle/handlers.go). A loopback
 * host is therefore the node itself, unless the pod shares the node's network (`hostNetwork`).
 */
import { compareKubernetesVersions } from './features.js';
import type { HandlerView, PodView } from './views.js';
import { isLoopbackHost } from '../text.js';

export type HostTarget =
  /** No host (or ""): the pod IP, the container itself. */
  | 'pod'
  /** A loopback host in a pod with hostNetwork: the node's loopback is the pod's too. */
  | 'pod-loopback'
  /** A loopback host without hostNetwork: the node, not the container. */
  | 'node'
  /** Any other host: something outside the pod. */
  | 'external';

export function hostTarget(handler: HandlerView, pod: PodView): HostTarget {
  const host = handler.host;
  if (!host || host.state !== 'written' || !host.value) return 'pod';
  if (!isLoopbackHost(host.value)) return 'external';
  return pod.hostNetwork.value ? 'pod-loopback' : 'node';
}

/**
 * Pod Security Standards, baseline profile, policy version 1.34 and later (KEP-4940): probes and
 * lifecycle hooks may not set `host` (allowed: unset or ""). Namespaces enforcing baseline or
 * restricted reject such pods.
 */
export function podSecurityForbidsHost(kubernetesVersion: string): boolean {
  return compareKubernetesVersions(kubernetesVersion, '1.34') >= 0;
}

/** The sentence findings about a written `host` end with when the target version's baseline profile rejects it ('' otherwise). */
export function podSecurityHostNote(kubernetesVersion: string, where: 'probe' | 'hook'): string {
  return podSecurityForbidsHost(kubernetesVersion) ? ` Pod Security "baseline" (1.34+) also rejects a ${where} \`host\`.` : '';
}
