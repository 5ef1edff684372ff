/**
 * The CLI tunes V8 (heap growth; for a lint run, the optimizing compiler) except for a run of a
 * few small files, where loading node:v8 would only add to the cold start (src/v8-tuning.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fewSmallFiles, v8TuningFlags } from '../src/v8-tuning.js';

describe('fewSmallFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kll-heap-'));
  const small = Array.from({ length: 9 }, (_, i) => {
    writeFileSync(join(dir, `s${i}.yaml`), 'kind: Pod\n');
    return `s${i}.yaml`;
  });
  writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(4 * 1024 * 1024));

  it('is true for up to 8 regular files under 4 MiB together, relative to cwd', () => {
    expect(fewSmallFiles(small.slice(0, 1), dir)).toBe(true);
    expect(fewSmallFiles(small.slice(0, 8), dir)).toBe(true);
  });

  it('is false for more files, a large file, a folder, standard input or a path that is not there', () => {
    expect(fewSmallFiles(small, dir)).toBe(false);
    expect(fewSmallFiles(['big.yaml'], dir)).toBe(false);
    expect(fewSmallFiles([small[0]!, '.'], dir)).toBe(false);
    expect(fewSmallFiles(['-'], dir)).toBe(false);
    expect(fewSmallFiles(['**/*.yaml'], dir)).toBe(false);
  });
});

describe('v8TuningFlags', () => {
  it('bounds heap growth for a lint run and a server, and tunes the compiler for a lint run only', () => {
    expect(v8TuningFlags('lint', [], '11.3.244.8-node.33')).toBe('--heap-growing-percent=50 --max-inlined-bytecode-size-cumulative=200 --interrupt-budget=400000');
    expect(v8TuningFlags('server', [], '11.3.244.8-node.33')).toBe('--heap-growing-percent=50');
  });

  it('leaves what node was given on its command line, in either spelling', () => {
    expect(v8TuningFlags('lint', ['--heap-growing-percent=100', '--interrupt_budget=1000'], '11.3.244.8-node.33')).toBe('--max-inlined-bytecode-size-cumulative=200');
  });

  it('sets no compiler flag on a V8 it was not measured on (V8 prints an unknown flag to stdout)', () => {
    expect(v8TuningFlags('lint', [], '12.4.254.21-node.33')).toBe('--heap-growing-percent=50');
    expect(v8TuningFlags('lint', [], '10.2.154.26')).toBe('--heap-growing-percent=50');
    expect(v8TuningFlags('lint', ['--heap-growing-percent=50'], '99.0')).toBe('');
  });
});
