/**
 * Checks the lifecycle surface of a pod spec or a container against the generated Kubernetes
 * schema (schemas/k8s-lifecycle.schema.json) by walking the YAML nodes themselves, so every
 * problem carries its node: an unknown key points at the key, a wrong type, a value out of range,
 * a bad enum value or port name at the value.
 *
 * The walker understands the subset of JSON Schema the generator writes: type (one or a list),
 * enum, properties, additionalProperties, minimum, maximum, maxLength, pattern, items, $ref, and
 * `x-unknown-fields: suggest-near-miss` (unknown keys are reported only when they look like a
 * misspelt known field, or a field of a nested object written one level too high). `required` is
 * deliberately not enforced: Kustomize strategic-merge patches omit required fields on purpose.
 *
 * YAML `null` (`periodSeconds:` with nothing) means "unset" to Kubernetes and is never an error.
 * Strategic-merge directives (`$patch`, `$setElementOrder/...`) and merge keys (`<<`) are skipped.
 *
 * Why a walker and not ajv: ajv validates plain JSON, so each error's instancePath would have to be
 * mapped back through the YAML tree, and the near-miss, misplaced-key and template handling would
 * still be a separate pass. Measured on Node 20: importing ajv and compiling this schema costs
 * ~100 ms per process; an ajv standalone module (128 KB of generated code) ~5 ms; this module
 * ~3-6 ms to import plus ~2 ms to load the schema on first use (lazily, only when the rule runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import type { ContainerView, PodView, Span } from './views.js';
import { deref, scalarText } from './yaml-util.js';
import { exactInteger } from './kubernetes-scalars.js';
import { didYouMean, interpolate } from '../text.js';

export type SchemaProblemKind = 'unknownKey' | 'wrongType' | 'belowMinimum' | 'aboveMaximum' | 'outOfRange' | 'badEnum' | 'badPortName' | 'quotedPortNumber' | 'template';

export interface SchemaProblem {
  kind: SchemaProblemKind;
  /** The key node (unknownKey) or the value node (everything else). */
  node: Node;
  span: Span;
  /** Where the field is, from the pod spec or the container: `livenessProbe.httpGet.port`. */
  path: string;
  /** Placeholder values for the message template of `kind`. */
  data: Record<string, string>;
  /** The readable message (the template of `kind` filled with `data`). */
  message: string;
  /** "Did you mean": the known field name or enum value this one most likely misspells. */
  suggestion?: string;
}

/** Message templates, one per problem kind (the rule's meta.messages). */
export const schemaMessages: Record<SchemaProblemKind, string> = {
  unknownKey: '`{{key}}` is not a field of {{where}}: the API server rejects unknown fields under strict validation and otherwise drops them, so this setting never takes effect.{{hint}}',
  wrongType: '`{{path}}` must be {{expected}}, but it is {{actual}}: the API server cannot decode it and rejects the object.{{hint}}',
  belowMinimum: '`{{path}}` is {{value}}: Kubernetes requires at least {{limit}}.',
  aboveMaximum: '`{{path}}` is {{value}}: Kubernetes allows at most {{limit}}.',
  outOfRange: '`{{path}}` is {{value}}, which does not fit its type ({{format}}, {{min}} to {{max}}): the API server cannot decode it and rejects the object.',
  badEnum: '`{{path}}` is "{{value}}", which is not one of {{allowed}}: the API server rejects it.{{hint}}',
  badPortName: '`{{path}}` is "{{value}}", which is not a valid port name (IANA_SVC_NAME: at most 15 lowercase letters, digits and "-", at least one letter, no leading, trailing or double "-"): the API server rejects it.',
  quotedPortNumber: '`{{path}}` is the string "{{value}}": it decodes (a port is a number or a name), but then it is read as a port name, and a name needs at least one letter (IANA_SVC_NAME), so the API server rejects it. Write {{value}} without quotes.',
  template: '`{{path}}` is "{{value}}" where {{expected}} is expected: this file looks like an unrendered {{tool}} template. Render it first ({{how}}); later placeholders in this document are not reported.',
};

type Schema = boolean | SchemaObject;
interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  'x-unknown-fields'?: string;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  format?: string;
  maxLength?: number;
  pattern?: string;
}
interface RootSchema {
  definitions: Record<string, SchemaObject>;
}

let loaded: { root: RootSchema; patterns: Map<string, RegExp> } | undefined;

/** The schema file, read once on first use (only when the schema rule runs). */
function schema(): { root: RootSchema; patterns: Map<string, RegExp> } {
  if (loaded) return loaded;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'schemas', 'k8s-lifecycle.schema.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('schemas/k8s-lifecycle.schema.json not found');
    dir = up;
  }
  const root = JSON.parse(readFileSync(join(dir, 'schemas', 'k8s-lifecycle.schema.json'), 'utf8')) as RootSchema;
  loaded = { root, patterns: new Map() };
  return loaded;
}

