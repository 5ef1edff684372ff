/**
 * Kubernetes versions and the lifecycle features that depend on them, as data.
 *
 * Each feature is a list of phases ordered by version: from `from` on (until the next phase) the
 * target version treats the field as `absent` (the API does not have the field yet), `rejected`
 * (the field exists but validation refuses it), `gated` (its feature gate exists but is off by
 * default) or `served` (on by default). A feature is "served by default" on a version whose phase
 * is `served`. The versions are those of `reference/lifecycle-facts.md` (sections A, B, D, E);
 * what the API server does in the other phases is read from `pkg/api/pod/util.go`
 * (`dropDisabledFields`: the API server silently drops the fields of a disabled gate on create)
 * and `validation.go`.
 *
 * Timing rules use `servedByDefault('sleepAction', version)`: on a version without the sleep
 * action, a `sleep` preStop is not a delay.
 */
import { interpolate } from '../text.js';

/** The newest Kubernetes minor release this table describes (and the default target version). */
export const newestTableVersion = '1.35';

export type FeatureId =
  | 'sleepAction'
  | 'sleepZeroSeconds'
  | 'sidecarContainers'
  | 'grpcProbe'
  | 'probeTerminationGracePeriod'
  | 'startupProbe'
  | 'stopSignal'
  | 'containerRestartPolicy';

export type FeatureStatus = 'absent' | 'rejected' | 'gated' | 'served';

export interface FeaturePhase {
  /** First minor version ("1.30") of this phase; the first phase starts at "1.0". */
  from: string;
  status: FeatureStatus;
  /** What happens to a manifest that uses the feature in this phase (not for `served`).
   * `{{hook}}` and `{{probe}}` are filled in by the rule. */
  outcome?: string;
}

export interface Feature {
  id: FeatureId;
  /** Sentence subject for messages: "The sleep action (`lifecycle.*.sleep`)". */
  title: string;
  /** The feature gate, when there is one. */
  gate?: string;
  /** Gate milestones, for docs. */
  alpha?: string;
  beta?: string;
  ga?: string;
  phases: readonly FeaturePhase[];
  /** Where the facts come from. */
  source: string;
}

// What a version without the field does with it. Both kubectl paths are standard API machinery:
// client/server-side validation fails on an unknown field; without validation the decoder drops it.
const unknownField = "kubectl's validation fails on the unknown field, and a client that skips validation has it dropped silently";

export const features: Readonly<Record<FeatureId, Feature>> = {
  sleepAction: {
    id: 'sleepAction',
    title: 'The sleep action (`sleep:` in a lifecycle hook)',
    gate: 'PodLifecycleSleepAction',
    alpha: '1.29',
    beta: '1.30',
    ga: '1.34',
    phases: [
      { from: '1.0', status: 'absent', outcome: `the pod is rejected either way: ${unknownField}, which leaves the {{hook}} hook with no handler ("must specify a handler type")` },
      { from: '1.29', status: 'gated', outcome: 'the API server silently drops the field, and the whole {{hook}} hook when sleep is its only handler, so the pod is accepted but the sleep never happens' },
      { from: '1.30', status: 'served' },
    ],
    source: 'facts A (FG/PodLifecycleSleepAction, KEP-3960); pkg/api/pod/util.go dropPodLifecycleSleepAction',
  },
  sleepZeroSeconds: {
    id: 'sleepZeroSeconds',
    title: 'A zero-second sleep action (`sleep.seconds: 0`)',
    gate: 'PodLifecycleSleepActionAllowZero',
    alpha: '1.32',
    beta: '1.33',
    ga: '1.34',
    phases: [
      // Below 1.30 the sleep action itself is missing: that is the sleepAction finding.
      { from: '1.0', status: 'rejected', outcome: 'the API server rejects the pod (sleep seconds must be greater than 0)' },
      { from: '1.32', status: 'gated', outcome: 'the API server rejects the pod (sleep seconds must be greater than 0 unless the gate is enabled)' },
      { from: '1.33', status: 'served' },
    ],
    source: 'facts A (FG/PodLifecycleSleepActionAllowZero, KEP-4818; validation.go validateSleepAction)',
  },
  sidecarContainers: {
    id: 'sidecarContainers',
    title: 'A sidecar container (init container with `restartPolicy: Always`)',
    gate: 'SidecarContainers',
    alpha: '1.28',
    beta: '1.29',
    ga: '1.33',
    phases: [
      { from: '1.0', status: 'absent', outcome: `${unknownField}, which turns the sidecar into a regular init container that must exit before the app containers start (a long-running one keeps the pod in Init forever)` },
      { from: '1.28', status: 'gated', outcome: 'the API server silently drops restartPolicy, so the container becomes a regular init container that must exit before the app containers start: a long-running sidecar keeps the pod in Init forever' },
      { from: '1.29', status: 'served' },
    ],
    source: 'facts E (FG/SidecarContainers, KEP-753); pkg/api/pod/util.go dropDisabledFields',
  },
  grpcProbe: {
    id: 'grpcProbe',
    title: 'A gRPC probe (`grpc:`)',
    gate: 'GRPCContainerProbe',
    alpha: '1.23',
    beta: '1.24',
    ga: '1.27',
    phases: [
      { from: '1.0', status: 'absent', outcome: `the pod is rejected either way: ${unknownField}, which leaves the {{probe}} with no handler ("must specify a handler type")` },
      { from: '1.23', status: 'gated', outcome: 'the gRPC probe is not served by default' },
      { from: '1.24', status: 'served' },
    ],
    source: 'facts D (FG/GRPCContainerProbe, KEP-2727)',
  },
  probeTerminationGracePeriod: {
    id: 'probeTerminationGracePeriod',
    title: 'A probe-level terminationGracePeriodSeconds',
    gate: 'ProbeTerminationGracePeriod',
    alpha: '1.21',
    beta: '1.22',
    ga: '1.28',
    phases: [
      { from: '1.0', status: 'absent', outcome: `${unknownField}, after which a {{probe}} failure kills the container with the pod's grace period` },
      // Beta from 1.22 but off by default until 1.24.
      { from: '1.21', status: 'gated', outcome: "the API server silently drops the field, so a {{probe}} failure kills the container with the pod's grace period" },
      { from: '1.25', status: 'served' },
    ],
    source: 'facts B (FG/ProbeTerminationGracePeriod, KEP-2238); pkg/api/pod/util.go dropDisabledFields',
  },
  startupProbe: {
    id: 'startupProbe',
    title: 'The startupProbe',
    gate: 'StartupProbe',
    alpha: '1.16',
    beta: '1.18',
    ga: '1.20',
    phases: [
      { from: '1.0', status: 'absent', outcome: `${unknownField}, after which liveness and readiness checks are not held back during a slow start` },
      { from: '1.16', status: 'gated', outcome: 'the API server silently drops the startupProbe, so liveness and readiness checks are not held back during a slow start' },
      { from: '1.18', status: 'served' },
    ],
    source: 'facts D (FG/StartupProbe); pkg/api/pod/util.go dropDisabledFields',
  },
  stopSignal: {
    id: 'stopSignal',
    title: 'lifecycle.stopSignal',
    gate: 'ContainerStopSignals',
    alpha: '1.33',
    phases: [
      { from: '1.0', status: 'absent', outcome: `${unknownField}, after which the container is stopped with the image's STOPSIGNAL (default SIGTERM)` },
      // Alpha (off) from 1.33; the beta target (1.37 in KEP-4960) is beyond this table.
      { from: '1.33', status: 'gated', outcome: "the API server silently drops the field, so the container is stopped with the image's STOPSIGNAL (default SIGTERM)" },
    ],
    source: 'facts A (FG/ContainerStopSignals, KEP-4960); pkg/api/pod/util.go dropContainerStopSignals',
  },
  containerRestartPolicy: {
    id: 'containerRestartPolicy',
    title: 'A container-level restartPolicy on an app container (or one other than Always on an init container, or restartPolicyRules)',
    gate: 'ContainerRestartRules',
    alpha: '1.34',
    beta: '1.35',
    phases: [
      { from: '1.0', status: 'absent', outcome: `${unknownField}, after which the pod's restartPolicy applies` },
      // The field exists from 1.28 (sidecars), but only `Always` on init containers is valid.
      { from: '1.28', status: 'rejected', outcome: 'the API server rejects the pod ("may not be set for non-init containers"; init containers accept only Always)' },
      { from: '1.34', status: 'gated', outcome: "the API server silently drops the field, so the pod's restartPolicy applies" },
      { from: '1.35', status: 'served' },
    ],
    source: 'facts A (FG/ContainerRestartRules; validation.go); pkg/api/pod/util.go dropContainerRestartRules',
  },
};

