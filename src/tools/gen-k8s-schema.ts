/**
 * Generates `schemas/k8s-lifecycle.schema.json`: the Kubernetes lifecycle surface (the pod spec
 * fields that matter here, Container, Probe, Lifecycle, LifecycleHandler and its actions,
 * ContainerPort) as a JSON Schema, read from a pinned, named upstream source.
 *
 * Source: the npm package `kubernetes-models` (exact version pinned in package.json), whose
 * `v1/*.d.ts` declarations are generated from the Kubernetes OpenAPI document with its enum
 * values restored (`scheme: "HTTP" | "HTTPS"`, `stopSignal: "SIGABRT" | …`). Field names,
 * required fields, enums and descriptions come from there. TypeScript erases `integer` to
 * `number`; the package's precompiled validators (`_schemas/*.js`) keep it, and every numeric
 * field of core/v1 is an int32 or int64, so `number` becomes `integer` after checking that no
 * validator of a type used here accepts a non-integer.
 *
 * What OpenAPI does not carry comes from the API server's validation (validation.go, see
 * reference/lifecycle-facts.md): minimum and maximum values and the port-name syntax. That table
 * is `constraints` below; each entry is marked with `x-source: validation.go` in the output.
 *
 * `node dist/src/tools/gen-k8s-schema.js` writes the file, `--check` fails on drift; the tests
 * regenerate it and compare with the committed file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { projectRoot } from './project-root.js';

export const upstreamPackage = 'kubernetes-models';
export const schemaPath = 'schemas/k8s-lifecycle.schema.json';

/** Kubernetes version the pinned package was generated from (its changelog: "Update to Kubernetes v1.36.0"). */
const upstreamKubernetes: Record<string, string> = { '5.1.0': 'v1.36' };

type JsonSchema = boolean | { [key: string]: unknown };

/**
 * The definitions, in output order. `fields`: the properties that get a full schema (`'all'` for
 * the lifecycle objects); every other upstream property is listed as `true` so the known field
 * list stays complete. `unknownFields`: `reject` → `additionalProperties: false`; `suggest` →
 * unknown keys are allowed by the schema, but a near-miss of a known key is reported with a
 * "did you mean" (the Container and PodSpec have too many fields, including fields newer than
 * any schema, to reject the rest); `ignore` → not checked.
 */
const definitions: { name: string; fields: readonly string[] | 'all'; unknownFields: 'reject' | 'suggest' | 'ignore' }[] = [
  { name: 'PodSpec', fields: ['containers', 'ephemeralContainers', 'initContainers', 'restartPolicy', 'terminationGracePeriodSeconds'], unknownFields: 'suggest' },
  { name: 'Container', fields: ['env', 'image', 'lifecycle', 'livenessProbe', 'name', 'ports', 'readinessProbe', 'restartPolicy', 'startupProbe'], unknownFields: 'suggest' },
  { name: 'EphemeralContainer', fields: ['env', 'image', 'lifecycle', 'livenessProbe', 'name', 'ports', 'readinessProbe', 'restartPolicy', 'startupProbe', 'targetContainerName'], unknownFields: 'suggest' },
  { name: 'EnvVar', fields: ['name'], unknownFields: 'ignore' },
  { name: 'ContainerPort', fields: 'all', unknownFields: 'reject' },
  { name: 'Probe', fields: 'all', unknownFields: 'reject' },
  { name: 'Lifecycle', fields: 'all', unknownFields: 'reject' },
  { name: 'LifecycleHandler', fields: 'all', unknownFields: 'reject' },
  { name: 'ExecAction', fields: 'all', unknownFields: 'reject' },
  { name: 'HTTPGetAction', fields: 'all', unknownFields: 'reject' },
  { name: 'HTTPHeader', fields: 'all', unknownFields: 'reject' },
  { name: 'TCPSocketAction', fields: 'all', unknownFields: 'reject' },
  { name: 'GRPCAction', fields: 'all', unknownFields: 'reject' },
  { name: 'SleepAction', fields: 'all', unknownFields: 'reject' },
];

/** IANA_SVC_NAME (validation.go `IsValidPortName`): lowercase letters, digits and '-', no '--', no leading or trailing '-', at least one letter, at most 15 characters. */
const portNamePattern = '^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?$';

