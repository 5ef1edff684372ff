/**
 * The rule API. A rule declares metadata and listens to views; the engine walks, resolves
 * positions, applies severities and suppressions. A rule never parses and never computes a position.
 */
import type { Node } from 'yaml';
import type { SeverityName } from './types.js';
import type { HpaView, PdbView } from './k8s/disruption.js';
import type { ContainerView, Field, HookView, PodView, ProbeView, ServiceView, Span, Workload } from './k8s/views.js';

export type RuleCategory = 'termination' | 'startup' | 'probes' | 'api-rejected' | 'runtime';

/** Anything a finding can point at. */
export type Locatable = Span | Node | Field<unknown>;

export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, { type: string; default: unknown; description: string; minimum?: number; items?: unknown; enum?: unknown[] }>;
  additionalProperties: false;
}

export interface RuleMeta {
  /** One sentence. */
  description: string;
  category: RuleCategory;
  defaultSeverity: SeverityName;
  /** messageId → template with {{placeholders}}. */
  messages: Record<string, string>;
  /** One object schema; every property has a default and a description. */
  options?: JsonSchemaObject;
}

export interface ReportDescriptor {
  at: Locatable;
  messageId: string;
  data?: Record<string, string | number>;
  /** Secondary locations ("see line N"; SARIF relatedLocations). */
  related?: { at: Locatable; message: string }[];
}

/** Settings shared by all rules (from config / CLI). */
export interface LintSettings {
  /** Target Kubernetes minor version, e.g. "1.35". */
  kubernetesVersion: string;
  /** Runtime profile name, or "auto". */
  runtime: string;
  /** User-defined runtime profiles from the config (`runtimes`), by name. */
  runtimes: Record<string, unknown>;
}

export interface RuleContext<Options = Record<string, unknown>> {
  id: string;
  options: Options;
  settings: LintSettings;
  filePath: string;
  report(descriptor: ReportDescriptor): void;
  /** Services of the whole lint run whose selector matches this pod's labels (same namespace). */
  servicesSelecting(pod: PodView): ServiceView[];
  /** PodDisruptionBudgets of the whole lint run that select this workload's pods (same namespace). */
  budgetsSelecting(w: Workload): PdbView[];
  /** HorizontalPodAutoscalers of the whole lint run that scale this workload. */
  autoscalersOf(w: Workload): HpaView[];
}

export interface RuleListeners {
  workload?(w: Workload): void;
  pod?(pod: PodView): void;
  container?(c: ContainerView): void;
  probe?(p: ProbeView): void;
  hook?(h: HookView): void;
}

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  meta: RuleMeta;
  create(ctx: RuleContext<Options>): RuleListeners;
}

export function defineRule<Options = Record<string, unknown>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

/** Default options of a rule, read from its schema. */
export function defaultOptions(meta: RuleMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta.options?.properties ?? {})) out[k] = v.default;
  return out;
}
