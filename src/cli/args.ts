/** A small argv reader shared by the CLIs: `--name value`, `--name=value`, repeatable flags, positionals. */
export class UsageError extends Error {}

export interface ArgSpec {
  /** options that take a value */
  values: readonly string[];
  /** options that may repeat (collected into arrays) */
  repeat?: readonly string[];
  /** options without a value */
  flags: readonly string[];
}

export interface Parsed {
  values: Record<string, string>;
  lists: Record<string, string[]>;
  flags: Set<string>;
  positional: string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): Parsed {
  const out: Parsed = { values: {}, lists: {}, flags: new Set(), positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
      continue;
    }
    if (!spec.values.includes(name) && !spec.repeat?.includes(name)) {
      throw new UsageError(`unknown option --${name}; known: ${[...spec.values, ...(spec.repeat ?? []), ...spec.flags].map((o) => `--${o}`).join(', ')}`);
    }
    const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined) throw new UsageError(`--${name} needs a value`);
    if (spec.repeat?.includes(name)) (out.lists[name] ??= []).push(v);
    else out.values[name] = v;
  }
  return out;
}
