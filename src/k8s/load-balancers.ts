/**
 * Load balancers that keep draining a pod once it is deregistered, and which object says how long:
 *
 * - AWS Load Balancer Controller, Ingress (ALB) and Service of type LoadBalancer (NLB): the target
 *   group attribute `deregistration_delay.timeout_seconds` (default 300) in
 *   `alb.ingress.kubernetes.io/target-group-attributes` (Service before Ingress: "Annotations
 *   applied to Service have higher priority") or
 *   `service.beta.kubernetes.io/aws-load-balancer-target-group-attributes`. It acts on the pod only
 *   with IP targets (`target-type: ip`, `nlb-target-type: ip`, `nlb-ip`): instance targets are
 *   nodes, which a pod's deletion does not deregister.
 * - GKE: the Service's `cloud.google.com/backend-config` names a BackendConfig whose
 *   `connectionDraining.drainingTimeoutSec` (default 0: no draining) applies.
 *
 * Sources: AWS Load Balancer Controller docs (guide/ingress/annotations.md, guide/service/
 * annotations.md, guide/service/nlb.md), Elastic Load Balancing "Deregistration delay", GKE
 * "Ingress configuration" (BackendConfig connection draining). Only what the manifests say is
 * read: IngressClass / IngressClassParams and controller flags are not followed.
 *
 * Drawn by `explain` only, not checked by a rule (issue 16 item 4): none of those documents, nor
 * the EKS Best Practices Guide ("Gracefully handle the client requests"), states a relation the
 * delay must keep with terminationGracePeriodSeconds or a preStop sleep. The guide says the ELB
 * stops sending new requests once it starts deregistering, drains in-flight requests for the
 * delay (300 s by default) and drops what is left when it expires, and recommends a preStop sleep
 * so SIGTERM comes after deregistration has begun; a rule needs more than that.
 */
import { isScalar, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { objectsOf, spanOf } from './extract.js';
import { innerSpan } from './mesh.js';
import type { ServiceView, Span } from './views.js';
import { asMap, getNode, getString, seqItems } from './yaml-util.js';

export const albTargetGroupAttributes = 'alb.ingress.kubernetes.io/target-group-attributes';
export const nlbTargetGroupAttributes = 'service.beta.kubernetes.io/aws-load-balancer-target-group-attributes';
const deregistrationDelay = 'deregistration_delay.timeout_seconds';
/** Elastic Load Balancing's default deregistration delay. */
export const defaultDeregistrationDelay = 300;

/** A number read from inside an annotation or a field, with its span (and line, once indexed). */
export interface SecondsValue {
  value: number;
  at: Span;
  line?: number;
}

/** What a Service says about the load balancers in front of it. */
export interface ServiceLoadBalancer {
  /** type LoadBalancer reconciled by the AWS Load Balancer Controller as an NLB with IP targets. */
  nlbIp: boolean;
  /** ALB target type set on the Service (it wins over the Ingress's). */
  albTargetType?: string;
  nlbDeregistration?: SecondsValue;
  albDeregistration?: SecondsValue;
  /** BackendConfig names from `cloud.google.com/backend-config` (default and per port). */
  backendConfigs: string[];
}

export interface IngressView {
  kind: 'Ingress';
  name: string;
  namespace: string | undefined;
  /** Handled by the AWS Load Balancer Controller: class `alb` (field or annotation) or `alb.ingress.kubernetes.io/` annotations. */
  alb: boolean;
  targetType?: string;
  deregistration?: SecondsValue;
  /** Backend Service names (rules, default backend; networking/v1 and v1beta1 shapes). */
  services: string[];
  filePath: string;
}

export interface BackendConfigView {
  kind: 'BackendConfig';
  name: string;
  namespace: string | undefined;
  drainingTimeoutSec?: SecondsValue;
  filePath: string;
}

/** One load balancer in front of a pod, and how long it drains a deregistered target. */
export interface LoadBalancerDrain {
  kind: 'alb' | 'nlb' | 'gke';
  /** The object whose setting (or default) it is. */
  via: { kind: string; name: string; filePath: string; line?: number };
  /** The Service that selects the pod. */
  service: string;
  seconds: number;
  defaulted: boolean;
}

export const loadBalancerKinds: ReadonlySet<string> = new Set(['Ingress', 'BackendConfig']);

/**
 * `deregistration_delay.timeout_seconds` inside a comma-separated `key=value` attributes string,
 * with the span of its value in the file (through the scalar's quoting and escapes).
 */
export function attributeSeconds(source: string, node: Scalar, key: string): SecondsValue | undefined {
  const text = typeof node.value === 'string' ? node.value : undefined;
  if (text === undefined) return undefined;
  let offset = 0;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === key) {
      const raw = part.slice(eq + 1);
      const lead = raw.length - raw.trimStart().length;
      const value = raw.trim();
      if (!/^\d+$/.test(value)) return undefined;
      const start = offset + eq + 1 + lead;
      return { value: Number(value), at: innerSpan(source, node, start, start + value.length) };
    }
    offset += part.length + 1;
  }
  return undefined;
}

