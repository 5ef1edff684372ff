/**
 * What a command model is, and the outcomes most commands end with.
 *
 * A model receives the expanded fields of the command (`F[0]` is its name), the state, the
 * context, and the prefix assignments (`D=5 cmd`) that only the command's environment sees.
 */
import { advance, type Context, type ExitStatus, type Field, type Outcome, proceed, type ShellState, type VarValue } from '../state.js';

/** `NAME=value` words before a command: visible to the command, not to the shell. */
export type PrefixAssignments = Map<string, VarValue>;

export type CommandModel = (F: Field[], S: ShellState, k: Context, prefix: PrefixAssignments | null) => Outcome;

/** The fields after the command name, and their values (null: not known). */
export function operands(F: Field[]): { args: Field[]; values: (string | null)[] } {
  const args = F.slice(1);
  return { args, values: args.map((f) => f.value) };
}

export function basename(n: string): string {
  const i = n.lastIndexOf('/');
  return i < 0 ? n : n.slice(i + 1);
}

/** A program whose run time is not known: it adds nothing certain and leaves no upper bound. */
export function ordinaryCommand(S: ShellState, status: ExitStatus = -1): Outcome {
  advance(S, 0, null);
  S.status = status;
  return proceed(S);
}

/** A command that finishes at once with the given status. */
export function instantCommand(S: ShellState, status: ExitStatus): Outcome {
  S.status = status;
  return proceed(S);
}

/** A command the analysis does not understand: the result as a whole becomes "unknown". */
export function unknownCommand(k: Context, S: ShellState): Outcome {
  k.g.unknown = true;
  return ordinaryCommand(S);
}