function definition(name: string): SchemaObject {
  const def = schema().root.definitions[name];
  if (!def) throw new Error(`k8s-lifecycle schema has no definition ${name}`);
  return def;
}

function resolve(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 8 && typeof cur === 'object' && cur.$ref; i++) {
    cur = definition(cur.$ref.replace('#/definitions/', ''));
  }
  return cur;
}

function refName(s: Schema): string | undefined {
  return typeof s === 'object' && s.$ref ? s.$ref.replace('#/definitions/', '') : undefined;
}

function patternOf(source: string): RegExp {
  const cache = schema().patterns;
  let re = cache.get(source);
  if (!re) cache.set(source, (re = new RegExp(source)));
  return re;
}

/*
 * envsubst-style `${VAR}` / `$VAR`, or a Helm/Go `{{ … }}` action, in a string. Scans, not the
 * regexes /\$\{NAME(?:[:?=+-][^}]*)?\}|\$NAME/ and /\{\{.*\}\}/: those retry from every `${` or
 * `{{` to the end of the value, quadratic on a long run of them (160 KB took 21 s).
 */
function hasEnvsubstPlaceholder(value: string): boolean {
  // `${NAME<op>…}` needs a `}` somewhere after the operator, and the last `}` tells whether there is one
  const lastClose = value.lastIndexOf('}');
  const start = /\$(?:[A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*([}:?=+-]))/g;
  for (let m = start.exec(value); m; m = start.exec(value)) {
    if (m[1] === undefined || m[1] === '}' || start.lastIndex <= lastClose) return true;
  }
  return false;
}

function hasGoTemplateAction(value: string): boolean {
  // `.` does not cross line ends: `{{` and a later `}}` on the same line
  return value.split(/[\n\r\u2028\u2029]/).some((line) => {
    const open = line.indexOf('{{');
    return open >= 0 && line.includes('}}', open + 2);
  });
}

/** A bare upper-case word (`PORT`, `GRPC_PORT`) where a number goes: a placeholder for sed-style substitution. */
const bareUpperPlaceholder = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** The template tool a string placeholder belongs to. `numberExpected`: also accept a bare `PORT`-style word. */
function templateTool(value: string, numberExpected = false): { tool: string; how: string } | undefined {
  if (hasEnvsubstPlaceholder(value)) return { tool: 'envsubst', how: 'envsubst < file | kube-lifelint -' };
  if (hasGoTemplateAction(value)) return { tool: 'Helm/Go', how: 'helm template … | kube-lifelint -' };
  if (numberExpected && value.length > 1 && bareUpperPlaceholder.test(value)) return { tool: 'search-and-replace', how: `replace ${value} with a value, then lint the result` };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The walk

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

function jsonType(node: Node): JsonType {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    if (typeof v === 'bigint') return 'integer';
    if (typeof v === 'boolean') return 'boolean';
  }
  return 'string';
}

const article: Record<string, string> = {
  object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean',
};

/** A scalar as written (`1.10`, not `1.1`). */
function written(node: Node): string {
  if (!isScalar(node)) return '';
  return typeof node.source === 'string' && !isString(node.value) ? node.source : String(node.value);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function describeActual(node: Node, type: JsonType): string {
  if (type === 'object') return 'a mapping';
  if (type === 'array') return 'a list';
  if (type === 'string') return `the string ${JSON.stringify(written(node))}`;
  if (type === 'integer' || type === 'number') return `the number ${written(node)}`;
  if (type === 'boolean') return `the boolean ${written(node)}`;
  return type;
}

/** The node's extent; a block mapping or list ends at its last character, not at the next line. */
function spanOf(node: Node, source: string | undefined): Span {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  let end = r[1];
  if (source) while (end > r[0] && /\s/.test(source[end - 1]!)) end--;
  return { start: r[0], end };
}


function allowedList(values: readonly string[]): string {
  return values.length <= 8 ? values.join(', ') : `${values.slice(0, 3).join(', ')}, … (${values.length} values)`;
}

/** How a place is named in messages: `livenessProbe (a Probe)`, `the container`. */
function whereOf(path: string, def: string | undefined, top: string): string {
  if (!path) return top;
  return def ? `\`${path}\` (${/^(?:[AEIOU]|HTTP)/.test(def) ? 'an' : 'a'} ${def})` : `\`${path}\``;
}

const integerFormats: Record<string, readonly [bigint, bigint]> = { int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n] };

