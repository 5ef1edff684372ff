/**
 * Runtime profiles: what a platform does with each kind of probe and lifecycle hook, and how a
 * manifest is recognised as targeting it. Profiles are data (built-in ones below, user ones from
 * the config's `runtimes` or the rule's `profiles` option, validated with `runtimeProfileSchema`).
 *
 * Detection reads only the pod spec: nodeSelector, tolerations, required node affinity and
 * `spec.os.name`, the signals each platform's own documentation uses in its example manifests
 * (see `reference/lifecycle-facts.md`, section G). A profile matches when every signal of one of
 * its `detect` groups is present. `runtime: auto` (the default) detects; a profile name forces
 * that profile for every pod; `none` turns runtime checks off.
 */
import type { Node } from 'yaml';
import type { HandlerType, HookKind, PodView, ProbeKind, Span } from '../k8s/views.js';
import { apiGroup } from '../k8s/operator-templates.js';
import { asMap, getNode } from '../k8s/yaml-util.js';
import { maxTestedLength, unsafeRegexReason } from './safe-regex.js';

/** What the platform does with a handler: drops it without a word, refuses the pod, or runs it
 * and it fails. `supported` may be written to document that a handler is fine. */
export type Treatment = 'supported' | 'ignored' | 'rejected' | 'fails';

export interface Handling {
  treatment: Treatment;
  /** Why, in the platform's terms, for the message: "BCI runs only exec hooks". */
  detail?: string;
}

/** One piece of evidence that a pod targets a platform. */
export type Signal =
  /** `nodeSelector` has `key` (with `value`, when given). */
  | { nodeSelector: { key: string; value?: string } }
  /** A toleration with this `key` (and `value` / `operator` when given; the operator defaults to Equal). */
  | { toleration: { key: string; value?: string; operator?: 'Equal' | 'Exists' } }
  /** Every required nodeSelectorTerm has `key In [...]` with values drawn only from `values`. */
  | { nodeAffinity: { key: string; values: string[] } }
  /** `spec.os.name`. */
  | { osName: string }
  /** The API group of the object that holds the pod template (`serving.knative.dev`). */
  | { apiGroup: string };

export interface ExecCommandRule extends Handling {
  /** Regular expression (JavaScript syntax) tested against argv[0] of exec commands. */
  argv0: string;
  /** What argv[0] is, for the message: "a POSIX shell". */
  label: string;
}

export interface RuntimeProfile {
  /** The name for `--runtime` and `runtime:` in the config: kebab-case. In the config's
   * `runtimes` map the key is the name. */
  name: string;
  /** The platform as users know it, for messages: "Baidu BCI" (default: the name). */
  title: string;
  /** Documentation the profile is based on. */
  source?: string;
  /** Alternatives: the profile matches a pod when every signal of one group matches. */
  detect: Signal[][];
  /** Lifecycle hooks by handler type (unlisted: supported). */
  hooks?: Partial<Record<'exec' | 'httpGet' | 'tcpSocket' | 'sleep', Handling>>;
  /** Probes by kind, whatever their handler (unlisted: see probeHandlers). */
  probes?: Partial<Record<ProbeKind, Handling>>;
  /** Probes by handler type. */
  probeHandlers?: Partial<Record<'exec' | 'httpGet' | 'tcpSocket' | 'grpc', Handling>>;
  /** Probes on (sidecar) init containers. */
  initContainerProbes?: Handling;
  /** exec commands (hooks and probes) by argv[0]. */
  execCommands?: ExecCommandRule[];
}

const vkProvider = 'virtual-kubelet.io/provider';
const posixShell = '^(?:(?:/usr)?(?:/local)?/bin/)?(?:ba|a|da|z|k|mk|c|tc)?sh$';

