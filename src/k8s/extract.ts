/**
 * Extraction: YAML document → Kubernetes objects → workloads with pod views, and Services.
 * Everything here is position-preserving; defaults come from defaults.ts.
 */
import { isMap, isScalar, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { defaults } from './defaults.js';
import { newestTableVersion } from './features.js';
import { genericTemplatePath, templatePathOf } from './kinds.js';
import { operatorTemplatesFor } from './operator-templates.js';
import { followTemplatePath, parseTemplatePath, type TemplatePath } from './template-path.js';
import type {
  ContainerRole, ContainerView, Field, HandlerType, HandlerView, HookKind, HookView, PodView, PortView,
  ProbeKind, ProbeView, ServiceView, Span, Toleration, Workload,
} from './views.js';
import { asMap, asScalar, asSeq, deref, entries, getNode, getPair, getString, seqItems, stringMap } from './yaml-util.js';

export function spanOf(node: Node | null | undefined): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** From the start of a key to the end of its value: `livenessProbe:`-style anchors. */
function keySpan(key: Scalar): Span {
  return spanOf(key);
}

function field<T>(doc: Document, map: YAMLMap | null, key: string, read: (n: Node) => T | undefined, fallback: T, anchor: Span): Field<T> {
  const pair = getPair(map, key);
  if (pair) {
    const node = getNode(doc, map, key);
    const value = node ? read(node) : undefined;
    if (value !== undefined) {
      return { value, node, keyNode: isScalar(pair.key) ? pair.key : null, at: spanOf(node), defaulted: false };
    }
    // Written but unusable (wrong type, null): keep the default for reasoning, point at what is written.
    return { value: fallback, node, keyNode: isScalar(pair.key) ? pair.key : null, at: node ? spanOf(node) : spanOf(pair.key as Node), defaulted: true };
  }
  return { value: fallback, node: null, keyNode: null, at: anchor, defaulted: true };
}

// NaN, ±Infinity and numbers beyond int64 cannot be decoded by the API server (the schema rule
// reports them): not values to reason with, and they would leak into messages.
const readNumber = (n: Node): number | undefined => (isScalar(n) && typeof n.value === 'number' && Math.abs(n.value) <= 2 ** 63 ? n.value : undefined);
const readString = (n: Node): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);
const readPort = (n: Node): number | string | undefined =>
  isScalar(n) && (typeof n.value === 'number' || typeof n.value === 'string') ? n.value : undefined;

function walkPath(doc: Document, root: YAMLMap, path: readonly string[]): { map: YAMLMap; key: Scalar | null } | null {
  let map: YAMLMap | null = root;
  let key: Scalar | null = null;
  for (const k of path) {
    const pair = getPair(map, k);
    const next = asMap(doc, pair?.value);
    if (!pair || !next) return null;
    key = isScalar(pair.key) ? pair.key : null;
    map = next;
  }
  return map ? { map, key } : null;
}

/** Kubernetes objects in a document: the root object, or the items of a `List`. */
function objectsOf(doc: Document, node: Node | null): YAMLMap[] {
  const map = asMap(doc, node);
  if (!map) return [];
  const kind = getString(doc, map, 'kind');
  if (kind === undefined) return [];
  if (kind === 'List' || (kind.endsWith('List') && getPair(map, 'items'))) {
    return seqItems(doc, getNode(doc, map, 'items')).flatMap((item) => objectsOf(doc, item));
  }
  return [map];
}

export interface ExtractOptions {
  filePath: string;
  docIndex: number;
  /** The whole file text. */
  source: string;
  /** Target Kubernetes version (default: the newest in the feature table). */
  kubernetesVersion?: string;
  /** Kind → template paths from the config (`podTemplatePaths`); they win over the built-in tables. */
  templatePaths?: Readonly<Record<string, readonly TemplatePath[]>>;
  sourcePath?: string;
}

export interface Extracted {
  workloads: Workload[];
  services: ServiceView[];
}

export function extractDocument(doc: Document, opts: ExtractOptions): Extracted {
  const out: Extracted = { workloads: [], services: [] };
  for (const obj of objectsOf(doc, doc.contents as Node | null)) {
    const kind = getString(doc, obj, 'kind') ?? '';
    if (kind === 'Service') {
      const svc = serviceView(doc, obj, opts.filePath);
      if (svc) out.services.push(svc);
      continue;
    }
    out.workloads.push(...workloadsOf(doc, obj, kind, opts));
  }
  return out;
}

