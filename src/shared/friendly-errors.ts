import type { z } from 'zod';

/** A validation problem located for a person: file, line, field path and what to do. */
export interface MetadataProblem {
  file: string;
  line: number | null;
  field: string;
  message: string;
  /** Errors fail the check; warnings (e.g. texts still to write in a draft) are reported only. Default: error. */
  severity?: 'error' | 'warning';
}

/** Formats a path like `fields[2].name` from zod's path segments. */
export function formatPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>((out, segment) => {
      if (typeof segment === 'number') return `${out}[${segment}]`;
      return out ? `${out}.${String(segment)}` : String(segment);
    }, '') || '(top level)'
  );
}

/**
 * Turns zod issues into one located problem each, as Starlight's parseWithFriendlyErrors does.
 * `lineOf` maps an issue path to a line in the source file when the caller can.
 */
export function problemsFromIssues(file: string, issues: readonly z.core.$ZodIssue[], lineOf: (path: readonly PropertyKey[]) => number | null = () => null): MetadataProblem[] {
  return issues.map((issue) => ({
    file,
    line: lineOf(issue.path),
    field: formatPath(issue.path),
    message: describeIssue(issue),
  }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field(s) ${issue.keys.map((key) => `"${key}"`).join(', ')}: check the spelling against docs/maintainers.md or remove them`;
  }
  if (issue.code === 'invalid_type') {
    // zod does not keep the input on issues; its message says what it received.
    const missing = /received undefined$/.test(issue.message);
    return missing ? `required field is missing (expected ${issue.expected}); add it` : `${issue.message.replace(/^Invalid input: /, '')}; write a ${issue.expected} here`;
  }
  return issue.message;
}

/** One line per problem: `src/content/datasets/x.yaml:12  fields[2].description: …`. */
export function formatProblems(problems: readonly MetadataProblem[]): string {
  return problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}  ${p.field}: ${p.message}`).join('\n');
}
