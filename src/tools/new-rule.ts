/**
 * `npm run new-rule <id>`: scaffolds a rule the way every rule is laid out: rules/<id>/index.ts,
 * rules/<id>/README.md (with its generated header), fixtures/<id>/invalid.yaml and valid.yaml,
 * and the entry in rules/index.ts (sorted); then `npm run generate` refreshes the README's rules
 * table and the config schema.
 *
 * The scaffold is a working example (it reports every preStop hook, and its fixtures say so), so
 * the build, the fixtures harness, the README examples and the generated-files check all pass on
 * it. What the author must write is marked `TODO(new-rule)`, and one test fails, naming each file,
 * until none is left: a scaffolded rule cannot be committed as if it were done.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './project-root.js';

/** What a fresh scaffold leaves for its author; the fixtures test fails while any is left. */
export const placeholder = 'TODO(new-rule)';

const ruleId = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/** `prestop-exceeds-grace-period` → `prestopExceedsGracePeriod`. */
export function importName(id: string): string {
  return id.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function indexSource(id: string): string {
  return `import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: '${id}',
  meta: {
    // ${placeholder}: one sentence saying what the rule catches; the category and severity it has.
    description: 'Reports every preStop hook (the scaffold of ${id}; replace it with what the rule catches).',
    category: 'termination',
    defaultSeverity: 'warn',
    messages: {
      // ${placeholder}: one message per distinct finding; {{placeholders}} take the report's data.
      example: '{{kind}} hook found (scaffold example).',
    },
  },
  create(ctx) {
    return {
      // ${placeholder}: listen to the views the rule needs (workload, pod, container, probe, hook).
      // A rule never parses and never computes a position: it reports a view's span or field.
      hook(h) {
        if (h.kind !== 'preStop' || !h.handler) return;
        ctx.report({ at: h.handler.key, messageId: 'example', data: { kind: h.kind } });
      },
    };
  },
});
`;
}

const validExample = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
`;

/** The valid example with a preStop hook, which the scaffold's placeholder logic reports. */
const invalidExample = (id: string) => `${validExample}      lifecycle:
        preStop:
          sleep: # expect: ${id}/example
            seconds: 5
`;

function readmeSource(id: string): string {
  return `# ${id}

<!-- begin generated: rule header (npm run generate) -->
<!-- end generated -->

## Why this is a hazard

${placeholder}: what goes wrong, when, and for whom; which Kubernetes behaviour causes it, with
links to the upstream sources (Kubernetes docs, API reference, kubelet code).

## Invalid

\`\`\`yaml
${invalidExample(id)}\`\`\`

## Valid

\`\`\`yaml
${validExample}\`\`\`

## When not to use it

${placeholder}: when the finding is expected and the rule can be turned off.
`;
}

function fixture(id: string, kind: 'invalid' | 'valid'): string {
  const what = kind === 'invalid' ? 'every finding marked by an `expect: <rule-id>/<messageId>` comment on its line' : 'manifests the rule must stay silent on';
  return `# ${placeholder}: ${what}. Cover each message id and each form the hazard takes.\n${kind === 'invalid' ? invalidExample(id) : validExample}`;
}

/** rules/index.ts with `id` imported and registered, both lists kept sorted. */
export function registerRule(indexText: string, id: string): string {
  const name = importName(id);
  const importLine = `import ${name} from './${id}/index.js';`;
  const entryLine = `  '${id}': ${name},`;
  const lines = indexText.split('\n');
  const imports = lines.flatMap((l, i) => (/^import \w+ from '\.\/[a-z0-9-]+\/index\.js';$/.test(l) ? [i] : []));
  const entries = lines.flatMap((l, i) => (/^ {2}'[a-z0-9-]+': \w+,$/.test(l) ? [i] : []));
  if (!imports.length || !entries.length) throw new Error('rules/index.ts: no rule imports or registry entries found');
  const insertSorted = (indices: number[], line: string, key: (l: string) => string) => {
    const at = indices.find((i) => key(lines[i]!) > key(line));
    lines.splice(at ?? indices[indices.length - 1]! + 1, 0, line);
  };
  const importKey = (l: string) => /'\.\/([a-z0-9-]+)\//.exec(l)?.[1] ?? '';
  const entryKey = (l: string) => /'([a-z0-9-]+)'/.exec(l)?.[1] ?? '';
  // Entries come after the imports, so inserting the entry first keeps the import indices valid.
  insertSorted(entries, entryLine, entryKey);
  insertSorted(imports, importLine, importKey);
  return lines.join('\n');
}

/** Writes the scaffold of `id` under `root`; returns the files written. Refuses to overwrite. */
export function scaffold(root: string, id: string): string[] {
  if (!ruleId.test(id)) throw new Error(`'${id}' is not a rule id: kebab-case, at least two words (e.g. prestop-too-long)`);
  const ruleDir = join(root, 'rules', id);
  const fixtureDir = join(root, 'fixtures', id);
  for (const dir of [ruleDir, fixtureDir]) if (existsSync(dir)) throw new Error(`${dir} exists already`);
  const indexPath = join(root, 'rules', 'index.ts');
  const registry = registerRule(readFileSync(indexPath, 'utf8'), id);
  const files: [string, string][] = [
    [join(ruleDir, 'index.ts'), indexSource(id)],
    [join(ruleDir, 'README.md'), readmeSource(id)],
    [join(fixtureDir, 'invalid.yaml'), fixture(id, 'invalid')],
    [join(fixtureDir, 'valid.yaml'), fixture(id, 'valid')],
    [indexPath, registry],
  ];
  mkdirSync(ruleDir, { recursive: true });
  mkdirSync(fixtureDir, { recursive: true });
  for (const [path, text] of files) writeFileSync(path, text);
  return files.map(([path]) => path);
}

function main(): void {
  const [id, ...rest] = process.argv.slice(2);
  if (!id || rest.length) {
    process.stderr.write('Usage: npm run new-rule <rule-id>\n');
    process.exitCode = 2;
    return;
  }
  const root = projectRoot();
  try {
    for (const path of scaffold(root, id)) process.stdout.write(`wrote ${path.slice(root.length + 1)}\n`);
  } catch (e) {
    process.stderr.write(`new-rule: ${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  // The README header, the README's rules table and the config schema come from the rule's meta.
  const generate = spawnSync('npm', ['run', '--silent', 'generate'], { cwd: root, stdio: 'inherit' });
  if (generate.status !== 0) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`\nNext: replace every ${placeholder} in rules/${id}/ and fixtures/${id}/, add the id to the rule catalogue, then npm test.\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
