/**
 * mayBeTemplate looks for `{{` or `-}}` before running templateMarker (issue 11: the multiline
 * regex over every large file cost more than the check it guards). It must agree with the regex.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayBeTemplate, templateMarker } from '../src/engine/parse.js';

describe('mayBeTemplate', () => {
  it('answers what templateMarker answers, on text made of the characters the marker is built from', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}-: \t\nab#'.split('')), maxLength: 40 }), (text) => {
        expect(mayBeTemplate(text)).toBe(templateMarker.test(text));
      }),
      { seed: 20261207, numRuns: 3000 },
    );
  });

  it('finds each form of the marker, and nothing in plain YAML', () => {
    for (const t of ['{{ .x }}', 'a: {{ .x }}', '- {{ .x }}', 'a: "{{- .x }}"', 'a: "{{ .x -}}"', 'a: b -}}']) expect(mayBeTemplate(t)).toBe(true);
    for (const t of ['a: b', 'a: "{{"', 'a: {b: {c: d}}', 'a: x}}', '']) expect(mayBeTemplate(t)).toBe(false);
  });
});
