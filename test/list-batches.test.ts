/**
 * A large `kind: List` is linted in batches of its items (list-items.ts): the findings must be
 * exactly those of the whole-document lint, for column-0 and indented items, comments, block
 * scalars, nested lists, top-level keys after `items`, Lists among other documents and the
 * fixtures' Lists; anything unusual is linted whole. Batching is asserted by counting batches
 * (no timed assertion; hang guards are generous test timeouts).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/index.js';
import { batchBytes, batchWindows } from '../src/engine/batches.js';
import { lintRelevant } from '../src/engine/fast-path.js';
import { LineIndex } from '../src/engine/line-index.js';
import { listBatches } from '../src/engine/list-items.js';
import { lintSources } from '../src/engine/linter.js';
import { resolveConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import { allFixtureFiles, read, root } from './harness.js';

const strict = resolveConfig({ extends: 'strict' }, rules);
const small = 600;

/** How many item batches the Lists of `text` are cut into with batches of `size` (0: none is). */
function itemBatches(text: string, size: number, parse = true): number {
  let n = 0;
  for (const [from, to] of batchWindows(text, size)) {
    const list = listBatches(text, from, to, size, lintRelevant(), () => new LineIndex(text), 0);
    if (list && (!parse || Array.from({ length: list.count }, (_, i) => list.parse(i)).every(Boolean))) n += list.count;
  }
  return n;
}

/** The messages of `text` linted whole (one batch) and with small batches. */
function both(text: string, size = small) {
  const lint = (bytes: number) => lintSources([{ filePath: '/x/list.yaml', text }], { ...strict, batchBytes: bytes }, rules).map((r) => [r.messages, r.suppressedMessages]);
  return { whole: lint(Number.MAX_SAFE_INTEGER), batched: lint(size) };
}

/** Items at column 0, as kubectl prints them; `indent` moves every item line right. */
const items = (list: string[], indent = 0) => list.join('').replace(/^(?=.)/gm, ' '.repeat(indent));

const pod = (i: number) => `- apiVersion: v1
  kind: Pod
  metadata:
    name: p${i}
  spec:
    terminationGracePeriodSeconds: 0
    containers:
    - name: a
      image: nginx:1.27
`;

/** Items that give findings of many rules, with comments, block scalars and nested sequences. */
const varied = (i: number) =>
  [
    pod(i),
    `# a comment between items
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: d${i}
    annotations:
      ignore.kube-lifelint.io/prestop-exceeds-grace-period: "tested"
      ignore.kube-lifelint.io/no-such-rule: "x"
  spec:
    replicas: 2
    template:
      metadata:
        labels: {app: d${i}}
      spec:
        terminationGracePeriodSeconds: 10
        containers:
          # a deeper comment
        - name: app
          image: "nginx:1.27"
          lifecycle:
            preStop:
              exec:
                command:
                - sh
                - -c
                - |
                  sleep 60
                  - not an item
          ports:
          - containerPort: \${PORT}
`,
    `- apiVersion: batch/v1
  kind: CronJob
  metadata: {name: c${i}}
  spec:
    schedule: "* * * * *"
    jobTemplate:
      spec:
        template:
          spec:
            restartPolicy: Always
            containers:
            - name: job
              image: busybox:1.36
              command: [sh, -c, 'sleep 5']
              readinessProbe:
                periodSeconds: 0
                exec:
                  command: ["cat", "/tmp/ready"]
              env:
              - name: X
                value: >-
                  folded
                  - text
`,
    `- apiVersion: v1
  kind: PodList
  items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: nested${i}}
    spec:
      containers:
      - name: n
        image: nginx:1.27
        livenessProbe: {}
        ports:
        - containerPort: PORT
`,
  ][i % 4]!;

const list = (body: string, head = 'apiVersion: v1\nkind: List\nitems:\n', tail = '') => `${head}${body}${tail}`;
const kubectlTail = 'kind: List\nmetadata:\n  resourceVersion: ""\n';

