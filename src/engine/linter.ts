/**
 * The linter: parse each file, extract workloads, dispatch views to the enabled rules' listeners,
 * and turn reports into ESLint-shaped messages. Services are gathered from the whole run first,
 * because rules such as readiness-probe-missing match selectors across files.
 */
import type { TemplatePath } from '../k8s/template-path.js';
import { dirname } from 'node:path';
import { extractDocument } from '../k8s/extract.js';
import type { PodView, ServiceView, Workload } from '../k8s/views.js';
import { budgetsFor, crossObjectKinds, crossObjectsOf, hasReplicatedWorkload, hpaTargets, type HpaView, type PdbView } from '../k8s/disruption.js';
import { loadBalancerDrains, loadBalancerKinds, loadBalancerObjectsOf, type BackendConfigView, type IngressView, type LoadBalancerDrain } from '../k8s/load-balancers.js';
import type { Edit, EditBuilder, LintSettings, ReportDescriptor, Rule, RuleCategory, RuleContext, RuleListeners } from '../rule-api.js';
import type { LintMessage, LintResult, Severity } from '../types.js';
import { applySuppressions } from './directives.js';
import { acceptFix, fixUntilStable, mergeEdits } from './fix.js';
import { createEditBuilder } from './fix-edits.js';
import { keptDocuments, lintRelevant, serviceDocuments, type KeepDocument } from './fast-path.js';
import { mayBeTemplate, parseYaml, type ParsedFile } from './parse.js';
import { batchBytes, batchWindows } from './batches.js';
import { listBatches, type ListBatches } from './list-items.js';
import { LineIndex } from './line-index.js';
import { positionOf, toSpan } from './positions.js';
import { interpolate } from '../text.js';
import { documentStart, internalErrorMessage } from './internal-error.js';

export interface RuleSetting {
  severity: Exclude<Severity, 0>;
  options: Record<string, unknown>;
}

export interface LintConfig {
  /** Enabled rules only. */
  rules: Record<string, RuleSetting>;
  settings: LintSettings;
  /** Extra kind → pod template paths (config `podTemplatePaths`, parsed). */
  templatePaths?: Record<string, TemplatePath[]>;
  /** Skip documents no rule can use before parsing (default true; see fast-path.ts). */
  fastPath?: boolean;
  /** Apply fixes (--fix, --fix-dry-run): results get the fixed text as `output`. */
  fix?: FixSettings;
  /** Read Services, budgets and autoscalers from the git work tree of linted files (default true; repo-context.ts). */
  repoContext?: boolean;
  /** Text per lint batch of a large file (batches.ts); tests set it small to batch small files. */
  batchBytes?: number;
  /** Files (and stdin) larger than this are a finding, not read (default: read.ts). */
  maxInputBytes?: number;
  /**
   * Results carry the linted text as `source` (default true, as ESLint's do). The CLI turns it off
   * for formats that never print it, so a run does not hold the text of every file with findings.
   */
  keepSource?: boolean;
}

export interface FixSettings {
  /** Only fixes of rules in these categories (--fix-type); all when absent. */
  types?: RuleCategory[];
}

/** A file to lint; `text` is read only when needed, so a large run never holds every file. */
export interface LazySource {
  filePath: string;
  text: string | (() => string);
}

const textOf = (s: LazySource) => (typeof s.text === 'string' ? s.text : s.text());

export function lintSources(files: LazySource[], config: LintConfig, rules: Readonly<Record<string, Rule<any>>>, context: readonly LazySource[] = []): LintResult[] {
  const services = new ServiceIndex();
  const prepared = prepareSources(files, config, services);
  collectContext(context, config, services);
  return lintPrepared(prepared, files, services, config, rules);
}

/** A file after pass 1, with its text when pass 2 needs not read it again (nothing to skip). */
export interface PreparedSource {
  filePath: string;
  original: string | undefined;
  /** Pass 1 parsed every cross object of the file without a problem and found no workload in them: pass 2 skips those documents. */
  crossObjectsRead?: true;
  /**
   * The fast path keeps no document of the file (most files of a real repository: CRDs, RBAC,
   * ConfigMaps): pass 2 would parse an empty text, so it does not read the file again.
   */
  nothingKept?: true;
}

/**
 * Pass 1: read each file once and add its Services to `services`; keep the text only of files
 * the fast path skips nothing of (the others are read again in pass 2, so a large run never
 * holds every CRD bundle). Split from pass 2 so worker threads can exchange Services between
 * the passes (parallel.ts).
 */