function serviceView(doc: Document, obj: YAMLMap, filePath: string): ServiceView | null {
  const spec = asMap(doc, getNode(doc, obj, 'spec'));
  const selPair = getPair(spec, 'selector');
  const selector = stringMap(doc, selPair?.value);
  if (!selPair || selector.size === 0) return null;
  const meta = asMap(doc, getNode(doc, obj, 'metadata'));
  return {
    name: getString(doc, meta, 'name') ?? '',
    namespace: getString(doc, meta, 'namespace'),
    selector,
    selectorAt: keySpan(selPair.key as Scalar),
    filePath,
  };
}

/** The operator table's paths, parsed once (a test checks that every one parses). */
const operatorPaths = new Map<readonly string[], TemplatePath[]>();
function parsedPaths(texts: readonly string[]): TemplatePath[] {
  let paths = operatorPaths.get(texts);
  if (!paths) {
    paths = texts.flatMap((text) => {
      const parsed = parseTemplatePath(text);
      return parsed.ok ? [parsed.path] : [];
    });
    operatorPaths.set(texts, paths);
  }
  return paths;
}

/** The pod templates of an object: the configured paths, an operator's, a core kind's, or spec.template with containers. */
function templatesOf(doc: Document, obj: YAMLMap, kind: string, apiVersion: string, opts: ExtractOptions): { template: YAMLMap; kind: string }[] {
  const configured = opts.templatePaths && Object.hasOwn(opts.templatePaths, kind) ? opts.templatePaths[kind] : undefined;
  if (configured) return configured.flatMap((p) => followTemplatePath(doc, obj, p)).map((t) => ({ template: t.template, kind }));
  const operator = operatorTemplatesFor(kind, apiVersion);
  if (operator) {
    // A kind that a core kind also uses (Volcano's Job) is named with its group, as kubectl does,
    // so that rules about the core kind do not apply to it.
    const name = templatePathOf(kind) ? `${kind}.${operator.group}` : kind;
    return parsedPaths(operator.paths).flatMap((p) => followTemplatePath(doc, obj, p)).map((t) => ({ template: t.template, kind: name }));
  }
  const path = templatePathOf(kind);
  if (path) {
    const template = path.length === 0 ? obj : walkPath(doc, obj, path)?.map ?? null;
    return template ? [{ template, kind }] : [];
  }
  // Unknown kind: a pod template is recognised by spec.template.spec.containers being a list.
  const template = walkPath(doc, obj, genericTemplatePath)?.map ?? null;
  if (!asSeq(doc, getNode(doc, asMap(doc, getNode(doc, template, 'spec')), 'containers'))) return [];
  return template ? [{ template, kind }] : [];
}

function workloadsOf(doc: Document, obj: YAMLMap, kind: string, opts: ExtractOptions): Workload[] {
  const apiVersion = getString(doc, obj, 'apiVersion') ?? '';
  return templatesOf(doc, obj, kind, apiVersion, opts).flatMap((t) => {
    const w = workloadOf(doc, obj, t.kind, t.template, opts);
    return w ? [w] : [];
  });
}

function workloadOf(doc: Document, obj: YAMLMap, kind: string, template: YAMLMap, opts: ExtractOptions): Workload | null {
  const specPair = getPair(template, 'spec');
  const spec = asMap(doc, specPair?.value);
  if (!spec || !specPair) return null;

  const meta = asMap(doc, getNode(doc, obj, 'metadata'));
  const kindPair = getPair(obj, 'kind');
  const workload = {
    kind,
    apiVersion: getString(doc, obj, 'apiVersion') ?? '',
    name: getString(doc, meta, 'name') ?? '',
    namespace: getString(doc, meta, 'namespace'),
    node: obj,
    kindAt: spanOf(kindPair?.value as Node),
    doc,
    filePath: opts.filePath,
    source: opts.source,
    kubernetesVersion: opts.kubernetesVersion ?? newestTableVersion,
    docIndex: opts.docIndex,
    annotations: stringMap(doc, getNode(doc, meta, 'annotations')),
    sourcePath: opts.sourcePath,
  } as Workload;
  const templateMeta = asMap(doc, getNode(doc, template, 'metadata'));
  workload.pod = podView(doc, workload, spec, keySpan(specPair.key as Scalar), stringMap(doc, getNode(doc, templateMeta, 'labels')));
  return workload;
}

