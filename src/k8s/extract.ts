/**
 * Extraction: YAML document → Kubernetes objects → workloads with pod views, and Services.
 * Everything here is position-preserving; defaults come from defaults.ts.
 */
import { isMap, isScalar, type Document, type Node, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { scalarValueOffsetToSource } from '../analysis/scalar-offset.js';
import { defaults } from './defaults.js';
import { newestTableVersion } from './features.js';
import { genericTemplatePath, templatePathOf } from './kinds.js';
import { apiGroup, operatorTemplatesFor, type OperatorTemplates } from './operator-templates.js';
import { serviceLoadBalancer } from './load-balancers.js';
import { followTemplatePath, parseTemplatePath, type TemplatePath } from './template-path.js';
import type {
  CommandView, ContainerRole, ContainerView, Field, HandlerType, HandlerView, HookKind, HookView, PodView, PortView,
  NodeSelectorRequirementView, ProbeKind, ProbeView, JobView, RolloutView, ServiceView, Span, Toleration, Workload,
} from './views.js';
import { asMap, asScalar, asSeq, deref, entries, getPair, scalarText, seqItems, stringMap } from './yaml-util.js';
import { childOf, itemsOf, mapsOf, nodeOf, obj, pairOf, stringOf, type KeyOf, type Obj } from './typed-yaml.js';
import type {
  Affinity, Container, ContainerPort, CronJobSpec, EnvVar, HandlerKey, JobSpec, KubeObject, Lifecycle, LifecycleHandler, NodeSelectorRequirement, PodOS, PodSpec,
  PodTemplateSpec, Probe, RollingUpdate, ServiceSpec, Toleration as K8sToleration, UpdateStrategy, WorkloadSpec,
} from './api-types.js';
import type { ExecAction, GRPCAction, HTTPGetAction, SleepAction, TCPSocketAction } from 'kubernetes-types/core/v1.js';

export function spanOf(node: Node | null | undefined): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** From the start of a key to the end of its value: `livenessProbe:`-style anchors. */
function keySpan(key: Scalar): Span {
  return spanOf(key);
}

/**
 * How a written value decodes: `read` gives the value when it has the field's type; `replaced`
 * says which written values the API server swaps for the default before validation; `valid`
 * which ones validation accepts.
 */
interface Decoder<T> {
  read: (n: Node) => T | undefined;
  replaced?: (v: T) => boolean;
  valid?: (v: T) => boolean;
}

/** The field `key` of `map` with the API server's defaulting applied (see FieldState). */
function field<O, T>(doc: Document, map: Obj<O> | null, key: KeyOf<O>, decode: Decoder<T> | Decoder<T>['read'], fallback: T, anchor: Span): Field<T> {
  const pair = pairOf(map, key);
  if (!pair) return { value: fallback, state: 'default', written: undefined, node: null, keyNode: null, at: anchor };
  const { read, replaced, valid } = typeof decode === 'function' ? { read: decode } : decode;
  const node = nodeOf(doc, map, key);
  const keyNode = isScalar(pair.key) ? pair.key : null;
  if (!node || (isScalar(node) && node.value === null)) {
    // Written with no value: the empty value has no extent of its own, so point at the key.
    return { value: fallback, state: 'null', written: undefined, node, keyNode, at: keyNode ? spanOf(keyNode) : spanOf(node ?? (pair.key as Node)) };
  }
  const written = read(node);
  const at = spanOf(node);
  if (written === undefined || (valid && !valid(written))) return { value: fallback, state: 'invalid', written, node, keyNode, at };
  if (replaced?.(written)) return { value: fallback, state: 'default', written, node, keyNode, at };
  return { value: written, state: 'written', written, node, keyNode, at };
}

// NaN, ±Infinity and numbers beyond int64 cannot be decoded by the API server (the schema rule
// reports them): not values to reason with, and they would leak into messages.
const readNumber = (n: Node): number | undefined => (isScalar(n) && typeof n.value === 'number' && Math.abs(n.value) <= 2 ** 63 ? n.value : undefined);
const readString = (n: Node): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);
const readBoolean = (n: Node): boolean | undefined => (isScalar(n) && typeof n.value === 'boolean' ? n.value : undefined);
const readPort = (n: Node): number | string | undefined =>
  isScalar(n) && (typeof n.value === 'number' || typeof n.value === 'string') ? n.value : undefined;
/** Probe timings: negative values are rejected; a 0 is replaced by the default (SetDefaults_Probe), except for initialDelaySeconds whose default is 0. */
const probeTiming = (zeroIsDefault: boolean): Decoder<number> => ({ read: readNumber, valid: (v) => v >= 0, replaced: (v) => zeroIsDefault && v === 0 });

function walkPath(doc: Document, root: YAMLMap, path: readonly string[]): { map: Obj<PodTemplateSpec>; key: Scalar | null } | null {
  let map: YAMLMap | null = root;
  let key: Scalar | null = null;
  for (const k of path) {
    const pair = getPair(map, k);
    const next = asMap(doc, pair?.value);
    if (!pair || !next) return null;
    key = isScalar(pair.key) ? pair.key : null;
    map = next;
  }
  return map ? { map: map as Obj<PodTemplateSpec>, key } : null;
}

/** Kubernetes objects in a document: the root object, or the items of a `List`. */
export function objectsOf(doc: Document, node: Node | null): Obj<KubeObject>[] {
  const map = obj<KubeObject>(doc, node);
  if (!map) return [];
  const kind = stringOf(doc, map, 'kind');
  if (kind === undefined) return [];
  if (kind === 'List' || (kind.endsWith('List') && pairOf(map, 'items'))) {
    return itemsOf(doc, map, 'items').flatMap((item) => objectsOf(doc, item));
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
  for (const object of objectsOf(doc, doc.contents as Node | null)) {
    const kind = stringOf(doc, object, 'kind') ?? '';
    // Only the core group's Service routes to pods; Knative's `Service` is a workload.
    if (kind === 'Service' && apiGroup(stringOf(doc, object, 'apiVersion') ?? '') === '') {
      const svc = serviceView(doc, object, opts.filePath, opts.source);
      if (svc) out.services.push(svc);
      continue;
    }
    out.workloads.push(...workloadsOf(doc, object, kind, opts));
  }
  return out;
}

function serviceView(doc: Document, object: Obj<KubeObject>, filePath: string, source: string): ServiceView | null {
  const spec = obj<ServiceSpec>(doc, nodeOf(doc, object, 'spec'));
  const selPair = pairOf(spec, 'selector');
  const selector = stringMap(doc, selPair?.value);
  if (!selPair || selector.size === 0) return null;
  const meta = childOf(doc, object, 'metadata');
  const loadBalancer = serviceLoadBalancer(doc, object, source);
  return {
    name: stringOf(doc, meta, 'name') ?? '',
    namespace: stringOf(doc, meta, 'namespace'),
    selector,
    selectorAt: keySpan(selPair.key as Scalar),
    targetPorts: mapsOf(doc, spec, 'ports').flatMap((p) => {
      const target = asScalar(doc, nodeOf(doc, p, 'targetPort'))?.value ?? asScalar(doc, nodeOf(doc, p, 'port'))?.value;
      return typeof target === 'number' || typeof target === 'string' ? [target] : [];
    }),
    filePath,
    ...(loadBalancer ? { loadBalancer } : {}),
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

type FoundTemplate = { template: Obj<PodTemplateSpec>; kind: string; gracePeriod?: OperatorTemplates['gracePeriod']; mergedIntoGenerated?: true };

/**
 * The pod templates of an object: the configured paths, an operator's (operator-templates.ts), a
 * core kind's, or spec.template with containers. The paths are data: the maps found at their ends
 * are typed as pod templates here.
 */
function templatesOf(doc: Document, object: Obj<KubeObject>, kind: string, opts: ExtractOptions): FoundTemplate[] {
  const along = (paths: readonly TemplatePath[], as: string, row?: OperatorTemplates): FoundTemplate[] =>
    paths.flatMap((p) => followTemplatePath(doc, object, p)).map((t) => ({ template: t.template as Obj<PodTemplateSpec>, kind: as, gracePeriod: row?.gracePeriod, ...(row?.mergedIntoGenerated ? { mergedIntoGenerated: true as const } : {}) }));
  const configured = opts.templatePaths && Object.hasOwn(opts.templatePaths, kind) ? opts.templatePaths[kind] : undefined;
  if (configured) return along(configured, kind);
  const operator = operatorTemplatesFor(kind, stringOf(doc, object, 'apiVersion') ?? '');
  // A kind that a core kind also uses (Volcano's Job) is named with its group, as kubectl does,
  // so that rules about the core kind do not apply to it.
  if (operator) return along(parsedPaths(operator.paths), templatePathOf(kind) || kind === 'Service' ? `${kind}.${operator.group}` : kind, operator);
  const path = templatePathOf(kind);
  let template: Obj<PodTemplateSpec> | null;
  if (path) {
    template = path.length === 0 ? (object as Obj<PodTemplateSpec>) /* a Pod is its own template */ : walkPath(doc, object, path)?.map ?? null;
  } else {
    // Unknown kind: a pod template is recognised by spec.template.spec.containers being a list.
    template = walkPath(doc, object, genericTemplatePath)?.map ?? null;
    if (!asSeq(doc, nodeOf(doc, childOf(doc, template, 'spec'), 'containers'))) return [];
  }
  return template ? [{ template, kind }] : [];
}

function workloadsOf(doc: Document, object: Obj<KubeObject>, kind: string, opts: ExtractOptions): Workload[] {
  return templatesOf(doc, object, kind, opts).flatMap((t) => {
    const w = workloadOf(doc, object, t, opts);
    return w ? [w] : [];
  });
}

function workloadOf(doc: Document, object: Obj<KubeObject>, { kind, template, gracePeriod, mergedIntoGenerated }: FoundTemplate, opts: ExtractOptions): Workload | null {
  const specPair = pairOf(template, 'spec');
  const spec = childOf(doc, template, 'spec');
  if (!spec || !specPair) return null;

  const meta = childOf(doc, object, 'metadata');
  const kindPair = pairOf(object, 'kind');
  const workload = {
    kind,
    apiVersion: stringOf(doc, object, 'apiVersion') ?? '',
    name: stringOf(doc, meta, 'name') ?? '',
    namespace: stringOf(doc, meta, 'namespace'),
    node: object,
    kindAt: spanOf(kindPair?.value as Node),
    doc,
    filePath: opts.filePath,
    source: opts.source,
    kubernetesVersion: opts.kubernetesVersion ?? newestTableVersion,
    docIndex: opts.docIndex,
    annotations: stringMap(doc, nodeOf(doc, meta, 'annotations')),
    annotationsNode: nodeOf(doc, meta, 'annotations'),
    rollout: rolloutView(doc, object, kind),
    job: jobView(doc, object, kind),
    sourcePath: opts.sourcePath,
  } as Workload;
  const templateMeta = childOf(doc, template, 'metadata');
  workload.pod = podView(doc, workload, spec, keySpan(specPair.key), stringMap(doc, nodeOf(doc, templateMeta, 'labels')), gracePeriod);
  // The operator's own spec (Prometheus): the pod is the operator's, the written part a patch of it.
  if (mergedIntoGenerated) Object.assign(workload.pod, { partial: true, sharedSpec: template === object });
  workload.pod.annotationsNode = nodeOf(doc, templateMeta, 'annotations');
  workload.pod.annotations = stringMap(doc, workload.pod.annotationsNode);
  return workload;
}

/** apps/v1 defaults of the update strategy: a DaemonSet surges nothing and replaces one pod at a time. */
const rollingDefaults: Record<string, { maxUnavailable: number | string; maxSurge: number | string }> = {
  Deployment: { maxUnavailable: '25%', maxSurge: '25%' },
  DaemonSet: { maxUnavailable: 1, maxSurge: 0 },
  StatefulSet: { maxUnavailable: 1, maxSurge: 0 },
};

/** Deadlines in seconds: whole numbers only (the API's int64); anything else is the schema rule's. */
const wholeSeconds: Decoder<number | undefined> = { read: readNumber, valid: (v) => v !== undefined && Number.isInteger(v) };

function jobView(doc: Document, object: Obj<KubeObject>, kind: string): JobView {
  const specPair = pairOf(object, 'spec');
  const at = spanOf(specPair?.key ?? object);
  const cronSpec = kind === 'CronJob' ? obj<CronJobSpec>(doc, specPair?.value) : null;
  const jobSpec = kind === 'Job' ? obj<JobSpec>(doc, specPair?.value) : childOf(doc, childOf(doc, cronSpec, 'jobTemplate'), 'spec');
  return {
    activeDeadlineSeconds: field<JobSpec, number | undefined>(doc, jobSpec, 'activeDeadlineSeconds', wholeSeconds, undefined, at),
    startingDeadlineSeconds: field<CronJobSpec, number | undefined>(doc, cronSpec, 'startingDeadlineSeconds', wholeSeconds, undefined, at),
  };
}

/** An IntOrString count: a whole number or a percentage ("25%"); anything else fails validation. */
const intOrPercent: Decoder<number | string> = { read: readPort, valid: (v) => (typeof v === 'number' ? Number.isInteger(v) : /^\d+%$/.test(v)) };

function rolloutView(doc: Document, object: Obj<KubeObject>, kind: string): RolloutView {
  const specPair = pairOf(object, 'spec');
  const spec = obj<WorkloadSpec>(doc, specPair?.value);
  const at = spanOf(specPair?.key ?? object);
  const strategyKey = kind === 'Deployment' ? 'strategy' : 'updateStrategy';
  const strategy = obj<UpdateStrategy>(doc, nodeOf(doc, spec, strategyKey));
  const strategyAt = spanOf(pairOf(spec, strategyKey)?.key ?? specPair?.key ?? object);
  const rolling = obj<RollingUpdate>(doc, nodeOf(doc, strategy, 'rollingUpdate'));
  // Kinds come from the input: only own entries count (`kind: constructor` is not Object's).
  const rollingDefault = (Object.hasOwn(rollingDefaults, kind) ? rollingDefaults[kind] : undefined) ?? rollingDefaults.Deployment!;
  const count: Decoder<number> = { read: readNumber, valid: (v) => v >= 0 };
  return {
    replicas: field(doc, spec, 'replicas', count, 1, at),
    paused: field(doc, spec, 'paused', readBoolean, false, at),
    progressDeadlineSeconds: field(doc, spec, 'progressDeadlineSeconds', count, defaults.progressDeadlineSeconds, at),
    minReadySeconds: field(doc, spec, 'minReadySeconds', count, 0, at),
    strategy: {
      type: field(doc, strategy, 'type', readString, kind === 'StatefulSet' || kind === 'DaemonSet' || kind === 'Deployment' ? 'RollingUpdate' : '', strategyAt),
      maxUnavailable: field(doc, rolling, 'maxUnavailable', intOrPercent, rollingDefault.maxUnavailable, strategyAt),
      maxSurge: field(doc, rolling, 'maxSurge', intOrPercent, rollingDefault.maxSurge, strategyAt),
      rollingUpdate: rolling,
    },
  };
}

function podView(doc: Document, workload: Workload, spec: Obj<PodSpec>, specAt: Span, labels: Map<string, string>, gracePeriod?: OperatorTemplates['gracePeriod']): PodView {
  const os = childOf(doc, spec, 'os');
  const nodeSelectorNode = nodeOf(doc, spec, 'nodeSelector');
  const pod: PodView = {
    workload,
    doc,
    node: spec,
    specAt,
    labels,
    annotations: new Map(),
    annotationsNode: null,
    terminationGracePeriodSeconds: gracePeriod
      ? field(doc, spec as Obj<Record<string, unknown>>, gracePeriod.key, readNumber, gracePeriod.default, specAt)
      : field(doc, spec, 'terminationGracePeriodSeconds', readNumber, defaults.terminationGracePeriodSeconds, specAt),
    gracePeriodKey: gracePeriod?.key ?? 'terminationGracePeriodSeconds',
    activeDeadlineSeconds: field<PodSpec, number | undefined>(doc, spec, 'activeDeadlineSeconds', wholeSeconds, undefined, specAt),
    // An empty string is defaulted to Always like an absent one (SetDefaults_PodSpec).
    restartPolicy: field(doc, spec, 'restartPolicy', { read: readString, replaced: (v) => v === '' }, defaults.restartPolicy, specAt),
    hostNetwork: field(doc, spec, 'hostNetwork', readBoolean, false, specAt),
    osName: field<PodOS, string | undefined>(doc, os, 'name', readString, undefined, specAt),
    nodeSelector: stringMap(doc, nodeSelectorNode),
    nodeSelectorNode,
    tolerations: itemsOf(doc, spec, 'tolerations').map((n) => toleration(doc, n)),
    affinityNode: nodeOf(doc, spec, 'affinity'),
    requiredNodeAffinity: requiredNodeAffinity(doc, childOf(doc, spec, 'affinity')),
    containers: [],
    partial: false,
  };
  const lists: [KeyOf<PodSpec>, (c: Obj<Container>) => ContainerRole][] = [
    ['initContainers', (c) => (stringOf(doc, c, 'restartPolicy') === 'Always' ? 'sidecar' : 'init')],
    ['containers', () => 'app'],
    ['ephemeralContainers', () => 'ephemeral'],
  ];
  for (const [key, roleOf] of lists) {
    itemsOf(doc, spec, key).forEach((item, index) => {
      if (isMap(item)) pod.containers.push(containerView(doc, pod, item as Obj<Container>, roleOf(item as Obj<Container>), index));
    });
  }
  pod.partial = !pod.containers.some((c) => c.role === 'app') || pod.containers.some((c) => c.role !== 'ephemeral' && c.image.value === undefined);
  return pod;
}

function requiredNodeAffinity(doc: Document, affinity: Obj<Affinity> | null): NodeSelectorRequirementView[][] {
  const nodeAffinity = childOf(doc, affinity, 'nodeAffinity');
  const required = childOf(doc, nodeAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  return mapsOf(doc, required, 'nodeSelectorTerms').map((term) =>
    itemsOf(doc, term, 'matchExpressions').map((expr) => {
      const m = obj<NodeSelectorRequirement>(doc, expr);
      const valuesNode = nodeOf(doc, m, 'values');
      return {
        key: stringOf(doc, m, 'key'),
        operator: stringOf(doc, m, 'operator'),
        values: seqItems(doc, valuesNode).map((v) => asScalar(doc, v)?.value),
        at: spanOf(valuesNode ?? expr),
      };
    }),
  );
}

function toleration(doc: Document, node: Node): Toleration {
  const m = obj<K8sToleration>(doc, node);
  return {
    key: stringOf(doc, m, 'key'),
    operator: stringOf(doc, m, 'operator'),
    value: stringOf(doc, m, 'value'),
    effect: stringOf(doc, m, 'effect'),
    node,
  };
}

function containerView(doc: Document, pod: PodView, node: Obj<Container>, role: ContainerRole, index: number): ContainerView {
  const namePair = pairOf(node, 'name');
  const first = node.items[0]?.key as Node | undefined;
  const at: Span = namePair
    ? { start: spanOf(namePair.key as Node).start, end: spanOf((namePair.value as Node) ?? (namePair.key as Node)).end }
    : spanOf(first ?? node);
  const lifecyclePair = pairOf(node, 'lifecycle');
  const lifecycle = childOf(doc, node, 'lifecycle');
  const c: ContainerView = {
    pod,
    role,
    index,
    node,
    name: field(doc, node, 'name', readString, '', at),
    at,
    image: field<Container, string | undefined>(doc, node, 'image', readString, undefined, at),
    ports: itemsOf(doc, node, 'ports').map((p): PortView => {
      const m = obj<ContainerPort>(doc, p);
      const cp = asScalar(doc, nodeOf(doc, m, 'containerPort'))?.value;
      return { name: stringOf(doc, m, 'name'), containerPort: typeof cp === 'number' ? cp : undefined, protocol: stringOf(doc, m, 'protocol') ?? 'TCP', node: p };
    }),
    env: literalEnv(doc, mapsOf(doc, node, 'env')),
    envFromAny: itemsOf(doc, node, 'envFrom').length > 0,
    probes: [],
    hooks: [],
    restartPolicy: field<Container, string | undefined>(doc, node, 'restartPolicy', readString, undefined, at),
    restartPolicyRules: field<Container, unknown[] | undefined>(doc, node, 'restartPolicyRules', (n) => asSeq(doc, n)?.items, undefined, at),
    stopSignal: field<Lifecycle, string | undefined>(doc, lifecycle, 'stopSignal', readString, undefined, at),
    lifecycleKey: lifecyclePair && isScalar(lifecyclePair.key) ? lifecyclePair.key : null,
    lifecycle: lifecyclePair && isScalar(lifecyclePair.key) ? { key: lifecyclePair.key, empty: isEmpty(doc, lifecyclePair.value) } : null,
  };
  const probeKeys: [KeyOf<Container>, ProbeKind][] = [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']];
  for (const [key, kind] of probeKeys) {
    const pair = pairOf(node, key);
    if (pair && isScalar(pair.key)) c.probes.push(probeView(doc, c, kind, pair.key, pair.value));
  }
  for (const kind of ['postStart', 'preStop'] as const satisfies readonly (HookKind & KeyOf<Lifecycle>)[]) {
    const pair = pairOf(lifecycle, kind);
    if (pair && isScalar(pair.key)) {
      const hookNode = obj<LifecycleHandler>(doc, pair.value);
      const handlers = handlersOf(doc, hookNode, pod.workload.source);
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
function literalEnv(doc: Document, vars: (Obj<EnvVar> | null)[]): Record<string, string | undefined> {
  // Names come from the input: no prototype, so `__proto__` and `constructor` are plain names.
  const env = Object.create(null) as Record<string, string | undefined>;
  for (const m of vars) {
    const name = stringOf(doc, m, 'name');
    if (name === undefined) continue;
    const value = asScalar(doc, nodeOf(doc, m, 'value'));
    if (pairOf(m, 'valueFrom')) env[name] = undefined;
    else if (value) env[name] = scalarText(value.value) ?? '';
    else env[name] = pairOf(m, 'value') ? undefined : '';
  }
  return env;
}

/** A key written with no value (or null): decoded as a nil pointer. */
function isEmpty(doc: Document, value: unknown): boolean {
  const written = deref(doc, value);
  return written == null || (isScalar(written) && written.value == null);
}

function probeView(doc: Document, c: ContainerView, kind: ProbeKind, key: Scalar, value: unknown): ProbeView {
  const node = obj<Probe>(doc, value);
  const keyAt = keySpan(key);
  // Only a key with no value configures nothing; `{}` is a probe with no handler, which the API
  // server rejects (handler-count).
  const empty = isEmpty(doc, value);
  const num = (k: keyof typeof defaults.probe) => field(doc, node, k, probeTiming(k !== 'initialDelaySeconds'), defaults.probe[k], keyAt);
  const handlers = handlersOf(doc, node, c.pod.workload.source);
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
    terminationGracePeriodSeconds: field<Probe, number | undefined>(doc, node, 'terminationGracePeriodSeconds', readNumber, undefined, keyAt),
    handlers,
    handler: handlers.length === 1 ? handlers[0] : undefined,
  };
}

const handlerTypes = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const satisfies readonly (HandlerType & HandlerKey)[];
/** The fields of every handler type (which one applies depends on the handler's key). */
type HandlerFields = Partial<ExecAction & HTTPGetAction & TCPSocketAction & GRPCAction & SleepAction>;

function handlersOf(doc: Document, node: YAMLMap | null, source: string): HandlerView[] {
  const out: HandlerView[] = [];
  for (const e of entries(doc, node)) {
    const type = handlerTypes.find((t) => t === e.key);
    if (!type) continue;
    const m = obj<HandlerFields>(doc, e.value);
    const h: HandlerView = { type, key: e.keyNode, node: m };
    const at = keySpan(e.keyNode);
    if (type === 'exec') {
      const seq = asSeq(doc, nodeOf(doc, m, 'command'));
      const items = seq ? seq.items.map((i) => asScalar(doc, i)) : [];
      h.command = seq && items.every((s): s is Scalar => s !== null && s.value != null) ? commandView(source, seq, items as Scalar[]) : null;
    } else if (type === 'sleep') {
      h.seconds = field<HandlerFields, number | undefined>(doc, m, 'seconds', readNumber, undefined, at);
    } else {
      h.port = field<HandlerFields, number | string | undefined>(doc, m, 'port', readPort, undefined, at);
      h.host = field<HandlerFields, string | undefined>(doc, m, 'host', readString, undefined, at);
      if (type === 'httpGet') {
        h.path = field<HandlerFields, string | undefined>(doc, m, 'path', readString, undefined, at);
        h.scheme = field(doc, m, 'scheme', readString, 'HTTP', at);
        h.httpHeaders = mapsOf(doc, m, 'httpHeaders').map((header) => ({ name: stringOf(doc, header, 'name'), value: stringOf(doc, header, 'value') }));
      }
      if (type === 'grpc') h.service = field(doc, m, 'service', readString, '', at);
    }
    out.push(h);
  }
  return out;
}

function commandView(source: string, node: YAMLSeq, items: Scalar[]): CommandView {
  return {
    value: items.map((s) => String(s.value)),
    items,
    node,
    spanIn(index, offset, length) {
      const item = items[index]!;
      return { start: scalarValueOffsetToSource(source, item, offset), end: scalarValueOffsetToSource(source, item, offset + length) };
    },
  };
}
