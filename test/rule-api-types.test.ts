/**
 * The rule API's compile-time checks (test/types/rule-api.types.ts): that file must type-check
 * with no error, which proves each `@ts-expect-error` in it still catches its mistake.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from './harness.js';

describe('typed rule API', () => {
  it('rejects wrong message ids and option types at compile time', () => {
    const file = join(root, 'test', 'types', 'rule-api.types.ts');
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram([file], { ...parsed.options, noEmit: true, declaration: false });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.slice(root.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
    // The directives are there to be checked (a file without them would prove nothing).
    expect(ts.sys.readFile(file)!.match(/@ts-expect-error/g)!.length).toBeGreaterThanOrEqual(5);
  }, 120_000); // a hang guard: a TypeScript program takes seconds on a loaded machine
});
