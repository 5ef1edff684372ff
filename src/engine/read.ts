/**
 * Reading a manifest file: bytes → text, or a clear problem. Binary data and invalid UTF-8 are
 * findings at their position (the file is not silently skipped); a BOM is dropped. UTF-16 with a
 * BOM is read as kubectl reads it.
 */
import { readFileSync } from 'node:fs';
import { describeFsError } from './discover.js';

export type ReadOutcome =
  | { ok: true; text: string }
  | { ok: true; text: string; problem: { id: 'binary-file' | 'encoding'; offset: number; message: string } }
  | { ok: false; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-16 with a byte order mark: go-yaml detects it from the BOM, so kubectl accepts such files. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function decodeManifest(bytes: Uint8Array): ReadOutcome {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      const lossy = new TextDecoder(utf16).decode(bytes);
      return { ok: true, text: lossy, problem: { id: 'encoding', offset: Math.max(lossy.indexOf('\uFFFD'), 0), message: `Invalid ${utf16.toUpperCase()}: the byte order mark says UTF-16, but the text is not.` } };
    }
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { ok: true, text: '', problem: { id: 'binary-file', offset: 0, message: `Binary file (NUL byte at offset ${nul}): not a YAML or JSON manifest.` } };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const offset = lossy.indexOf('\uFFFD');
    return { ok: true, text: lossy, problem: { id: 'encoding', offset: Math.max(offset, 0), message: 'Invalid UTF-8: Kubernetes manifests must be UTF-8 encoded.' } };
  }
}

export function readManifest(path: string): ReadOutcome {
  try {
    return decodeManifest(readFileSync(path));
  } catch (err) {
    return { ok: false, message: describeFsError(err, path) };
  }
}
