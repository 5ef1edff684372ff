/**
 * The public API: createLinter with custom rules and config, options checked on every path, fixes
 * and suggestions in results, and the README's "Programmatic use" example run as it is written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, createLinter, defineRule, lintFiles, lintText } from '../src/index.js';
import { resolveConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import { read, root } from './harness.js';

const pod = (extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      livenessProbe:
        tcpSocket: { port: 80 }
        successThreshold: 3 # three
${extra}`;

const imageRule = defineRule({
  id: 'team-image',
  meta: {
    description: 'Images are pinned.',
    category: 'runtime',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: { unpinned: 'Image {{image}} is not pinned by digest.', pin: 'Pin {{image}} to a digest.' },
    options: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' }, default: [], description: 'Images to allow.' } }, additionalProperties: false },
  },
  create(ctx) {
    return {
      container(c) {
        const image = c.image.value;
        if (!image || image.includes('@') || ctx.options.allow.includes(image)) return;
        ctx.report({ at: c.image, messageId: 'unpinned', data: { image }, suggest: [{ messageId: 'pin', data: { image }, fix: ctx.edits.replace(c.image, `${image}@sha256:0`) }] });
      },
    };
  },
});

describe('createLinter', () => {
  it('runs custom rules beside the built-in ones, enabled by the preset from their meta', () => {
    const linter = createLinter({ rules: { 'team-image': imageRule } });
    const [result] = linter.lintText(pod(), { filePath: 'pod.yaml' });
    expect(result!.messages.map((m) => m.ruleId).sort()).toEqual(['liveness-success-threshold', 'team-image']);
    const custom = result!.messages.find((m) => m.ruleId === 'team-image')!;
    expect(custom).toMatchObject({ line: 8, column: 14, severity: 1, message: 'Image nginx:1.27 is not pinned by digest.' });
    expect(custom.suggestions).toEqual([{ desc: 'Pin nginx:1.27 to a digest.', messageId: 'pin', fix: { range: [pod().indexOf('nginx'), pod().indexOf('nginx') + 'nginx:1.27'.length], text: 'nginx:1.27@sha256:0' } }]);
    expect(linter.rules['team-image']).toBe(imageRule);
  });

  it('passes options from the config to custom rules and checks them', () => {
    const allowed = createLinter({ rules: { 'team-image': imageRule }, config: { rules: { 'team-image': { severity: 'error', allow: ['nginx:1.27'] } } } });
    expect(allowed.lintText(pod())[0]!.messages.map((m) => m.ruleId)).toEqual(['liveness-success-threshold']);
    expect(() => createLinter({ rules: { 'team-image': imageRule }, config: { rules: { 'team-image': { severity: 'error', allow: 'nginx' } } } })).toThrow(
      "rule 'team-image': option 'allow' must be a list",
    );
  });

  it('rejects a custom rule that reuses a built-in id, is not a rule, or is registered under another id', () => {
    expect(() => createLinter({ rules: { 'probe-empty': imageRule } })).toThrow(ConfigError);
    expect(() => createLinter({ rules: { x: {} as never } })).toThrow(/not a rule/);
    expect(() => createLinter({ rules: { 'other-id': imageRule } })).toThrow(/its id is 'team-image'/);
  });

  it('lintFiles and lintFilesParallel run custom rules (on one thread)', async () => {
    const dir = mkdtempSync(join(root, 'tmp-create-linter-'));
    try {
      writeFileSync(join(dir, 'a.yaml'), pod());
      writeFileSync(join(dir, 'b.yaml'), pod());
      const linter = createLinter({ rules: { 'team-image': imageRule }, cwd: dir, config: { extends: 'none', rules: { 'team-image': 'error' } } });
      const sync = linter.lintFiles(['.']);
      const parallel = await linter.lintFilesParallel(['.'], { threads: 2 });
      expect(sync.results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([['team-image'], ['team-image']]);
      expect(parallel).toEqual(sync);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rule options are checked on every path', () => {
  const bad = { rules: { 'poststart-slow': { severity: 'warn' as const, maxSeconds: 'ten' } } };
  const message = "rule 'poststart-slow': option 'maxSeconds' must be a number, got \"ten\".";
  it('lintText, lintFiles, createLinter and resolveConfig reject maxSeconds: "ten"', () => {
    expect(() => lintText(pod(), { config: bad })).toThrow(message);
    expect(() => lintFiles(['.'], { config: bad, cwd: join(root, 'fixtures', 'poststart-slow') })).toThrow(message);
    expect(() => createLinter({ config: bad })).toThrow(message);
    expect(() => resolveConfig(bad, rules)).toThrow(ConfigError);
  });
  it('names unknown options, unknown rules, bad severities and out-of-range values', () => {
    const check = (rulesConfig: Record<string, unknown>) => () => createLinter({ config: { rules: rulesConfig as never } });
    expect(check({ 'poststart-slow': { severity: 'warn', maxSecond: 3 } })).toThrow("rule 'poststart-slow': option 'maxSecond' does not exist (options: maxSeconds).");
    expect(check({ 'poststart-slow': { severity: 'warn', maxSeconds: -1 } })).toThrow('must be at least 0, got -1');
    expect(check({ 'poststart-slo': 'warn' })).toThrow("unknown rule 'poststart-slo'.");
    expect(check({ 'poststart-slow': 'warning' })).toThrow("rule 'poststart-slow': severity must be off, warn or error, got \"warning\".");
    expect(check({ 'exec-binary-missing': { severity: 'warn', additionalImages: [{ name: 'x' }] } })).toThrow("rule 'exec-binary-missing': option 'additionalImages' item 1");
    expect(check({ 'poststart-slow': { severity: 'warn', maxSeconds: 20 } })).not.toThrow();
  });
  it('valid options change the results', () => {
    const hook = `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: app
      image: nginx:1.27
      lifecycle:
        postStart:
          exec: { command: ["sh", "-c", "sleep 15"] }
`;
    const ids = (maxSeconds: number) => lintText(hook, { config: { extends: 'none', rules: { 'poststart-slow': { severity: 'warn', maxSeconds } } } })[0]!.messages.map((m) => m.ruleId);
    expect(ids(10)).toEqual(['poststart-slow']);
    expect(ids(20)).toEqual([]);
  });
});

describe('fixes and suggestions in results', () => {
  it('counts fixable findings and merges edits into one fix in file offsets', () => {
    const text = pod();
    const [result] = lintText(text);
    const finding = result!.messages.find((m) => m.ruleId === 'liveness-success-threshold')!;
    expect(finding.fix).toEqual({ range: [text.indexOf('3 # three'), text.indexOf('3 # three') + 1], text: '1' });
    expect(result!.fixableErrorCount).toBe(1);
    expect(result!.fixableWarningCount).toBe(0);
    expect(result!.output).toBeUndefined();
  });

  it('with fix: output is the fixed text, and the findings are those of the fixed text', () => {
    const [result] = createLinter({ fix: true }).lintText(pod('    - name: side\n      image: busybox:1.36\n      startupProbe: { exec: { command: [cat, /x] }, successThreshold: 2 }\n'));
    expect(result!.output).toContain('successThreshold: 1 # three');
    expect(result!.output).toContain('startupProbe: { exec: { command: [cat, /x] }, successThreshold: 1 }');
    // Nothing left: no messages, so no source (as in ESLint); the output is what was fixed.
    expect(result!.messages).toEqual([]);
    expect(result!.source).toBeUndefined();
    expect(lintText(result!.output!)[0]!.messages).toEqual([]);
  });

  it('fixTypes narrows the fixes by category', () => {
    const [none] = createLinter({ fix: true, fixTypes: ['termination'] }).lintText(pod());
    expect(none!.output).toBeUndefined();
    expect(none!.fixableErrorCount).toBe(1);
    const [some] = createLinter({ fix: true, fixTypes: ['api-rejected'] }).lintText(pod());
    expect(some!.output).toContain('successThreshold: 1');
  });

  it('reports a rule that fixes without meta.fixable, or suggests without meta.hasSuggestions', () => {
    const sloppy = (kind: 'fix' | 'suggest') =>
      defineRule({
        id: `sloppy-${kind}`,
        meta: { description: 'x', category: 'probes', defaultSeverity: 'error', messages: { m: 'm' } },
        create: (ctx) => ({
          container(c) {
            const fix = ctx.edits.replace(c.name, 'x');
            ctx.report(kind === 'fix' ? { at: c.name, messageId: 'm', fix } : { at: c.name, messageId: 'm', suggest: [{ messageId: 'm', fix }] });
          },
        }),
      });
    const run = (kind: 'fix' | 'suggest') => createLinter({ rules: { [`sloppy-${kind}`]: sloppy(kind) }, config: { extends: 'none', rules: { [`sloppy-${kind}`]: 'error' } } }).lintText(pod())[0]!.messages;
    expect(run('fix')[0]!.message).toMatch(/reports a fix but its meta has no 'fixable'.*kube-lifelint bug/);
    expect(run('suggest')[0]!.message).toMatch(/reports suggestions but its meta has no 'hasSuggestions: true'/);
  });

  it('stops after 10 passes when fixes never settle', () => {
    let passes = 0;
    const flip = defineRule({
      id: 'flip',
      meta: { description: 'x', category: 'probes', defaultSeverity: 'error', fixable: 'code', messages: { m: 'm' } },
      create: (ctx) => ({
        container(c) {
          passes++;
          ctx.report({ at: c.name, messageId: 'm', fix: ctx.edits.replace(c.name, c.name.value === 'a' ? 'b' : 'a') });
        },
      }),
    });
    const [result] = createLinter({ rules: { flip }, config: { extends: 'none', rules: { flip: 'error' } }, fix: true }).lintText(pod());
    expect(passes).toBe(11); // the first lint and 10 passes
    expect(result!.output).toContain('- name: b');
  });
});

describe('README "Programmatic use"', () => {
  it('runs the custom-rule example exactly as written and prints what it says', () => {
    const readme = read(join(root, 'README.md'));
    const section = readme.slice(readme.indexOf('## Programmatic use'), readme.indexOf('## Development'));
    const example = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('createLinter'))!;
    const expected = [...example.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]).join('\n');
    expect(expected).not.toBe('');
    // Inside the package folder, `import ... from 'kube-lifelint'` resolves to the package itself (the build).
    const dir = mkdtempSync(join(root, 'tmp-readme-'));
    try {
      writeFileSync(join(dir, 'example.mjs'), example);
      expect(execFileSync(process.execPath, [join(dir, 'example.mjs')], { encoding: 'utf8' }).trim()).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
