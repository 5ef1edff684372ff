/**
 * The bench's whole-CLI measures: `kube-lifelint --format F -o /dev/null <files>` as users run
 * it (start-up, lint, formatting and writing included), timed by /usr/bin/time for CPU seconds
 * (user + system) and peak RSS, against the floor measured the same way; and the generated scale
 * cases of issue 11 (written to a temporary folder, never committed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProcessSample {
  /** CPU seconds (user + system) of the process and its threads. */
  cpu: number;
  wall: number;
  peakMB: number;
  exit: number | null;
}

/** Run `node args` under /usr/bin/time; `null` exit when it was killed (out of memory, signal). */
export function timeNode(args: string[]): ProcessSample {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) throw new Error(`cannot time: node ${args.slice(0, 4).join(' ')} ...\n${(r.stderr ?? '').slice(-2000)}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), peakMB: Number(m[4]) / 1024, exit: r.status };
}

const deployment = (i: number, grace: number) =>
  `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  selector:\n    matchLabels: {app: d${i}}\n  template:\n    metadata:\n      labels: {app: d${i}}\n    spec:\n      terminationGracePeriodSeconds: ${grace}\n      containers:\n      - name: a\n        image: nginx:1.27\n`;

const listItem = (i: number) => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p${i}\n  spec:\n    terminationGracePeriodSeconds: 0\n    containers:\n    - name: a\n      image: nginx:1.27\n`;
/**
 * A Service every 1,000 items, as `kubectl get all -A -o yaml` lists Services among the Pods: the
 * cross-object pass reads the List too. They select no Pod here, so the findings stay one per Pod.
 */
const listService = (i: number) => `- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s${i}\n  spec:\n    selector: {app: s${i}}\n    ports:\n    - port: 80\n`;

function writeDocs(path: string, n: number, grace: number): void {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(deployment(i, grace));
  writeFileSync(path, parts.join(''));
}

export interface ScaleCase {
  name: string;
  /** CLI arguments after the options (files). */
  paths: string[];
}

/**
 * The generated cases: one file of N small Deployments with one finding each (100k and 200k:
 * the 200k time should be ≤ 2.1x the 100k), the same with no finding, 2,000 files of 100
 * documents, and one `kind: List` of 200k Pods with a Service every 1,000 (what `kubectl get all
 * -A -o yaml` prints).
 */
export function generateScaleCases(dir: string, scale = 1): ScaleCase[] {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const cases: ScaleCase[] = [];
  for (const [name, count, grace] of [
    ['100k documents, one finding each', n(100_000), 0],
    ['200k documents, one finding each', n(200_000), 0],
    ['200k documents, no finding', n(200_000), 30],
  ] as const) {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeDocs(path, count, grace);
    cases.push({ name, paths: [path] });
  }
  const many = join(dir, 'many-files');
  mkdirSync(many, { recursive: true });
  for (let f = 0; f < n(2000); f++) writeDocs(join(many, `f${f}.yaml`), 100, 0);
  cases.push({ name: '2,000 files x 100 documents', paths: [many] });
  const list = join(dir, 'list.yaml');
  const parts = ['apiVersion: v1\nkind: List\nitems:\n'];
  for (let i = 0; i < n(200_000); i++) parts.push(i % 1000 === 0 ? listService(i / 1000) : '', listItem(i));
  writeFileSync(list, parts.join(''));
  cases.push({ name: 'kind: List of 200k Pods and 200 Services', paths: [list] });
  return cases;
}
