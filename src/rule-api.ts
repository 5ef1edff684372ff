/**
 * The rule API. A rule declares metadata and listens to views; the engine walks, resolves
 * positions, applies severities and suppressions. A rule never parses and never computes a position.
 */
import type { Node, Scalar } from 'yaml';
import type { SeverityName } from './types.js';
import type { HpaView, PdbView } from './k8s/disruption.js';
import type { ContainerView, Field, HookView, PodView, ProbeView, ServiceView, Span, Workload } from './k8s/views.js';

export type RuleCategory = 'termination' | 'startup' | 'probes' | 'api-rejected' | 'runtime';

/** Anything a finding can point at. */
export type Locatable = Span | Node | Field<unknown>;

/** The JSON Schema of one option: a default and a description are required. */
export interface OptionSchema {
  type: string;
  default: unknown;
  description: string;
  minimum?: number;
  maximum?: number;
  enum?: readonly unknown[];
  items?: unknown;
}

export interface JsonSchemaObject {
  type: 'object';
  properties: Record<string, OptionSchema>;
  additionalProperties: false;
}

/** The TypeScript type of one option, read from its schema. */
type OptionType<P> = P extends { enum: readonly (infer E)[] }
  ? E
  : P extends { type: 'number' | 'integer' }
    ? number
    : P extends { type: 'string' }
      ? string
      : P extends { type: 'boolean' }
        ? boolean
        : P extends { type: 'array'; items: { type: 'string' } }
          ? string[]
          : P extends { type: 'array'; items: { type: 'number' | 'integer' } }
            ? number[]
            : P extends { type: 'array' }
              ? unknown[]
              : unknown;

/** A rule's options, typed from its schema (every option has a default, so none is optional). */
export type OptionsOf<Schema> = Schema extends { properties: infer P } ? { -readonly [K in keyof P]: OptionType<P[K]> } : Record<string, never>;

export interface RuleMeta<MessageIds extends string = string> {
  /** One sentence. */
  description: string;
  category: RuleCategory;
  defaultSeverity: SeverityName;
  /** messageId → template with {{placeholders}} (suggestion descriptions too). */
  messages: Record<MessageIds, string>;
  /** One object schema; every property has a default and a description. */
  options?: JsonSchemaObject;
  /** The rule reports fixes (`fix` in ctx.report): safe repairs `--fix` applies. */
  fixable?: 'code';
  /** The rule reports suggestions (`suggest` in ctx.report): repairs the user chooses. */
  hasSuggestions?: boolean;
}

/**
 * One text edit in file offsets (the file as the user has it): replace `range` (end exclusive)
 * with `text`. Rules get edits from `ctx.edits`, never by computing offsets.
 */
export interface Edit {
  range: [number, number];
  text: string;
}

export interface SuggestionDescriptor<MessageIds extends string = string> {
  /** The suggestion's description: a message template of the rule, like findings. */
  messageId: MessageIds;
  data?: Record<string, string | number>;
  fix: Edit[];
}

/**
 * Format-preserving edits built from views (engine/fix-edits.ts). Comments, quoting, key order,
 * indentation and line endings around an edit stay as they are; inserted keys follow the style
 * of their neighbours.
 */
export interface EditBuilder {
  /** Replace a written value (a Field, a node or a span) with YAML text. */
  replace(at: Locatable, text: string): Edit[];
  /** Remove a whole `key: value` entry (given by its key node or its written Field), block or flow. */
  removeEntry(entry: Node | Field<unknown>): Edit[];
  /**
   * Replace a written entry (given by its key node) with `newKey: value` in its place: the key
   * renamed, the value rewritten in the old value's style (block entries at its column, else flow),
   * comments on the key's line kept.
   */
  replaceEntry(key: Scalar, newKey: string, value: YamlValue): Edit[];
  /** Set `key` in a mapping to YAML text: replace the value when present, else insert the entry. */
  setEntry(map: Node, key: string, valueText: string): Edit[];
  /**
   * Set a nested value: follow `path` through the mappings that are written and insert the rest
   * (`lifecycle: preStop: sleep: ...`) as block mappings indented like their neighbours (flow in a
   * flow map). Objects become block mappings, arrays flow sequences, strings plain when plain is
   * safe. Empty when a key on the way holds something other than a mapping (nothing safe to do).
   */
  setPath(map: Node, path: readonly string[], value: YamlValue): Edit[];
}

/** A value `setPath` writes as YAML. */
export type YamlValue = string | number | boolean | readonly YamlValue[] | { readonly [key: string]: YamlValue };

/** A location in another file, already resolved to line and column (a Service found in another file). */
export interface ElsewhereLocation {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportDescriptor<MessageIds extends string = string> {
  at: Locatable;
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** Secondary locations ("see line N"; SARIF relatedLocations). */
  related?: ({ at: Locatable; message: string } | { elsewhere: ElsewhereLocation; message: string })[];
  /** A safe repair (needs `meta.fixable`): non-overlapping edits, applied together by --fix. */
  fix?: Edit[];
  /** Repairs for the user to choose (needs `meta.hasSuggestions`). */
  suggest?: SuggestionDescriptor<MessageIds>[];
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

export interface RuleContext<Options = Record<string, unknown>, MessageIds extends string = string> {
  id: string;
  options: Options;
  settings: LintSettings;
  filePath: string;
  report(descriptor: ReportDescriptor<MessageIds>): void;
  /** Edits for `fix` and `suggest`, built from views. */
  edits: EditBuilder;
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

export interface Rule<Options = Record<string, unknown>, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<MessageIds>;
  create(ctx: RuleContext<Options, MessageIds>): RuleListeners;
}

/**
 * Define a rule. Message ids and options are inferred from `meta`: `ctx.report` accepts only the
 * ids of `meta.messages`, and `ctx.options` has the types of `meta.options` (a typo in either is
 * a compile error).
 *
 * The second form, `defineRule<Options>(...)`, names the options type by hand (for options whose
 * items have a shape of their own); its message ids are not checked.
 */
export function defineRule<const MessageIds extends string, const Schema extends JsonSchemaObject | undefined>(rule: {
  id: string;
  meta: RuleMeta<MessageIds> & { options?: Schema };
  create(ctx: RuleContext<OptionsOf<Schema>, MessageIds>): RuleListeners;
}): Rule<OptionsOf<Schema>, MessageIds>;
export function defineRule<Options>(rule: Rule<Options>): Rule<Options>;
export function defineRule(rule: Rule<unknown>): Rule<unknown> {
  return rule;
}

/** Default options of a rule, read from its schema. */
export function defaultOptions(meta: RuleMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta.options?.properties ?? {})) out[k] = v.default;
  return out;
}
