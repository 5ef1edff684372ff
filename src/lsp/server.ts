/**
 * The language server: open buffers → createLinter → diagnostics; fixes, suggestions and disable
 * directives → code actions; the explain model → hovers. One module per job (classify, configs,
 * workspace-index, diagnostics, code-actions, directive-edits, hover); this one wires them to the
 * protocol connection.
 */
import { basename, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rules } from '../../rules/index.js';
import { configFileNames } from '../config/load.js';
import { manifestExtensions } from '../engine/discover.js';
import { readManifest } from '../engine/read.js';
import type { LintResult } from '../types.js';
import { roleOf } from './classify.js';
import { codeActions, fixAllEdit, fixAllKind, isFixAllData } from './code-actions.js';
import { ConfigCache, type FileConfig, type UsableConfig } from './configs.js';
import { Debouncer } from './debounce.js';
import { internalError, source, toDiagnostic } from './diagnostics.js';
import { hover } from './hover.js';
import { IncrementalLint } from './incremental.js';
import { WorkspaceIndex } from './workspace-index.js';

/** `initializationOptions` the server reads. */
export interface ServerOptions {
  /** Quiet time after a change before the document is linted (default 150 ms). */
  debounceMs?: number;
  /** Read the workspace's Services at start (default true). */
  scanWorkspace?: boolean;
}

export const defaultDebounceMs = 150;

interface LintState {
  version: number;
  result: LintResult;
  config: UsableConfig;
}

