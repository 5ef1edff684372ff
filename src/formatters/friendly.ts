/**
 * `friendly` (the default): eslint-formatter-friendly, with kube-lifelint's own rule links.
 *
 * eslint-formatter-friendly links every rule id to eslint.org (or a web search for ids with a `/`)
 * and reads its options from `EFF_*` environment variables. This wrapper:
 *
 * - always runs it with `EFF_NO_LINK_RULES=true` and shows each rule id followed by its doc URL from
 *   `rulesMeta` instead (unless the user set `EFF_NO_LINK_RULES=true`: then the bare id);
 * - shows parse problems (`ruleId: null`) as `(parse)` instead of `null`;
 * - applies `EFF_FILTER` itself (by real rule id) and honours `EFF_ABSOLUTE_PATHS`, `EFF_BY_ISSUE`,
 *   `EFF_NO_SOURCE`, `EFF_NO_GRAY` and `EFF_EDITOR_SCHEME` as eslint-formatter-friendly does;
 * - shows paths relative to `ctx.cwd`, and `<stdin>` as is (the code frame comes from `source`);
 * - appends related locations to the message: `(see line 14: terminationGracePeriodSeconds)`, and
 *   the helm template path: `[templates/deployment.yaml]`;
 * - writes control characters in file names, messages and the code frame as visible escapes;
 * - with `ctx.color` false sets chalk's level to 0 and strips any escape sequence left (code-frame
 *   highlighting decides colour on its own), so the output has no ANSI escapes at all.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { LintMessage, LintResult } from '../types.js';
import type { FormatContext } from './index.js';
import { PARSE_LABEL, displayPath, escapeControls, isPseudoPath, messageWithRelated } from './util.js';

const require = createRequire(import.meta.url);

type FriendlyFormatter = (results: unknown[]) => string;
type Style = (text: string) => string;
interface Chalk2 {
  enabled: boolean;
  level: number;
  gray: Style & { underline: Style };
}

/** CSI, OSC (BEL- or ST-terminated) and other two-character ESC sequences, 7- and 8-bit. */
const ANSI_SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

const ENV_KEYS = ['EFF_NO_LINK_RULES', 'EFF_ABSOLUTE_PATHS', 'EFF_FILTER'] as const;

/** The source for the code frame: one line per YAML line, control characters made visible. */
function frameSource(source: string | undefined): string {
  const text = escapeControls((source ?? '').replace(/\r\n/g, '\n'), '\n\t');
  return text === '' ? '\n' : text;
}

/** Lines around a message that a code frame shows (@babel/code-frame: 2 above, 3 below), with a line to spare. */
const FRAME_REACH = 4;

/**
 * The frame source with every line no code frame shows emptied (the line count, which sets the
 * gutter width, is kept): a report of many large files then holds a few lines of each. Only
 * without colour: highlighting reads the whole text (a backtick far above colours a frame).
 */
function framedLines(text: string, messages: readonly LintMessage[]): string {
  const lines = text.split('\n');
  const keep = new Uint8Array(lines.length);
  for (const m of messages) {
    for (let l = Math.max(1, m.line - FRAME_REACH); l <= Math.min(lines.length, m.line + FRAME_REACH); l++) keep[l - 1] = 1;
  }
  return lines.map((line, i) => (keep[i] ? line : '')).join('\n');
}

export default function formatFriendly(results: LintResult[], ctx: FormatContext): string {
  const friendlyPath = require.resolve('eslint-formatter-friendly');
  const friendly = require(friendlyPath) as FriendlyFormatter;
  const chalk = createRequire(friendlyPath)('chalk') as Chalk2;
  const env = process.env;
  const linkRules = env.EFF_NO_LINK_RULES !== 'true';
  const absolute = env.EFF_ABSOLUTE_PATHS === 'true';
  const filter = env.EFF_FILTER;

  const pseudoPaths = new Set<string>();
  function friendlyMessage(m: LintMessage): LintMessage {
    let ruleId = m.ruleId === null ? PARSE_LABEL : escapeControls(m.ruleId);
    const url = m.ruleId === null ? undefined : ctx.rulesMeta[m.ruleId]?.url;
    if (linkRules && url) ruleId = `${ruleId}  ${chalk.gray.underline(escapeControls(url))}`;
    const source = m.sourcePath ? ` [${m.sourcePath}]` : '';
    return { ...m, ruleId, message: escapeControls(messageWithRelated(m) + source) };
  }
  // Called with chalk already set up, so the rule links get the right colours.
  function buildInput(): { filePath: string; source: string; messages: LintMessage[] }[] {
    const input = [];
    for (const r of results) {
      const messages = r.messages.filter((m) => !filter || (m.ruleId ?? PARSE_LABEL) === filter);
      if (messages.length === 0) continue;
      let filePath: string;
      if (isPseudoPath(r.filePath)) {
        filePath = escapeControls(r.filePath);
        pseudoPaths.add(filePath);
      } else {
        filePath = escapeControls(absolute ? resolve(ctx.cwd, r.filePath) : displayPath(r.filePath, ctx.cwd));
      }
      const source = frameSource(r.source);
      input.push({ filePath, source: ctx.color ? source : framedLines(source, messages), messages: messages.map(friendlyMessage) });
    }
    return input;
  }

  const savedEnv = ENV_KEYS.map((k) => [k, env[k]] as const);
  const saved = { enabled: chalk.enabled, level: chalk.level };
  let output: string;
  try {
    env.EFF_NO_LINK_RULES = 'true';
    delete env.EFF_FILTER;
    chalk.enabled = ctx.color;
    chalk.level = ctx.color ? Math.max(saved.level, 1) : 0;
    const input = buildInput();
    output = input.length ? friendly(input) : '';
  } finally {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    chalk.enabled = saved.enabled;
    chalk.level = saved.level;
  }
  if (absolute) {
    for (const p of pseudoPaths) output = output.split(resolve(p)).join(p);
  }
  if (!ctx.color) output = escapeControls(stripAnsi(output), '\n\t');
  return output;
}
