/**
 * The render stage (render/lint-rendered.ts and the source maps behind it) is loaded only when a
 * chart or an overlay is among the files (create-linter.ts): the CLI's cold start relies on it,
 * and the results must be those of index.ts's createLinter, which has it loaded from the start.
 */
import { describe, expect, it } from 'vitest';
import { createLinterWith, type RenderStageSource } from '../src/create-linter.js';
import { createLinter } from '../src/index.js';
import * as renderStage from '../src/render/lint-rendered.js';
import { root } from './harness.js';

const plainFile = 'fixtures/seeds/000-01-prestop-poststart-pod.yaml';
const overlay = 'fixtures/_sources/kustomize/overlays/prod';
// No kustomize binary: the overlay is still planned for rendering (and its failure is a note).
const options = { cwd: root, render: { kustomize: '/nonexistent/kustomize' }, config: { repoContext: false } };

function countedLoader(): { source: RenderStageSource; loads: () => number } {
  let loads = 0;
  return {
    source: {
      load: () => {
        loads += 1;
        return Promise.resolve(renderStage);
      },
    },
    loads: () => loads,
  };
}

describe('the render stage, loaded on demand', () => {
  it('is not loaded for a plain file, and the results are the same', async () => {
    const loader = countedLoader();
    const outcome = await createLinterWith(options, loader.source).lintFilesParallel([plainFile], { threads: 1 });
    expect(loader.loads()).toBe(0);
    expect(outcome.results[0]!.messages.length).toBeGreaterThan(0);
    expect(outcome).toEqual(createLinter(options).lintFiles([plainFile]));
  });

  it('is loaded once for an overlay, with the results of the linter that has it loaded', async () => {
    const loader = countedLoader();
    const outcome = await createLinterWith(options, loader.source).lintFilesParallel([overlay, plainFile], { threads: 1 });
    expect(loader.loads()).toBe(1);
    expect(outcome.notes?.join('\n')).toContain('kustomize');
    expect(outcome).toEqual(createLinter(options).lintFiles([overlay, plainFile]));
  });

  it('lintFiles without it says so for an overlay, and needs nothing for a plain file', () => {
    const linter = createLinterWith(options, countedLoader().source);
    expect(() => linter.lintFiles([overlay])).toThrow(/render stage/);
    expect(linter.lintFiles([plainFile])).toEqual(createLinter(options).lintFiles([plainFile]));
  });
});
