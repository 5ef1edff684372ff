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
import { builtinImagePatterns, imageLacks, parseImage, shells } from '../k8s/images.js';
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
  /**
   * In a shell script: the text that reads the variable instead (`$NAME`, or `${NAME}` before a
   * name character), when it can replace the span as is (the span holds exactly `$(NAME)` and the
   * text is valid in the scalar's style); else null.
   */
  shellText: string | null;
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
      const node = command.items[i];
      const span = mapSpan(source, node, m.index, m[0].length);
      const braced = /[A-Za-z0-9_]/.test(arg[m.index + m[0].length] ?? '');
      // `{` and `}` end a plain scalar in a flow sequence: `${NAME}` only fits other styles.
      const fits = source.slice(span.start, span.end) === m[0] && !(braced && node?.type === 'PLAIN');
      const shellText = i === script && fits ? (braced ? `\${${name}}` : `$${name}`) : null;
      out.push({ name, span, from, inShellScript: i === script, program: argv[0] ?? '', shellText });
    }
  });
  return out;
}

/** An argument as `sh` reads it back unchanged: bare when safe, else single-quoted. */
function shellWord(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** An argument with `$(NAME)` references read from the environment: double-quoted, the rest escaped. */
function shellWordWithVars(arg: string, isVar: (name: string) => boolean): string {
  let out = '';
  let last = 0;
  for (const m of arg.matchAll(reference)) {
    const name = m[1];
    if (name === undefined || !isVar(name)) continue;
    out += arg.slice(last, m.index).replace(/["\\$`]/g, '\\$&') + `\${${name}}`;
    last = m.index + m[0].length;
  }
  return `"${out}${arg.slice(last).replace(/["\\$`]/g, '\\$&')}"`;
}

/**
 * The hook's command rewritten to the shell form that reads the referenced variables from the
 * container's environment, as a YAML flow sequence (`["sh", "-c", "sleep \"${DRAIN}\""]`), for a
 * command that does not already run a shell script. Null when the image very likely has no `sh`
 * (distroless and the like: exec-binary-missing's image patterns).
 */
export function shellFormCommand(h: HookView, refs: readonly HookVarRef[]): string | null {
  const command = h.handler?.type === 'exec' ? h.handler.command : null;
  if (!command || refs.length === 0 || refs.some((r) => r.inShellScript)) return null;
  const image = h.container.image.value;
  const ref = image === undefined ? null : parseImage(image);
  if (ref && imageLacks(ref, 'sh', builtinImagePatterns)) return null;
  const names = new Set(refs.map((r) => r.name));
  const script = command.value.map((a) => (a.includes('$(') ? shellWordWithVars(a, (n) => names.has(n)) : shellWord(a))).join(' ');
  return `["sh", "-c", ${JSON.stringify(script)}]`;
}
