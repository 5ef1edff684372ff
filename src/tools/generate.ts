/**
 * Generated files: from rule metadata, the rules table in README.md, the header block of each
 * rules/<id>/README.md and schemas/config.schema.json; from the program itself, the README's
 * opening `explain` example. `npm run generate` writes them; the tests call
 * `generatedFiles()` and fail on any drift, so docs and meta cannot disagree.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../../rules/index.js';
import type { Rule } from '../rule-api.js';
import { configSchema } from '../config/schema.js';
import { projectRoot } from './project-root.js';


const categoryTitles: Record<string, string> = {
  termination: 'Termination',
  startup: 'Startup',
  probes: 'Probes',
  'api-rejected': 'Rejected by the API server',
  runtime: 'Runtime and version',
};

function optionNames(rule: Rule<any>): string {
  const props = Object.entries(rule.meta.options?.properties ?? {});
  return props.length ? props.map(([k, v]) => `\`${k}\` (default ${JSON.stringify(v.default)})`).join(', ') : 'none';
}

export function ruleHeader(rule: Rule<any>): string {
  return [
    `> ${rule.meta.description}`,
    '',
    '| category | default severity | options |',
    '|---|---|---|',
    `| ${rule.meta.category} | ${rule.meta.defaultSeverity} | ${optionNames(rule)} |`,
  ].join('\n');
}

export function rulesTable(all: Readonly<Record<string, Rule<any>>>): string {
  const rows = Object.entries(all).sort(([a, ra], [b, rb]) => {
    const ca = Object.keys(categoryTitles).indexOf(ra.meta.category);
    const cb = Object.keys(categoryTitles).indexOf(rb.meta.category);
    return ca - cb || a.localeCompare(b);
  });
  return [
    '| rule | category | default | what it catches |',
    '|---|---|---|---|',
    ...rows.map(([id, r]) => `| [\`${id}\`](rules/${id}/README.md) | ${categoryTitles[r.meta.category] ?? r.meta.category} | ${r.meta.defaultSeverity} | ${r.meta.description} |`),
  ].join('\n');
}

/** Replace the text between `<!-- begin generated: NAME ... -->` and `<!-- end generated -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const re = new RegExp(`(<!-- begin generated: ${name}[^>]*-->\\n)[\\s\\S]*?(<!-- end generated -->)`);
  if (!re.test(text)) throw new Error(`no generated block '${name}'`);
  return text.replace(re, (_m, begin: string, end: string) => `${begin}${content}\n${end}`);
}

/** The README's opening example: the real `explain` rendering of the first seed, plain, 80 columns. */
export async function explainExample(root: string): Promise<string> {
  const { explainMain } = await import('../explain/cli.js');
  const file = 'fixtures/seeds/000-01-prestop-poststart-pod.yaml';
  let text = '';
  const io = {
    stdout: { write: (s: string) => (text += s), isTTY: false },
    stderr: { write: () => true },
    env: { NO_COLOR: '1', COLUMNS: '80' },
    cwd: root,
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
  await explainMain(['--no-color', '--width', '80', file], io);
  return ['```', `$ kube-lifelint explain ${file}`, text.trimEnd(), '```'].join('\n');
}

/** Every generated file: path → [current text, expected text]. */
export async function generatedFiles(root = projectRoot()): Promise<Map<string, [string, string]>> {
  const out = new Map<string, [string, string]>();
  const readme = join(root, 'README.md');
  const cur = readFileSync(readme, 'utf8');
  out.set(readme, [cur, replaceBlock(replaceBlock(cur, 'rules table', rulesTable(rules)), 'explain example', await explainExample(root))]);
  const schemaPath = join(root, 'schemas', 'config.schema.json');
  out.set(schemaPath, [existsSync(schemaPath) ? readFileSync(schemaPath, 'utf8') : '', `${JSON.stringify(configSchema(rules), null, 2)}\n`]);
  for (const [id, rule] of Object.entries(rules)) {
    const doc = join(root, 'rules', id, 'README.md');
    if (!existsSync(doc)) continue; // the meta test reports missing docs
    const text = readFileSync(doc, 'utf8');
    out.set(doc, [text, replaceBlock(text, 'rule header', ruleHeader(rule))]);
  }
  return out;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let drift = 0;
  for (const [path, [current, expected]] of await generatedFiles()) {
    if (current === expected) continue;
    drift++;
    if (check) process.stderr.write(`out of date: ${path}\n`);
    else writeFileSync(path, expected);
  }
  if (check && drift) {
    process.stderr.write("Run 'npm run generate' and commit the result.\n");
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