export const builtinProfiles: readonly RuntimeProfile[] = [
  {
    name: 'baidu-bci',
    title: 'Baidu BCI',
    source: 'https://cloud.baidu.com/doc/BCI/s/Ulbxcedhb',
    // The documented example: nodeSelector `type: virtual-kubelet` + toleration
    // virtual-kubelet.io/provider=baidu. The selector alone is shared with other virtual-kubelet
    // providers (ACI), so the baidu toleration is required.
    detect: [[{ toleration: { key: vkProvider, value: 'baidu' } }]],
    hooks: {
      httpGet: { treatment: 'ignored', detail: 'BCI runs only exec hooks' },
      tcpSocket: { treatment: 'ignored', detail: 'BCI runs only exec hooks' },
    },
  },
  {
    name: 'azure-aci',
    title: 'Azure ACI virtual nodes',
    source: 'https://github.com/virtual-kubelet/azure-aci (pkg/provider/aci.go, README.md)',
    detect: [
      // The virtual kubelet's default taint is virtual-kubelet.io/provider=azure:NoSchedule.
      [{ toleration: { key: vkProvider, value: 'azure' } }],
      // The AKS / azure-aci README example: provider Exists + azure.com/aci.
      [{ toleration: { key: vkProvider, operator: 'Exists' } }, { toleration: { key: 'azure.com/aci' } }],
      [{ nodeSelector: { key: 'type', value: 'virtual-kubelet' } }, { toleration: { key: 'azure.com/aci' } }],
    ],
    hooks: {
      exec: { treatment: 'rejected', detail: 'ACI does not support lifecycle hooks' },
      httpGet: { treatment: 'rejected', detail: 'ACI does not support lifecycle hooks' },
      tcpSocket: { treatment: 'rejected', detail: 'ACI does not support lifecycle hooks' },
    },
    probes: { startup: { treatment: 'rejected', detail: 'ACI does not support startupProbe' } },
    probeHandlers: {
      tcpSocket: { treatment: 'rejected', detail: 'ACI runs only exec and httpGet liveness and readiness probes' },
      grpc: { treatment: 'rejected', detail: 'ACI runs only exec and httpGet liveness and readiness probes' },
    },
    initContainerProbes: { treatment: 'rejected', detail: 'ACI does not allow probes on init containers' },
  },
  {
    name: 'knative',
    title: 'Knative Serving',
    source: 'https://github.com/knative/serving (pkg/apis/serving/fieldmask.go: ContainerMask leaves out Lifecycle, so validation answers "must not set the field(s)")',
    detect: [[{ apiGroup: 'serving.knative.dev' }]],
    hooks: {
      exec: { treatment: 'rejected', detail: 'Knative Serving does not allow lifecycle hooks' },
      httpGet: { treatment: 'rejected', detail: 'Knative Serving does not allow lifecycle hooks' },
      tcpSocket: { treatment: 'rejected', detail: 'Knative Serving does not allow lifecycle hooks' },
      sleep: { treatment: 'rejected', detail: 'Knative Serving does not allow lifecycle hooks' },
    },
  },
  {
    name: 'windows',
    title: 'Windows nodes',
    source: 'https://kubernetes.io/docs/concepts/windows/intro/',
    detect: [
      [{ osName: 'windows' }],
      [{ nodeSelector: { key: 'kubernetes.io/os', value: 'windows' } }],
      [{ nodeSelector: { key: 'beta.kubernetes.io/os', value: 'windows' } }],
      [{ nodeAffinity: { key: 'kubernetes.io/os', values: ['windows'] } }],
      [{ nodeAffinity: { key: 'beta.kubernetes.io/os', values: ['windows'] } }],
    ],
    execCommands: [
      { argv0: posixShell, label: 'a POSIX shell', treatment: 'fails', detail: 'Windows container images have no POSIX shell (use cmd /c or powershell)' },
    ],
  },
];

const handlingSchema = {
  type: 'object',
  properties: {
    treatment: { enum: ['supported', 'ignored', 'rejected', 'fails'], description: 'What the platform does with it.' },
    detail: { type: 'string', description: 'Why, for the message.' },
  },
  required: ['treatment'],
  additionalProperties: false,
} as const;

const keyValue = (withOperator: boolean) => ({
  type: 'object',
  properties: {
    key: { type: 'string', minLength: 1 },
    value: { type: 'string' },
    ...(withOperator ? { operator: { enum: ['Equal', 'Exists'] } } : {}),
  },
  required: ['key'],
  additionalProperties: false,
});