function podView(doc: Document, workload: Workload, spec: YAMLMap, specAt: Span, labels: Map<string, string>): PodView {
  const os = asMap(doc, getNode(doc, spec, 'os'));
  const nodeSelectorNode = getNode(doc, spec, 'nodeSelector');
  const pod: PodView = {
    workload,
    doc,
    node: spec,
    specAt,
    labels,
    terminationGracePeriodSeconds: field(doc, spec, 'terminationGracePeriodSeconds', readNumber, defaults.terminationGracePeriodSeconds, specAt),
    restartPolicy: field(doc, spec, 'restartPolicy', readString, defaults.restartPolicy, specAt),
    osName: field<string | undefined>(doc, os, 'name', readString, undefined, specAt),
    nodeSelector: stringMap(doc, nodeSelectorNode),
    nodeSelectorNode,
    tolerations: seqItems(doc, getNode(doc, spec, 'tolerations')).map((n) => toleration(doc, n)),
    affinityNode: getNode(doc, spec, 'affinity'),
    containers: [],
    partial: false,
  };
  const lists: [string, (c: YAMLMap) => ContainerRole][] = [
    ['initContainers', (c) => (getString(doc, c, 'restartPolicy') === 'Always' ? 'sidecar' : 'init')],
    ['containers', () => 'app'],
    ['ephemeralContainers', () => 'ephemeral'],
  ];
  for (const [key, roleOf] of lists) {
    seqItems(doc, getNode(doc, spec, key)).forEach((item, index) => {
      if (isMap(item)) pod.containers.push(containerView(doc, pod, item, roleOf(item), index));
    });
  }
  pod.partial = !pod.containers.some((c) => c.role === 'app') || pod.containers.some((c) => c.role !== 'ephemeral' && c.image.value === undefined);
  return pod;
}

function toleration(doc: Document, node: Node): Toleration {
  const m = asMap(doc, node);
  return {
    key: getString(doc, m, 'key'),
    operator: getString(doc, m, 'operator'),
    value: getString(doc, m, 'value'),
    effect: getString(doc, m, 'effect'),
    node,
  };
}

