// A BAD_USER_INPUT's fields, each to be shown beside its own field; what no field of the form shows stays in the summary.
import { describeError, type Problem } from '../../../ui/errors';

export interface FieldProblems {
  problem: Problem | null;
  /** The server's message for a field (its own or one of its items, "organizationIds[2]"). */
  of: (field: string) => string | null;
  /** The problem without the fields the form shows, or null when nothing is left to say. */
  rest: (shown: readonly string[]) => Problem | null;
}

const base = (field: string) => field.replace(/\[\d+\]$/, '').replace(/^input\./, '');

export function fieldProblems(error: unknown): FieldProblems {
  const problem = error ? describeError(error) : null;
  return {
    problem,
    of: (field) =>
      problem?.fields
        .filter((f) => base(f.field) === field)
        .map((f) => f.message)
        .join('; ') || null,
    rest: (shown) => {
      if (!problem) return null;
      const fields = problem.fields.filter((f) => !shown.includes(base(f.field)));
      if (problem.code === 'BAD_USER_INPUT' && problem.fields.length > 0 && fields.length === 0) return null;
      return { ...problem, fields };
    },
  };
}
