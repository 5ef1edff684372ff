/**
 * The module graph questions bundle.ts asks of esbuild's metafile: which inputs the CLI loads
 * before its first line runs (its static graph), which are loaded lazily (`import()` targets),
 * and, for the bundle written, which output files `node` reads at start-up.
 */
import type { Metafile } from 'esbuild';

type Import = { path: string; kind: string; external?: boolean };

/** `start` and everything it reaches through imports of the given kinds. */
function reach(start: string, importsOf: (path: string) => readonly Import[] | undefined, kinds: ReadonlySet<string>): string[] {
  const seen = new Set<string>([start]);
  const todo = [start];
  for (let path = todo.pop(); path !== undefined; path = todo.pop()) {
    for (const i of importsOf(path) ?? []) {
      if (i.external || !kinds.has(i.kind) || seen.has(i.path)) continue;
      seen.add(i.path);
      todo.push(i.path);
    }
  }
  return [...seen];
}

/** Every input `entry` reaches through static imports and requires (without `entry` itself). */
export function staticInputs(meta: Metafile, entry: string): string[] {
  return reach(entry, (p) => meta.inputs[p]?.imports, new Set(['import-statement', 'require-call'])).filter((p) => p !== entry);
}

/** Inputs some input loads with `import()`. */
export function lazyInputs(meta: Metafile): string[] {
  const lazy = new Set<string>();
  for (const input of Object.values(meta.inputs)) for (const i of input.imports) if (i.kind === 'dynamic-import' && !i.external) lazy.add(i.path);
  return [...lazy];
}

/** The output files loading `entry` reads before its code runs: itself and its static imports. */
export function staticOutputs(meta: Metafile, entry: string): string[] {
  return reach(entry, (p) => meta.outputs[p]?.imports, new Set(['import-statement']));
}
