/**
 * The shape of the bundle the bin runs (src/tools/bundle.ts): what `node dist/bundle/cli.js`
 * reads before its first line runs is what cold start pays for, so it is asserted here as
 * structure (files and modules), never as time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticOutputs } from '../src/tools/bundle-graph.js';
import { root } from './harness.js';

const metaPath = join(root, 'dist', 'bundle.meta.json');
let meta: Metafile;
const cli = 'dist/bundle/cli.js';
const inputsOf = (outputs: readonly string[]) => outputs.flatMap((o) => Object.keys(meta.outputs[o]!.inputs));

describe('dist/bundle', () => {
  beforeAll(() => {
    if (!existsSync(metaPath)) throw new Error('run `npm run build` first (npm test does)');
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Metafile;
  });

  it('loads the CLI from two files: cli.js and one chunk of everything it imports statically', () => {
    const loaded = staticOutputs(meta, cli);
    expect(loaded).toHaveLength(2);
    expect(inputsOf(loaded)).toEqual(expect.arrayContaining(['dist/src/engine/linter.js', 'dist/rules/index.js', 'node_modules/yaml/browser/dist/index.js']));
  });

  it('leaves explain, the language server, the formatters and the render stage out of what the CLI loads first', () => {
    const loaded = new Set(inputsOf(staticOutputs(meta, cli)));
    const lazy = ['dist/src/explain/cli.js', 'dist/src/lsp/main.js', 'dist/src/formatters/index.js', 'dist/src/formatters/json.js', 'dist/src/formatters/sarif.js'];
    const renderStage = ['dist/src/render/lint-rendered.js', 'dist/src/render/helm-source-map.js', 'dist/src/render/kustomize-source-map.js', 'dist/src/render/carry-edits.js'];
    for (const input of [...lazy, ...renderStage]) expect(loaded.has(input), input).toBe(false);
    expect(loaded.has('dist/src/render/plan.js')).toBe(true);
    // ...and they are in the bundle, each reachable by an import().
    const everything = new Set(Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs)));
    expect(everything.has('dist/src/explain/cli.js') && everything.has('dist/src/lsp/main.js')).toBe(true);
  });

  it('builds the worker as a file of its own, importing nothing of the CLI', () => {
    const worker = readFileSync(join(root, 'dist', 'bundle', 'lint-worker.js'), 'utf8');
    expect(worker).not.toMatch(/from\s*["']\.\//);
    expect(worker).toContain('postMessage');
  });

  it('keeps source maps that lead back to the TypeScript sources', () => {
    const map = JSON.parse(readFileSync(join(root, 'dist', 'bundle', 'cli.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources).toContain('../../src/cli.ts');
    expect(readFileSync(join(root, cli), 'utf8')).toMatch(/\/\/# sourceMappingURL=cli\.js\.map\s*$/);
  });
});