/** The message data when a number does not fit the field's integer format (as Go decodes JSON). */
function integerRange(node: Scalar, format: string | undefined): Record<string, string> | undefined {
  if (format === undefined || !Object.hasOwn(integerFormats, format)) return undefined;
  const [min, max] = integerFormats[format]!;
  const exact = exactInteger(node);
  const v = typeof node.value === 'number' ? node.value : Number(node.value);
  const fits = exact !== undefined ? exact >= min && exact <= max : Number.isFinite(v) && v >= Number(min) && v <= Number(max);
  return fits ? undefined : { value: written(node), format, min: String(min), max: String(max) };
}

class Walker {
  readonly problems: SchemaProblem[] = [];
  private readonly stack = new Set<Node>();

  constructor(
    private readonly doc: Document,
    /** The file text the node ranges refer to (to trim trailing line breaks off block values). */
    private readonly source: string | undefined,
    /** `the container` / `the pod spec`: how the top object is named in messages. */
    private readonly top: string,
    /** Definitions whose contents are not walked (the pod spec leaves its containers to checkContainer). */
    private readonly stopAt: ReadonlySet<string> = new Set(),
  ) {}

  private add(kind: SchemaProblemKind, node: Node, path: string, data: Record<string, string>, suggestion?: string): void {
    const full = { path, ...data };
    this.problems.push({ kind, node, span: spanOf(node, this.source), path, data: full, message: interpolate(schemaMessages[kind], full), ...(suggestion !== undefined ? { suggestion } : {}) });
  }

  walk(raw: unknown, s: Schema, path: string, defName?: string): void {
    const node = deref(this.doc, raw);
    if (!node || s === true) return;
    const name = refName(s) ?? defName;
    const sch = resolve(s);
    if (sch === true || sch === false) return;
    const actual = jsonType(node);
    if (actual === 'null') return; // unset
    if (this.stack.has(node)) return; // an alias to an enclosing node
    const types = sch.type === undefined ? [] : Array.isArray(sch.type) ? sch.type : [sch.type];
    const matches = types.length === 0 || types.includes(actual) || (actual === 'integer' && types.includes('number'));

    if (!matches) {
      this.typeProblem(node, actual, types, path);
      return;
    }
    if (name && this.stopAt.has(name)) return;

    if (actual === 'object' && isMap(node)) {
      this.stack.add(node);
      this.object(node, sch, path, name);
      this.stack.delete(node);
    } else if (actual === 'array' && isSeq(node) && sch.items !== undefined) {
      this.stack.add(node);
      node.items.forEach((item, i) => this.walk(item, sch.items!, `${path}[${i}]`));
      this.stack.delete(node);
    } else if (actual === 'string') {
      this.string(node, String((node as { value: unknown }).value), sch, types, path);
    } else if (actual === 'integer' || actual === 'number') {
      const v = Number((node as { value: unknown }).value);
      const range = isScalar(node) ? integerRange(node, sch.format) : undefined;
      if (range) this.add('outOfRange', node, path, range);
      else if (sch.minimum !== undefined && v < sch.minimum) this.add('belowMinimum', node, path, { value: String(v), limit: String(sch.minimum) });
      else if (sch.maximum !== undefined && v > sch.maximum) this.add('aboveMaximum', node, path, { value: String(v), limit: String(sch.maximum) });
    }
  }

  private typeProblem(node: Node, actual: JsonType, types: string[], path: string): void {
    const expected = types.map((t) => article[t] ?? t).join(' or ');
    const value = written(node);
    if (actual === 'string') {
      const tool = templateTool(value, types.includes('integer'));
      if (tool) return this.add('template', node, path, { value, expected, ...tool });
      if (types.includes('integer') && /^\s*-?\d+\s*$/.test(value)) {
        return this.add('wrongType', node, path, { expected, actual: describeActual(node, actual), hint: ` Write ${value.trim()} without quotes.` }, value.trim());
      }
    }
    const hint = types.length === 1 && types[0] === 'string' && isScalar(node) && actual !== 'object' && actual !== 'array'
      ? ` Quote it: "${value}".`
      : '';
    this.add('wrongType', node, path, { expected, actual: describeActual(node, actual), hint });
  }

