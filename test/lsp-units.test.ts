/**
 * Units of the language server that the protocol tests reach only in part: disable directives
 * where a comment cannot go (inside a block scalar), suggestions as quick fixes, file roles and
 * the workspace index's choice of context.
 */
import { describe, expect, test } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLinter, lintText } from '../src/index.js';
import { codeActions, minimalEdit } from '../src/lsp/code-actions.js';
import { disableForFile, disableForLine, type TextEdit } from '../src/lsp/directive-edits.js';
import { roleOf } from '../src/lsp/classify.js';
import { WorkspaceIndex } from '../src/lsp/workspace-index.js';
import { broken } from '../src/lsp/configs.js';
import { hover } from '../src/lsp/hover.js';
import { resolveConfig } from '../src/config/resolve.js';
import { rules } from '../rules/index.js';
import type { LintResult } from '../src/types.js';

const apply = (text: string, edits: TextEdit[]) => [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
const offsetOf = (text: string, line: number, column: number) => text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
const lint = (text: string) => lintText(text, { filePath: '/w/app/pod.yaml' })[0]!;

const blockScript = `apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
    - name: worker
      image: example/worker:2
      lifecycle:
        preStop:
          exec:
            command:
              - /bin/sh
              - -c
              - |
                echo draining
                sleep 45
`;

describe('disable directives', () => {
  test('a finding inside a block scalar is wrapped in disable/enable around the scalar', () => {
    const m = lint(blockScript).messages.find((x) => x.ruleId === 'prestop-exceeds-grace-period')!;
    expect(m.line).toBe(17); // `sleep 45`, inside the script
    const edits = disableForLine(blockScript, offsetOf(blockScript, m.line, m.column), m.ruleId!);
    const fixed = apply(blockScript, edits);
    expect(fixed).toContain('              # kube-lifelint-disable prestop-exceeds-grace-period\n              - |\n');
    expect(fixed.endsWith('                sleep 45\n              # kube-lifelint-enable prestop-exceeds-grace-period\n')).toBe(true);
    const after = lint(fixed);
    expect(after.messages).toEqual([]);
    expect(after.suppressedMessages.map((x) => x.ruleId)).toEqual(['prestop-exceeds-grace-period']);
  });

  test('a bare disable-next-line above takes one more id', () => {
    const text = 'a: 1\n  # kube-lifelint-disable-next-line rule-a\n  b: 2\n';
    expect(apply(text, disableForLine(text, text.indexOf('b: 2'), 'rule-b'))).toBe('a: 1\n  # kube-lifelint-disable-next-line rule-a, rule-b\n  b: 2\n');
    const withReason = 'a: 1\n# kube-lifelint-disable-next-line rule-a -- why\nb: 2\n';
    expect(apply(withReason, disableForLine(withReason, withReason.indexOf('b: 2'), 'rule-b'))).toBe('a: 1\n# kube-lifelint-disable-next-line rule-a -- why\n# kube-lifelint-disable-next-line rule-b\nb: 2\n');
  });

  test('for the file: one disable per document with findings, after its --- line', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const edits = disableForFile(text, [text.indexOf('a: 1'), text.indexOf('c: 3')], 'r');
    expect(apply(text, edits)).toBe('# kube-lifelint-disable r\na: 1\n---\nb: 2\n---\n# kube-lifelint-disable r\nc: 3\n');
  });
});

describe('code actions', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec: {}\n';
  const result: LintResult = {
    filePath: '/w/pod.yaml',
    messages: [
      {
        ruleId: 'prestop-exceeds-grace-period',
        severity: 2,
        message: 'm',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 9,
        suggestions: [
          { desc: 'Raise the grace period to 60s', messageId: 's1', fix: { range: [20, 20], text: 'X' } },
          { desc: 'Shorten the hook', messageId: 's2', fix: { range: [21, 22], text: '' } },
        ],
      },
    ],
    suppressedMessages: [],
    errorCount: 1,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    usedDeprecatedRules: [],
  };
  const doc = TextDocument.create('file:///w/pod.yaml', 'yaml', 1, text);
  const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

  test('every suggestion is a quick fix with its description; other lines get none', () => {
    const actions = codeActions({ document: doc, result, range: at(2), only: undefined, knownRule: () => true, fixedText: () => undefined });
    expect(actions.map((a) => a.title)).toEqual(['Raise the grace period to 60s', 'Shorten the hook', 'Disable prestop-exceeds-grace-period for this line', 'Disable prestop-exceeds-grace-period for this file']);
    expect(actions[0]!.edit!.changes!['file:///w/pod.yaml']).toEqual([{ range: { start: { line: 1, character: 5 }, end: { line: 1, character: 5 } }, newText: 'X' }]);
    expect(actions[0]!.isPreferred).toBeUndefined();
    expect(codeActions({ document: doc, result, range: at(0), only: undefined, knownRule: () => true, fixedText: () => undefined })).toEqual([]);
  });

  test('minimalEdit covers only the changed middle', () => {
    expect(minimalEdit('abcXdef', 'abcYYdef')).toEqual({ start: 3, end: 4, text: 'YY' });
    expect(minimalEdit('same', 'same')).toEqual({ start: 4, end: 4, text: '' });
  });
});

