/**
 * A large List holding Services (what `kubectl get all -A -o yaml` prints) is read in batches of
 * its items by pass 1 (the cross-object index) as well as by pass 2: read whole, a 200k-item List
 * with one Service held 1.85 GB. Counted at the fast reader: no region it is given is much larger
 * than a batch. The findings are those of the whole-document lint, the Service's pairing with
 * the pods it selects included.
 */
import { describe, expect, it, vi } from 'vitest';

const regions = vi.hoisted(() => ({ largest: 0 }));
vi.mock('../src/engine/fast-yaml.js', async (importOriginal) => {
  const fast = await importOriginal<typeof import('../src/engine/fast-yaml.js')>();
  return {
    ...fast,
    readPlainDocument: (...args: Parameters<typeof fast.readPlainDocument>) => {
      regions.largest = Math.max(regions.largest, args[2] - args[1]);
      return fast.readPlainDocument(...args);
    },
  };
});

const service = (name: string, app: string) => `- apiVersion: v1
  kind: Service
  metadata:
    name: ${name}
  spec:
    selector:
      app: ${app}
    ports:
    - port: 80
      targetPort: 8080
`;
/** A Deployment whose pods a Service selects, with no readiness probe: readiness-probe-missing reports it only through the Service. */
const deployment = (i: number) => `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web${i}
  spec:
    selector:
      matchLabels: {app: web${i}}
    template:
      metadata:
        labels: {app: web${i}}
      spec:
        containers:
        - name: web
          image: nginx:1.27
          ports:
          - containerPort: 8080
`;

function list(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(deployment(i));
    // Services of every tenth Deployment, some before it and some after it in the List.
    if (i % 10 === 0) items.splice(i % 20 === 0 ? items.length - 1 : items.length, 0, service(`svc${i}`, `web${i}`));
  }
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}

describe('a large List holding Services', () => {
  it('is read in item batches by both passes, with the messages of the whole-document lint', async () => {
    const { lintSources } = await import('../src/engine/linter.js');
    const { resolveConfig } = await import('../src/config/resolve.js');
    const { rules } = await import('../rules/index.js');
    const config = resolveConfig({ extends: 'strict' }, rules);
    const text = list(400);
    const batch = 4096;
    const lint = (batchBytes: number) => lintSources([{ filePath: '/x/all.yaml', text }], { ...config, batchBytes }, rules)[0]!;
    regions.largest = 0;
    const batched = lint(batch);
    // A batch ends at the first item boundary past `batch` characters: items here are < 1 KB.
    expect(regions.largest).toBeLessThan(batch + 1024);
    expect(regions.largest).toBeGreaterThan(0);
    const whole = lint(Number.MAX_SAFE_INTEGER);
    expect(regions.largest).toBeGreaterThan(text.length / 2); // the whole List, read at once
    expect(batched).toEqual(whole);
    // The Services pair with their Deployments: readiness-probe-missing for every tenth one.
    const paired = whole.messages.filter((m) => m.ruleId === 'readiness-probe-missing');
    expect(paired).toHaveLength(40);
  });

  it('a List with something unusual in one batch (an alias, a syntax error) is read whole by both passes: the same messages', async () => {
    const { lintSources } = await import('../src/engine/linter.js');
    const { resolveConfig } = await import('../src/config/resolve.js');
    const { rules } = await import('../rules/index.js');
    const config = resolveConfig({ extends: 'strict' }, rules);
    for (const unusual of ['  metadata: &m {name: x}\n', '  metadata: {name: "x}\n']) {
      const text = `${list(100)}- apiVersion: v1\n  kind: ConfigMap\n${unusual}`;
      const lint = (batchBytes: number) => lintSources([{ filePath: '/x/all.yaml', text }], { ...config, batchBytes }, rules)[0]!;
      const whole = lint(Number.MAX_SAFE_INTEGER);
      expect(lint(4096)).toEqual(whole);
      expect(whole.messages.filter((m) => m.ruleId === 'readiness-probe-missing').length).toBe(unusual.includes('&') ? 10 : 0);
    }
  });
});
