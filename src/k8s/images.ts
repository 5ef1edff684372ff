/**
 * Image-name patterns for exec-binary-missing: images that very likely lack a shell or a common
 * binary, judged from the image reference alone. Data, configurable through the rule's options.
 *
 * Patterns are regular expressions (JavaScript syntax, case-insensitive) tested against the
 * canonical reference: `registry/path[:tag][@digest]`, with Docker Hub's implicit parts written out
 * (`tomcat:7.0.94-alpine` → `docker.io/library/tomcat:7.0.94-alpine`).
 */

export interface ImagePattern {
  /** The image family, for messages: "distroless". */
  name: string;
  /** Regular expression over the canonical image reference. */
  match: string;
  /** Matching images that do have the binaries (debug variants, images known to add bash). */
  except?: string;
  /** Program names (argv[0] without its directory) the images lack; `@shells` and `@tools` expand
   * to the lists below. */
  missing: string[];
  /** Why, for the message. */
  why: string;
}

/** Shells: `/bin/sh -c`, `bash -c`, … */
export const shells: readonly string[] = ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'csh', 'tcsh', 'fish'];

/** Everyday userland binaries (coreutils, busybox applets, curl/wget) that images without a
 * userland lack too. */
export const tools: readonly string[] = [
  'busybox', 'env', 'sleep', 'cat', 'echo', 'test', '[', 'ls', 'grep', 'ps', 'kill', 'pkill', 'pgrep', 'killall', 'nc', 'touch', 'rm',
  'mkdir', 'sed', 'awk', 'timeout', 'true', 'false', 'head', 'tail', 'find', 'stat', 'curl', 'wget',
];

/** Official Docker Hub images whose `-alpine` variants install bash (their entrypoints are bash
 * scripts): postgres and rabbitmq verified in docker-library's Dockerfiles, the others are known
 * to follow the same pattern. */
const alpineWithBash = [
  'postgres', 'rabbitmq', 'wordpress', 'ghost', 'kong', 'influxdb', 'telegraf', 'chronograf', 'kapacitor', 'bash', 'maven', 'gradle',
  'redmine', 'joomla', 'mongo-express',
];

const officialLibrary = '(?:docker\\.io|public\\.ecr\\.aws/docker|mirror\\.gcr\\.io)/library/';

export const builtinImagePatterns: readonly ImagePattern[] = [
  {
    name: 'distroless',
    // gcr.io/distroless/* and `-distroless` builds (Istio's convention); `:debug` variants carry busybox.
    match: 'distroless',
    except: ':[^@]*debug',
    missing: ['@shells', '@tools'],
    why: 'distroless images contain no shell and no userland tools',
  },
  {
    name: 'Chainguard static',
    match: '^cgr\\.dev/chainguard/static(?:[:@]|$)',
    missing: ['@shells', '@tools'],
    why: 'the static image contains no shell and no userland tools',
  },
  {
    name: 'pause (scratch-based)',
    match: '/(?:mirrored-)?pause(?:-(?:amd64|arm64|arm|ppc64le|s390x))?(?:[:@]|$)',
    missing: ['@shells', '@tools'],
    why: 'the pause image is built FROM scratch and holds only /pause',
  },
  {
    name: 'Cloud SQL Auth Proxy',
    // v1 images from 1.14 on are FROM gcr.io/distroless/base, v2 FROM gcr.io/distroless/static
    // (the projects' Dockerfiles); the -alpine / -buster / -bullseye / -bookworm variants have a shell.
    match: '^(?:[a-z]+\\.)?gcr\\.io/(?:cloudsql-docker/gce-proxy:1\\.(?:1[4-9]|[2-9]\\d)|cloud-sql-connectors/cloud-sql-proxy:2\\.)',
    except: ':[^@]*(?:alpine|buster|bullseye|bookworm)',
    missing: ['@shells', '@tools'],
    why: 'the default proxy images are distroless, without a shell or userland tools; the -alpine and -bookworm variants have them',
  },
  {
    name: 'busybox',
    match: '/busybox(?:[:@]|$)',
    missing: ['bash'],
    why: 'busybox has sh (ash) but no bash',
  },
  {
    name: 'alpine',
    match: '/alpine(?:[:@]|$)',
    missing: ['bash'],
    why: 'Alpine has /bin/sh (busybox ash) but no bash unless the image installs it',
  },
  {
    name: 'official -alpine variant',
    // Docker Hub and its official mirrors (Amazon ECR Public, Google's mirror).
    match: `^${officialLibrary}[a-z0-9._-]+:[^@]*alpine`,
    except: `^${officialLibrary}(?:${alpineWithBash.join('|')}):`,
    missing: ['bash'],
    why: 'the official Alpine variants have /bin/sh (busybox ash) but no bash',
  },
];

/** JSON Schema of one image pattern (rule option `additionalImages`). */
export const imagePatternSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, description: 'The image family, for messages.' },
    match: { type: 'string', minLength: 1, description: 'Regular expression over the canonical image reference (docker.io/library/alpine:3.20).' },
    except: { type: 'string', description: 'Regular expression for matching images that do have the binaries.' },
    missing: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Program names the images lack; @shells and @tools expand to the built-in lists.' },
    why: { type: 'string', minLength: 1, description: 'Why, for the message.' },
  },
  required: ['name', 'match', 'missing', 'why'],
  additionalProperties: false,
} as const;

export interface ImageRef {
  registry: string;
  /** Repository path without the registry: `library/tomcat`. */
  path: string;
  tag?: string;
  digest?: string;
  /** `docker.io/library/tomcat:7.0.94-alpine`, lower-case. */
  canonical: string;
}

/** Parse an image reference; null for empty or templated values (`{{ .Values.image }}`, `$(IMAGE)`). */
export function parseImage(image: string): ImageRef | null {
  const ref = image.trim().toLowerCase();
  if (!ref || /[\s{}$]/.test(ref)) return null;
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift()!;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (!path) return null;
  const canonical = `${registry}/${path}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { registry, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}), canonical };
}

const compiled = new Map<string, RegExp>();

function regex(source: string, what: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    try {
      re = new RegExp(source, 'i');
    } catch (err) {
      throw new Error(`${what}: not a valid regular expression: ${(err as Error).message}`);
    }
    compiled.set(source, re);
  }
  return re;
}

/** The program names a pattern lists, groups expanded. */
export function missingPrograms(pattern: ImagePattern): Set<string> {
  const out = new Set<string>();
  for (const m of pattern.missing) {
    if (m === '@shells') shells.forEach((s) => out.add(s));
    else if (m === '@tools') tools.forEach((t) => out.add(t));
    else out.add(m);
  }
  return out;
}

/** The first pattern that says `program` is missing from `image`, if any. */
export function imageLacks(image: ImageRef, program: string, patterns: readonly ImagePattern[]): ImagePattern | undefined {
  return patterns.find(
    (p) =>
      regex(p.match, `image pattern '${p.name}' match`).test(image.canonical) &&
      !(p.except && regex(p.except, `image pattern '${p.name}' except`).test(image.canonical)) &&
      missingPrograms(p).has(program),
  );
}

/** Does any of these regular expressions match the image (raw or canonical)? */
export function imageMatchesAny(image: ImageRef, raw: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const re = regex(p, `ignored image pattern '${p}'`);
    return re.test(image.canonical) || re.test(raw);
  });
}
