/**
 * What a probe or hook handler checks: its target as the kubelet resolves it, whether two
 * handlers check the same thing, and a short description for messages.
 */
import type { ContainerView, HandlerView } from './views.js';

/** A port as the kubelet resolves it: a name through the container's ports, else the number. */
export function resolvedPort(c: ContainerView, h: HandlerView): number | string | undefined {
  const v = h.port?.value;
  if (typeof v === 'string') return c.ports.find((p) => p.name === v)?.containerPort ?? v;
  return v;
}

/** Fields that can make two handlers of the same type check different things (scheme, headers, gRPC service). */
function extras(h: HandlerView): string {
  const headers = h.httpHeaders?.map((x) => [x.name?.toLowerCase(), x.value]).sort();
  return JSON.stringify([h.scheme?.value, headers, h.service?.value]);
}

/** Two handlers check the same thing: same command, or same target (port, host, path, scheme, headers; gRPC service). */
export function sameCheck(c: ContainerView, a: HandlerView, b: HandlerView): boolean {
  if (a.type !== b.type) return false;
  if (a.type === 'exec') return !!a.command && !!b.command && JSON.stringify(a.command.value) === JSON.stringify(b.command.value);
  if (a.port?.value === undefined || b.port?.value === undefined) return false;
  const same = <T>(x: { value: T } | undefined, y: { value: T } | undefined) => x?.value === y?.value;
  return resolvedPort(c, a) === resolvedPort(c, b) && same(a.host, b.host) && same(a.path, b.path) && extras(a) === extras(b);
}

/** `exec <command>` (cut at 60 characters), `GET /path on port N`, `tcpSocket on port N`... */
export function describeHandler(c: ContainerView, h: HandlerView): string {
  if (h.type === 'exec') {
    const cmd = h.command?.value.join(' ') ?? '';
    return `exec ${cmd.length > 60 ? `${cmd.slice(0, 57)}...` : cmd}`;
  }
  const port = resolvedPort(c, h);
  if (h.type === 'httpGet') return `GET ${h.path?.value ?? '/'} on port ${port}`;
  return `${h.type} on port ${port}`;
}
