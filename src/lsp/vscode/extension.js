// The VS Code side of kube-lifelint's language server: start `kube-lifelint lsp --stdio` for YAML
// and JSON files. Everything else (which files are Kubernetes manifests, configs, file watching)
// is the server's job, so this file stays a launcher. Plain CommonJS, as VS Code loads it; not
// compiled by the project's tsc (see README.md in this folder).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The configured executable, the workspace's local install, or the one on the PATH. */
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('kubeLifelint').get('serverPath');
  if (configured) return configured;
  const bin = process.platform === 'win32' ? 'kube-lifelint.cmd' : 'kube-lifelint';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, 'node_modules', '.bin', bin);
    if (existsSync(local)) return local;
  }
  return bin;
}

function activate(context) {
  const run = { command: serverCommand(), args: ['lsp', '--stdio'], transport: TransportKind.stdio, options: { shell: process.platform === 'win32' } };
  client = new LanguageClient(
    'kube-lifelint',
    'kube-lifelint',
    { run, debug: run },
    {
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'untitled', language: 'yaml' },
        { scheme: 'file', language: 'json' },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverCommand };
