/**
 * Fixes in fixtures: for every fixture whose findings carry fixes, `<name>.output.yaml` beside it
 * holds the text after applying them all (with only that rule enabled, passes until stable as
 * `--fix` does). The fixed text must lint without any fixable finding of the rule, and every rule
 * whose meta says `fixable` must prove a fix in a fixture.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { fixtureFiles, lintWith, onlyRule, read, root } from './harness.js';

const outputPath = (file: string) => file.replace(/\.(ya?ml|json)$/, '.output.$1');

describe.each(Object.keys(rules))('fixes of %s', (id) => {
  const dir = join(root, 'fixtures', id);
  const files = existsSync(dir) ? fixtureFiles(dir) : [];
  const fixConfig = () => fixConfigFor(id);

  it.each(files.map((f) => [basename(f), f]))('%s: the fixed text is the expected output', (_name, file) => {
    const text = read(file);
    const fixed = lintWith(text, fixConfig(), file);
    if (fixed.output === undefined) {
      expect(existsSync(outputPath(file)), `${outputPath(file)} exists but no fix applies`).toBe(false);
      return;
    }
    expect(existsSync(outputPath(file)), `fixes apply to ${file}: add ${basename(outputPath(file))} with the fixed text`).toBe(true);
    expect(fixed.output).toBe(read(outputPath(file)));
    // Re-lint: nothing left to fix, and no finding of this rule where a fix was applied.
    const again = lintWith(fixed.output, onlyRule(id), file);
    expect(again.messages.filter((m) => m.fix)).toEqual([]);
    expect(again.messages.length).toBeLessThan(lintWith(text, onlyRule(id), file).messages.length);
  });

  it.runIf(rules[id]!.meta.fixable)('has a fixture that proves its fix', () => {
    expect(files.filter((f) => existsSync(outputPath(f))).length).toBeGreaterThan(0);
  });
});

describe.each(Object.keys(rules).filter((id) => rules[id]!.meta.fixable))('rules/%s/README.md', (id) => {
  it('shows its fix: the first example of "## Fix" becomes the second', () => {
    const doc = read(join(root, 'rules', id, 'README.md'));
    const section = doc.split(/^## /m).find((s) => s.startsWith('Fix\n')) ?? '';
    const [before, after] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(before, 'a "## Fix" section with a before and an after example').toBeDefined();
    // The snippet is a fragment of a container: lint it inside a Pod.
    const wrap = (s: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: app\n      image: example/app:1\n${s}`;
    expect(lintWith(wrap(before!), fixConfigFor(id)).output).toBe(wrap(after!));
  });
});

function fixConfigFor(id: string) {
  return { ...onlyRule(id), fix: {} };
}