export function prepareSources(files: readonly LazySource[], config: LintConfig, services: ServiceIndex): PreparedSource[] {
  const keep = lintRelevant(Object.keys(config.templatePaths ?? {}));
  const mask = config.fastPath !== false;
  return files.map((f) => {
    const original = textOf(f);
    const cut = mask ? keptDocuments(original, keep) : { kept: [original], skipped: 0 };
    // Most files hold no Service, budget or autoscaler: only a file that still mentions one is parsed for them.
    // Ingresses and BackendConfigs are no lint documents (the fast path blanks them): looked for in the original.
    let crossObjectsRead = false;
    if (cut.kept.some((d) => d.includes('Service') || mentionsCrossObject(d)) || mentionsLoadBalancer(original)) crossObjectsRead = collectServices(f.filePath, original, mask ? (kind, text) => (keep(kind, text) || loadBalancerKinds.has(kind ?? '')) && crossObjectDocuments(kind, text) : crossObjectDocuments, services, config);
    // The reference path (no mask) parses everything in pass 2, as the fast path is tested against it.
    return { filePath: f.filePath, original: cut.skipped > 0 ? undefined : original, ...(mask && crossObjectsRead ? { crossObjectsRead } : {}), ...(cut.kept.length === 0 ? { nothingKept: true as const } : {}) };
  });
}

/** Pass 2: lint. The original text is read again only for results that have something to show. */
export function lintPrepared(
  prepared: readonly PreparedSource[],
  files: readonly LazySource[],
  services: ServiceIndex,
  config: LintConfig,
  rules: Readonly<Record<string, Rule<any>>>,
): LintResult[] {
  const keep = lintRelevant(Object.keys(config.templatePaths ?? {}));
  const mask = config.fastPath !== false;
  return prepared.map((p, i) => {
    if (p.nothingKept) {
      // What linting the empty parse gives: no message, so no source either.
      const empty = toResult(p.filePath, '', []);
      delete empty.source;
      return empty;
    }
    let original: string | undefined = p.original;
    const fileText = () => (original ??= textOf(files[i]!));
    // Fast path: skip documents before parsing. Reference path: parse all, then ignore them.
    let result: LintResult;
    try {
      result = config.fix ? lintParsed(p.filePath, parseYaml(fileText(), keep, mask), services, config, rules) : lintInBatches(p.filePath, fileText(), p.crossObjectsRead ? besidesCrossObjects(keep) : keep, mask, services, config, rules);
    } catch (err) {
      // One file's unexpected failure is a finding there; every other file is still linted.
      result = toResult(p.filePath, fileText(), [internalErrorMessage(err, 'file', { line: 1, column: 1, endLine: 1, endColumn: 1 })]);
    }
    let output: string | undefined;
    if (config.fix && result.fixableErrorCount + result.fixableWarningCount > 0) {
      // Each pass lints the fixed text again the way the first pass linted the file.
      const relint = (text: string) => lintParsed(p.filePath, parseYaml(text, keep, mask), services, config, rules);
      const fixed = fixUntilStable(fileText(), result, relint, acceptFix(config.fix.types, rules));
      result = fixed.result;
      if (fixed.output !== fileText()) output = original = fixed.output;
    }
    if (config.keepSource === false || (!result.messages.length && !result.suppressedMessages.length)) delete result.source;
    if (output !== undefined) result.output = output;
    return result;
  });
}

/**
 * Lint a file part by part (forEachPart): each part's trees are dropped before the next is
 * parsed. Findings are those of the whole-file lint: suppression directives never reach past
 * their document, and parts are in file order, so the merged messages stay sorted.
 */
function lintInBatches(filePath: string, text: string, keep: KeepDocument, mask: boolean, services: ServiceIndex, config: LintConfig, rules: Readonly<Record<string, Rule<any>>>): LintResult {
  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const add = (part: Pick<LintResult, 'messages' | 'suppressedMessages'>) => {
    for (const m of part.messages) messages.push(m);
    for (const m of part.suppressedMessages) suppressed.push(m);
  };
  forEachPart(
    text,
    keep,
    mask,
    config.batchBytes ?? batchBytes,
    (list) => {
      const listed = lintListItems(filePath, list, services, config, rules);
      if (listed) add(listed);
      return listed !== undefined;
    },
    (parsed) => add(lintParsed(filePath, parsed, services, config, rules)),
  );
  const result = toResult(filePath, text, messages);
  result.suppressedMessages = suppressed;
  return result;
}