/** JSON Schema (draft-07 compatible) of one runtime profile: the values of the config's `runtimes`
 * map (keyed by name, so `name` and `title` are optional there; see `runtimeProfileListItemSchema`
 * for lists). */
export const runtimeProfileSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'The name for --runtime and `runtime:` (in the `runtimes` map: the key).' },
    title: { type: 'string', minLength: 1, description: 'The platform, for messages (default: the name).' },
    source: { type: 'string' },
    detect: {
      type: 'array',
      description: 'Alternatives: the profile matches a pod when every signal of one group matches.',
      items: {
        type: 'array',
        minItems: 1,
        items: {
          oneOf: [
            { type: 'object', properties: { nodeSelector: keyValue(false) }, required: ['nodeSelector'], additionalProperties: false },
            { type: 'object', properties: { toleration: keyValue(true) }, required: ['toleration'], additionalProperties: false },
            {
              type: 'object',
              properties: {
                nodeAffinity: {
                  type: 'object',
                  properties: { key: { type: 'string', minLength: 1 }, values: { type: 'array', items: { type: 'string' }, minItems: 1 } },
                  required: ['key', 'values'],
                  additionalProperties: false,
                },
              },
              required: ['nodeAffinity'],
              additionalProperties: false,
            },
            { type: 'object', properties: { osName: { type: 'string', minLength: 1 } }, required: ['osName'], additionalProperties: false },
            { type: 'object', properties: { apiGroup: { type: 'string', minLength: 1 } }, required: ['apiGroup'], additionalProperties: false },
          ],
        },
      },
    },
    hooks: {
      type: 'object',
      properties: { exec: handlingSchema, httpGet: handlingSchema, tcpSocket: handlingSchema, sleep: handlingSchema },
      additionalProperties: false,
    },
    probes: {
      type: 'object',
      properties: { liveness: handlingSchema, readiness: handlingSchema, startup: handlingSchema },
      additionalProperties: false,
    },
    probeHandlers: {
      type: 'object',
      properties: { exec: handlingSchema, httpGet: handlingSchema, tcpSocket: handlingSchema, grpc: handlingSchema },
      additionalProperties: false,
    },
    initContainerProbes: handlingSchema,
    execCommands: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...handlingSchema.properties,
          argv0: { type: 'string', minLength: 1, maxLength: 500, description: 'Regular expression tested against argv[0] (at most 500 characters and two unbounded quantifiers, no backreferences, no repeated group that holds a quantifier or an alternation: patterns that could backtrack without end are refused).' },
          label: { type: 'string', minLength: 1 },
        },
        required: ['treatment', 'argv0', 'label'],
        additionalProperties: false,
      },
    },
  },
  required: ['detect'],
  additionalProperties: false,
} as const;

/** A profile in a list (the rule's `profiles` option): the name is required. */
export const runtimeProfileListItemSchema = { ...runtimeProfileSchema, required: ['name', 'detect'] } as const;

/** The evidence for a match, as a related location for findings. */
export interface SignalEvidence {
  at: Span | Node;
  message: string;
}

export interface RuntimeMatch {
  profile: RuntimeProfile;
  /** `detected` from the manifest, or forced by `--runtime` / `runtime:`. */
  source: 'detected' | 'setting';
  /** The signals that identified the platform (empty when forced by the setting). */
  evidence: SignalEvidence[];
}

/**
 * The runtime profiles that apply to a pod. `profiles` are searched in order (put user profiles
 * first: a user profile with a built-in's name replaces it). `setting` is `auto` (detect: every
 * matching profile, e.g. a Windows pod on ACI virtual nodes matches both), `none` (no profile) or
 * a profile name (that profile, no detection). An unknown name throws.
 */
export function detectRuntime(pod: PodView, profiles: readonly RuntimeProfile[], setting = 'auto'): RuntimeMatch[] {
  const unique = dedupe(profiles);
  if (setting === 'none') return [];
  if (setting !== 'auto') {
    const profile = unique.find((p) => p.name === setting);
    if (!profile) throw new Error(`Unknown runtime '${setting}': use auto, none or one of ${unique.map((p) => p.name).join(', ')}.`);
    return [{ profile, source: 'setting', evidence: [] }];
  }
  const out: RuntimeMatch[] = [];
  for (const profile of unique) {
    for (const group of profile.detect) {
      const evidence = matchGroup(pod, group);
      if (evidence) {
        out.push({ profile, source: 'detected', evidence });
        break;
      }
    }
  }
  return out;
}

