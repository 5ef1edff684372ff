/**
 * Views: what rules see. Every value is a Field: the value the API server works with (written, or
 * its default), how it came about (state), the YAML node when written, and the span to report at.
 * Rules never touch raw YAML: what a rule needs that is not here is added here.
 */
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ServiceLoadBalancer } from './load-balancers.js';

/** Absolute offsets into the file text; end is exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * How a Field's value came about.
 * - written: the manifest's value, kept as is by the API server.
 * - default: the API server's default: the key is absent, or written as a value the API server
 *   replaces before validation (a probe's `periodSeconds: 0`, a pod's `restartPolicy: ""`).
 * - null: the key is written with no value or `null`; decoded as unset, so the default applies.
 * - invalid: written, but of the wrong type or out of range; the API server rejects it (the schema
 *   rule's finding). `value` holds the default so reasoning can go on; rules that need the real
 *   value skip these.
 */
export type FieldState = 'written' | 'default' | 'invalid' | 'null';

export interface Field<T> {
  /** The value the API server works with (for `invalid`, the default). */
  value: T;
  state: FieldState;
  /** The value as written, when it has the field's type (also when the API server replaces or rejects it). */
  written: T | undefined;
  /** The value node when the field is written in the manifest. */
  node: Node | null;
  /** The key node when the field is written. */
  keyNode: Scalar | null;
  /** Where to report: the written value (its key when written as null), or (for defaults) the key of the enclosing block. */
  at: Span;
}

export type ContainerRole = 'app' | 'init' | 'sidecar' | 'ephemeral';
export type ProbeKind = 'liveness' | 'readiness' | 'startup';
export type HookKind = 'postStart' | 'preStop';
export type HandlerType = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

export interface Workload {
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string | undefined;
  /** The object's root mapping. */
  node: YAMLMap;
  /** The `kind:` value, for findings about the kind itself. */
  kindAt: Span;
  doc: Document;
  filePath: string;
  /** The whole file text (offsets in spans refer to it). */
  source: string;
  /** The Kubernetes version the run targets (what the kubelet will do depends on it). */
  kubernetesVersion: string;
  /** Index of the YAML document in the file (0-based). */
  docIndex: number;
  annotations: Map<string, string>;
  /** The `metadata.annotations` mapping, when written. */
  annotationsNode: Node | null;
  /** Rollout fields of the object's `spec` (Deployment, StatefulSet, DaemonSet, ReplicaSet...). */
  rollout: RolloutView;
  /** Run-to-completion fields of the object's own spec (Job, CronJob). */
  job: JobView;
  /** `# Source:` comment of `helm template` output, when present. */
  sourcePath?: string;
  pod: PodView;
}

/**
 * Rollout fields, read from the object's `spec` with the defaults of apps/v1 for its kind
 * (`strategy` for a Deployment, `updateStrategy` for a StatefulSet or DaemonSet). Defaulted values
 * report at the object's `spec:` key.
 */
export interface RolloutView {
  replicas: Field<number>;
  paused: Field<boolean>;
  progressDeadlineSeconds: Field<number>;
  minReadySeconds: Field<number>;
  strategy: {
    type: Field<string>;
    /** rollingUpdate.maxUnavailable / maxSurge: a whole count or a percentage string ("25%"); anything else is `invalid`. */
    maxUnavailable: Field<number | string>;
    maxSurge: Field<number | string>;
    /** The `rollingUpdate:` mapping when written (where a repair sets maxSurge or maxUnavailable). */
    rollingUpdate: YAMLMap | null;
  };
}

/** Deadlines of a Job or CronJob; for other kinds (and when not written) a Field with no value. */
export interface JobView {
  /** A Job's `spec.activeDeadlineSeconds`, or a CronJob's `spec.jobTemplate.spec.activeDeadlineSeconds`. */
  activeDeadlineSeconds: Field<number | undefined>;
  /** A CronJob's `spec.startingDeadlineSeconds`. */
  startingDeadlineSeconds: Field<number | undefined>;
}

/** One `matchExpressions` entry of a required node affinity term. */
export interface NodeSelectorRequirementView {
  key: string | undefined;
  operator: string | undefined;
  /** Scalar values as written (non-strings stay as decoded: `values: [1]` holds a number). */
  values: unknown[];
  /** The `values:` list, or the expression itself when there is none: where evidence points. */
  at: Span;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  node: Node;
}