/**
 * A file's parts in file order, as both passes read them: the whole file when it is small or may
 * be a template (a template's one finding is per file); otherwise its batch windows (batches.ts),
 * a window that holds one large List offered to `onList` in its item batches (list-items.ts) and
 * parsed as a window only when `onList` declines it.
 */
function forEachPart(text: string, keep: KeepDocument, mask: boolean, size: number, onList: (list: ListBatches) => boolean, onParse: (parsed: ParsedFile) => void): void {
  if (mayBeTemplate(text) || text.length <= size) return onParse(parseYaml(text, keep, mask));
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const windows = batchWindows(text, size);
  let firstIndex = 0;
  for (const [from, to] of windows) {
    const list = listBatches(text, from, to, size, keep, lines, firstIndex);
    if (list && onList(list)) {
      firstIndex++;
      continue;
    }
    const parsed = windows.length === 1 ? parseYaml(text, keep, mask) : parseYaml(text, keep, mask, { from, to, firstIndex, lineIndex: lines() });
    firstIndex += parsed.documentCount;
    onParse(parsed);
  }
}

/**
 * A large List batch of items by batch (list-items.ts), its messages sorted as the whole List's
 * would be; undefined when a batch is unusual or cannot be read (the List is then linted whole,
 * which reports a failure once, where the whole-document lint reports it).
 */
function lintListItems(filePath: string, list: ListBatches, services: ServiceIndex, config: LintConfig, rules: Readonly<Record<string, Rule<any>>>): Pick<LintResult, 'messages' | 'suppressedMessages'> | undefined {
  const session = new RuleSession(filePath, services, config, rules);
  const messages: LintMessage[] = [];
  const suppressedMessages: LintMessage[] = [];
  for (let i = 0; i < list.count; i++) {
    const parsed = list.parse(i);
    if (!parsed) return undefined;
    const extracted = extractWorkloads(filePath, parsed, config);
    if (extracted.failures.length > 0) return undefined;
    const part = lintParsed(filePath, parsed, services, config, rules, extracted, session);
    for (const m of part.messages) messages.push(m);
    for (const m of part.suppressedMessages) suppressedMessages.push(m);
  }
  return { messages: messages.sort(byPosition), suppressedMessages: suppressedMessages.sort(byPosition) };
}

/** What pass 1 gathers for cross-object rules: Services, disruption budgets, autoscalers, Ingresses, BackendConfigs. */
export type CrossObject = ServiceView | PdbView | HpaView | IngressView | BackendConfigView;
const isService = (o: CrossObject): o is ServiceView => !('kind' in o);

/**
 * Services (and the other cross objects) of the whole run, indexed by folder. A Service pairs with workloads of the same
 * application only: same file, same folder, or a parent or sibling folder
 * (`manifests/services/` next to `manifests/deployments/`). Linting several unrelated projects
 * in one run must not pair one project's Service with another's pods.
 */
export class ServiceIndex {
  private byDir = new Map<string, CrossObject[]>();
  /** Folders with Services, by their parent folder (to find siblings and children quickly). */
  private dirsByParent = new Map<string, string[]>();
  /** Order in which each folder was first seen: matches are listed in that order. */
  private seq = new Map<string, number>();

  /** Every Service in the order added (what a worker thread hands to the others). */
  all(): CrossObject[] {
    return [...this.byDir.values()].flat();
  }

  add(added: CrossObject): void {
    // A copy: the views' strings are slices of the file's text, and the index lives to the end of
    // the run, so each kept slice kept the whole file alive (every CRD bundle with a Service in
    // it: +25-45 MB over the corpus). Cross objects are structured-cloneable: workers post them.
    const svc = structuredClone(added);
    this.lastNearby = undefined;
    const dir = dirname(svc.filePath);
    const list = this.byDir.get(dir);
    if (list) {
      list.push(svc);
      return;
    }
    this.byDir.set(dir, [svc]);
    this.seq.set(dir, this.seq.size);
    const parent = dirname(dir);
    const siblings = this.dirsByParent.get(parent);
    if (siblings) siblings.push(dir);
    else this.dirsByParent.set(parent, [dir]);
  }

