/**
 * The command table: which model runs a command of a given name.
 *
 * Shell builtins are looked up by exact name, and only inside a shell when the name has no `/`;
 * programs by base name (`/bin/sleep` is `sleep`). Each family lives in its own file. A name not
 * in the table is an ordinary program: it takes an unknown time (commands/model.ts).
 *
 * The tables are Maps built on first use: lookups are keyed by input (a command named
 * `constructor` or `__proto__` is just an unknown program), and building them lazily keeps the
 * import cycle between the interpreter and the models harmless.
 */
import { CONTROL_BUILTINS } from './control-builtins.js';
import { INSTANT_PROGRAMS } from './instant.js';
import type { CommandModel } from './model.js';
import { SHELL_PROGRAMS } from './shells.js';
import { VARIABLE_BUILTINS } from './variable-builtins.js';
import { WAITING_BUILTINS, WAITING_PROGRAMS } from './waiting.js';
import { WRAPPER_PROGRAMS } from './wrappers.js';

let tables: { builtins: Map<string, CommandModel>; programs: Map<string, CommandModel> } | undefined;

/** Earlier families win where names overlap (`test` is both a test and an instant command). */
function table(families: [string, CommandModel][][]): Map<string, CommandModel> {
  const m = new Map<string, CommandModel>();
  for (const family of families) for (const [name, model] of family) if (!m.has(name)) m.set(name, model);
  return m;
}

function load(): NonNullable<typeof tables> {
  tables ??= {
    builtins: table([CONTROL_BUILTINS, VARIABLE_BUILTINS, WAITING_BUILTINS]),
    programs: table([WAITING_PROGRAMS, WRAPPER_PROGRAMS, SHELL_PROGRAMS, INSTANT_PROGRAMS]),
  };
  return tables;
}

export function shellBuiltin(name: string): CommandModel | undefined {
  return load().builtins.get(name);
}

export function programModel(base: string): CommandModel | undefined {
  return load().programs.get(base);
}
