/**
 * Bundles the CLI (and the lint worker) into a few files under dist/bundle, which is what the
 * `kube-lifelint` bin runs. Cold start is dominated by module loading: resolving, reading and
 * compiling ~200 ES modules plus yaml's CommonJS files costs more than linting a manifest.
 *
 * What `node dist/bundle/cli.js <file>` loads before its first line runs is two files: cli.js and
 * one chunk holding everything cli.js imports statically. esbuild's code splitting puts each
 * statement in a chunk by the set of entry points that reach it, and every `import()` target
 * (explain, lsp, the formatters, ...) is an entry point: a statement of the CLI's static graph that
 * the json formatter also reaches landed in another chunk than one it does not, and the CLI read
 * 16 files, each resolved, read, compiled and linked on its own (about 15 ms of a 120 ms start).
 * So every lazily loaded module also re-exports the whole static graph (`reachStaticGraph`): every
 * statement of that graph is then reached by the same entry points and lands in the same chunk.
 * The re-exports cost nothing at start-up (they are in the lazy files) and keep one instance of
 * every module, which separate bundles per command would not (classes, caches, the rule registry).
 *
 * The worker is a bundle of its own: it runs in its own thread and shares no module instance with
 * the main thread, and as a second entry point it would split the CLI's graph again.
 *
 * The bundle sits two levels below the package root, like dist/src, so paths the code finds
 * relative to itself (package.json, schemas/) resolve the same way. Its metafile is written next
 * to it (dist/bundle.meta.json, not shipped) for the test of its shape.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { lazyInputs, staticInputs } from './bundle-graph.js';
import { projectRoot } from './project-root.js';

const root = projectRoot();
const outdir = join(root, 'dist', 'bundle');
const cliEntry = 'dist/src/cli.js';
rmSync(outdir, { recursive: true, force: true });

/**
 * yaml as ES modules (the same code, built by yaml for other platforms): its CommonJS build is
 * reached through esbuild's interop getters on every call (isMap, isScalar, ...), ~6% of the CPU
 * of a 200k-document stream. The only differences are two LOG_* debugging variables and that
 * a warning goes to console.warn instead of process.emitWarning (this linter logs none).
 */
const yamlAsModules: Plugin = {
  name: 'yaml-as-modules',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: join(root, 'node_modules', 'yaml', 'browser', 'index.js') }));
  },
};

const common: BuildOptions = {
  absWorkingDir: root,
  plugins: [yamlAsModules],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Less to read and compile at every start (the static graph: 785 KB became 538 KB). Identifiers are kept:
  // messages and stack traces name classes and functions, and yaml's classes are compared by name.
  minifyWhitespace: true,
  minifySyntax: true,
  // yaml is CommonJS and requires Node built-ins; an ES module bundle needs a real `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Maps back to src/*.ts through tsc's maps (esbuild chains input source maps), so stack traces
  // name source lines under NODE_OPTIONS=--enable-source-maps (off by default: reading maps costs
  // start-up time). Mappings only: the sources are in the repository, not worth shipping twice.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
};

// Flat: the worker is found next to the code that starts it (parallel.ts).
await build({ ...common, entryPoints: [join(root, 'dist', 'src', 'engine', 'lint-worker.js')], outfile: join(outdir, 'lint-worker.js') });

// What the CLI loads statically, and what it (or anything it loads) imports lazily.
const probe = await build({ ...common, entryPoints: [cliEntry], outdir, splitting: true, write: false, metafile: true, minifyWhitespace: false, minifySyntax: false, sourcemap: false });
const staticGraph = staticInputs(probe.metafile, cliEntry);
// Including the ones the CLI also imports statically (coverage.js): `import()` makes them entries too.
const lazy = new Set(lazyInputs(probe.metafile).map((p) => join(root, p)));

const cli = await build({
  ...common,
  entryPoints: [cliEntry],
  outdir,
  // Lazily loaded code (explain, lsp, formatters, ajv's user) stays in files of its own.
  splitting: true,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  metafile: true,
  plugins: [yamlAsModules, reachStaticGraph(lazy, await reExports(staticGraph))],
});
writeFileSync(join(root, 'dist', 'bundle.meta.json'), JSON.stringify(cli.metafile));

/**
 * A statement re-exporting every export of every module of the CLI's static graph under a name
 * of its own (`export { x as __static3_x } from '…'`), and a bare import of modules without
 * exports (CommonJS: esbuild keeps such a file whole).
 */
async function reExports(graph: readonly string[]): Promise<(importer: string) => string> {
  const esm = graph.filter((p) => !p.includes('node_modules/'));
  const names = await build({ absWorkingDir: root, entryPoints: esm, outdir: join(root, 'dist', 'bundle-names'), outbase: root, bundle: false, write: false, metafile: true, format: 'esm', logLevel: 'warning' });
  const exportsOf = new Map(Object.values(names.metafile.outputs).map((o) => [o.entryPoint!, o.exports]));
  const statements = graph.map((p, i) => {
    const exported = exportsOf.get(p) ?? [];
    const from = JSON.stringify(join(root, p));
    return { path: join(root, p), text: exported.length ? `export { ${exported.map((n) => `${n} as __static${i}_${n}`).join(', ')} } from ${from};` : `import ${from};` };
  });
  return (importer) => statements.filter((s) => s.path !== importer).map((s) => s.text).join('\n');
}

/** Appends the static graph's re-exports to every lazily imported module (see the top). */
function reachStaticGraph(lazyModules: ReadonlySet<string>, statementFor: (importer: string) => string): Plugin {
  return {
    name: 'reach-static-graph',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, (args) => {
        if (!lazyModules.has(args.path)) return undefined;
        // tsc's `//# sourceMappingURL` comment stays in the text: esbuild still chains the map.
        return { contents: `${readFileSync(args.path, 'utf8')}\n${statementFor(args.path)}\n`, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