const knownRule = (id: string) => Object.hasOwn(rules, id);

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const index = new WorkspaceIndex();
  const states = new Map<string, LintState>();
  /** Per open document: what re-linting only its edited YAML documents needs. */
  const incrementals = new Map<string, IncrementalLint>();
  /** Config files that have a diagnostic published now. */
  const configDiagnostics = new Set<string>();
  let configs = new ConfigCache(process.cwd());
  let debouncer = new Debouncer(defaultDebounceMs);
  let roots: string[] = [];
  let scan = true;
  let watchRegistration = false;
  /** The client resolves code action edits on demand. */
  let resolveLater = false;
  /** Work counters for tests and the benchmark (no timing in tests). */
  const stats = { lints: 0, scannedFiles: 0 };

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debouncer = new Debouncer(options.debounceMs);
    scan = options.scanWorkspace !== false;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(pathOf).filter((p): p is string => p !== undefined);
    if (roots[0]) configs = new ConfigCache(roots[0]);
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    resolveLater = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: true },
        hoverProvider: true,
      },
      serverInfo: { name: 'kube-lifelint' },
    };
  });

  connection.onInitialized(() => {
    if (watchRegistration) {
      const exts = manifestExtensions.map((e) => e.slice(1)).join(',');
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/*.{${exts}}` }] });
    }
    if (scan && roots.length) {
      // After the initialize response, so the editor is not kept waiting for the scan.
      setImmediate(() => {
        stats.scannedFiles = index.scan(roots);
        relintAll();
      });
    }
  });

  function lintNow(uri: string): void {
    debouncer.cancel(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const path = pathOf(uri);
    const text = doc.getText();
    let diagnostics: Diagnostic[];
    try {
      const role = roleOf(path, text);
      const config = role === 'manifest' ? configs.forFile(path) : undefined;
      if (!config?.ok) {
        states.delete(uri);
        incrementals.delete(uri);
        diagnostics = [];
      } else {
        stats.lints++;
        const context = index.contextFor(path);
        let incremental = incrementals.get(uri);
        if (!incremental) incrementals.set(uri, (incremental = new IncrementalLint()));
        // The memory of earlier lints holds while the config and the other files' Services do.
        const basis = [config.linter, ...context.map((c) => c.filePath), ...context.map((c) => c.text)];
        const result = incremental.lint(text, basis, (t) => config.linter.lintText(t, { filePath: path ?? uri, context })[0]!);
        states.set(uri, { version: doc.version, result, config });
        diagnostics = result.messages.map((m) => toDiagnostic(m, uri, knownRule));
      }
    } catch (err) {
      states.delete(uri);
      incrementals.delete(uri);
      diagnostics = [internalError(err)];
    }
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    publishConfigDiagnostics();
  }

  /** The state of a document's current version (linted now when a change is still pending). */
  function current(uri: string): LintState | undefined {
    const doc = documents.get(uri);
    const s = states.get(uri);
    if (doc && s?.version === doc.version) return s;
    lintNow(uri);
    return states.get(uri);
  }

  function relintAll(except?: string): void {
    for (const doc of documents.all()) if (doc.uri !== except) debouncer.schedule(doc.uri, () => lintNow(doc.uri));
  }

  function publishConfigDiagnostics(): void {
    const broken = new Map<string, FileConfig & { ok: false }>();
    for (const c of configs.loaded()) if (!c.ok) broken.set(pathToFileURL(c.path).href, c);
    for (const [uri, c] of broken) {
      if (configDiagnostics.has(uri)) continue;
      configDiagnostics.add(uri);
      const at = { line: c.line - 1, character: c.column - 1 };
      void connection.sendDiagnostics({ uri, diagnostics: [{ range: { start: at, end: at }, severity: DiagnosticSeverity.Error, source, code: 'invalid-config', message: c.message }] });
    }
    for (const uri of configDiagnostics) {
      if (broken.has(uri)) continue;
      configDiagnostics.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  function configChanged(): void {
    configs.invalidate();
    // Drop the published config diagnostics' memory so a still-broken config is reported again.
    publishConfigDiagnostics();
    relintAll();
  }

  documents.onDidChangeContent(({ document }) => {
    const path = pathOf(document.uri);
    const crossFile = path !== undefined && roleOf(path, document.getText()) === 'manifest' && index.update(path, document.getText());
    debouncer.schedule(document.uri, () => lintNow(document.uri));
    // A Service changed: the workloads of other open files may pair with it differently now.
    if (crossFile) relintAll(document.uri);
  });

  documents.onDidClose(({ document }) => {
    debouncer.cancel(document.uri);
    states.delete(document.uri);
    incrementals.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // The file on disk counts again (the buffer may have been closed without saving).
    const path = pathOf(document.uri);
    if (path !== undefined && refreshFromDisk(path)) relintAll();
  });

  documents.onDidSave(({ document }) => {
    const path = pathOf(document.uri);
    if (path !== undefined && configFileNames.includes(basename(path))) configChanged();
  });

  /** Re-read a file that is not open into the index. True when the index changed. */
  function refreshFromDisk(path: string): boolean {
    const r = readManifest(path);
    if (!r.ok || 'problem' in r) return index.remove(path);
    return roleOf(path, r.text) === 'manifest' ? index.update(path, r.text) : index.remove(path);
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let configTouched = false;
    let indexChanged = false;
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (path === undefined) continue;
      if (configFileNames.includes(basename(path))) configTouched = true;
      else if (!manifestExtensions.includes(extname(path).toLowerCase()) || documents.get(change.uri)) continue;
      else if (change.type === FileChangeType.Deleted) indexChanged = index.remove(path) || indexChanged;
      else indexChanged = refreshFromDisk(path) || indexChanged;
    }
    if (configTouched) configChanged();
    else if (indexChanged) relintAll();
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const state = doc && current(doc.uri);
    if (!doc || !state) return [];
    return codeActions({
      document: doc,
      result: state.result,
      range: params.range,
      only: params.context.only,
      knownRule,
      fixedText: () => fixedText(doc, state),
      resolveLater,
    });
  });

  function fixedText(doc: TextDocument, state: LintState): string | undefined {
    const path = pathOf(doc.uri);
    return state.config.fixer().lintText(doc.getText(), { filePath: path ?? doc.uri, context: index.contextFor(path) })[0]?.output;
  }

  connection.onCodeActionResolve((action) => {
    if (!isFixAllData(action.data)) return action;
    const doc = documents.get(action.data.fixAll.uri);
    // Edited since the action was offered: no edit (the editor asks again).
    if (!doc || doc.version !== action.data.fixAll.version) return action;
    const state = current(doc.uri);
    const edit = state && fixAllEdit(doc, fixedText(doc, state));
    return edit ? { ...action, edit } : action;
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    const state = doc && current(doc.uri);
    if (!doc || !state) return null;
    try {
      const found = hover({ text: doc.getText(), filePath: pathOf(doc.uri) ?? doc.uri, offset: doc.offsetAt(params.position), config: state.config.resolved, messages: state.result.messages });
      if (!found) return null;
      return { contents: { kind: 'markdown', value: found.markdown }, range: { start: doc.positionAt(found.start), end: doc.positionAt(found.end) } };
    } catch {
      return null; // a hover is optional; the diagnostics already say what is wrong with the file
    }
  });

  // `gc: true` collects first when node runs with --expose-gc (the memory measurement, lsp-bench).
  connection.onRequest('kube-lifelint/stats', (params?: { gc?: boolean }) => {
    if (params?.gc) (globalThis as { gc?: () => void }).gc?.();
    const documents = { full: 0, partial: 0, piecesLinted: 0 };
    for (const i of incrementals.values()) for (const k of ['full', 'partial', 'piecesLinted'] as const) documents[k] += i.stats[k];
    return { ...stats, incremental: documents, indexedFiles: index.size, memory: process.memoryUsage() };
  });

  connection.onShutdown(() => debouncer.dispose());

  documents.listen(connection);
  connection.listen();
}