/** Constraints from API validation (validation.go), keyed `Definition.field`. */
const constraints: Record<string, Record<string, unknown>> = {
  'PodSpec.terminationGracePeriodSeconds': { minimum: 0 },
  'Probe.initialDelaySeconds': { minimum: 0 },
  'Probe.timeoutSeconds': { minimum: 0 },
  'Probe.periodSeconds': { minimum: 0 },
  'Probe.successThreshold': { minimum: 0 },
  'Probe.failureThreshold': { minimum: 0 },
  'Probe.terminationGracePeriodSeconds': { minimum: 1 },
  'SleepAction.seconds': { minimum: 0 },
  'ContainerPort.containerPort': { minimum: 1, maximum: 65535 },
  'ContainerPort.hostPort': { minimum: 0, maximum: 65535 },
  'ContainerPort.name': { maxLength: 15, pattern: portNamePattern },
  'GRPCAction.port': { minimum: 1, maximum: 65535 },
};

/** `IntOrString` fields that hold a port (validation.go `ValidatePortNumOrName`). */
const portNumOrName = new Set(['HTTPGetAction.port', 'TCPSocketAction.port']);

const intOrStringType = 'IIoK8sApimachineryPkgUtilIntstrIntOrString';

interface UpstreamProperty {
  name: string;
  required: boolean;
  type: ts.TypeNode;
  description: string;
}

/** The properties of `export interface I<Name>` in `kubernetes-models/v1/<Name>.d.ts`. */
function readInterface(pkgDir: string, name: string): { description: string; properties: UpstreamProperty[] } {
  const file = join(pkgDir, 'v1', `${name}.d.ts`);
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === `I${name}`);
  if (!decl) throw new Error(`${file}: no interface I${name}`);
  const properties: UpstreamProperty[] = [];
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) throw new Error(`${file}: unexpected member ${member.getText(source)}`);
    const key = member.name;
    const propName = ts.isStringLiteral(key) || ts.isIdentifier(key) ? key.text : key.getText(source);
    properties.push({ name: propName, required: !member.questionToken, type: member.type, description: docOf(member) });
  }
  return { description: docOf(decl), properties };
}

/** First sentence of a declaration's JSDoc, whitespace collapsed. */
function docOf(node: ts.Node): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const text = docs.map((d) => (typeof d.comment === 'string' ? d.comment : ts.getTextOfJSDocComment(d.comment) ?? '')).join(' ');
  const flat = text.replace(/\s+/g, ' ').trim();
  // The first sentence: up to a period that ends a word (not "e.g." or "i.e.") and is followed by a space.
  const m = /^(.*?[A-Za-z0-9)`"'\]]\.(?<!\b(?:e\.g|i\.e)\.))(?:\s|$)/.exec(flat);
  return m ? m[1]! : flat;
}

/** The schema of one upstream property type. */
function typeSchema(type: ts.TypeNode, where: string, known: Set<string>): Record<string, unknown> {
  if (type.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
  if (type.kind === ts.SyntaxKind.NumberKeyword) return { type: 'integer' };
  if (type.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
  if (ts.isUnionTypeNode(type) && type.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
    return { type: 'string', enum: type.types.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
  }
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const ref = type.typeName.text;
    if (ref === 'Array' && type.typeArguments?.length === 1) return { type: 'array', items: typeSchema(type.typeArguments[0]!, `${where}[]`, known) };
    if (portNumOrName.has(where) && ref === intOrStringType) return { $ref: '#/definitions/PortNumOrName' };
    const m = /^IIoK8sApiCoreV1(\w+)$/.exec(ref);
    if (m && known.has(m[1]!)) return { $ref: `#/definitions/${m[1]}` };
    throw new Error(`${where}: type ${ref} is not part of the lifecycle surface; add it to the definitions or leave the field unchecked`);
  }
  throw new Error(`${where}: unsupported type ${ts.SyntaxKind[type.kind]}`);
}

/**
 * The integer format (int32 | int64) of each property, read from the package's precompiled
 * validator for the type: a property is checked by `validateN(data.<name>, ...)`, and validateN
 * tests `formatsK`, bound to `formats.int32` or `formats.int64`. The API server rejects a value
 * outside its format's range, which YAML and JSON numbers happily carry.
 */
