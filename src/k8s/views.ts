/**
 * Views: what rules see. Every value is a Field: the effective value (written, or the Kubernetes
 * default), the YAML node when written, and the span to report at. Rules never touch raw YAML.
 */
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Absolute offsets into the file text; end is exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface Field<T> {
  value: T;
  /** The value node when the field is written in the manifest. */
  node: Node | null;
  /** The key node when the field is written. */
  keyNode: Scalar | null;
  /** Where to report: the written value, or (for defaults) the key of the enclosing block. */
  at: Span;
  /** True when the value is the Kubernetes default, not written in the manifest. */
  defaulted: boolean;
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
  /** `# Source:` comment of `helm template` output, when present. */
  sourcePath?: string;
  pod: PodView;
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
  terminationGracePeriodSeconds: Field<number>;
  restartPolicy: Field<string>;
  osName: Field<string | undefined>;
  nodeSelector: Map<string, string>;
  nodeSelectorNode: Node | null;
  tolerations: Toleration[];
  affinityNode: Node | null;
  /** All containers in spec order: init containers (init or sidecar), app containers, ephemeral. */
  containers: ContainerView[];
  /**
   * A partial pod spec: no containers, or a container without `image`. Kustomize patches and
   * overlays look like this; what they leave out is set elsewhere, so rules must not reason from
   * absence (missing probes, defaulted values) on them.
   */
  partial: boolean;
}

export interface PortView {
  name: string | undefined;
  containerPort: number | undefined;
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
  stopSignal: Field<string | undefined>;
  lifecycleKey: Scalar | null;
}

export interface HandlerView {
  type: HandlerType;
  key: Scalar;
  node: YAMLMap | null;
  /** exec: the command argv with one scalar node per element (null when not a list of scalars). */
  command?: { value: string[]; items: Scalar[]; node: YAMLSeq } | null;
  port?: Field<number | string | undefined>;
  host?: Field<string | undefined>;
  path?: Field<string | undefined>;
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
  filePath: string;
}
