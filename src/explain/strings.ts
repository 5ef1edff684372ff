/** Text helpers shared by the renderers: terminal display width, truncation and wrapping. */

const ANSI = /\u001b\[[0-9;]*m/g;

export function charWidth(cp: number): number {
  if (cp === 0) return 0;
  // Combining marks, zero-width characters, variation selectors.
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)) return 0;
  if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff || (cp >= 0xe0100 && cp <= 0xe01ef)) return 0;
  // East Asian Wide and Fullwidth, emoji.
  if (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x231a && cp <= 0x231b) || (cp >= 0x2329 && cp <= 0x232a) || (cp >= 0x23e9 && cp <= 0x23ec) ||
    (cp >= 0x25fd && cp <= 0x25fe) || (cp >= 0x2614 && cp <= 0x2615) || (cp >= 0x2648 && cp <= 0x2653) || (cp >= 0x26aa && cp <= 0x26ab) ||
    (cp >= 0x2705 && cp <= 0x2705) || (cp >= 0x270a && cp <= 0x270b) || cp === 0x2728 || cp === 0x274c || (cp >= 0x2753 && cp <= 0x2755) ||
    (cp >= 0x2795 && cp <= 0x2797) || cp === 0x27b0 || cp === 0x27bf || (cp >= 0x2b1b && cp <= 0x2b1c) || cp === 0x2b50 || cp === 0x2b55 ||
    (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xfe30 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x16fe0 && cp <= 0x18cff) || (cp >= 0x1b000 && cp <= 0x1b2ff) || (cp >= 0x1f004 && cp <= 0x1f0cf) || (cp >= 0x1f18e && cp <= 0x1f19a) ||
    (cp >= 0x1f200 && cp <= 0x1f2ff) || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f680 && cp <= 0x1f6ff) || (cp >= 0x1f7e0 && cp <= 0x1f7eb) ||
    (cp >= 0x1f90c && cp <= 0x1f9ff) || (cp >= 0x1fa70 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
  ) return 2;
  return 1;
}

/** Display width in terminal columns (ANSI colour codes count 0). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(ANSI, '')) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cut plain text to `max` columns, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  if (max <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Word-wrap plain text to `max` columns; words longer than a line are broken. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line);
    line = '';
  };
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    const sep = line === '' ? '' : ' ';
    if (displayWidth(line) + sep.length + displayWidth(word) <= max) {
      line += sep + word;
      continue;
    }
    if (line !== '') push();
    let rest = word;
    while (displayWidth(rest) > max) {
      let head = '';
      let w = 0;
      for (const ch of rest) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (w + cw > max) break;
        head += ch;
        w += cw;
      }
      if (head === '') head = [...rest][0]!; // a wide char in a 1-column space: never loop forever
      // A path breaks after a separator, not mid-word, when one falls in the line (display paths
      // use "/" on every platform; a backslash may be an escape such as \u001b, never cut there).
      const cut = head.lastIndexOf('/');
      if (cut > 0 && cut < head.length - 1) head = head.slice(0, cut + 1);
      lines.push(head);
      rest = rest.slice(head.length);
    }
    line = rest;
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}