  selecting(pod: PodView): ServiceView[] {
    return this.nearby(pod.workload).filter((o): o is ServiceView => isService(o) && selects(o, pod));
  }

  /** PodDisruptionBudgets whose selector matches the workload's pods. */
  budgetsSelecting(w: Workload): PdbView[] {
    return budgetsFor(this.nearby(w).filter((o): o is PdbView => !isService(o) && o.kind === 'PodDisruptionBudget'), w);
  }

  /** Load balancers in front of the pod: through the Services that select it, and the Ingresses and BackendConfigs nearby. */
  loadBalancersOf(pod: PodView): LoadBalancerDrain[] {
    const routing = this.nearby(pod.workload).filter((o): o is IngressView | BackendConfigView => !isService(o) && loadBalancerKinds.has(o.kind));
    return loadBalancerDrains(this.selecting(pod), routing);
  }

  /** HorizontalPodAutoscalers whose scaleTargetRef is the workload. */
  autoscalersOf(w: Workload): HpaView[] {
    return this.nearby(w).filter((o): o is HpaView => !isService(o) && o.kind === 'HorizontalPodAutoscaler' && hpaTargets(o, w));
  }

  /** The last file's nearby objects: every rule asks for each workload, and a file's workloads share them. */
  private lastNearby: { file: string; objects: readonly CrossObject[] } | undefined;

  private nearby(w: Workload): readonly CrossObject[] {
    if (this.byDir.size === 0) return [];
    if (this.lastNearby?.file === w.filePath) return this.lastNearby.objects;
    const objects = this.nearbyOf(w.filePath);
    this.lastNearby = { file: w.filePath, objects };
    return objects;
  }

  private nearbyOf(file: string): CrossObject[] {
    const dir = dirname(file);
    const parent = dirname(dir);
    // Same folder, parent, siblings (children of the parent) and children.
    const dirs = new Set<string>([dir, parent, ...(this.dirsByParent.get(parent) ?? []), ...(this.dirsByParent.get(dir) ?? [])]);
    const ordered = [...dirs].filter((d) => this.byDir.has(d)).sort((a, b) => this.seq.get(a)! - this.seq.get(b)!);
    const out: CrossObject[] = [];
    for (const d of ordered) for (const o of this.byDir.get(d)!) out.push(o);
    // Services of the same file first: they give the most useful related location.
    return out.sort((a, b) => Number(b.filePath === file) - Number(a.filePath === file));
  }
}

/**
 * Cross objects of files that are not linted (the work tree's, repo-context.ts): added to the index
 * after the linted files' own, so a Service in the same file or folder still comes first.
 */
export function collectContext(context: readonly LazySource[], config: LintConfig, services: ServiceIndex): void {
  for (const f of context) collectServices(f.filePath, textOf(f), crossObjectDocuments, services, config);
}

const mentionsCrossObject = (text: string) => [...crossObjectKinds].some((k) => text.includes(k));
const mentionsLoadBalancer = (text: string) => [...loadBalancerKinds].some((k) => text.includes(k));
/** Documents the cross-object index reads: Services, the kinds of disruption.ts and load-balancers.ts. */
export const crossObjectDocuments: KeepDocument = (kind, text) =>
  serviceDocuments(kind, text) || (kind === undefined ? mentionsCrossObject(text) || mentionsLoadBalancer(text) : crossObjectKinds.has(kind) || loadBalancerKinds.has(kind));

/**
 * Pass 2's documents of a file whose cross objects pass 1 has read (`crossObjectsRead`): a core
 * Service, budget or autoscaler holds nothing a rule reads, so it is not parsed a second time. A
 * document mentioning kube-lifelint stays (its comments may be directives).
 */
export const besidesCrossObjects =
  (keep: KeepDocument): KeepDocument =>
  (kind, text) =>
    keep(kind, text) && !(kind !== undefined && (kind === 'Service' || crossObjectKinds.has(kind)) && !text.includes('kube-lifelint'));

/**
 * Services, PodDisruptionBudgets and HPAs of one file: only the documents `keep` names are parsed.
 * True when pass 2 need not parse them again: each parsed without a problem (those are reported
 * by pass 2, which parses the document again then), none holds a workload (Knative's Service does)
 * and the file is no template (whose one finding is placed in a document pass 2 keeps).
 *
 * A large file is read in the parts pass 2 lints it in (forEachPart), a large List in its item batches
 * (list-items.ts), so pass 1 never holds more trees than pass 2 does: whole, the List of
 * `kubectl get all -A -o yaml` (200k items, a Service among them) held 1.85 GB. A List's objects
 * are kept only once all its batches read cleanly; otherwise it is read whole, as pass 2 then
 * lints it.
 */