function containerView(doc: Document, pod: PodView, node: YAMLMap, role: ContainerRole, index: number): ContainerView {
  const namePair = getPair(node, 'name');
  const first = node.items[0]?.key as Node | undefined;
  const at: Span = namePair
    ? { start: spanOf(namePair.key as Node).start, end: spanOf((namePair.value as Node) ?? (namePair.key as Node)).end }
    : spanOf(first ?? node);
  const lifecyclePair = getPair(node, 'lifecycle');
  const c: ContainerView = {
    pod,
    role,
    index,
    node,
    name: field(doc, node, 'name', readString, '', at),
    at,
    image: field<string | undefined>(doc, node, 'image', readString, undefined, at),
    ports: seqItems(doc, getNode(doc, node, 'ports')).map((p): PortView => {
      const m = asMap(doc, p);
      const cp = asScalar(doc, getNode(doc, m, 'containerPort'))?.value;
      return { name: getString(doc, m, 'name'), containerPort: typeof cp === 'number' ? cp : undefined, node: p };
    }),
    env: literalEnv(doc, getNode(doc, node, 'env')),
    envFromAny: seqItems(doc, getNode(doc, node, 'envFrom')).length > 0,
    probes: [],
    hooks: [],
    restartPolicy: field<string | undefined>(doc, node, 'restartPolicy', readString, undefined, at),
    stopSignal: field<string | undefined>(doc, asMap(doc, lifecyclePair?.value), 'stopSignal', readString, undefined, at),
    lifecycleKey: lifecyclePair && isScalar(lifecyclePair.key) ? lifecyclePair.key : null,
  };
  const probeKeys: [string, ProbeKind][] = [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']];
  for (const [key, kind] of probeKeys) {
    const pair = getPair(node, key);
    if (pair && isScalar(pair.key)) c.probes.push(probeView(doc, c, kind, pair.key, pair.value));
  }
  const lifecycle = asMap(doc, lifecyclePair?.value);
  for (const kind of ['postStart', 'preStop'] as HookKind[]) {
    const pair = getPair(lifecycle, kind);
    if (pair && isScalar(pair.key)) {
      const hookNode = asMap(doc, pair.value);
      const handlers = handlersOf(doc, hookNode);
      c.hooks.push({ kind, container: c, key: pair.key, keyAt: keySpan(pair.key), node: hookNode, handlers, handler: handlers.length === 1 ? handlers[0] : undefined } satisfies HookView);
    }
  }
  return c;
}

/**
 * The container's env as the shell analysis needs it: a literal value, or undefined for a name
 * that is set but whose value is not in the manifest (valueFrom, or a value that is not a scalar).
 * A name with neither value nor valueFrom is set to the empty string, as the kubelet does.
 */
function literalEnv(doc: Document, node: Node | null): Record<string, string | undefined> {
  // Names come from the input: no prototype, so `__proto__` and `constructor` are plain names.
  const env: Record<string, string | undefined> = Object.create(null);
  for (const item of seqItems(doc, node)) {
    const m = asMap(doc, item);
    const name = getString(doc, m, 'name');
    if (name === undefined) continue;
    const value = asScalar(doc, getNode(doc, m, 'value'));
    if (getPair(m, 'valueFrom')) env[name] = undefined;
    else if (value) env[name] = value.value == null ? '' : String(value.value);
    else env[name] = getPair(m, 'value') ? undefined : '';
  }
  return env;
}

function probeView(doc: Document, c: ContainerView, kind: ProbeKind, key: Scalar, value: unknown): ProbeView {
  const node = asMap(doc, value);
  const keyAt = keySpan(key);
  // Only a key with no value configures nothing; `{}` is a probe with no handler, which the API
  // server rejects (handler-count).
  const written = deref(doc, value);
  const empty = written == null || (isScalar(written) && written.value == null);
  // A written 0 stays 0 here (the API server turns it into the default): rules that compare
  // timings map it themselves, so they can still say what is written.
  const num = (k: keyof typeof defaults.probe) => field(doc, node, k, readNumber, defaults.probe[k], keyAt);
  const handlers = handlersOf(doc, node);
  return {
    kind,
    container: c,
    key,
    keyAt,
    node,
    empty,
    initialDelaySeconds: num('initialDelaySeconds'),
    periodSeconds: num('periodSeconds'),
    timeoutSeconds: num('timeoutSeconds'),
    successThreshold: num('successThreshold'),
    failureThreshold: num('failureThreshold'),
    terminationGracePeriodSeconds: field<number | undefined>(doc, node, 'terminationGracePeriodSeconds', readNumber, undefined, keyAt),
    handlers,
    handler: handlers.length === 1 ? handlers[0] : undefined,
  };
}

const handlerTypes: readonly HandlerType[] = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

function handlersOf(doc: Document, node: YAMLMap | null): HandlerView[] {
  const out: HandlerView[] = [];
  for (const e of entries(doc, node)) {
    const type = handlerTypes.find((t) => t === e.key);
    if (!type) continue;
    const m = asMap(doc, e.value);
    const h: HandlerView = { type, key: e.keyNode, node: m };
    const at = keySpan(e.keyNode);
    if (type === 'exec') {
      const seq = asSeq(doc, getNode(doc, m, 'command'));
      const items = seq ? seq.items.map((i) => asScalar(doc, i)) : [];
      h.command = seq && items.every((s): s is Scalar => s !== null && s.value != null)
        ? { value: items.map((s) => String((s as Scalar).value)), items: items as Scalar[], node: seq }
        : null;
    } else if (type === 'sleep') {
      h.seconds = field<number | undefined>(doc, m, 'seconds', readNumber, undefined, at);
    } else {
      h.port = field<number | string | undefined>(doc, m, 'port', readPort, undefined, at);
      h.host = field<string | undefined>(doc, m, 'host', readString, undefined, at);
      if (type === 'httpGet') h.path = field<string | undefined>(doc, m, 'path', readString, undefined, at);
    }
    out.push(h);
  }
  return out;
}
