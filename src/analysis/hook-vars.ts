/**
 * `$(NAME)` references to the container's environment in a lifecycle hook's exec command.
 *
 * The kubelet expands `$(NAME)` from the container's `env` in `command`, `args` and exec probes,
 * but passes a hook's `exec.command` to the runtime as written (pkg/kubelet/lifecycle/handlers.go;
 * kubernetes/kubernetes#129502). In a hook the reference therefore reaches the program as literal
 * text, or, inside the script of `sh -c`, becomes command substitution of a program called NAME.
 * Each reference comes with its span in the file, so a finding points at the `$(NAME)` itself.
 */
import type { HookView, Span } from '../k8s/views.js';
import { shells } from '../k8s/images.js';
import { mapSpan } from './durations.js';

export interface HookVarRef {
  name: string;
  /** The `$(NAME)` characters in the file. */
  span: Span;
  /** `env`: the container lists NAME in `env`; `envFrom`: NAME is not listed but may come from an `envFrom` source. */
  from: 'env' | 'envFrom';
  /** In the script of `sh -c` (command substitution) rather than an argument the program reads as is. */
  inShellScript: boolean;
  /** argv[0] as written, for messages. */
  program: string;
}

/**
 * The kubelet's reference syntax (third_party/forked/golang/expansion): `$$` is an escaped `$`,
 * `$(` up to the next `)` names a variable, a `$(` without a `)` is plain text. Matching the pairs
 * left to right reproduces its scan, so `$$(NAME)` is never taken for a reference.
 */
const reference = /\$\$|\$\(([^)]*)\)/g;

/**
 * Names set through `envFrom` are not known here. A name written like an environment variable
 * (upper case, digits, `_`) is one in practice; a program name (`date`, `hostname`, `cat /tmp/pid`)
 * is not, so genuine command substitution is left alone.
 */
const envStyleName = /^[A-Z_][A-Z0-9_]*$/;

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Index of the script argument of `sh -c script` (or `bash -ec`, …), or -1 when argv is not a shell call. */
function shellScriptIndex(argv: string[]): number {
  if (!shells.includes(basename(argv[0] ?? ''))) return -1;
  let sawC = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) {
      if (/^-[A-Za-z]*c[A-Za-z]*$/.test(a)) sawC = true;
      continue;
    }
    return sawC ? i : -1;
  }
  return -1;
}

/** Every `$(NAME)` in the hook's exec command where NAME is (or may be) in the container's environment. */
export function hookVarRefs(h: HookView): HookVarRef[] {
  const command = h.handler?.type === 'exec' ? h.handler.command : null;
  if (!command) return [];
  const c = h.container;
  const source = c.pod.workload.source;
  const argv = command.value;
  const script = shellScriptIndex(argv);
  const out: HookVarRef[] = [];
  argv.forEach((arg, i) => {
    for (const m of arg.matchAll(reference)) {
      const name = m[1];
      if (name === undefined) continue;
      const from = Object.prototype.hasOwnProperty.call(c.env, name) ? 'env' : c.envFromAny && envStyleName.test(name) ? 'envFrom' : null;
      if (!from) continue;
      out.push({ name, span: mapSpan(source, command.items[i], m.index, m[0].length), from, inShellScript: i === script, program: argv[0] ?? '' });
    }
  });
  return out;
}
