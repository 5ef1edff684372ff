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
  usedDeprecatedRules: never[];
}

/** The part of rule metadata formatters need (ESLint passes `rulesMeta` the same way). */
export interface RuleDocsMeta {
  description: string;
  category: string;
  defaultSeverity: SeverityName;
  url: string;
}
