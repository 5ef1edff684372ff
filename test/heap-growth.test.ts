/**
 * The CLI bounds V8's heap growth except for a run of a few small files, where loading node:v8
 * would only add to the cold start (src/heap-growth.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fewSmallFiles } from '../src/heap-growth.js';

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
