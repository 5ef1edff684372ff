/**
 * Service-mesh proxy drains a pod asks for through its annotations: Istio's
 * `terminationDrainDuration` inside the `proxy.istio.io/config` annotation (a YAML or JSON string),
 * and Linkerd's `config.alpha.linkerd.io/proxy-wait-before-exit-seconds`. Each comes with the span
 * of the value as the user wrote it, inside the annotation string for Istio.
 */
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { scalarValueOffsetToSource } from '../analysis/scalar-offset.js';
import { spanOf } from './extract.js';
import { podAnnotations, type Annotation } from './pod-annotations.js';
import type { PodView, Span } from './views.js';
import { getNode } from './yaml-util.js';

export const istioProxyConfig = 'proxy.istio.io/config';
export const linkerdWaitBeforeExit = 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds';
const linkerdNativeSidecar = ['config.beta.linkerd.io/proxy-enable-native-sidecar', 'config.alpha.linkerd.io/proxy-enable-native-sidecar'];

export interface ProxyDrain {
  mesh: 'istio' | 'linkerd';
  /** The setting's name, for messages. */
  setting: string;
  seconds: number;
  /** The value as written ("45s", "40"). */
  text: string;
  at: Span;
  /**
   * The proxy is a classic sidecar (an app container), stopped together with the app rather than
   * after it. Istio: unknown here (native sidecars are the mesh default from Istio 1.27), so false.
   */
  classicSidecar: boolean;
  /** Istio's EXIT_ON_ZERO_ACTIVE_CONNECTIONS: the agent exits when connections reach zero instead. */
  exitOnZeroConnections: boolean;
}

export function proxyDrains(pod: PodView): ProxyDrain[] {
  const annotations = podAnnotations(pod);
  const source = pod.workload.source;
  const out: ProxyDrain[] = [];
  const istio = annotations.get(istioProxyConfig);
  const drain = istio && istioDrain(source, istio);
  if (drain) out.push(drain);
  const linkerd = annotations.get(linkerdWaitBeforeExit);
  if (linkerd && /^\s*\d+\s*$/.test(linkerd.value)) {
    const native = linkerdNativeSidecar.some((k) => annotations.get(k)?.value === 'true');
    out.push({ mesh: 'linkerd', setting: 'proxy-wait-before-exit-seconds', seconds: Number(linkerd.value), text: linkerd.value.trim(), at: spanOf(linkerd.node), classicSidecar: !native, exitOnZeroConnections: false });
  }
  return out;
}

function istioDrain(source: string, a: Annotation): ProxyDrain | undefined {
  // The annotation is a ProxyConfig in YAML or JSON (JSON is YAML). Unparsable: Istio rejects it
  // at injection; nothing certain to say here.
  const inner = parseDocument(a.value, { uniqueKeys: false });
  if (inner.errors.length || !isMap(inner.contents)) return undefined;
  const value = getNode(inner, inner.contents, 'terminationDrainDuration');
  if (!isScalar(value) || typeof value.value !== 'string' || !value.range) return undefined;
  const seconds = goDurationSeconds(value.value);
  if (seconds === undefined) return undefined;
  const metadata = getNode(inner, inner.contents, 'proxyMetadata');
  const exitOnZero = isMap(metadata) && String((getNode(inner, metadata, 'EXIT_ON_ZERO_ACTIVE_CONNECTIONS') as Scalar | null)?.value) === 'true';
  return { mesh: 'istio', setting: 'terminationDrainDuration', seconds, text: value.value, at: innerSpan(source, a.node, value.range[0], value.range[1]), classicSidecar: false, exitOnZeroConnections: exitOnZero };
}

/** The span in the file of characters [start, end) of an annotation's decoded string value. */
export function innerSpan(source: string, node: Scalar, start: number, end: number): Span {
  const s = scalarValueOffsetToSource(source, node, start);
  const e = scalarValueOffsetToSource(source, node, end);
  // Styles the offset map does not follow (folded `>`) land on the scalar's start: whole scalar.
  return e > s ? { start: s, end: e } : spanOf(node);
}

const goUnits: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Go / protobuf JSON duration ("5s", "1m30s", "1.5h") in seconds; undefined when malformed. */
export function goDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * goUnits[m[2]!]!;
  return total;
}
