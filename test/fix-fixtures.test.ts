/**
 * Fixes in fixtures: for every fixture whose findings carry fixes, `<name>.output.yaml` beside it
 * holds the text after applying them all (with only that rule enabled, passes until stable as
 * `--fix` does). The fixed text must lint without any fixable finding of the rule, and every rule
 * whose meta says `fixable` must prove a fix in a fixture.
 *
 * Suggestions likewise: `<name>.suggest-<messageId>.output.yaml` holds the text after applying that
 * suggestion of every finding that offers it (in order, leaving out one that overlaps one taken, as
 * fixes are applied). Each suggestion applied by itself must give YAML that parses as well as the
 * input did and has fewer findings of the rule; every rule with `hasSuggestions` proves each
 * suggestion it makes.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { applyFixes } from '../src/engine/fix.js';
import type { LintMessage } from '../src/types.js';
import { allFixtureFiles, fixtureFiles, lintFixture, lintWith, onlyRule, read, root } from './harness.js';

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

const suggestionOutputPath = (file: string, messageId: string) => file.replace(/\.(ya?ml|json)$/, `.suggest-${messageId}.output.$1`);

/** The text after applying suggestion `messageId` of every finding that offers it (overlaps left out). */
function applySuggestion(text: string, messages: LintMessage[], messageId: string): string {
  const asFixes = messages.map((m) => ({ ...m, fix: m.suggestions?.find((s) => s.messageId === messageId)?.fix }));
  return applyFixes(text, asFixes).output;
}

const parseProblems = (ms: LintMessage[]) => ms.filter((m) => m.ruleId === null).map((m) => m.messageId).sort();

describe.each(Object.keys(rules))('suggestions of %s', (id) => {
  const dir = join(root, 'fixtures', id);
  const files = existsSync(dir) ? allFixtureFiles(dir) : [];

  it.each(files.map((f) => [f.slice(dir.length + 1), f]))('%s: each suggestion alone repairs; each kind matches its expected output', (_name, file) => {
    const text = read(file);
    const before = lintFixture(id, file, text);
    // "That finding" is gone when the rule reports less, or less of that message: a rejected
    // postStart sleep, once accepted, may still be reported as slow (a finding of its own).
    const count = (ms: LintMessage[], messageId?: string) => ms.filter((m) => m.ruleId === id && (messageId === undefined || m.messageId === messageId)).length;
    const repaired = (after: LintMessage[], m: LintMessage) => count(after) < count(before.messages) || count(after, m.messageId) < count(before.messages, m.messageId);
    const ids = new Set<string>();
    for (const m of before.messages) {
      for (const s of m.suggestions ?? []) {
        ids.add(s.messageId);
        const alone = text.slice(0, s.fix.range[0]) + s.fix.text + text.slice(s.fix.range[1]);
        const again = lintFixture(id, file, alone);
        expect(parseProblems(again.messages), `${s.messageId} at ${m.line}:${m.column} breaks the YAML`).toEqual(parseProblems(before.messages));
        expect(repaired(again.messages, m), `${s.messageId} at ${m.line}:${m.column} leaves the finding`).toBe(true);
      }
    }
    for (const messageId of ids) {
      const expected = suggestionOutputPath(file, messageId);
      expect(existsSync(expected), `${file} suggests ${messageId}: add ${basename(expected)} with the text after applying it`).toBe(true);
      expect(applySuggestion(text, before.messages, messageId)).toBe(read(expected));
    }
    // No expected output for a suggestion the fixture does not make.
    const stem = basename(file).replace(/\.(ya?ml|json)$/, '');
    const stale = readdirSync(dirname(file)).filter((f) => f.startsWith(`${stem}.suggest-`) && !ids.has(f.slice(stem.length + '.suggest-'.length).replace(/\.output\.(ya?ml|json)$/, '')));
    expect(stale).toEqual([]);
  });

  it.runIf(rules[id]!.meta.hasSuggestions)('has a fixture that proves a suggestion', () => {
    expect(files.some((f) => readdirSync(dirname(f)).some((o) => o.startsWith(basename(f).replace(/\.(ya?ml|json)$/, '.suggest-')))), 'no fixture of the rule gets a suggestion').toBe(true);
  });
});

describe.each(Object.keys(rules).filter((id) => rules[id]!.meta.fixable))('rules/%s/README.md', (id) => {
  it('shows its fix: the first example of "## Fix" becomes the second', () => {
    const [before, after] = sectionExamples(id, 'Fix');
    expect(before, 'a "## Fix" section with a before and an after example').toBeDefined();
    expect(lintWith(wrap(before!), fixConfigFor(id)).output).toBe(wrap(after!));
  });
});

/** A README snippet is a whole object or a fragment of a container, linted inside a Pod. */
function wrap(snippet: string): string {
  return snippet.startsWith('apiVersion:') ? snippet : `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: app\n      image: example/app:1\n${snippet}`;
}

/** The text of a README section. */
function section(id: string, title: string): string {
  const doc = read(join(root, 'rules', id, 'README.md'));
  return doc.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? '';
}

/** The yaml examples of a README section. */
function sectionExamples(id: string, title: string): string[] {
  return [...section(id, title).matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe.each(Object.keys(rules).filter((id) => rules[id]!.meta.hasSuggestions))('rules/%s/README.md', (id) => {
  it('shows its suggestions: each example after the first of "## Suggestions" is one suggestion applied to the first', () => {
    const [before, ...afters] = sectionExamples(id, 'Suggestions');
    expect(before, 'a "## Suggestions" section with a before example and one after example per suggestion').toBeDefined();
    const text = wrap(before!);
    // A section about older targets names its version: `<!-- kubernetesVersion: 1.29 -->`.
    const version = /<!-- kubernetesVersion: (\S+) -->/.exec(section(id, 'Suggestions'))?.[1];
    const config = onlyRule(id);
    if (version) config.settings = { ...config.settings, kubernetesVersion: version };
    const result = lintWith(text, config);
    const applied = new Map<string, string>();
    for (const m of result.messages) for (const s of m.suggestions ?? []) applied.set(s.messageId, text.slice(0, s.fix.range[0]) + s.fix.text + text.slice(s.fix.range[1]));
    expect(afters.map(wrap).sort()).toEqual([...applied.values()].sort());
  });
});

function fixConfigFor(id: string) {
  return { ...onlyRule(id), fix: {} };
}