function integerFormats(pkgDir: string, name: string): Map<string, 'int32' | 'int64'> {
  const code = readFileSync(join(pkgDir, '_schemas', `IoK8sApiCoreV1${name}.js`), 'utf8');
  const formatOf = new Map<string, 'int32' | 'int64'>();
  for (const m of code.matchAll(/\b(formats\d+)=formats\.(int32|int64)\b/g)) formatOf.set(m[1]!, m[2] as 'int32' | 'int64');
  const bodies = new Map<string, string>();
  const starts = [...code.matchAll(/function (validate\d+)\(/g)];
  starts.forEach((m, i) => bodies.set(m[1]!, code.slice(m.index, starts[i + 1]?.index ?? code.length)));
  const out = new Map<string, 'int32' | 'int64'>();
  for (const m of code.matchAll(/void 0!==data\.(\w+)&&\(?(validate\d+)\(data\.\1\b/g)) {
    const used = /\b(formats\d+)\.validate\(/.exec(bodies.get(m[2]!) ?? '')?.[1];
    const format = used ? formatOf.get(used) : undefined;
    if (format) out.set(m[1]!, format);
  }
  return out;
}

/** Every numeric field is an integer: checked against the package's precompiled validator for the type. */
function assertIntegers(pkgDir: string, name: string): void {
  const file = join(pkgDir, '_schemas', `IoK8sApiCoreV1${name}.js`);
  const code = readFileSync(file, 'utf8');
  if (/type:"number"/.test(code)) throw new Error(`${file}: a numeric field of ${name} is not an integer; map it by its format`);
}

export function generateK8sSchema(root = projectRoot()): Record<string, unknown> {
  const pkgDir = join(root, 'node_modules', upstreamPackage);
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const kube = upstreamKubernetes[version];
  if (!kube) throw new Error(`${upstreamPackage}@${version}: add the Kubernetes version it was generated from to upstreamKubernetes`);
  const known = new Set(definitions.map((d) => d.name));
  const defs: Record<string, unknown> = {};

  for (const def of definitions) {
    const upstream = readInterface(pkgDir, def.name);
    assertIntegers(pkgDir, def.name);
    const formats = integerFormats(pkgDir, def.name);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const p of upstream.properties) {
      const where = `${def.name}.${p.name}`;
      if (def.fields !== 'all' && !def.fields.includes(p.name)) {
        properties[p.name] = true;
        continue;
      }
      const extra = constraints[where];
      const typed = typeSchema(p.type, where, known);
      if (typed.type === 'integer' && !formats.has(p.name)) throw new Error(`${where}: no int32/int64 format found in the package's validator`);
      properties[p.name] = {
        description: p.description,
        ...typed,
        ...(formats.has(p.name) ? { format: formats.get(p.name) } : {}),
        ...(extra ? { ...extra, 'x-source': 'validation.go' } : {}),
      };
      if (p.required) required.push(p.name);
    }
    const missing = (def.fields === 'all' ? [] : def.fields).filter((f) => !(f in properties));
    if (missing.length) throw new Error(`${def.name}: upstream has no field ${missing.join(', ')}`);
    defs[def.name] = {
      description: upstream.description,
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: def.unknownFields !== 'reject',
      ...(def.unknownFields === 'suggest' ? { 'x-unknown-fields': 'suggest-near-miss' } : {}),
    };
  }
  defs['PortNumOrName'] = {
    description: 'A port number (1-65535) or the name of a container port (IANA_SVC_NAME); a quoted number is a string, not a number.',
    type: ['integer', 'string'],
    minimum: 1,
    maximum: 65535,
    maxLength: 15,
    pattern: portNamePattern,
    'x-source': 'validation.go',
  };

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kube-lifelint/kube-lifelint/blob/main/schemas/k8s-lifecycle.schema.json',
    $comment: `Generated by src/tools/gen-k8s-schema.ts from the npm package ${upstreamPackage}@${version} (Kubernetes ${kube} API types, v1/*.d.ts); do not edit. Constraints marked x-source: validation.go come from Kubernetes API validation. x-unknown-fields: suggest-near-miss means unknown keys are reported only when they look like a misspelt known field.`,
    title: 'Kubernetes lifecycle surface',
    definitions: defs,
  };
}

export function k8sSchemaText(root = projectRoot()): string {
  return JSON.stringify(generateK8sSchema(root), null, 2) + '\n';
}

function main(): void {
  const root = projectRoot();
  const path = join(root, schemaPath);
  const expected = k8sSchemaText(root);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== expected) {
      process.stderr.write(`out of date: ${path}\nRun 'node dist/src/tools/gen-k8s-schema.js' and commit the result.\n`);
      process.exitCode = 1;
    }
  } else if (current !== expected) {
    writeFileSync(path, expected);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