function annotationScalars(doc: Document, meta: YAMLMap | null): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  const map = asMap(doc, getNode(doc, meta, 'annotations'));
  for (const item of map?.items ?? []) {
    const key = isScalar(item.key) ? String(item.key.value) : undefined;
    const value = getNode(doc, map, key ?? '');
    if (key !== undefined && isScalar(value)) out.set(key, value);
  }
  return out;
}

const text = (s: Scalar | undefined) => (s && (typeof s.value === 'string' || typeof s.value === 'number') ? String(s.value) : undefined);

/** The load-balancer settings of a Service object (extract.ts adds them to the ServiceView). */
export function serviceLoadBalancer(doc: Document, service: YAMLMap, source: string): ServiceLoadBalancer | undefined {
  const meta = asMap(doc, getNode(doc, service, 'metadata'));
  const spec = asMap(doc, getNode(doc, service, 'spec'));
  const a = annotationScalars(doc, meta);
  const lbType = text(a.get('service.beta.kubernetes.io/aws-load-balancer-type'));
  const lbc = getString(doc, spec, 'loadBalancerClass') === 'service.k8s.aws/nlb' || lbType === 'external' || lbType === 'nlb-ip';
  const ipTargets = lbType === 'nlb-ip' || text(a.get('service.beta.kubernetes.io/aws-load-balancer-nlb-target-type')) === 'ip';
  const out: ServiceLoadBalancer = { nlbIp: getString(doc, spec, 'type') === 'LoadBalancer' && lbc && ipTargets, backendConfigs: backendConfigNames(text(a.get('cloud.google.com/backend-config') ?? a.get('beta.cloud.google.com/backend-config'))) };
  const albType = text(a.get('alb.ingress.kubernetes.io/target-type'));
  if (albType) out.albTargetType = albType;
  const nlbAttrs = a.get(nlbTargetGroupAttributes);
  const albAttrs = a.get(albTargetGroupAttributes);
  const nlb = nlbAttrs && attributeSeconds(source, nlbAttrs, deregistrationDelay);
  const alb = albAttrs && attributeSeconds(source, albAttrs, deregistrationDelay);
  if (nlb) out.nlbDeregistration = nlb;
  if (alb) out.albDeregistration = alb;
  return out.nlbIp || out.albTargetType || nlb || alb || out.backendConfigs.length ? out : undefined;
}

/** `{"default": "bc"}` or `{"ports": {"80": "bc"}}`; anything else names nothing. */
function backendConfigNames(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as { default?: unknown; ports?: Record<string, unknown> };
    const names = [v.default, ...Object.values(v.ports ?? {})];
    return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
  } catch {
    return [];
  }
}

function ingressServices(doc: Document, spec: YAMLMap | null): string[] {
  const backendName = (backend: Node | null) => {
    const b = asMap(doc, backend);
    return getString(doc, asMap(doc, getNode(doc, b, 'service')), 'name') ?? getString(doc, b, 'serviceName');
  };
  const names = [backendName(getNode(doc, spec, 'defaultBackend')), backendName(getNode(doc, spec, 'backend'))];
  for (const rule of seqItems(doc, getNode(doc, spec, 'rules'))) {
    const http = asMap(doc, getNode(doc, asMap(doc, rule), 'http'));
    for (const path of seqItems(doc, getNode(doc, http, 'paths'))) names.push(backendName(getNode(doc, asMap(doc, path), 'backend')));
  }
  return [...new Set(names.filter((n): n is string => n !== undefined && n !== ''))];
}

