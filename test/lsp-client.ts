/**
 * A language-server client for the protocol tests: starts `kube-lifelint lsp --stdio` (the bundled
 * bin users run) and speaks to it with the protocol library's client side (vscode-languageserver
 * re-exports it), recording every publishDiagnostics so tests can wait for the one they expect.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { root } from './harness.js';

export const bin = `${root}dist/bundle/cli.js`;
export const uriOf = (path: string) => pathToFileURL(path).href;

export interface Session {
  conn: ProtocolConnection;
  child: ChildProcess;
  initializeResult: InitializeResult;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** The next diagnostics for `uri` that satisfy `ok` (or already received ones, with `since`). */
  diagnostics(uri: string, ok?: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean, since?: number): Promise<Diagnostic[]>;
  open(path: string, text: string, version?: number): void;
  change(path: string, text: string, version: number): void;
  close(): Promise<number | null>;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  stderr: () => string;
}

export async function startSession(opts: { rootPath?: string; initializationOptions?: object; processId?: number | null; capabilities?: object } = {}): Promise<Session> {
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: opts.rootPath ?? root, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: (() => void)[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/configuration', () => []);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  const initializeResult: InitializeResult = await conn.sendRequest('initialize', {
    processId: opts.processId === undefined ? process.pid : opts.processId,
    rootUri: opts.rootPath ? uriOf(opts.rootPath) : null,
    workspaceFolders: opts.rootPath ? [{ uri: uriOf(opts.rootPath), name: 'ws' }] : null,
    capabilities: opts.capabilities ?? {},
    initializationOptions: { debounceMs: 20, ...opts.initializationOptions },
  });
  await conn.sendNotification('initialized', {});

  const session: Session = {
    conn,
    child,
    initializeResult,
    published,
    exited,
    stderr: () => err,
    diagnostics(uri, ok = () => true, since = published.length) {
      return new Promise((resolve) => {
        const check = () => {
          for (let i = since; i < published.length; i++) {
            const p = published[i]!;
            if (p.uri === uri && ok(p.diagnostics, p)) return resolve(p.diagnostics);
          }
          since = published.length;
          waiters.push(check);
        };
        check();
      });
    },
    open(path, text, version = 1) {
      void conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(path), languageId: 'yaml', version, text } });
    },
    change(path, text, version) {
      void conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(path), version }, contentChanges: [{ text }] });
    },
    async close() {
      await conn.sendRequest('shutdown');
      void conn.sendNotification('exit');
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
  return session;
}