function collectServices(filePath: string, text: string, keep: KeepDocument, index: ServiceIndex, config: LintConfig): boolean {
  // Most files that mention a Service hold none (ServiceAccount, ServiceMonitor): no parse then.
  if (keptDocuments(text, keep).kept.length === 0) return false;
  const reader = new CrossObjectReader(filePath, text, config);
  let readAlone = !mayBeTemplate(text);
  forEachPart(
    text,
    keep,
    true,
    config.batchBytes ?? batchBytes,
    (list) => {
      const listed = reader.readList(list);
      if (listed !== undefined) readAlone = listed && readAlone;
      return listed !== undefined;
    },
    (parsed) => {
      readAlone = reader.read(parsed) && readAlone;
    },
  );
  for (const o of reader.found) index.add(o);
  return readAlone;
}

/** The cross objects of one file's parses, in file order (collectServices). */
class CrossObjectReader {
  readonly found: CrossObject[] = [];
  /** Whether this file has replicated workloads of its own (disruption.ts): the same for every budget in it. */
  private fileHasWorkloads: boolean | undefined;
  /** Documents that could not be read (broken, or extraction failed): their objects are missing. */
  private failures = 0;

  constructor(
    private readonly filePath: string,
    private readonly text: string,
    private readonly config: LintConfig,
  ) {}

  /** The cross objects of `parsed` (into `found`, unless told); false when pass 2 must read its documents again (see collectServices). */
  read(parsed: ParsedFile, into: CrossObject[] = this.found): boolean {
    const { filePath, text, config } = this;
    let readAlone = parsed.problems.length === 0;
    // Values keep their line too: a finding about a budget in another file names it.
    const at = <V extends { at: { start: number; end: number } }>(v: V | undefined) => v && { ...v, line: parsed.lineCounter.linePos(v.at.start).line };
    for (const d of parsed.documents) {
      if (!d.usable) {
        readAlone = false;
        this.failures++;
        continue;
      }
      let found: { services: ServiceView[]; budgets: ReturnType<typeof crossObjectsOf>; routing: (IngressView | BackendConfigView)[] };
      try {
        const extracted = extractDocument(d.doc, { filePath, source: parsed.text, docIndex: d.index, templatePaths: config.templatePaths });
        if (extracted.workloads.length > 0) readAlone = false;
        found = { services: extracted.services, budgets: crossObjectsOf(d.doc, filePath), routing: loadBalancerObjectsOf(d.doc, filePath, parsed.text) };
      } catch {
        readAlone = false;
        this.failures++;
        continue; // the lint pass reads the same document and reports the failure there
      }
      for (const s of found.services) into.push({ ...s, selectorPosition: positionOf(parsed.lineCounter, s.selectorAt), ...(s.loadBalancer ? { loadBalancer: { ...s.loadBalancer, nlbDeregistration: at(s.loadBalancer.nlbDeregistration), albDeregistration: at(s.loadBalancer.albDeregistration) } } : {}) });
      for (const o of found.routing) into.push(o.kind === 'Ingress' ? { ...o, deregistration: at(o.deregistration) } : { ...o, drainingTimeoutSec: at(o.drainingTimeoutSec) });
      for (const o of found.budgets) {
        if (o.kind === 'PodDisruptionBudget') into.push({ ...o, minAvailable: at(o.minAvailable), maxUnavailable: at(o.maxUnavailable), fileHasWorkloads: (this.fileHasWorkloads ??= hasReplicatedWorkload(text)) });
        else into.push({ ...o, minReplicas: { ...o.minReplicas, ...at(o.minReplicas)! } });
      }
    }
    return readAlone;
  }

  /**
   * A large List batch by batch: whether pass 2 need not read it again; undefined when a batch is
   * unusual or cannot be read (whole, a failure loses every object of the List, not only those of
   * one batch), and then none of its objects is kept: the List is read whole instead.
   */
  readList(list: ListBatches): boolean | undefined {
    const objects: CrossObject[] = [];
    const failures = this.failures;
    let readAlone = true;
    for (let i = 0; i < list.count; i++) {
      const parsed = list.parse(i);
      if (!parsed) return undefined;
      readAlone = this.read(parsed, objects) && readAlone;
      if (this.failures !== failures) return undefined;
    }
    for (const o of objects) this.found.push(o);
    return readAlone;
  }
}

