/**
 * Result types. They follow ESLint's `LintResult` / `LintMessage` shape on purpose: every ESLint
 * formatter (and every tool that reads ESLint JSON) then works on kube-lifelint output unchanged.
 */

/** 0 = off, 1 = warning, 2 = error (ESLint's numeric severities). */
export type Severity = 0 | 1 | 2;
export type SeverityName = 'off' | 'warn' | 'error';

/** A secondary location of a finding (SARIF relatedLocations; "see line N" in text output). */
export interface RelatedLocation {
  message: string;
  /** Set when the location is in another file than the finding (a Helm values file, a Kustomize base, a Service of another file). */
  filePath?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface LintMessage {
  /** Rule id, or null for parse problems (syntax errors, duplicate keys, unrendered templates). */
  ruleId: string | null;
  severity: Severity;
  message: string;
  messageId?: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
  /** True for problems that stopped a document from being read at all (YAML syntax errors). */
  fatal?: boolean;
  related?: RelatedLocation[];
  /** `# Source:` path of the document in `helm template` output, when there is one. */
  sourcePath?: string;
  /** Why the finding is suppressed (only in `suppressedMessages`). */
  suppressions?: { kind: 'directive' | 'annotation'; justification: string }[];
  /** A safe repair, as in ESLint: replace `range` (file offsets, end exclusive) with `text`. */
  fix?: FixEdit;
  /** Repairs for the user to choose, as in ESLint. */
  suggestions?: { desc: string; messageId: string; fix: FixEdit }[];
}

/**
 * An edit: replace `range` (offsets, end exclusive) with `text`. The offsets are into the result's
 * file, or into `filePath` when that is set: a finding in rendered Helm or Kustomize output whose
 * repair is in another source file (the patch that lowered a value reported at the base).
 */
export interface FixEdit {
  range: [number, number];
  text: string;
  filePath?: string;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /**
   * The text that was linted, for code frames. As in ESLint, omitted when the file has no
   * messages (this keeps a run over thousands of files from holding every text).
   */
  source?: string;
  /** With --fix / --fix-dry-run: the fixed text, when a fix changed it (positions refer to it). */
  output?: string;
  usedDeprecatedRules: never[];
  /** With --verbose: what was done with the file and why (src/coverage.ts). */
  stats?: CoverageStats;
}

/** The part of rule metadata formatters need (ESLint passes `rulesMeta` the same way). */
export interface RuleDocsMeta {
  description: string;
  category: string;
  defaultSeverity: SeverityName;
  url: string;
  /** Present (true) when the rule reports fixes that --fix applies. */
  fixable?: true;
  /** Present (true) when the rule reports suggestions. */
  hasSuggestions?: true;
}

/** A custom resource with a `containers` list that no known or configured pod template path reaches. */
export interface UncoveredResource {
  kind: string;
  name: string;
  /** 1-based line of the `containers` key. */
  line: number;
  /** Where the list is, e.g. `spec.shards[0].pod.spec.containers`. */
  containersAt: string;
}

/** What a run did with a file, and why (--verbose; `stats` in JSON output). */
export interface CoverageStats {
  /** linted as written, rendered (linted through helm template or a kustomize build), or skipped. */
  status: 'linted' | 'rendered' | 'skipped';
  reason: string;
  /** Pod templates linted from this file (or from this chart's or overlay's render). */
  podTemplates?: number;
  uncovered?: UncoveredResource[];
}
