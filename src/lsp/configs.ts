/**
 * The configuration of each file: the nearest `.kube-lifelint.yaml` above it (as the CLI finds it
 * from a file's folder), loaded once and kept until the file changes. A config that cannot be used
 * becomes one diagnostic on the config file; the files it governs get no findings until it is
 * fixed (findings from a configuration the user did not write would only mislead).
 */
import { dirname } from 'node:path';
import { createLinter, type Linter } from '../index.js';
import { ConfigError, findConfigFile, loadConfigFile } from '../config/load.js';
import { resolveConfig, type UserConfig } from '../config/resolve.js';
import { rules } from '../../rules/index.js';
import type { LintConfig } from '../engine/linter.js';

export interface UsableConfig {
  ok: true;
  /** The config file, or undefined when none applies (defaults). */
  path: string | undefined;
  resolved: LintConfig;
  linter: Linter;
  /** The same settings with fixes applied (source.fixAll), made on first use. */
  fixer(): Linter;
}

export interface BrokenConfig {
  ok: false;
  path: string;
  message: string;
  /** 1-based position of the first problem in the config file (1:1 when it names none). */
  line: number;
  column: number;
}

export type FileConfig = UsableConfig | BrokenConfig;

export class ConfigCache {
  /** Config path (or '' for none) → its loaded state. */
  private byPath = new Map<string, FileConfig>();

  constructor(private readonly cwd: string) {}

  /** The configuration for a file (absolute path), or for an unsaved buffer (undefined: the workspace's). */
  forFile(filePath: string | undefined): FileConfig {
    const path = findConfigFile(filePath ? dirname(filePath) : this.cwd);
    const key = path ?? '';
    let entry = this.byPath.get(key);
    if (!entry) {
      entry = load(path, this.cwd);
      this.byPath.set(key, entry);
    }
    return entry;
  }

  /** A config file was created, changed or deleted: load it (and the choice of nearest) again. */
  invalidate(): void {
    this.byPath.clear();
  }

  /** Every config loaded so far (to publish or clear their diagnostics). */
  loaded(): FileConfig[] {
    return [...this.byPath.values()];
  }
}

function load(path: string | undefined, cwd: string): FileConfig {
  try {
    const user: UserConfig = path ? loadConfigFile(path) : {};
    const resolved = resolveConfig(user, rules);
    let fixer: Linter | undefined;
    return {
      ok: true,
      path,
      resolved,
      linter: createLinter({ config: user, cwd }),
      fixer: () => (fixer ??= createLinter({ config: user, cwd, fix: true })),
    };
  } catch (err) {
    if (!(err instanceof ConfigError) || path === undefined) throw err;
    return broken(path, err.message);
  }
}

/** ConfigError messages name positions as `<path>:<line>:<col>: `; the first one places the diagnostic. */
export function broken(path: string, message: string): BrokenConfig {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`${escaped}:(\\d+):(\\d+): `);
  const m = at.exec(message);
  return {
    ok: false,
    path,
    message: message.split(new RegExp(`${escaped}:`, 'g')).join('').replace(/^Invalid config:\n/, 'Invalid config: '),
    line: m ? Number(m[1]) : 1,
    column: m ? Number(m[2]) : 1,
  };
}
