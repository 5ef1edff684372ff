/**
 * Programs that finish at once (`echo`, `date`, `test` …) and `cat`, which waits for input when
 * nothing is piped or redirected into it.
 */
import { testLiteral } from '../conditions.js';
import type { ExitStatus } from '../state.js';
import { type CommandModel, instantCommand, operands, ordinaryCommand } from './model.js';

const INSTANT = new Set([
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  'date',
  'hostname',
  'basename',
  'dirname',
  'id',
  'whoami',
  'uname',
  'printenv',
  'expr',
  'pwd',
]);

const OK_STATUS = new Set(['echo', 'printf', 'true', ':', 'date', 'pwd', 'hostname', 'uname', 'id', 'whoami', 'basename', 'dirname']);

/** `echo`, `true`, `date` …: finish at once; whether they succeed is known for most. */
export function isInstant(name: string): boolean {
  return INSTANT.has(name);
}

function instant(name: string): CommandModel {
  const status: ExitStatus = name === 'false' ? 1 : OK_STATUS.has(name) ? 0 : -1;
  return (_F, S) => instantCommand(S, status);
}

/** `test …` / `[ … ]` on known values has a known status. */
function test(bracket: boolean): CommandModel {
  return (F, S) => {
    const vs = operands(F).values;
    if (bracket && vs[vs.length - 1] === ']') vs.pop();
    const r = vs.every((v) => v !== null) ? testLiteral(vs as string[]) : null;
    return instantCommand(S, r === null ? -1 : r ? 0 : 1);
  };
}

/** `cat` with no file operand reads stdin: without a pipe or redirection, it waits for ever. */
const cat: CommandModel = (F, S, k) => {
  if (F.length === 1 || F.slice(1).every((f) => f.value === '-' || (f.value !== null && f.value.startsWith('-') && f.value.length > 1))) {
    if (!k.inputRedir && !k.stdinPiped) k.g.unknown = true;
  }
  return ordinaryCommand(S);
};

export const INSTANT_PROGRAMS: [string, CommandModel][] = [
  ['cat', cat],
  ['test', test(false)],
  ['[', test(true)],
  ...[...INSTANT].map((n): [string, CommandModel] => [n, instant(n)]),
];
