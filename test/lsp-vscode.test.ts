/**
 * The VS Code extension (src/lsp/vscode/): plain CommonJS that VS Code loads as is. It is loaded
 * here with stand-ins for `vscode` and `vscode-languageclient` (neither runs outside the editor);
 * the server command line it builds is then started and must answer `initialize` like the bin.
 */
import Module, { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type InitializeResult } from 'vscode-languageserver/node';
import { root } from './harness.js';
import { bin } from './lsp-client.js';

const extensionDir = join(root, 'src/lsp/vscode');

interface Launched {
  id: string;
  serverOptions: { run: { command: string; args: string[]; transport: number } };
  clientOptions: { documentSelector: { scheme: string; language: string }[] };
  started: number;
  stopped: number;
}

/** Load extension.js afresh with stand-ins; `serverPath` is the kubeLifelint.serverPath setting. */
function loadExtension(workspace: string, serverPath = '') {
  const launched: Launched[] = [];
  const vscode = {
    workspace: {
      workspaceFolders: [{ uri: { fsPath: workspace } }],
      getConfiguration: (section: string) => ({ get: (key: string) => (section === 'kubeLifelint' && key === 'serverPath' ? serverPath : undefined) }),
    },
  };
  class LanguageClient {
    state: Launched;
    constructor(id: string, _name: string, serverOptions: Launched['serverOptions'], clientOptions: Launched['clientOptions']) {
      this.state = { id, serverOptions, clientOptions, started: 0, stopped: 0 };
      launched.push(this.state);
    }
    start() {
      this.state.started++;
      return Promise.resolve();
    }
    stop() {
      this.state.stopped++;
      return Promise.resolve();
    }
    dispose() {}
  }
  const stubs: Record<string, unknown> = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0 } } };
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request, ...rest) => (Object.hasOwn(stubs, request) ? stubs[request] : original(request, ...rest));
  try {
    const path = join(extensionDir, 'extension.js');
    const req = createRequire(path);
    delete req.cache[path];
    const ext = req(path) as { activate(ctx: { subscriptions: unknown[] }): Promise<void>; deactivate(): Promise<void> | undefined };
    return { ext, launched };
  } finally {
    loader._load = original;
  }
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('VS Code extension (src/lsp/vscode)', () => {
  test('its manifest points at extension.js and activates on the languages it attaches to', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')) as { main: string; activationEvents: string[]; type?: string; dependencies: Record<string, string> };
    expect(manifest.main).toBe('./extension.js');
    expect(manifest.type).toBeUndefined(); // CommonJS, as VS Code loads it
    expect(Object.keys(manifest.dependencies)).toEqual(['vscode-languageclient']);
    const { launched, ext } = loadExtension(root);
    void ext.activate({ subscriptions: [] });
    const languages = [...new Set(launched[0]!.clientOptions.documentSelector.map((s) => `onLanguage:${s.language}`))].sort();
    expect(manifest.activationEvents.sort()).toEqual(languages);
  });

  test('activate starts `kube-lifelint lsp --stdio` from the workspace install, and that command serves', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kll-vscode-'));
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    symlinkSync(bin, join(dir, 'node_modules/.bin/kube-lifelint'));
    const { ext, launched } = loadExtension(dir);
    const subscriptions: unknown[] = [];
    await ext.activate({ subscriptions });
    expect(launched).toHaveLength(1);
    const l = launched[0]!;
    expect(l.id).toBe('kube-lifelint');
    expect(l.started).toBe(1);
    expect(subscriptions).toHaveLength(1);
    expect(l.serverOptions.run).toMatchObject({ command: join(dir, 'node_modules/.bin/kube-lifelint'), args: ['lsp', '--stdio'] });

    // The command line the extension built, run as VS Code would run it.
    const child = spawn(l.serverOptions.run.command, l.serverOptions.run.args, { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.listen();
    const init: InitializeResult = await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    expect(init.serverInfo?.name).toBe('kube-lifelint');
    await conn.sendRequest('shutdown');
    void conn.sendNotification('exit');
    expect(await exited).toBe(0);
    conn.dispose();

    await ext.deactivate();
    expect(l.stopped).toBe(1);
  });

  test('the serverPath setting wins; without a local install it is kube-lifelint on the PATH', () => {
    dir = mkdtempSync(join(tmpdir(), 'kll-vscode-'));
    const withSetting = loadExtension(dir, '/opt/kll/bin/kube-lifelint');
    void withSetting.ext.activate({ subscriptions: [] });
    expect(withSetting.launched[0]!.serverOptions.run.command).toBe('/opt/kll/bin/kube-lifelint');
    const plain = loadExtension(dir);
    void plain.ext.activate({ subscriptions: [] });
    expect(plain.launched[0]!.serverOptions.run.command).toBe(process.platform === 'win32' ? 'kube-lifelint.cmd' : 'kube-lifelint');
  });
});