describe('which files are linted', () => {
  test('Kubernetes objects yes; workflows, compose, values, Chart.yaml, other extensions no; configs are configs', () => {
    expect(roleOf('/w/deploy.yaml', 'apiVersion: v1\nkind: Pod\n')).toBe('manifest');
    expect(roleOf('/w/deploy.json', '{"apiVersion": "v1", "kind": "Pod"}')).toBe('manifest');
    expect(roleOf(undefined, '---\napiVersion: v1\nkind: List\nitems: []\n')).toBe('manifest');
    expect(roleOf('/w/.github/workflows/ci.yml', 'on: push\njobs: {}\n')).toBe('ignored');
    expect(roleOf('/w/compose.yaml', 'services:\n  web: { image: nginx }\n')).toBe('ignored');
    expect(roleOf('/w/Chart.yaml', 'apiVersion: v2\nname: c\n')).toBe('ignored');
    expect(roleOf('/w/notes.txt', 'apiVersion: v1\nkind: Pod\n')).toBe('ignored');
    expect(roleOf('/w/.kube-lifelint.yaml', 'rules: {}\n')).toBe('config');
  });
});

describe('workspace index', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec: { selector: { app: a } }\n';
  test('keeps files with Services; context is the linted file\'s parent folder tree, without the file', () => {
    const index = new WorkspaceIndex();
    expect(index.update('/w/app/svc.yaml', svc)).toBe(true);
    expect(index.update('/w/app/svc.yaml', svc)).toBe(false);
    expect(index.update('/w/app/sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: s }\n')).toBe(false);
    index.update('/elsewhere/x/svc.yaml', svc);
    expect(index.contextFor('/w/app/deploy.yaml').map((c) => c.filePath)).toEqual(['/w/app/svc.yaml']);
    expect(index.contextFor('/w/app/svc.yaml')).toEqual([]);
    // Edits to other documents of the file leave the index as it is (no other file is re-linted).
    const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      containers: [{ name: a, image: ${image} }]\n`;
    expect(index.update('/w/app/svc.yaml', `${svc}---\n${deploy('a:1')}`)).toBe(true); // the same Service, then a Deployment's empty lines
    expect(index.update('/w/app/svc.yaml', `${svc}---\n${deploy('a:2')}`)).toBe(false);
    expect(index.update('/w/app/svc.yaml', `${svc.replace('app: a', 'app: b')}---\n${deploy('a:2')}`)).toBe(true);
    expect(index.update('/w/app/svc.yaml', 'apiVersion: v1\nkind: ConfigMap\n')).toBe(true);
    expect(index.contextFor('/w/app/deploy.yaml')).toEqual([]);
  });
});

describe('workspace index: disruption budgets', () => {
  test('a PodDisruptionBudget in another file changes a Deployment\'s findings through the context', () => {
    const pdb = (minAvailable: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: { name: web }\nspec:\n  minAvailable: ${minAvailable}\n  selector: { matchLabels: { app: web } }\n`;
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 2\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec:\n      containers: [{ name: web, image: nginx:1.27 }]\n';
    const index = new WorkspaceIndex();
    expect(index.update('/w/app/pdb.yaml', pdb('100%'))).toBe(true);
    const linter = createLinter({});
    const ids = () => linter.lintText(deploy, { filePath: '/w/app/deploy.yaml', context: index.contextFor('/w/app/deploy.yaml') })[0]!.messages.map((m) => m.ruleId);
    expect(ids()).toContain('pdb-blocks-eviction');
    expect(index.update('/w/app/pdb.yaml', pdb('1'))).toBe(true);
    expect(ids()).not.toContain('pdb-blocks-eviction');
  });
});

describe('config diagnostics', () => {
  test('placed at the first position the error names, with the path left out', () => {
    const b = broken('/w/.kube-lifelint.yaml', 'Invalid config:\n/w/.kube-lifelint.yaml:3:5: unknown key \'x\'.\n/w/.kube-lifelint.yaml:4:1: other.');
    expect(b).toMatchObject({ line: 3, column: 5, message: "Invalid config: 3:5: unknown key 'x'.\n4:1: other." });
    expect(broken('/w/c.yaml', 'Invalid config:\nunknown rule \'r\'.')).toMatchObject({ line: 1, column: 1 });
  });
});

describe('hover', () => {
  test('in a stream, the document under the cursor is the one explained, with the file\'s line numbers', () => {
    const pod = (name: string, grace: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  terminationGracePeriodSeconds: ${grace}\n  containers:\n    - name: c\n      image: x:1\n      lifecycle:\n        preStop:\n          exec: { command: [sleep, "5"] }\n`;
    const text = `${pod('first', 30)}---\n${pod('second', 45)}---\n${pod('third', 60)}`;
    const config = resolveConfig({}, rules);
    const at = text.indexOf('preStop', text.indexOf('name: second'));
    const found = hover({ text, filePath: '/w/app/pods.yaml', offset: at + 2, config, messages: [] })!;
    expect(found.markdown).toContain('**Pod `second`**');
    // `terminationGracePeriodSeconds: 45` is on line 19 of the file.
    expect(found.markdown).toContain('grace period 45s (line 19)');
    expect([found.start, found.end]).toEqual([at, at + 'preStop'.length]);
  });
});