export interface KubeVersion {
  major: number;
  minor: number;
}

/** "1.30", "v1.30", "1.30.2" → { major: 1, minor: 30 }; anything else → null. */
export function parseKubernetesVersion(version: string): KubeVersion | null {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

function mustParse(version: string): KubeVersion {
  const v = parseKubernetesVersion(version);
  if (!v) throw new RangeError(`Not a Kubernetes version: '${version}' (expected X.Y, e.g. ${newestTableVersion}).`);
  return v;
}

/** Negative when a < b, 0 when the same minor release, positive when a > b. Throws on a malformed version. */
export function compareKubernetesVersions(a: string, b: string): number {
  const va = mustParse(a);
  const vb = mustParse(b);
  return va.major - vb.major || va.minor - vb.minor;
}

/** The phase a feature is in on `version`. */
export function featurePhase(id: FeatureId, version: string): FeaturePhase {
  const phases = features[id].phases;
  let current = phases[0]!;
  for (const p of phases) if (compareKubernetesVersions(version, p.from) >= 0) current = p;
  return current;
}

/** True when `version` serves the feature with a default configuration (gate on by default, or GA). */
export function servedByDefault(id: FeatureId, version: string): boolean {
  return featurePhase(id, version).status === 'served';
}

/** The first version that serves the feature by default, or null when no version in the table does. */
export function servedSince(id: FeatureId): string | null {
  return features[id].phases.find((p) => p.status === 'served')?.from ?? null;
}

/** The first version in which the field exists (the end of the `absent` phase). */
export function introducedIn(id: FeatureId): string | null {
  return features[id].phases.find((p) => p.status !== 'absent')?.from ?? null;
}

/**
 * Why feature `id` is not there on Kubernetes `version`, as feature-unavailable's message data
 * (status = message id); null when that version serves it. `fill` fills the placeholders of the
 * feature's outcome text, `extra` is appended to it.
 */
export function featureMissing(
  id: FeatureId,
  version: string,
  fill: Record<string, string> = {},
  extra = '',
): { status: Exclude<FeatureStatus, 'served'>; data: Record<string, string> } | null {
  const phase = featurePhase(id, version);
  if (phase.status === 'served') return null;
  const f = features[id];
  const since = servedSince(id);
  const outcome = interpolate(phase.outcome ?? 'it is not served by default', fill);
  return {
    status: phase.status,
    data: {
      feature: f.title,
      availability: since ? `is served by default from Kubernetes ${since}` : `is not served by default in any Kubernetes release up to ${newestTableVersion}`,
      target: version,
      added: introducedIn(id) ?? '?',
      gate: f.gate ?? '',
      outcome: outcome + extra,
    },
  };
}