function selects(svc: ServiceView, pod: PodView): boolean {
  const ns = pod.workload.namespace;
  if (svc.namespace !== undefined && ns !== undefined && svc.namespace !== ns) return false;
  for (const [k, v] of svc.selector) if (pod.labels.get(k) !== v) return false;
  return true;
}

/**
 * The workloads of a parsed file: what the rules see (and `explain` draws, the same objects).
 * A document extraction cannot handle is a finding at that document (`failures`), never the
 * end of the file's other documents.
 */
export function extractWorkloads(filePath: string, parsed: ParsedFile, config: LintConfig): { workloads: Workload[]; failures: LintMessage[] } {
  const workloads: Workload[] = [];
  const failures: LintMessage[] = [];
  for (const d of parsed.documents) {
    if (!d.usable) continue;
    try {
      for (const w of extractDocument(d.doc, { filePath, source: parsed.text, kubernetesVersion: config.settings.kubernetesVersion, docIndex: d.index, templatePaths: config.templatePaths, sourcePath: d.sourcePath }).workloads) workloads.push(w);
    } catch (err) {
      failures.push(internalErrorMessage(err, 'document', positionOf(parsed.lineCounter, documentStart(d.doc))));
    }
  }
  return { workloads, failures };
}

export function lintParsed(
  filePath: string,
  parsed: ParsedFile,
  services: ServiceIndex,
  config: LintConfig,
  rules: Readonly<Record<string, Rule<any>>>,
  extracted: { workloads: Workload[]; failures: LintMessage[] } = extractWorkloads(filePath, parsed, config),
  session?: RuleSession,
): LintResult {
  const { workloads } = extracted;
  const messages: LintMessage[] = [...extracted.failures];
  const lc = parsed.lineCounter;
  for (const p of parsed.problems) {
    messages.push({ ruleId: null, severity: 2, message: p.message, messageId: p.id, ...positionOf(lc, p.span), ...(p.fatal ? { fatal: true } : {}) });
  }

  const findings: Finding[] = [];
  if (workloads.length > 0) {
    for (const f of (session ?? new RuleSession(filePath, services, config, rules)).walk(workloads, parsed, (rule, err, w) =>
      messages.push({
        ruleId: rule.id,
        severity: 2,
        message: `Rule ${rule.id} failed on this object (${err instanceof Error ? err.message : String(err)}). This is a kube-lifelint bug; please report it.`,
        ...positionOf(lc, w.kindAt),
      }),
    ))
      findings.push(f);
  }

  const suppression = applySuppressions({ parsed, findings, workloads, knownRuleIds: new Set(Object.keys(rules)) });
  // One push per message: a spread over 150k findings would exceed the call's argument limit.
  for (const m of suppression.messages) messages.push(m);
  for (const m of suppression.problems) messages.push(m);
  messages.sort(byPosition);
  const result = toResult(filePath, parsed.original, messages);
  result.suppressedMessages = suppression.suppressed.sort(byPosition);
  return result;
}

type Finding = { message: LintMessage; workload: Workload; offset: number };

/**
 * The enabled rules' listeners, created on the first workload. The item batches of one large List
 * (list-items.ts) share one session as they share one document: a rule's state lives as long as
 * its document (schema reports one template placeholder per document).
 */
export class RuleSession {
  private active: { rule: Rule<any>; listeners: RuleListeners }[] | undefined;
  private readonly contexts: RuleContext<any>[] = [];
  private current: Workload | undefined;
  /** What the rules report against: the parse being walked, its edits and findings. */
  private part: { lc: LineIndex; text: string; edits: EditBuilder; findings: Finding[] } | undefined;

  constructor(
    private readonly filePath: string,
    private readonly services: ServiceIndex,
    private readonly config: LintConfig,
    private readonly rules: Readonly<Record<string, Rule<any>>>,
  ) {}