describe('a List linted in batches of items', () => {
  const cases: [string, string][] = [
    ['column-0 items', list(items(Array.from({ length: 24 }, (_, i) => varied(i))))],
    ['indented items', list(items(Array.from({ length: 24 }, (_, i) => varied(i)), 2))],
    ['items with a comment below `items:`, top-level keys after them (kubectl)', list(items(Array.from({ length: 24 }, (_, i) => varied(i))), 'apiVersion: v1\nitems:\n# the items\n', kubectlTail)],
    ['indented items, keys after them, a document end', list(items(Array.from({ length: 24 }, (_, i) => varied(i)), 2), '---\napiVersion: v1\nitems:\n', `${kubectlTail}...\n`)],
    ['a List among other documents', `---\n${pod(100).replace(/^- |^  /gm, '')}---\n${list(items(Array.from({ length: 24 }, (_, i) => varied(i))), 'apiVersion: v1\nkind: DeploymentList\nitems:\n')}---\n${pod(101).replace(/^- |^  /gm, '')}`],
    ['a ServiceList-like kind with pods', list(items(Array.from({ length: 30 }, (_, i) => pod(i))), 'kind: PodList\napiVersion: v1\nmetadata: {resourceVersion: "1"}\nitems:\n')],
  ];
  for (const [name, text] of cases) {
    it(`${name}: the messages of the whole-document lint, in several batches`, () => {
      const { whole, batched } = both(text);
      expect(batched).toEqual(whole);
      expect(whole[0]![0]!.length).toBeGreaterThan(10);
      expect(itemBatches(text, small)).toBeGreaterThan(3);
    });
  }

  it("one template placeholder finding per List, however it is cut (the rules' state spans the batches)", () => {
    const text = list(items(Array.from({ length: 24 }, (_, i) => varied(i))));
    const { whole, batched } = both(text);
    const templates = (r: typeof whole) => r[0]![0]!.filter((m) => m.messageId === 'template');
    expect(templates(whole)).toHaveLength(1);
    expect(templates(batched)).toEqual(templates(whole));
  });

  it("the fixtures' Lists: the messages of the whole-document lint", () => {
    const dir = join(root, 'fixtures');
    const files = readdirSync(dir)
      .filter((d) => statSync(join(dir, d)).isDirectory())
      .flatMap((d) => allFixtureFiles(join(dir, d)))
      .filter((f) => /^kind: *\S*List\b/m.test(read(f)));
    const sources = files.map((f) => ({ filePath: f, text: read(f) }));
    const config = resolveConfig({}, rules);
    const whole = lintSources(sources, config, rules);
    const batched = lintSources(sources, { ...config, batchBytes: 1 }, rules);
    expect(batched.map((r) => [r.filePath, r.messages, r.suppressedMessages])).toEqual(whole.map((r) => [r.filePath, r.messages, r.suppressedMessages]));
    expect(sources.filter((s) => itemBatches(s.text, 1) > 1).length).toBeGreaterThan(5);
  }, 120_000);
});

describe('a List with anything unusual is linted whole', () => {
  const body = (n: number) => Array.from({ length: n }, (_, i) => pod(i));
  const cases: [string, string][] = [
    ['an anchor and its alias in different items', list(items([...body(6), pod(6).replace('image: nginx:1.27', 'image: &img nginx:1.27'), ...body(6), pod(7).replace('image: nginx:1.27', 'image: *img')]))],
    ['a syntax error in a late item', list(items([...body(12), pod(12).replace('name: a', 'name: "a')]))],
    ['a duplicate top-level key', list(items(body(12)), 'apiVersion: v1\nkind: List\nmetadata: {a: b}\nitems:\n', 'metadata: {c: d}\n')],
    ['a directive comment', list(items([...body(6), `# kube-lifelint-disable-next-line grace-period-zero\n${pod(6)}`, ...body(6)]))],
    ['a merge key', list(items([...body(6), pod(6).replace('    containers:', '    <<: {restartPolicy: Never}\n    containers:'), ...body(6)]))],
    ['a tag', list(items([...body(6), pod(6).replace('terminationGracePeriodSeconds: 0', 'terminationGracePeriodSeconds: !!int 0'), ...body(6)]))],
    ['a line break YAML and JavaScript disagree on', list(items(body(12)).replace('name: p3\n', 'name: p3\r\n'))],
    ['a key at the items\' column', list(items(body(12), 2).replace('    metadata:\n      name: p5', '  metadata:\n      name: p5'))],
  ];
  for (const [name, text] of cases) {
    it(`${name}: not cut, the messages of the whole-document lint`, () => {
      expect(itemBatches(text, small)).toBe(0);
      const { whole, batched } = both(text);
      expect(batched).toEqual(whole);
    });
  }

  it('flow items, a scalar for items, no items, or a kind that is no List: never cut', () => {
    const many = items(body(12));
    for (const text of [
      `apiVersion: v1\nkind: List\nitems: [${Array.from({ length: 40 }, (_, i) => `{kind: Pod, metadata: {name: p${i}}, spec: {terminationGracePeriodSeconds: 0, containers: [{name: a, image: b}]}}`).join(', ')}]\n`,
      `apiVersion: v1\nkind: List\nitems:\n  ${'x'.repeat(2000)}\n`,
      list(many, 'apiVersion: v1\nkind: List\nmetadata:\n  items:\n'),
      list(many, 'apiVersion: v1\nkind: Deployment\nitems:\n'),
    ]) {
      expect(itemBatches(text, small)).toBe(0);
      const { whole, batched } = both(text);
      expect(batched).toEqual(whole);
    }
  });
});

describe('scale', () => {
  it('a 200k-item List: cut into many batches, every item\'s finding reported, in order', () => {
    const n = 200_000;
    const item = (i: number) => `- kind: Pod\n  metadata: {name: p${i}}\n  spec: {terminationGracePeriodSeconds: 0, containers: [{name: a, image: b}]}\n`;
    const text = `apiVersion: v1\nkind: List\nitems:\n${Array.from({ length: n }, (_, i) => item(i)).join('')}`;
    expect(itemBatches(text, batchBytes, false)).toBeGreaterThan(10);
    const [r] = lintText(text, { config: { extends: 'none', rules: { 'grace-period-zero': 'error' } } });
    expect(r!.messages).toHaveLength(n);
    expect(r!.messages.every((m, i) => m.ruleId === 'grace-period-zero' && m.line === 4 + i * 3 + 2)).toBe(true);
  }, 300_000);
});
