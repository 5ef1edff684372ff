/** A configuration that cannot be used (bad file, unknown rule, invalid option): the CLI exits 2. */
export class ConfigError extends Error {}
