/** The `schema` rule: the generated Kubernetes schema, the YAML walker, and the rule's findings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkNode, type SchemaProblem } from '../src/k8s/schema-check.js';
import { didYouMean as suggest, editDistance } from '../src/text.js';
import { k8sSchemaText, schemaPath, upstreamPackage } from '../src/tools/gen-k8s-schema.js';
import { lintWith, onlyRule, root } from './harness.js';

function check(yaml: string, definition = 'Container'): { problems: SchemaProblem[]; text: (p: SchemaProblem) => string } {
  const doc = parseDocument(yaml);
  return { problems: checkNode(doc, doc.contents as Node, definition), text: (p) => yaml.slice(p.span.start, p.span.end) };
}

function lint(yaml: string) {
  return lintWith(yaml, onlyRule('schema')).messages;
}

const pod = (container: string, spec = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}  containers:\n    - name: app\n      image: busybox:1.36\n${container.replace(/^/gm, '      ')}\n`;

describe('generated schema', () => {
  it('matches a regeneration from the pinned upstream package (node dist/src/tools/gen-k8s-schema.js)', () => {
    expect(readFileSync(join(root, schemaPath), 'utf8')).toBe(k8sSchemaText(root));
  });

  it('names its source and the pinned version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const version = pkg.devDependencies[upstreamPackage];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/); // exact pin, no range
    const schema = JSON.parse(readFileSync(join(root, schemaPath), 'utf8')) as { $comment: string; definitions: Record<string, unknown> };
    expect(schema.$comment).toContain(`${upstreamPackage}@${version}`);
    expect(Object.keys(schema.definitions)).toEqual(expect.arrayContaining([
      'PodSpec', 'Container', 'ContainerPort', 'Probe', 'Lifecycle', 'LifecycleHandler', 'ExecAction', 'HTTPGetAction', 'TCPSocketAction', 'GRPCAction', 'SleepAction',
    ]));
  });

  it('uses one pattern only, the port-name syntax the badPortName message describes', () => {
    const text = readFileSync(join(root, schemaPath), 'utf8');
    const patterns = new Set([...text.matchAll(/"pattern": "([^"]+)"/g)].map((m) => m[1]));
    expect(patterns.size).toBe(1);
    const re = new RegExp(JSON.parse(`"${[...patterns][0]!}"`) as string);
    for (const ok of ['http', 'grpc-health', 'a1', 'metrics9090']) expect(re.test(ok), ok).toBe(true);
    for (const bad of ['HTTP', '8080', 'my--port', '-http', 'http-', 'admin_port']) expect(re.test(bad), bad).toBe(false);
  });
});

describe('error classes, at the exact node', () => {
  it('unknown key → the key', () => {
    const { problems, text } = check('name: a\nlivenessProbe:\n  periodSecond: 5\n  exec: {command: [x]}\n');
    expect(problems.map((p) => [p.kind, text(p), p.path])).toEqual([['unknownKey', 'periodSecond', 'livenessProbe.periodSecond']]);
  });

  it('wrong type → the value, quotes included', () => {
    const { problems, text } = check('name: a\nlivenessProbe:\n  periodSeconds: "30"\n');
    expect(problems.map((p) => [p.kind, text(p), p.suggestion])).toEqual([['wrongType', '"30"', '30']]);
  });

  it('a list written as a string, a number where a string goes, a scalar where a mapping goes', () => {
    const { problems, text } = check('name: a\nimage: 1.10\nlifecycle:\n  preStop:\n    exec:\n      command: sleep 5\nstartupProbe: yes-please\n');
    expect(problems.map((p) => [p.kind, text(p)])).toEqual([['wrongType', '1.10'], ['wrongType', 'sleep 5'], ['wrongType', 'yes-please']]);
    expect(problems[0]!.message).toContain('the number 1.10');
  });

  it('negative values and out-of-range ports', () => {
    const { problems, text } = check('name: a\nports:\n  - containerPort: 0\n  - containerPort: 65536\nreadinessProbe:\n  timeoutSeconds: -1\n  tcpSocket: {port: 70000}\n');
    expect(problems.map((p) => [p.kind, text(p)])).toEqual([['belowMinimum', '0'], ['aboveMaximum', '65536'], ['belowMinimum', '-1'], ['aboveMaximum', '70000']]);
  });

  it('enums are case-sensitive, with a suggestion', () => {
    const { problems } = check('name: a\nports: [{containerPort: 53, protocol: udp}]\nlifecycle: {stopSignal: SIGTERN}\nlivenessProbe: {httpGet: {port: 80, scheme: Https}}\n');
    expect(problems.map((p) => [p.kind, p.suggestion])).toEqual([['badEnum', 'UDP'], ['badEnum', 'SIGTERM'], ['badEnum', 'HTTPS']]);
  });

  it('port names: IANA_SVC_NAME; a quoted number decodes, then fails the name rules (its own message)', () => {
    const { problems } = check('name: a\nports: [{containerPort: 80, name: Web_Port}]\nlivenessProbe: {tcpSocket: {port: "80"}}\nreadinessProbe: {httpGet: {port: a-very-long-port-name}}\n');
    expect(problems.map((p) => p.kind)).toEqual(['badPortName', 'quotedPortNumber', 'badPortName']);
  });

  it('pod spec: terminationGracePeriodSeconds is a non-negative integer; each container problem is reported once', () => {
    const yaml = pod('livenessprobe: {exec: {command: ["true"]}}', '  terminationGracePeriodSeconds: -30\n');
    expect(lint(yaml).map((m) => [m.messageId, yaml.split('\n')[m.line - 1]!.slice(m.column - 1, (m.endColumn ?? m.column) - 1)])).toEqual([
      ['belowMinimum', '-30'],
      ['unknownKey', 'livenessprobe'],
    ]);
  });
});

describe('did you mean', () => {
  it.each([
    ['periodSecond', 'periodSeconds', 'readinessProbe:\n  periodSecond: 5\n  exec: {command: ["true"]}'],
    ['initialDelaySecond', 'initialDelaySeconds', 'readinessProbe:\n  initialDelaySecond: 5\n  exec: {command: ["true"]}'],
    ['prestop', 'preStop', 'lifecycle:\n  prestop:\n    sleep: {seconds: 5}'],
    ['livenessprobe', 'livenessProbe', 'livenessprobe:\n  exec: {command: ["true"]}'],
  ])('%s → %s', (key, expected, yaml) => {
    const messages = lint(pod(yaml));
    expect(messages.map((m) => m.messageId)).toEqual(['unknownKey']);
    expect(messages[0]!.message).toContain(`\`${key}\` is not a field`);
    expect(messages[0]!.message).toContain(`Did you mean \`${expected}\`?`);
    const { problems } = check(`name: a\n${yaml}\n`);
    expect(problems.map((p) => p.suggestion)).toEqual([expected]);
  });

  it('suggest(): case, edit distance, no guess on ties or far words', () => {
    expect(suggest('prestop', ['postStart', 'preStop', 'stopSignal'])).toBe('preStop');
    expect(suggest('timeoutSecond', ['periodSeconds', 'timeoutSeconds'])).toBe('timeoutSeconds');
    expect(suggest('sucessThreshold', ['successThreshold', 'failureThreshold'])).toBe('successThreshold');
    expect(suggest('hots', ['host', 'port'])).toBe('host');
    expect(suggest('command', ['exec', 'httpGet'])).toBeUndefined();
    expect(suggest('prot', ['port', 'host'])).toBe('port');
    expect(suggest('prot', ['port', 'pot'])).toBeUndefined(); // a tie
    expect(suggest('ab', ['ac', 'ad'])).toBeUndefined();
    expect(editDistance('periodsecond', 'periodseconds')).toBe(1);
  });

  it('container level: only near misses and misplaced fields; other unknown keys are left alone', () => {
    const { problems } = check('name: a\nimagePullPolicyX: Always\nresource: {}\npreStop: {sleep: {seconds: 1}}\nmyCompanyExtension: true\n');
    expect(problems.map((p) => [p.path, p.suggestion])).toEqual([['imagePullPolicyX', 'imagePullPolicy'], ['resource', 'resources'], ['preStop', undefined]]);
    expect(problems[2]!.message).toContain('It is a field of `lifecycle`');
  });
});

describe('templates and patches', () => {
  it('an envsubst template gives exactly one finding per document, at the first placeholder', () => {
    const yaml = pod('ports:\n  - containerPort: ${PORT}\nlivenessProbe:\n  periodSeconds: ${PERIOD}\n  httpGet: {path: /, port: $PORT}\nlifecycle:\n  preStop: {sleep: {seconds: "${DRAIN}"}}', '  terminationGracePeriodSeconds: ${GRACE}\n');
    const messages = lint(yaml);
    expect(messages.map((m) => m.messageId)).toEqual(['template']);
    expect(messages[0]!.message).toContain('envsubst');
    expect(yaml.split('\n')[messages[0]!.line - 1]).toContain('terminationGracePeriodSeconds: ${GRACE}');
    expect(lint(`${yaml}---\n${yaml}`).map((m) => m.messageId)).toEqual(['template', 'template']);
  });

  it('a placeholder in a string field is fine; a Helm action where a number goes is a template too', () => {
    expect(lint(pod('env:\n  - name: A\n    value: ${A}\nlivenessProbe:\n  exec: {command: ["sh", "-c", "test $A"]}'))).toEqual([]);
    expect(lint(pod('livenessProbe:\n  periodSeconds: "{{ .Values.period }}"\n  exec: {command: ["true"]}')).map((m) => m.message)).toEqual([expect.stringContaining('Helm/Go template')]);
  });

  it('skips strategic-merge directives, merge keys, empty values; does not loop on recursive aliases', () => {
    expect(check('name: a\n$patch: replace\nlivenessProbe:\n  $patch: delete\n  <<: {periodSeconds: 3}\nreadinessProbe:\nlifecycle: {preStop: ~}\n').problems).toEqual([]);
    expect(check('name: a\nports: &p [*p]\n').problems.map((p) => p.kind)).toEqual([]);
  });

  it('ephemeral containers know targetContainerName', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: x}]\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      targetContainerName: a\n      targetContainerNam: a\n';
    expect(lint(yaml).map((m) => [m.line, m.messageId])).toEqual([[10, 'unknownKey']]);
  });
});
