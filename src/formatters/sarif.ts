/**
 * `sarif`: SARIF 2.1.0 (one run) for code scanning.
 *
 * - `tool.driver.rules`: every rule in `rulesMeta` (sorted by id), then any other rule id that
 *   occurs in the results, then the `parse-error` pseudo-rule. Each has `shortDescription`,
 *   `helpUri` and `help` (the rule's doc page), `defaultConfiguration` (the recommended preset's
 *   level; `enabled: false` for rules that are off there) and `properties.category` / `tags`.
 * - Results: one per message, `level` `error` (severity 2) or `warning` (severity 1), the message,
 *   an exact region (1-based lines and UTF-16 columns, `endColumn` exclusive), `logicalLocations`
 *   with the helm `# Source:` template path when there is one, and `relatedLocations` for the
 *   secondary locations. Messages in `suppressedMessages` are results too, with `suppressions`
 *   (`kind: "inSource"`, their justification).
 * - Parse problems (`ruleId: null`: YAML syntax errors, duplicate keys, unrendered templates, ...) are
 *   results of the rule `parse-error`, so code scanning shows them like any finding (a
 *   notification would be hidden there).
 * - Fixes and suggestions are `fixes` (the fix first, then each suggestion): one artifactChange
 *   with one replacement whose `deletedRegion` has the lines and columns of the replaced range
 *   (in the text of the result's `source`) and whose `insertedContent` is the new text. An edit of
 *   another file (`fix.filePath`: a rendered finding repaired in a values file or patch) names that
 *   file, its lines and columns taken from that file's result.
 * - Artifact URIs are relative to `%SRCROOT%` (the working directory, given as a `file:` URI in
 *   `originalUriBaseIds`) and percent-encoded; files outside it get an absolute `file:` URI, and
 *   standard input the relative reference `%3Cstdin%3E` with no base.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FixEdit, LintMessage, LintResult, RelatedLocation, RuleDocsMeta } from '../types.js';
import type { FormatContext } from './index.js';
import { displayPath, isInside, isPseudoPath } from './util.js';
import { LineIndex } from '../engine/line-index.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kube-lifelint/kube-lifelint';
/** The rule id that parse problems (`ruleId: null`) get in SARIF. */
export const PARSE_RULE_ID = 'parse-error';
const SRCROOT = '%SRCROOT%';

type Json = Record<string, unknown>;

interface ArtifactRef {
  uri: string;
  uriBaseId?: string;
}

/** Percent-encodes each segment of a `/`-separated relative path. */
export function encodeRelativeUri(relPath: string): string {
  return relPath
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function artifactRef(filePath: string, cwd: string): ArtifactRef {
  if (isPseudoPath(filePath)) return { uri: encodeURIComponent(filePath) };
  if (isInside(filePath, cwd)) return { uri: encodeRelativeUri(displayPath(filePath, cwd)), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(resolve(cwd, filePath)).href };
}

function region(loc: { line: number; column: number; endLine?: number; endColumn?: number }): Json {
  const r: Json = { startLine: Math.max(1, loc.line), startColumn: Math.max(1, loc.column) };
  if (loc.endLine !== undefined && loc.endLine >= loc.line) {
    r.endLine = loc.endLine;
    if (loc.endColumn !== undefined && (loc.endLine > loc.line || loc.endColumn >= loc.column)) r.endColumn = Math.max(1, loc.endColumn);
  }
  return r;
}

function levelOf(severity: RuleDocsMeta['defaultSeverity']): Json {
  if (severity === 'off') return { enabled: false, level: 'warning' };
  return { level: severity === 'error' ? 'error' : 'warning' };
}

function ruleDescriptor(id: string, meta: RuleDocsMeta | undefined): Json {
  if (id === PARSE_RULE_ID && !meta) {
    return {
      id,
      shortDescription: { text: 'The manifest could not be read: YAML syntax error, duplicate key, unrendered template or unreadable file.' },
      help: { text: 'Fix the YAML (or render templates first, e.g. with `helm template`) so the documents can be linted.' },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'parse', tags: ['kubernetes', 'parse'] },
    };
  }
  if (!meta) return { id, shortDescription: { text: id } };
  return {
    id,
    shortDescription: { text: meta.description },
    helpUri: meta.url,
    help: { text: `${meta.description}\n\nDocumentation: ${meta.url}`, markdown: `${meta.description}\n\n[Documentation](${meta.url})` },
    defaultConfiguration: levelOf(meta.defaultSeverity),
    properties: { category: meta.category, tags: ['kubernetes', meta.category] },
  };
}