/** First profile of each name wins. */
function dedupe(profiles: readonly RuntimeProfile[]): RuntimeProfile[] {
  const seen = new Set<string>();
  return profiles.filter((p) => !seen.has(p.name) && (seen.add(p.name), true));
}

/** Every signal of `group` matched in the pod spec, with its evidence; null when one is missing. */
export function matchGroup(pod: PodView, group: readonly Signal[]): SignalEvidence[] | null {
  if (group.length === 0) return null;
  const out: SignalEvidence[] = [];
  for (const signal of group) {
    const e = matchSignal(pod, signal);
    if (!e) return null;
    out.push(e);
  }
  return out;
}

function matchSignal(pod: PodView, signal: Signal): SignalEvidence | null {
  const doc = pod.doc;
  if ('apiGroup' in signal) {
    const w = pod.workload;
    return apiGroup(w.apiVersion) === signal.apiGroup ? { at: w.kindAt, message: `${w.apiVersion} ${w.kind.split('.')[0]}` } : null;
  }
  if ('osName' in signal) {
    const os = pod.osName;
    return os.state === 'written' && os.value === signal.osName ? { at: os.at, message: `spec.os.name: ${os.value}` } : null;
  }
  if ('nodeSelector' in signal) {
    const { key, value } = signal.nodeSelector;
    const actual = pod.nodeSelector.get(key);
    if (actual === undefined || (value !== undefined && actual !== value)) return null;
    const node = getNode(doc, asMap(doc, pod.nodeSelectorNode), key);
    return { at: node ?? pod.specAt, message: `nodeSelector ${key}: ${actual}` };
  }
  if ('toleration' in signal) {
    const { key, value, operator } = signal.toleration;
    for (const t of pod.tolerations) {
      if (t.key !== key) continue;
      if (value !== undefined && t.value !== value) continue;
      if (operator !== undefined && (t.operator ?? 'Equal') !== operator) continue;
      const map = asMap(doc, t.node);
      const node = getNode(doc, map, t.value !== undefined ? 'value' : 'key') ?? t.node;
      const text = `${key}${t.operator === 'Exists' ? ' Exists' : t.value !== undefined ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
      return { at: node, message: `toleration ${text}` };
    }
    return null;
  }
  return matchAffinity(pod, signal.nodeAffinity.key, signal.nodeAffinity.values);
}

/** Required node affinity: every nodeSelectorTerm (they are ORed) must pin `key` to `values`. */
function matchAffinity(pod: PodView, key: string, allowed: readonly string[]): SignalEvidence | null {
  const terms = pod.requiredNodeAffinity;
  if (terms.length === 0) return null;
  let first: Span | null = null;
  for (const term of terms) {
    const hit = term.find((e) => e.key === key && e.operator === 'In' && e.values.length > 0 && e.values.every((v) => typeof v === 'string' && allowed.includes(v)));
    if (!hit) return null;
    first ??= hit.at;
  }
  return { at: first!, message: `required node affinity ${key} In [${allowed.join(', ')}]` };
}

export type HandlerContext = { kind: HookKind; probe: false } | { kind: ProbeKind; probe: true };

/** How a profile treats a probe (by kind, on an init container, or by handler), if it says. */
export function probeHandling(profile: RuntimeProfile, kind: ProbeKind, handler: HandlerType | undefined, onInitContainer: boolean): Handling | undefined {
  const byKind = profile.probes?.[kind];
  if (byKind && byKind.treatment !== 'supported') return byKind;
  if (onInitContainer && profile.initContainerProbes && profile.initContainerProbes.treatment !== 'supported') return profile.initContainerProbes;
  const byHandler = handler && handler !== 'sleep' ? profile.probeHandlers?.[handler] : undefined;
  return byHandler && byHandler.treatment !== 'supported' ? byHandler : undefined;
}

/** How a profile treats a hook handler, if it says. */
export function hookHandling(profile: RuntimeProfile, handler: HandlerType): Handling | undefined {
  const h = handler === 'grpc' ? undefined : profile.hooks?.[handler];
  return h && h.treatment !== 'supported' ? h : undefined;
}

const regexCache = new Map<string, RegExp>();

/** The exec-command rule of a profile that argv[0] triggers. */
export function execCommandHandling(profile: RuntimeProfile, argv0: string): ExecCommandRule | undefined {
  return profile.execCommands?.find((r) => {
    if (r.treatment === 'supported') return false;
    let re = regexCache.get(r.argv0);
    if (!re) {
      const unsafe = unsafeRegexReason(r.argv0);
      if (unsafe) throw new Error(`Runtime profile '${profile.name}': execCommands argv0 /${r.argv0}/ is not accepted: ${unsafe}`);
      re = new RegExp(r.argv0);
      regexCache.set(r.argv0, re);
    }
    return argv0.length <= maxTestedLength && re.test(argv0);
  });
}

/** What a handler that fails at runtime costs, by hook or probe kind. */
export const failureConsequence: Readonly<Record<HookKind | ProbeKind, string>> = {
  postStart: 'the hook fails (FailedPostStartHook) and the container is killed on every start',
  preStop: 'the hook fails (FailedPreStopHook) and what it should do before SIGTERM (a drain delay, a graceful hand-off) never happens',
  liveness: 'the probe never passes and the container is restarted over and over',
  readiness: 'the probe never passes and the container never becomes Ready',
  startup: 'the probe never passes and the container is killed before it ever starts',
};

/** What a handler that is silently ignored costs. */
export const ignoredConsequence: Readonly<Record<HookKind | ProbeKind, string>> = {
  postStart: 'the hook never runs',
  preStop: 'the hook never runs, so what it should do before SIGTERM (a drain delay, a graceful hand-off) never happens',
  liveness: 'a hung container is never restarted',
  readiness: 'the container counts as Ready without any check',
  startup: 'the start is never checked',
};

type ProfileInput = Omit<RuntimeProfile, 'name' | 'title'> & { name?: string; title?: string };

/** User profiles from already validated input: a list (the rule's `profiles` option) or a map by
 * name (the config's `runtimes`, passed as `settings.runtimes`). Earlier sources win on equal names. */
export function userProfiles(...sources: unknown[]): RuntimeProfile[] {
  const out: RuntimeProfile[] = [];
  const add = (p: ProfileInput, name: string | undefined) => {
    if (!name || !p || typeof p !== 'object') return;
    out.push({ ...p, name, title: p.title ?? name });
  };
  for (const s of sources) {
    if (Array.isArray(s)) for (const p of s as ProfileInput[]) add(p, p?.name);
    else if (s && typeof s === 'object') for (const [key, p] of Object.entries(s as Record<string, ProfileInput>)) add(p, key);
  }
  return out;
}

/** Names `runtime` may take: auto, none, the built-in profiles and the config's `runtimes`. */
export function runtimeNames(runtimes: Record<string, unknown> | undefined): string[] {
  return ['auto', 'none', ...builtinProfiles.map((p) => p.name), ...Object.keys(runtimes ?? {})];
}

/**
 * The runtime profiles of each pod, detected once per pod. Built from the settings (`runtime`,
 * the config's `runtimes`) plus a rule's own extra profiles; user profiles come first, so one with
 * a built-in's name replaces it.
 */
export function runtimeDetector(settings: { runtime?: string; runtimes?: Record<string, unknown> }, ...extra: unknown[]): (pod: PodView) => RuntimeMatch[] {
  const profiles = [...userProfiles(settings.runtimes, ...extra), ...builtinProfiles];
  const setting = settings.runtime || 'auto';
  const cache = new WeakMap<PodView, RuntimeMatch[]>();
  return (pod) => {
    let m = cache.get(pod);
    if (!m) cache.set(pod, (m = detectRuntime(pod, profiles, setting)));
    return m;
  };
}