  /** Every workload of `parsed` through every rule: the findings, each with its workload. */
  walk(workloads: readonly Workload[], parsed: ParsedFile, onCrash: (rule: Rule<any>, err: unknown, w: Workload) => void): Finding[] {
    // Spans are offsets into the file already (parse.ts): edits need no mapping.
    const part = { lc: parsed.lineCounter, text: parsed.text, edits: createEditBuilder(parsed.text, parsed.documents.map((d) => d.doc)), findings: [] as Finding[] };
    this.part = part;
    for (const ctx of this.contexts) ctx.edits = part.edits;
    const active = (this.active ??= this.create());
    for (const w of workloads) {
      this.current = w;
      walk(w, active, (rule, err) => onCrash(rule, err, w));
    }
    this.part = this.current = undefined;
    return part.findings;
  }

  private create(): { rule: Rule<any>; listeners: RuleListeners }[] {
    const active: { rule: Rule<any>; listeners: RuleListeners }[] = [];
    const { services, rules } = this;
    for (const [id, setting] of Object.entries(this.config.rules)) {
      const rule = Object.hasOwn(rules, id) ? rules[id] : undefined;
      if (!rule) continue;
      const ctx: RuleContext<any> = {
        id,
        options: setting.options,
        settings: this.config.settings,
        filePath: this.filePath,
        servicesSelecting: (pod) => services.selecting(pod),
        budgetsSelecting: (w) => services.budgetsSelecting(w),
        autoscalersOf: (w) => services.autoscalersOf(w),
        // A data property set for each part walked (an accessor in an object literal is defined
        // at run time, for every rule of every file: ~2% of the corpus's CPU).
        edits: this.part!.edits,
        report: (r) => {
          const part = this.part!;
          part.findings.push({ message: toMessage(part.lc, rule, setting.severity, r, this.current?.sourcePath, () => part.text), workload: this.current!, offset: toSpan(r.at).start });
        },
      };
      this.contexts.push(ctx);
      active.push({ rule, listeners: rule.create(ctx) });
    }
    return active;
  }
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

function toMessage(lc: LineIndex, rule: Rule<any>, severity: Exclude<Severity, 0>, r: ReportDescriptor, sourcePath: string | undefined, fileText: () => string): LintMessage {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown messageId '${r.messageId}'`);
  // As in ESLint: a rule says in its meta that it fixes or suggests, so docs and `rules` can tell.
  if (r.fix && !rule.meta.fixable) throw new Error("the rule reports a fix but its meta has no 'fixable'");
  if (r.suggest?.length && !rule.meta.hasSuggestions) throw new Error("the rule reports suggestions but its meta has no 'hasSuggestions: true'");
  const msg: LintMessage = {
    ruleId: rule.id,
    severity,
    message: shared(interpolate(template, r.data)),
    messageId: r.messageId,
    ...positionOf(lc, toSpan(r.at)),
  };
  if (r.related?.length) msg.related = r.related.map((rel) => ('elsewhere' in rel ? { message: rel.message, ...rel.elsewhere } : { message: rel.message, ...positionOf(lc, toSpan(rel.at)) }));
  if (sourcePath) msg.sourcePath = sourcePath;
  const merge = (edits: Edit[]) => mergeEdits(fileText(), edits);
  if (r.fix?.length) msg.fix = merge(r.fix);
  if (r.suggest?.length) {
    msg.suggestions = r.suggest.map((s) => {
      const desc = rule.meta.messages[s.messageId];
      if (desc === undefined) throw new Error(`unknown suggestion messageId '${s.messageId}'`);
      return { desc: shared(interpolate(desc, s.data)), messageId: s.messageId, fix: merge(s.fix) };
    });
  }
  return msg;
}

/**
 * Equal texts as one string. A rule that fires 200k times in one stream mostly repeats a few
 * texts, but each interpolation is a new string (a 120-character suggestion: ~27 MB over 200k
 * findings). Bounded, for a long-lived language server: forgotten when it holds 4,096 texts.
 */
const sharedTexts = new Map<string, string>();
function shared(text: string): string {
  const known = sharedTexts.get(text);
  if (known !== undefined) return known;
  if (sharedTexts.size >= 4096) sharedTexts.clear();
  sharedTexts.set(text, text);
  return text;
}

/** The order of a result's messages. */
export const byPosition = (a: LintMessage, b: LintMessage) => a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId));

export function toResult(filePath: string, source: string, messages: LintMessage[]): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else if (m.severity === 1) warningCount++;
    if (m.fatal) fatalErrorCount++;
    if (m.fix && m.severity === 2) fixableErrorCount++;
    else if (m.fix && m.severity === 1) fixableWarningCount++;
  }
  return {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount,
    fixableWarningCount,
    source,
    usedDeprecatedRules: [],
  };
}