/** A line index of the text fixes refer to (built once per result). */
const lineIndexes = new WeakMap<object, LineIndex>();
function positionIn(text: string, key: object, offset: number): { line: number; column: number } {
  let index = lineIndexes.get(key);
  if (!index) lineIndexes.set(key, (index = new LineIndex(text)));
  const p = index.linePos(offset);
  return { line: p.line, column: p.col };
}

function sarifFixes(m: LintMessage, result: LintResult, artifactLocation: Json, other: (filePath: string) => { result: LintResult; artifactLocation: Json } | undefined): Json[] {
  const one = (description: string, fix: FixEdit): Json[] => {
    const target = fix.filePath === undefined ? { result, artifactLocation } : other(fix.filePath);
    const source = target?.result.source;
    if (!target || source === undefined) return [];
    const s = positionIn(source, target.result, fix.range[0]);
    const e = positionIn(source, target.result, fix.range[1]);
    return [{
      description: { text: description },
      artifactChanges: [
        {
          artifactLocation: target.artifactLocation,
          replacements: [{ deletedRegion: { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column }, insertedContent: { text: fix.text } }],
        },
      ],
    }];
  };
  return [...(m.fix ? one(`Fix: ${m.message}`, m.fix) : []), ...(m.suggestions ?? []).flatMap((sg) => one(sg.desc, sg.fix))];
}

/** Where each result's `results` go in the log: stringified, this string's JSON marks the spot. */
const RESULTS_SLOT = '\u0000kube-lifelint:results\u0000';
/** The indentation of an item of `runs[0].results` in the log as `JSON.stringify(log, null, 2)` writes it. */
const RESULT_INDENT = ' '.repeat(8);

/**
 * The report in pieces (written as they go: see `chunks` in json.ts). The log's head names every
 * rule and artifact, so a light first pass collects those; each result's SARIF results are then
 * built and written one result at a time. Joined, the pieces are `JSON.stringify(log, null, 2)`
 * plus a newline.
 */
