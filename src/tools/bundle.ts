/**
 * Bundles the CLI (and the lint worker) into a few files under dist/bundle, which is what the
 * `kube-lifelint` bin runs. Cold start is dominated by module loading: resolving and reading
 * ~100 ES modules plus yaml's CommonJS files costs more than linting a manifest. Measured with
 * `npm run bench` (cold start against its floor): ~1.5x unbundled, ~1.05x bundled.
 *
 * The bundle sits two levels below the package root, like dist/src, so paths the code finds
 * relative to itself (package.json, schemas/) resolve the same way.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './project-root.js';

const root = projectRoot();
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'dist', 'src', 'cli.js'), join(root, 'dist', 'src', 'engine', 'lint-worker.js')],
  outdir,
  bundle: true,
  // Shared code goes into chunks; explain, formatters and ajv stay lazily loaded.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Flat: the worker is found next to the code that starts it (parallel.ts).
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  // yaml is CommonJS and requires Node built-ins; an ES module bundle needs a real `require`.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Maps back to src/*.ts through tsc's maps (esbuild chains input source maps), so stack traces
  // name source lines under NODE_OPTIONS=--enable-source-maps (off by default: reading maps costs
  // start-up time). Mappings only: the sources are in the repository, not worth shipping twice.
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
});
