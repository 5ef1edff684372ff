/**
 * Language-server measurements: `npm run build && node dist/src/tools/lsp-bench.js [--runs N] [--edits N]`.
 *
 *   latency   didChange → publishDiagnostics of that version, for a 100-line and a 5,000-line
 *             manifest (50 Deployments): median (and min/max) of N edits after warm-up, with no
 *             debounce (the lint and the protocol round trip; an editor adds the debounce, 150 ms
 *             by default). On 5,000 lines both a keystroke in one document (the incremental
 *             re-lint) and the same edit in every document (a lint of the whole text)
 *   memory    the server's heap and RSS (after a GC) every 250 edits over N edits of the
 *             100-line manifest, then of one document of the 5,000-line one, each edit waited
 *             for: what is kept per edit shows as growth
 *
 * Edits are incremental (a range replaced), as editors send them. A script, not a test: times
 * on shared machines are for the report, never asserted.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { projectRoot } from './project-root.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, edits: { type: 'string', default: '1000' } } });
const runs = Number(values.runs);
const edits = Number(values.edits);

/** A Deployment of exactly 100 lines whose preStop sleep (the edited value) is `SLEEP` seconds. */
function deployment(i: number): string {
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: app-${i}`,
    '  labels: { app: app-' + i + ' }',
    'spec:',
    '  replicas: 3',
    '  selector:',
    `    matchLabels: { app: app-${i} }`,
    '  template:',
    '    metadata:',
    `      labels: { app: app-${i} }`,
    '    spec:',
    '      terminationGracePeriodSeconds: 30',
    '      containers:',
    `        - name: app-${i}`,
    '          image: example/app:1.0',
    '          ports:',
    '            - containerPort: 8080',
    '          readinessProbe:',
    '            httpGet: { path: /ready, port: 8080 }',
    '            periodSeconds: 5',
    '          livenessProbe:',
    '            httpGet: { path: /healthz, port: 8080 }',
    '            periodSeconds: 10',
    '          lifecycle:',
    '            preStop:',
    '              exec:',
    '                command: ["sh", "-c", "sleep SLEEP"]',
    '          env:',
  ];
  let n = 0;
  while (lines.length < 99) lines.push(`            - { name: VAR_${n}, value: "${n++}" }`);
  lines.push('---');
  return `${lines.join('\n')}\n`;
}

const manifest = (docs: number) => Array.from({ length: docs }, (_, i) => deployment(i)).join('');

interface Server {
  change(uri: string, text: string, version: number): Promise<number>;
  open(uri: string, text: string): Promise<void>;
  stats(): Promise<{ memory: NodeJS.MemoryUsage; lints: number; incremental: { full: number; partial: number; piecesLinted: number } }>;
  close(): Promise<void>;
}

async function startServer(cwd: string): Promise<Server> {
  const bin = join(projectRoot(), 'dist/bundle/cli.js');
  const child = spawn(process.execPath, ['--expose-gc', bin, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, { version: number; resolve: () => void }>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve();
    }
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(cwd).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await conn.sendNotification('initialized', {});
  const published = (uri: string, version: number) => new Promise<void>((resolve) => waiting.set(uri, { version, resolve }));
  const texts = new Map<string, string>();
  return {
    async open(uri, text) {
      texts.set(uri, text);
      const done = published(uri, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      await done;
    },
    async change(uri, text, version) {
      // The changed span only, as an editor sends it (the texts differ in the sleep digits).
      const before = texts.get(uri)!;
      let start = 0;
      while (before[start] === text[start]) start++;
      let tail = 0;
      while (tail < before.length - start && before[before.length - 1 - tail] === text[text.length - 1 - tail]) tail++;
      const pos = (o: number) => {
        const upTo = before.slice(0, o);
        const line = upTo.split('\n').length - 1;
        return { line, character: o - (upTo.lastIndexOf('\n') + 1) };
      };
      const range = { start: pos(start), end: pos(before.length - tail) };
      texts.set(uri, text);
      const done = published(uri, version);
      const t0 = process.hrtime.bigint();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: text.slice(start, text.length - tail) }] });
      await done;
      return Number(process.hrtime.bigint() - t0) / 1e6;
    },
    stats: () => conn.sendRequest('kube-lifelint/stats', { gc: true }),
    async close() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await new Promise((r) => child.once('exit', r));
      conn.dispose();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;

const dir = mkdtempSync(join(tmpdir(), 'kll-lsp-bench-'));
try {
  const server = await startServer(dir);
  const cases = [
    ['100 lines', 1, 'one'],
    ['5,000 lines', 50, 'one'],
    ['5,000 lines', 50, 'all'],
  ] as const;
  for (const [label, docs, edited] of cases) {
    const text = manifest(docs);
    const path = join(dir, `${docs}-${edited}.yaml`);
    writeFileSync(path, text.replaceAll('SLEEP', '40'));
    const uri = pathToFileURL(path).href;
    await server.open(uri, text.replaceAll('SLEEP', '40'));
    // A keystroke in the middle document, or the same edit in every document (no memory helps).
    const middle = text.indexOf('SLEEP', text.length >> 1);
    const edit = (value: string) => (edited === 'all' ? text.replaceAll('SLEEP', value) : text.slice(0, middle).replaceAll('SLEEP', '40') + value + text.slice(middle + 5).replaceAll('SLEEP', '40'));
    const before = (await server.stats()).incremental;
    const times: number[] = [];
    for (let v = 2; v < 2 + 3 + runs; v++) {
      // Alternate 41/42: every edit changes the text and the lint of the edited document.
      const t = await server.change(uri, edit(String(40 + (v % 2) + 1)), v);
      if (v >= 5) times.push(t);
    }
    const after = (await server.stats()).incremental;
    const work = `${after.partial - before.partial} partial lints (${after.piecesLinted - before.piecesLinted} documents), ${after.full - before.full} full`;
    const what = edited === 'one' ? 'one document edited' : 'every document edited';
    console.log(`latency ${label} (${text.split('\n').length - 1} lines), ${what}: median ${ms(median(times))}, min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))} over ${times.length} edits; ${work}`);
  }

  for (const [label, docs] of [['100 lines', 1], ['5,000 lines, one document edited', 50]] as const) {
    const path = join(dir, `memory-${docs}.yaml`);
    const text = manifest(docs);
    const middle = text.indexOf('SLEEP', text.length >> 1);
    const edit = (value: string) => text.slice(0, middle).replaceAll('SLEEP', '40') + value + text.slice(middle + 5).replaceAll('SLEEP', '40');
    const uri = pathToFileURL(path).href;
    await server.open(uri, edit('40'));
    const samples: string[] = [];
    for (let v = 2; v <= edits + 1; v++) {
      await server.change(uri, edit(String(40 + (v % 7))), v);
      const done = v - 1;
      if (done === 50 || done % 250 === 0) {
        const { memory } = await server.stats();
        samples.push(`${done}: heap ${mb(memory.heapUsed)}, rss ${mb(memory.rss)}`);
      }
    }
    console.log(`memory after edits of ${label} (after a GC): ${samples.join('; ')}`);
  }
  await server.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