export function* chunks(results: readonly LintResult[], ctx: FormatContext): Generator<string> {
  const ruleIds: string[] = Object.keys(ctx.rulesMeta).sort();
  const known = new Set(ruleIds);
  const extra = new Set<string>();
  for (const r of results) {
    for (const m of r.messages) if (m.ruleId !== null && !known.has(m.ruleId)) extra.add(m.ruleId);
    for (const m of r.suppressedMessages ?? []) if (m.ruleId !== null && !known.has(m.ruleId)) extra.add(m.ruleId);
  }
  ruleIds.push(...[...extra].sort());
  if (!ruleIds.includes(PARSE_RULE_ID)) ruleIds.push(PARSE_RULE_ID);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));

  const artifacts: Json[] = [];
  const artifactIndexes = new Map<string, number>();
  /** Each result's artifact index, in result order. */
  const indexes: number[] = [];
  for (const result of results) {
    const ref = artifactRef(result.filePath, ctx.cwd);
    const key = `${ref.uriBaseId ?? ''}|${ref.uri}`;
    let artifactIndex = artifactIndexes.get(key);
    if (artifactIndex === undefined) {
      artifactIndex = artifacts.length;
      artifactIndexes.set(key, artifactIndex);
      const artifact: Json = { location: { ...ref }, roles: ['analysisTarget'], sourceLanguage: /\.json$/i.test(result.filePath) ? 'json' : 'yaml' };
      if (isPseudoPath(result.filePath)) artifact.description = { text: result.filePath === '<stdin>' ? 'standard input' : result.filePath };
      artifacts.push(artifact);
    }
    indexes.push(artifactIndex);
  }

  const cwdUri = pathToFileURL(resolve(ctx.cwd)).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-lifelint',
            version: ctx.toolVersion,
            ...(/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(ctx.toolVersion) ? { semanticVersion: ctx.toolVersion } : {}),
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => ruleDescriptor(id, ctx.rulesMeta[id])),
          },
        },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        artifacts,
        results: RESULTS_SLOT,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  const text = JSON.stringify(log, null, 2);
  const slot = JSON.stringify(RESULTS_SLOT);
  const at = text.indexOf(slot);
  yield text.slice(0, at);
  let first = true;
  for (let i = 0; i < results.length; i++) {
    for (const out of sarifResultsOf(results[i]!, indexes[i]!, results, ruleIndex, ctx)) {
      yield `${first ? '[\n' : ',\n'}${RESULT_INDENT}${JSON.stringify(out, null, 2).replace(/\n/g, `\n${RESULT_INDENT}`)}`;
      first = false;
    }
  }
  yield first ? '[]' : `\n${RESULT_INDENT.slice(2)}]`;
  yield `${text.slice(at + slot.length)}\n`;
}

/** The SARIF results of one lint result: its messages, then its suppressed messages. */
function sarifResultsOf(result: LintResult, index: number, results: readonly LintResult[], ruleIndex: Map<string, number>, ctx: FormatContext): Json[] {
  const ref = artifactRef(result.filePath, ctx.cwd);
  const physical = (loc: { line: number; column: number; endLine?: number; endColumn?: number }): Json => ({
    artifactLocation: { ...ref, index },
    region: region(loc),
  });
  const toResult = (m: LintMessage, suppressed: boolean): Json => {
    const ruleId = m.ruleId ?? PARSE_RULE_ID;
    const location: Json = { physicalLocation: physical(m) };
    if (m.sourcePath) location.logicalLocations = [{ name: m.sourcePath.split('/').pop(), fullyQualifiedName: m.sourcePath, kind: 'module' }];
    const out: Json = {
      ruleId,
      ruleIndex: ruleIndex.get(ruleId),
      level: m.severity === 2 || m.fatal ? 'error' : 'warning',
      message: { text: m.message },
      locations: [location],
    };
    const fixes = sarifFixes(m, result, { ...ref, index }, (filePath) => {
      const target = results.find((r) => r.filePath === filePath);
      return target && { result: target, artifactLocation: { ...artifactRef(filePath, ctx.cwd) } };
    });
    if (fixes.length) out.fixes = fixes;
    if (m.related?.length) {
      // A related location in another file (a Helm values file, a Kustomize base) names that file.
      const relatedPhysical = (rel: RelatedLocation): Json => (rel.filePath ? { artifactLocation: artifactRef(rel.filePath, ctx.cwd), region: region(rel) } : physical(rel));
      out.relatedLocations = m.related.map((rel: RelatedLocation, i) => ({ id: i + 1, physicalLocation: relatedPhysical(rel), message: { text: rel.message } }));
    }
    if (suppressed) {
      out.suppressions = (m.suppressions?.length ? m.suppressions : [{ kind: 'directive', justification: '' }]).map((s) => {
        const sup: Json = { kind: 'inSource', status: 'accepted' };
        if (s.justification) sup.justification = s.justification;
        sup.properties = { mechanism: s.kind };
        return sup;
      });
    }
    return out;
  };
  return [...result.messages.map((m) => toResult(m, false)), ...(result.suppressedMessages ?? []).map((m) => toResult(m, true))];
}

export default function formatSarif(results: LintResult[], ctx: FormatContext): string {
  return [...chunks(results, ctx)].join('');
}
