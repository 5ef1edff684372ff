import { defineRule } from '../../src/rule-api.js';
import type { ContainerView, HandlerView, HookKind, ProbeKind } from '../../src/k8s/views.js';
import { builtinImagePatterns, imageLacks, imageMatchesAny, imagePatternSchema, parseImage, type ImagePattern } from '../../src/k8s/images.js';
import { failureConsequence } from '../../src/runtime/profiles.js';

interface Options {
  additionalImages: ImagePattern[];
  ignoreImages: string[];
}

const base = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/** The program argv[0] names, without its directory; null when it is empty or a variable. */
function program(argv: string[]): { name: string; index: number } | null {
  const first = argv[0];
  if (first === undefined || first === '' || first.includes('$')) return null;
  return { name: base(first), index: 0 };
}

export default defineRule<Options>({
  id: 'exec-binary-missing',
  meta: {
    description: 'An exec hook or probe calls a shell or binary that its image very likely does not contain.',
    category: 'runtime',
    defaultSeverity: 'warn',
    messages: {
      missing: '{{where}} runs `{{program}}`, which {{image}} very likely lacks ({{family}}: {{why}}). The exec fails, so {{consequence}}.',
    },
    options: {
      type: 'object',
      properties: {
        additionalImages: {
          type: 'array',
          default: [],
          description: 'Extra image patterns ({ name, match, except?, missing, why }), checked before the built-in ones.',
          items: imagePatternSchema,
        },
        ignoreImages: {
          type: 'array',
          default: [],
          description: 'Regular expressions of images never to flag (for example your own Alpine image that installs bash).',
          items: { type: 'string' },
        },
      },
      additionalProperties: false,
    },
  },
  create(ctx) {
    const patterns = [...(ctx.options.additionalImages ?? []), ...builtinImagePatterns];
    const ignore = ctx.options.ignoreImages ?? [];

    const check = (c: ContainerView, h: HandlerView | undefined, where: string, kind: HookKind | ProbeKind) => {
      // Regular init and ephemeral containers may not have hooks or probes at all (API-rejected).
      if (h?.type !== 'exec' || !h.command || c.image.value === undefined || (c.role !== 'app' && c.role !== 'sidecar')) return;
      const image = parseImage(c.image.value);
      const prog = program(h.command.value);
      if (!image || !prog || imageMatchesAny(image, c.image.value, ignore)) return;
      let found = imageLacks(image, prog.name, patterns);
      let at = prog.index;
      // `env bash …` where the image has env: the program that matters is the next word.
      if (!found && prog.name === 'env') {
        const next = h.command.value.findIndex((a, i) => i > 0 && !a.startsWith('-') && !a.includes('='));
        const name = next > 0 ? base(h.command.value[next]!) : undefined;
        if (name !== undefined) {
          found = imageLacks(image, name, patterns);
          if (found) {
            prog.name = name;
            at = next;
          }
        }
      }
      if (!found) return;
      ctx.report({
        at: h.command.items[at]!,
        messageId: 'missing',
        data: { where, program: h.command.value[at]!, image: c.image.value, family: found.name, why: found.why, consequence: failureConsequence[kind] },
        related: [{ at: c.image, message: `image: ${c.image.value}` }],
      });
    };

    return {
      hook: (h) => check(h.container, h.handler, `The ${h.kind} hook`, h.kind),
      probe: (p) => check(p.container, p.handler, `The ${p.kind}Probe`, p.kind),
    };
  },
});
