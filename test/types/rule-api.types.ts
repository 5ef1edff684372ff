/**
 * Compile-time contract of the rule API, checked by test/rule-api-types.test.ts (and by any type
 * check of test/). Each `@ts-expect-error` must stay an error: if the API stops catching the
 * mistake below it, the directive itself becomes the error.
 */
import { defineRule, type OptionsOf, type Rule } from '../../src/rule-api.js';

export const typed = defineRule({
  id: 'typed',
  meta: {
    description: 'x',
    category: 'probes',
    defaultSeverity: 'warn',
    hasSuggestions: true,
    messages: { slow: 'slow {{n}}', raise: 'raise to {{n}}' },
    options: {
      type: 'object',
      properties: {
        maxSeconds: { type: 'number', default: 10, description: 'd' },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a', description: 'd' },
        names: { type: 'array', items: { type: 'string' }, default: [], description: 'd' },
        strict: { type: 'boolean', default: false, description: 'd' },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    const max: number = ctx.options.maxSeconds;
    const mode: 'a' | 'b' = ctx.options.mode;
    const names: string[] = ctx.options.names;
    const strict: boolean = ctx.options.strict;
    // @ts-expect-error an option the schema does not declare
    void ctx.options.maxSecond;
    // @ts-expect-error a number option is not a string
    const wrong: string = ctx.options.maxSeconds;
    return {
      probe(p) {
        ctx.report({ at: p.periodSeconds, messageId: 'slow', data: { n: max } });
        ctx.report({ at: p.periodSeconds, messageId: 'slow', suggest: [{ messageId: 'raise', fix: ctx.edits.replace(p.periodSeconds, '1') }] });
        // @ts-expect-error a message id that is not in meta.messages
        ctx.report({ at: p.periodSeconds, messageId: 'slwo' });
        // @ts-expect-error suggestion descriptions are message ids too
        ctx.report({ at: p.periodSeconds, messageId: 'slow', suggest: [{ messageId: 'rise', fix: [] }] });
        // @ts-expect-error an edit is a range and a text
        ctx.report({ at: p.periodSeconds, messageId: 'slow', fix: [{ range: [1], text: '' }] });
        void [mode, names, strict, wrong];
      },
    };
  },
});

/** A typed rule still goes into a registry of rules. */
export const registry: Record<string, Rule<any>> = { typed };

/** Without options, a rule's options are empty. */
export const noOptions: OptionsOf<undefined> = {};
