/**
 * Where each kind keeps its pod template. Data, not code: adding a kind is one line.
 * Paths are key paths from the object root to the pod *template* (metadata + spec); `Pod` is its
 * own template. Objects not listed here are still recognised when they have
 * `spec.template.spec.containers` (Argo Rollouts, Knative, OpenShift DeploymentConfig, ...).
 */
export const podTemplatePaths: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/**
 * The template path of `kind`: the config's own entries first, then the table. Kinds come from the
 * input, so only own entries count (`kind: constructor` must not find Object.prototype's).
 */
export function templatePathOf(kind: string, extra?: Readonly<Record<string, readonly string[]>>): readonly string[] | undefined {
  if (extra && Object.hasOwn(extra, kind)) return extra[kind];
  return Object.hasOwn(podTemplatePaths, kind) ? podTemplatePaths[kind] : undefined;
}

/** The generic fallback path for unknown kinds. */
export const genericTemplatePath: readonly string[] = ['spec', 'template'];

/** Kinds whose pods must restart Always, and kinds whose pods must not. */
// ReplicationController: ValidateReplicationControllerSpec accepts only Always (core validation.go).
export const alwaysRestartKinds: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);
export const runToCompletionKinds: ReadonlySet<string> = new Set(['Job', 'CronJob']);
/** Long-running workloads (liveness-probe-missing). */
export const longRunningKinds: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Rollout', 'DeploymentConfig']);