  private string(node: Node, value: string, sch: SchemaObject, types: string[], path: string): void {
    if (sch.enum && !sch.enum.includes(value)) {
      const tool = templateTool(value);
      if (tool) return this.add('template', node, path, { value, expected: `one of ${allowedList(sch.enum)}`, ...tool });
      const suggestion = didYouMean(value, sch.enum) ?? didYouMean(`SIG${value}`, sch.enum.filter((v) => v.startsWith('SIG')));
      this.add('badEnum', node, path, { value, allowed: allowedList(sch.enum), hint: suggestion ? ` Did you mean "${suggestion}"?` : '' }, suggestion);
      return;
    }
    const badLength = sch.maxLength !== undefined && value.length > sch.maxLength;
    const badPattern = sch.pattern !== undefined && !patternOf(sch.pattern).test(value);
    if (!badLength && !badPattern) return;
    const tool = templateTool(value, types.includes('integer'));
    const expected = types.includes('integer') ? 'a port number or name' : 'a port name';
    if (tool) return this.add('template', node, path, { value, expected, ...tool });
    if (types.includes('integer') && /^\s*\d+\s*$/.test(value)) {
      // A quoted number where a port number or name goes (IntOrString): it decodes as a string, then
      // fails the port-name rules (ValidatePortNumOrName → IsValidPortName).
      return this.add('quotedPortNumber', node, path, { value: value.trim() }, value.trim());
    }
    this.add('badPortName', node, path, { value });
  }

  private object(map: Node & { items: unknown[] }, sch: SchemaObject, path: string, defName: string | undefined): void {
    const props = sch.properties ?? {};
    const known = Object.keys(props);
    const mode = sch.additionalProperties === false ? 'reject' : sch['x-unknown-fields'] === 'suggest-near-miss' ? 'suggest' : 'ignore';
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = deref(this.doc, item.key);
      const key = isScalar(keyNode) ? scalarText(keyNode.value) : undefined;
      if (!keyNode || key === undefined) continue;
      if (key === '<<' || key.startsWith('$')) continue; // merge key, strategic-merge directive
      const childPath = path ? `${path}.${key}` : key;
      if (Object.prototype.hasOwnProperty.call(props, key)) {
        this.walk(item.value, props[key]!, childPath);
        continue;
      }
      if (mode === 'ignore') continue;
      const where = whereOf(path, defName, this.top);
      const suggestion = didYouMean(key, known);
      if (suggestion !== undefined) {
        // Renaming to a key the map already has would write a duplicate key: hint only.
        const taken = map.items.some((other) => isPair(other) && isScalar(other.key) && scalarText(other.key.value) === suggestion);
        this.add('unknownKey', keyNode, childPath, { key, where, hint: ` Did you mean \`${suggestion}\`?` }, taken ? undefined : suggestion);
        continue;
      }
      const parents = this.misplaced(key, props);
      if (parents.length) {
        const names = parents.map((p) => `\`${p}\``);
        const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
        this.add('unknownKey', keyNode, childPath, { key, where, hint: ` It is a field of ${list}: indent it one level deeper.` });
        continue;
      }
      if (mode === 'reject') this.add('unknownKey', keyNode, childPath, { key, where, hint: ` Its fields are: ${known.join(', ')}.` });
    }
  }

  /** The properties whose object type has `key` as a field: a key written one level too high. */
  private misplaced(key: string, props: Record<string, Schema>): string[] {
    const out: string[] = [];
    for (const [name, p] of Object.entries(props)) {
      const target = resolve(p);
      if (typeof p !== 'object' || !p.$ref || typeof target !== 'object') continue;
      if (target.properties && Object.prototype.hasOwnProperty.call(target.properties, key)) out.push(name);
    }
    return out;
  }
}

/** Pod-level fields (terminationGracePeriodSeconds, restartPolicy, near-miss keys); containers are checked one by one. */
export function checkPod(pod: PodView): SchemaProblem[] {
  const w = new Walker(pod.doc, pod.workload.source, 'the pod spec', new Set(['Container', 'EphemeralContainer']));
  w.walk(pod.node, { $ref: '#/definitions/PodSpec' }, '', 'PodSpec');
  // The operator's own keys beside the pod's (`ruleSelector` in a Prometheus spec) are no near misses.
  return pod.sharedSpec ? w.problems.filter((p) => p.kind !== 'unknownKey' || p.path.includes('.')) : w.problems;
}

/** One container: name, image, ports, env names, probes, lifecycle hooks, stopSignal, restartPolicy. */
export function checkContainer(c: ContainerView): SchemaProblem[] {
  const def = c.role === 'ephemeral' ? 'EphemeralContainer' : 'Container';
  const w = new Walker(c.pod.doc, c.pod.workload.source, 'the container', new Set());
  w.walk(c.node, { $ref: `#/definitions/${def}` }, '', def);
  return w.problems;
}

/** Any YAML node against a named definition (for tests and tools). */
export function checkNode(doc: Document, node: Node, definitionName: string, source?: string): SchemaProblem[] {
  const w = new Walker(doc, source, `the ${definitionName}`);
  w.walk(node, { $ref: `#/definitions/${definitionName}` }, '', definitionName);
  return w.problems;
}
