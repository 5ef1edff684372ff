/**
 * Which containers of a pod serve a Service. A Service sends traffic to the selected pod's IP at
 * each `targetPort`, whatever the containers declare in `ports` (the list is informational:
 * "Not specifying a port here DOES NOT prevent that port from being exposed", core/v1 Container).
 * A numeric targetPort reaches whichever container listens there; a named one resolves against
 * the containers' port names (the EndpointSlice controller's FindPort).
 */
import type { ContainerView, PodView, ServiceView } from './views.js';

export function servingContainers(pod: PodView, svc: ServiceView): ContainerView[] {
  const apps = pod.containers.filter((c) => c.role === 'app');
  // A restartable init container (a native sidecar) can serve a port too; it is matched only by its ports.
  const candidates = pod.containers.filter((c) => c.role === 'app' || c.role === 'sidecar');
  const matched = candidates.filter((c) => c.ports.some((p) => svc.targetPorts.some((t) => (typeof t === 'number' ? p.containerPort === t : p.name === t))));
  if (matched.length > 0) return matched;
  // One app container: it is the one the Service reaches, declared ports or not.
  if (apps.length === 1) return apps;
  // Several and none declares the target port: the ones that declare ports are the likely servers;
  // when none does, nothing tells which one listens, so nothing is claimed.
  return apps.filter((c) => c.ports.length > 0);
}

/**
 * The Service's selector as a related location of a finding in `filePath`: a span in the same file,
 * or the resolved position in the Service's own file (a cross-file or work-tree Service).
 */
export function serviceSelectorRelated(svc: ServiceView, filePath: string): { at: ServiceView['selectorAt']; message: string } | { elsewhere: { filePath: string; line: number; column: number; endLine: number; endColumn: number }; message: string } | undefined {
  const message = `selector of Service "${svc.name}"`;
  if (svc.filePath === filePath) return { at: svc.selectorAt, message };
  return svc.selectorPosition ? { elsewhere: { filePath: svc.filePath, ...svc.selectorPosition }, message } : undefined;
}
