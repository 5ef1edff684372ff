/**
 * The linter: parse each file, extract workloads, dispatch views to the enabled rules' listeners,
 * and turn reports into ESLint-shaped messages. Services are gathered from the whole run first,
 * because rules such as readiness-probe-missing match selectors across files.
 */
import type { LineCounter } from 'yaml';
import { extractDocument } from '../k8s/extract.js';
import type { PodView, ServiceView, Workload } from '../k8s/views.js';
import type { LintSettings, ReportDescriptor, Rule, RuleContext, RuleListeners } from '../rule-api.js';
import type { LintMessage, LintResult, Severity } from '../types.js';
import { applySuppressions } from './directives.js';
import { parseYaml, type ParsedFile } from './parse.js';
import { positionOf, toSpan } from './positions.js';

export interface RuleSetting {
  severity: Exclude<Severity, 0>;
  options: Record<string, unknown>;
}

export interface LintConfig {
  /** Enabled rules only. */
  rules: Record<string, RuleSetting>;
  settings: LintSettings;
  /** Extra kind → pod template paths (config `podTemplatePaths`). */
  templatePaths?: Record<string, string[]>;
}

export interface SourceFile {
  filePath: string;
  text: string;
}

export function lintSources(files: SourceFile[], config: LintConfig, rules: Readonly<Record<string, Rule<any>>>): LintResult[] {
  const services = collectServices(files, config);
  return files.map((f) => lintParsed(f.filePath, parseYaml(f.text), services, config, rules));
}

/** Cheap pre-pass: only files that mention a Service are parsed for their selectors. */
function collectServices(files: SourceFile[], config: LintConfig): ServiceView[] {
  const out: ServiceView[] = [];
  for (const f of files) {
    if (!/\bService\b/.test(f.text)) continue;
    for (const d of parseYaml(f.text).documents) {
      if (d.usable) out.push(...extractDocument(d.doc, { filePath: f.filePath, source: f.text, docIndex: d.index, templatePaths: config.templatePaths }).services);
    }
  }
  return out;
}

function selects(svc: ServiceView, pod: PodView): boolean {
  const ns = pod.workload.namespace;
  if (svc.namespace !== undefined && ns !== undefined && svc.namespace !== ns) return false;
  for (const [k, v] of svc.selector) if (pod.labels.get(k) !== v) return false;
  return true;
}

function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

export function lintParsed(
  filePath: string,
  parsed: ParsedFile,
  services: ServiceView[],
  config: LintConfig,
  rules: Readonly<Record<string, Rule<any>>>,
): LintResult {
  const messages: LintMessage[] = [];
  const lc = parsed.lineCounter;
  for (const p of parsed.problems) {
    messages.push({ ruleId: null, severity: 2, message: p.message, messageId: p.id, ...positionOf(lc, p.span), ...(p.fatal ? { fatal: true } : {}) });
  }

  const workloads: Workload[] = [];
  for (const d of parsed.documents) {
    if (!d.usable) continue;
    workloads.push(...extractDocument(d.doc, { filePath, source: parsed.text, docIndex: d.index, templatePaths: config.templatePaths, sourcePath: d.sourcePath }).workloads);
  }

  const findings: { message: LintMessage; workload: Workload; offset: number }[] = [];
  if (workloads.length > 0) {
    let current: Workload | undefined;
    const active: { rule: Rule<any>; listeners: RuleListeners }[] = [];
    for (const [id, setting] of Object.entries(config.rules)) {
      const rule = rules[id];
      if (!rule) continue;
      const ctx: RuleContext<any> = {
        id,
        options: setting.options,
        settings: config.settings,
        filePath,
        servicesSelecting: (pod) => services.filter((s) => selects(s, pod)),
        report: (r) => findings.push({ message: toMessage(lc, rule, setting.severity, r, current?.sourcePath), workload: current!, offset: toSpan(r.at).start }),
      };
      active.push({ rule, listeners: rule.create(ctx) });
    }
    for (const w of workloads) {
      current = w;
      walk(w, active, (rule, err) =>
        messages.push({
          ruleId: rule.id,
          severity: 2,
          message: `Rule ${rule.id} failed on this object (${err instanceof Error ? err.message : String(err)}). This is a kube-lifelint bug; please report it.`,
          ...positionOf(lc, w.kindAt),
        }),
      );
    }
  }

  const suppression = applySuppressions({ parsed, findings, knownRuleIds: new Set(Object.keys(rules)) });
  messages.push(...suppression.messages, ...suppression.problems);
  const byPosition = (a: LintMessage, b: LintMessage) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId));
  messages.sort(byPosition);
  const result = toResult(filePath, parsed.text, messages);
  result.suppressedMessages = suppression.suppressed.sort(byPosition);
  return result;
}

/** One walk per workload: workload → pod → containers → probes and hooks. */
function walk(w: Workload, active: { rule: Rule<any>; listeners: RuleListeners }[], onCrash: (rule: Rule<any>, err: unknown) => void): void {
  const call = <K extends keyof RuleListeners>(event: K, arg: Parameters<NonNullable<RuleListeners[K]>>[0]) => {
    for (const { rule, listeners } of active) {
      const fn = listeners[event] as ((a: typeof arg) => void) | undefined;
      if (!fn) continue;
      try {
        fn(arg);
      } catch (err) {
        onCrash(rule, err);
      }
    }
  };
  call('workload', w);
  call('pod', w.pod);
  for (const c of w.pod.containers) {
    call('container', c);
    for (const p of c.probes) call('probe', p);
    for (const h of c.hooks) call('hook', h);
  }
}

function toMessage(lc: LineCounter, rule: Rule<any>, severity: Exclude<Severity, 0>, r: ReportDescriptor, sourcePath: string | undefined): LintMessage {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown messageId '${r.messageId}'`);
  const msg: LintMessage = {
    ruleId: rule.id,
    severity,
    message: interpolate(template, r.data),
    messageId: r.messageId,
    ...positionOf(lc, toSpan(r.at)),
  };
  if (r.related?.length) msg.related = r.related.map((rel) => ({ message: rel.message, ...positionOf(lc, toSpan(rel.at)) }));
  if (sourcePath) msg.sourcePath = sourcePath;
  return msg;
}

export function toResult(filePath: string, source: string, messages: LintMessage[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else if (m.severity === 1) warningCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    source,
    usedDeprecatedRules: [],
  };
}
