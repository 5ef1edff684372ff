/**
 * Rule options checked against the rule's schema on every path (config file, --rule, lintText,
 * lintFiles, createLinter): a wrong type must be an error naming the rule and the option, never a
 * silently different result. The schemas are small flat objects, so they are checked here
 * directly; ajv (about 100 ms to load and compile) is loaded only for array items that are objects
 * with a schema of their own, and only when such an option is given.
 */
import { createRequire } from 'node:module';
import type { JsonSchemaObject, OptionSchema } from '../rule-api.js';

/** Problems with `options` for rule `id`, each a sentence naming the rule and the option. */
export function ruleOptionProblems(id: string, schema: JsonSchemaObject | undefined, options: Record<string, unknown>): string[] {
  const props = schema?.properties ?? {};
  const out: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    const where = `rule '${id}': option '${name}'`;
    const prop = Object.hasOwn(props, name) ? props[name] : undefined;
    if (!prop) {
      const known = Object.keys(props);
      out.push(`${where} does not exist (${known.length ? `options: ${known.join(', ')}` : 'the rule has no options'}).`);
      continue;
    }
    const problem = valueProblem(prop, value);
    if (problem) out.push(`${where} ${problem}, got ${show(value)}.`);
  }
  return out;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueProblem(schema: OptionSchema, value: unknown): string | undefined {
  if (schema.enum && !schema.enum.includes(value)) return `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  switch (schema.type) {
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number`;
      if (schema.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (schema.minimum !== undefined && value < schema.minimum) return `must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `must be at most ${schema.maximum}`;
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'array': {
      if (!Array.isArray(value)) return 'must be a list';
      const items = schema.items as (OptionSchema & { properties?: unknown }) | undefined;
      if (!items) return undefined;
      for (const [i, item] of value.entries()) {
        const problem = items.properties ? objectProblem(items, item) : valueProblem(items, item);
        if (problem) return `item ${i + 1} ${problem}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const compiled = new WeakMap<object, Validate>();
const lazyRequire = createRequire(import.meta.url);

/** An object item with a schema of its own (image patterns, runtime profiles): ajv, loaded lazily. */
function objectProblem(schema: object, item: unknown): string | undefined {
  let validate = compiled.get(schema);
  if (!validate) {
    const Ajv = lazyRequire('ajv') as { default: new (o: object) => { compile(s: object): Validate } };
    validate = new Ajv.default({ allErrors: false, strict: false }).compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(item)) return undefined;
  const e = validate.errors?.[0];
  return `${e?.instancePath ? `at '${e.instancePath.slice(1).replace(/\//g, '.')}' ` : ''}${e?.message ?? 'is invalid'}`;
}
