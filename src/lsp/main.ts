/**
 * `kube-lifelint lsp --stdio`: the language server's entry. Loaded by the CLI only when the `lsp`
 * subcommand runs, so the protocol library never weighs on linting's start-up.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

export const lspUsage = `Usage: kube-lifelint lsp --stdio

Run the language server over stdin/stdout (what editors start). Diagnostics on open and change,
quick fixes, "disable" and "fix all" code actions, and the explain timeline on hover over a pod
spec, container, probe or hook. See the README for Neovim, VS Code, Helix and Emacs set-ups.`;

/** Resolves never: the connection ends the process on `exit`, on end of input, or when the client dies. */
export function lspMain(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${lspUsage}\n`);
    return Promise.resolve(0);
  }
  const transport = argv.filter((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--clientProcessId'));
  if (transport.length === 0 || argv.some((a) => !transport.includes(a) && !/^\d+$/.test(a))) {
    process.stderr.write(`kube-lifelint: ${lspUsage}\n`);
    return Promise.resolve(2);
  }
  startServer(createConnection(ProposedFeatures.all));
  return new Promise(() => {});
}