export interface PodView {
  workload: Workload;
  doc: Document;
  /** The pod spec mapping and the key that holds it (`spec:`), the anchor for defaulted values. */
  node: YAMLMap;
  specAt: Span;
  /** Labels of the pod template (or of the Pod itself). */
  labels: Map<string, string>;
  /** Annotations of the pod template (where charts put `podAnnotations`; a Pod's own). */
  annotations: Map<string, string>;
  annotationsNode: Node | null;
  /** The grace period the pod gets: `terminationGracePeriodSeconds`, or the field an operator sets it from. */
  terminationGracePeriodSeconds: Field<number>;
  /** The key that sets it in this spec: `terminationGracePeriodSeconds`, or `timeoutSeconds` for Knative. */
  gracePeriodKey: string;
  /** The pod spec's own `activeDeadlineSeconds` (a whole number of seconds when written). */
  activeDeadlineSeconds: Field<number | undefined>;
  restartPolicy: Field<string>;
  /** `hostNetwork: true`: the pod shares the node's network namespace (loopback is the pod's too). */
  hostNetwork: Field<boolean>;
  osName: Field<string | undefined>;
  nodeSelector: Map<string, string>;
  nodeSelectorNode: Node | null;
  tolerations: Toleration[];
  affinityNode: Node | null;
  /**
   * `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`:
   * the terms (ORed), each a list of match expressions (ANDed).
   */
  requiredNodeAffinity: NodeSelectorRequirementView[][];
  /** All containers in spec order: init containers (init or sidecar), app containers, ephemeral. */
  containers: ContainerView[];
  /**
   * A partial pod spec: no containers, or a container without `image`. Kustomize patches and
   * overlays look like this; what they leave out is set elsewhere, so rules must not reason from
   * absence (missing probes, defaulted values) on them.
   */
  partial: boolean;
  /**
   * The spec is an operator's object holding the pod's fields among its own (a Prometheus spec):
   * a key that is no pod field is the operator's, not a misspelling.
   */
  sharedSpec?: boolean;
}

export interface PortView {
  name: string | undefined;
  containerPort: number | undefined;
  /** `protocol` as written, upper-cased by nothing: the API server accepts TCP (default), UDP, SCTP. */
  protocol: string;
  node: Node;
}

export interface ContainerView {
  pod: PodView;
  role: ContainerRole;
  /** Index within its list (initContainers / containers / ephemeralContainers). */
  index: number;
  node: YAMLMap;
  name: Field<string>;
  /** Where "missing X" findings go: the container's `name:` entry (or its first key). */
  at: Span;
  image: Field<string | undefined>;
  ports: PortView[];
  /** `env` by name: the literal value, or undefined when set from elsewhere (valueFrom). */
  env: Record<string, string | undefined>;
  /** `envFrom` is present: any other name may be set too, to a value not known here. */
  envFromAny: boolean;
  probes: ProbeView[];
  hooks: HookView[];
  /** Container-level `restartPolicy` (sidecars: Always). */
  restartPolicy: Field<string | undefined>;
  /** Container restartPolicyRules (ContainerRestartRules); the rules themselves are not read yet. */
  restartPolicyRules: Field<unknown[] | undefined>;
  stopSignal: Field<string | undefined>;
  lifecycleKey: Scalar | null;
  /** The `lifecycle:` key, and whether it is written with no value (or null: a nil pointer). */
  lifecycle: { key: Scalar; empty: boolean } | null;
}

/** An exec command: the argv with one scalar node per element. */
export interface CommandView {
  value: string[];
  items: Scalar[];
  node: YAMLSeq;
  /**
   * Where `length` characters at `offset` into the decoded value of argument `index` sit in the
   * file (escapes, quoting and folding mapped back): for findings about a token inside a string.
   */
  spanIn(index: number, offset: number, length: number): Span;
}

export interface HandlerView {
  type: HandlerType;
  key: Scalar;
  node: YAMLMap | null;
  /** exec: the command argv with one scalar node per element (null when not a list of scalars). */
  command?: CommandView | null;
  port?: Field<number | string | undefined>;
  host?: Field<string | undefined>;
  path?: Field<string | undefined>;
  /** httpGet: scheme (default HTTP) and headers in order (name and value as strings when scalars). */
  scheme?: Field<string>;
  httpHeaders?: { name: string | undefined; value: string | undefined }[];
  /** grpc: the service name sent in the health check request (default ""). */
  service?: Field<string>;
  /** sleep action. */
  seconds?: Field<number | undefined>;
}

export interface ProbeView {
  kind: ProbeKind;
  container: ContainerView;
  /** The `livenessProbe:` key. */
  key: Scalar;
  keyAt: Span;
  node: YAMLMap | null;
  /** The key is present with no value (`readinessProbe:` and nothing). */
  empty: boolean;
  initialDelaySeconds: Field<number>;
  periodSeconds: Field<number>;
  timeoutSeconds: Field<number>;
  successThreshold: Field<number>;
  failureThreshold: Field<number>;
  terminationGracePeriodSeconds: Field<number | undefined>;
  handlers: HandlerView[];
  /** The handler when there is exactly one. */
  handler: HandlerView | undefined;
}

export interface HookView {
  kind: HookKind;
  container: ContainerView;
  key: Scalar;
  keyAt: Span;
  node: YAMLMap | null;
  handlers: HandlerView[];
  handler: HandlerView | undefined;
}

export interface ServiceView {
  name: string;
  namespace: string | undefined;
  selector: Map<string, string>;
  selectorAt: Span;
  /**
   * The ports the Service sends to, as `targetPort`s (number or container port name; a port without
   * `targetPort` targets its `port` number). Empty when the Service lists no ports.
   */
  targetPorts: (number | string)[];
  filePath: string;
  /** The selector key's line and column, set when the index collects it: for related locations from another file. */
  selectorPosition?: { line: number; column: number; endLine: number; endColumn: number };
  /** Load-balancer settings of its annotations (load-balancers.ts), when it has any. */
  loadBalancer?: ServiceLoadBalancer;
}
