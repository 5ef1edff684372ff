/**
 * The work budget of one analysis. Every step of the interpreter and every copy of state it makes
 * is charged here, so a small script cannot make the analysis run for minutes: once the budget is
 * spent the analysis stops with BudgetError and the result is "unknown".
 */
import type { Analysis } from './state.js';

export class BudgetError extends Error {}

const MAX_STEPS = 400_000;

/** nested `sh -c` / `eval` levels followed */
export const MAX_NEST = 40;

/** nested function calls followed */
export const MAX_FN_DEPTH = 8;

export function charge(g: Analysis, n = 1): void {
  g.steps += n;
  if (g.steps > MAX_STEPS) throw new BudgetError('budget');
}

/**
 * A copy of `size` elements (jobs, variables, functions, positional parameters): about one step
 * per 8 elements. Copies must be charged: a script that starts jobs in nested loops makes every
 * state copy longer, and uncharged it ran for minutes within its step budget.
 */
export function chargeCopy(g: Analysis, size: number): void {
  charge(g, size >> 3);
}

/** Text built by expansion (`x=$x$x` doubles): about one step per 64 characters. */
export function chargeText(g: Analysis, length: number): void {
  charge(g, length >> 6);
}
