import type { z } from 'zod';

/**
 * The one error type the library throws for problems the user can fix (bad configs, bad flags,
 * missing files, a dataset folder that belongs to another run). The CLI prints `message` and exits
 * with `exitCode`; anything else that escapes is a bug and exits 1 with its stack.
 */
export class SynthError extends Error {
  readonly exitCode: number;
  readonly details: readonly string[];

  constructor(message: string, options: { details?: readonly string[]; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SynthError';
    this.exitCode = options.exitCode ?? 2;
    this.details = options.details ?? [];
  }

  /** The message with its detail lines, as the CLI prints it. */
  describe(): string {
    return [this.message, ...this.details.map((d) => `  ✖ ${d}`)].join('\n');
  }
}

/**
 * For `.catch` around a stage that may be interrupted (Ctrl-C, exit code 130): rethrows the
 * interruption with `message`, which says how to continue at the caller's level; any other error
 * as it is.
 */
export function rephraseInterruption(message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof SynthError && error.exitCode === 130) throw new SynthError(message, { exitCode: 130, cause: error });
    throw error;
  };
}

/** `objects[2].scale` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/** The value found at a path of the raw input, shortened for an error line. */
export function describeValue(input: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return 'nothing';
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Turns zod issues into `path: what is allowed, got <value>` lines. Messages in synth's schemas
 * state what is allowed; the value found is looked up in the raw input so every line shows it.
 */
export function zodIssueLines(error: z.ZodError, input: unknown): string[] {
  return error.issues.flatMap((issue) => narrowUnion(issue, [])).map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${keys} (check the spelling; allowed keys are in \`synth schema\`)`;
    }
    // A refinement that rejects a record's key: the value at the path is the key's value, not the key.
    if (issue.code === 'custom' && issue.params?.['unknownKey'] === true) return `${path}: ${issue.message}`;
    return `${path}: ${issue.message}${allowedValues(issue)}, got ${describeValue(input, issue.path)}`;
  });
}

/** " (values: "box", "sphere")" when a union failed on an option that takes a fixed set of values. */
function allowedValues(issue: Issue): string {
  if (issue.code !== 'invalid_union') return '';
  const values = issue.errors.flat().find((i) => i.code === 'invalid_value' && i.path.length === 0);
  return values?.code === 'invalid_value' ? ` (values: ${values.values.map((v) => JSON.stringify(v)).join(', ')})` : '';
}

type Issue = z.core.$ZodIssue;

/**
 * A union's issues as those of the one option the input was written for, when there is one: the
 * option whose every issue lies below the value itself (a wrong field inside it, not a missing or
 * unknown key or a wrong kind of value), deeper than any other option's. So a bad field inside a
 * `{choice: [...]}` is reported at its own path rather than as "expected a texture or a choice".
 * Otherwise the union's own message, which says what is allowed.
 */
function narrowUnion(issue: Issue, prefix: readonly PropertyKey[]): Issue[] {
  const at = { ...issue, path: [...prefix, ...issue.path] } as Issue;
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [at];
  const depth = (branch: readonly Issue[]) => Math.min(...branch.map((i) => (i.code === 'unrecognized_keys' || i.path.length === 0 ? 0 : i.path.length)));
  const depths = issue.errors.map(depth);
  const best = Math.max(...depths);
  if (best === 0 || depths.filter((d) => d === best).length > 1) return [at];
  return issue.errors[depths.indexOf(best)]!.flatMap((i) => narrowUnion(i, at.path));
}

/** Parses with a zod schema or throws a SynthError that names the source and each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, source: string, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new SynthError(`${source}: invalid ${what}`, { details: zodIssueLines(result.error, input) });
}