/** The Ingresses and BackendConfigs of a document (its root object or the items of a List). */
export function loadBalancerObjectsOf(doc: Document, filePath: string, source: string): (IngressView | BackendConfigView)[] {
  return objectsOf(doc, doc.contents as Node | null).flatMap((obj): (IngressView | BackendConfigView)[] => {
    const kind = getString(doc, obj, 'kind');
    const meta = asMap(doc, getNode(doc, obj, 'metadata'));
    const spec = asMap(doc, getNode(doc, obj, 'spec'));
    const name = getString(doc, meta, 'name') ?? '';
    const namespace = getString(doc, meta, 'namespace');
    if (kind === 'Ingress') {
      const a = annotationScalars(doc, meta);
      const cls = getString(doc, spec, 'ingressClassName') ?? text(a.get('kubernetes.io/ingress.class'));
      const alb = cls === 'alb' || [...a.keys()].some((k) => k.startsWith('alb.ingress.kubernetes.io/'));
      const ing: IngressView = { kind, name, namespace, alb, services: ingressServices(doc, spec), filePath };
      const targetType = text(a.get('alb.ingress.kubernetes.io/target-type'));
      if (targetType) ing.targetType = targetType;
      const attrs = a.get(albTargetGroupAttributes);
      const delay = attrs && attributeSeconds(source, attrs, deregistrationDelay);
      if (delay) ing.deregistration = delay;
      return [ing];
    }
    if (kind === 'BackendConfig') {
      const draining = asMap(doc, getNode(doc, spec, 'connectionDraining'));
      const node = getNode(doc, draining, 'drainingTimeoutSec');
      const bc: BackendConfigView = { kind, name, namespace, filePath };
      if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= 0) bc.drainingTimeoutSec = { value: node.value, at: spanOf(node) };
      return [bc];
    }
    return [];
  });
}

/**
 * The load balancers in front of pods selected by `services`, from the Ingresses and
 * BackendConfigs nearby (same namespace, as written). Each is listed once.
 */
export function loadBalancerDrains(services: readonly ServiceView[], objects: readonly (IngressView | BackendConfigView)[]): LoadBalancerDrain[] {
  const out = new Map<string, LoadBalancerDrain>();
  const add = (d: LoadBalancerDrain) => {
    const id = `${d.kind}/${d.via.kind}/${d.via.filePath}/${d.via.name}`;
    if (!out.has(id)) out.set(id, d);
  };
  const delay = (v: SecondsValue | undefined) => ({ seconds: v?.value ?? defaultDeregistrationDelay, defaulted: v === undefined, ...(v?.line !== undefined ? { line: v.line } : {}) });
  for (const svc of services) {
    const lb = svc.loadBalancer;
    if (lb?.nlbIp) {
      const d = delay(lb.nlbDeregistration);
      add({ kind: 'nlb', via: { kind: 'Service', name: svc.name, filePath: svc.filePath, ...(d.line !== undefined ? { line: d.line } : {}) }, service: svc.name, seconds: d.seconds, defaulted: d.defaulted });
    }
    for (const o of objects) {
      if (o.namespace !== svc.namespace) continue;
      if (o.kind === 'Ingress' && o.alb && o.services.includes(svc.name) && (lb?.albTargetType ?? o.targetType) === 'ip') {
        // The Service's annotation wins over the Ingress's.
        const fromService = lb?.albDeregistration;
        const d = delay(fromService ?? o.deregistration);
        const via = fromService ? { kind: 'Service', name: svc.name, filePath: svc.filePath } : { kind: 'Ingress', name: o.name, filePath: o.filePath };
        add({ kind: 'alb', via: { ...via, ...(d.line !== undefined ? { line: d.line } : {}) }, service: svc.name, seconds: d.seconds, defaulted: d.defaulted });
      }
      if (o.kind === 'BackendConfig' && o.drainingTimeoutSec && lb?.backendConfigs.includes(o.name)) {
        const t = o.drainingTimeoutSec;
        add({ kind: 'gke', via: { kind: 'BackendConfig', name: o.name, filePath: o.filePath, ...(t.line !== undefined ? { line: t.line } : {}) }, service: svc.name, seconds: t.value, defaulted: false });
      }
    }
  }
  return [...out.values()];
}
