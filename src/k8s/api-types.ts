/**
 * The Kubernetes types whose field names extraction reads, from `kubernetes-types` (types only:
 * erased at build time, nothing of it is in the bundle), extended here with fields newer than its
 * 1.30 so a misspelt key is a compile error in extract.ts rather than a field silently never read.
 */
import type * as core from 'kubernetes-types/core/v1.js';
import type * as apps from 'kubernetes-types/apps/v1.js';
import type * as batch from 'kubernetes-types/batch/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export type { ObjectMeta };
export type { Affinity, ContainerPort, EnvVar, GRPCAction, HTTPGetAction, HTTPHeader, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodOS, ServiceSpec, SleepAction, Toleration } from 'kubernetes-types/core/v1.js';

/** Lifecycle.stopSignal: Kubernetes 1.33 (ContainerStopSignals). */
export interface Lifecycle extends core.Lifecycle {
  stopSignal?: string;
}

/** A container restart rule: Kubernetes 1.34 (ContainerRestartRules). */
export interface ContainerRestartRule {
  action: string;
  exitCodes?: { operator: string; values?: number[] };
}

export interface Container extends Omit<core.Container, 'lifecycle'> {
  lifecycle?: Lifecycle;
  /** Kubernetes 1.34 (ContainerRestartRules). */
  restartPolicyRules?: ContainerRestartRule[];
}

export interface PodSpec extends Omit<core.PodSpec, 'containers' | 'initContainers' | 'ephemeralContainers'> {
  containers: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
}

export type Probe = core.Probe;
export type LifecycleHandler = core.LifecycleHandler;
export type ProbeHandlerKey = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';
export type HandlerKey = keyof LifecycleHandler | ProbeHandlerKey;

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

/** What a workload's `spec` may hold around its pod template (Deployment, StatefulSet, DaemonSet...). */
export type WorkloadSpec = Partial<apps.DeploymentSpec & apps.StatefulSetSpec & apps.DaemonSetSpec>;
export type UpdateStrategy = Partial<apps.DeploymentStrategy & apps.StatefulSetUpdateStrategy & apps.DaemonSetUpdateStrategy>;
export type RollingUpdate = Partial<apps.RollingUpdateDeployment & apps.RollingUpdateStatefulSetStrategy & apps.RollingUpdateDaemonSet>;

/** A Job's and a CronJob's own spec, as far as extraction reads them. */
export type JobSpec = Partial<batch.JobSpec>;
export type CronJobSpec = Partial<batch.CronJobSpec>;

/** Any Kubernetes object's root, as far as extraction reads it (a `List` has `items`). */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec?: unknown;
  items?: unknown[];
}
