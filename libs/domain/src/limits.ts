// What the API accepts as free text and as an instant: one place for every capability's input checks.

/** A problem with one argument, named as the caller gave it (e.g. `input.closesAt`). */
export interface InputProblem {
  field: string;
  message: string;
}

/** A checked argument: its clean value, and what is wrong with it (nothing, when the list is empty). */
export interface Checked<T> {
  value: T;
  problems: InputProblem[];
}

/** Characters as PostgreSQL's char_length counts them (code points, not UTF-16 units). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The most characters (after trimming) each kind of text may have. */
export const TEXT_MAX = {
  /** A guideline's or a section's number: "1.1", "IV". */
  label: 20,
  /** A reference, a guideline key, a paper's symbol: "ILO/MIG/2026", "GB.356/INS/5". */
  code: 50,
  /** A client's idempotency key. */
  key: 200,
  /** A meeting's title or venue. */
  name: 300,
  /** A comment search. */
  search: 500,
  /** An instrument's, a section's or a guideline's title or heading; a paper's agenda item title. */
  title: 500,
  /** Why something was done: a stage move, a deadline extension. */
  reason: 2_000,
  /** A paper's point for decision. */
  point: 5_000,
  /** An instrument's summary, a version's change summary. */
  summary: 10_000,
  /** Prose: comments and their proposed texts, dispositions' notes, statements, amendments, guideline, final and decision texts. */
  prose: 20_000,
  /** A whole draft in Markdown. */
  document: 1_000_000,
} as const;

export type TextKind = keyof typeof TEXT_MAX;

export interface TextRules {
  /** Blank is a problem ("is required") rather than no text. */
  required?: boolean;
  /** No line breaks or other control characters. */
  oneLine?: boolean;
}

const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A free-text argument, trimmed, against its kind's limit. Optional text that is missing or blank is null;
 * required text is a string ('' when missing, with the problem).
 */
export function checkText(field: string, value: string | null | undefined, kind: TextKind, rules: TextRules & { required: true }): Checked<string>;
export function checkText(field: string, value: string | null | undefined, kind: TextKind, rules?: TextRules): Checked<string | null>;
export function checkText(field: string, value: string | null | undefined, kind: TextKind, rules: TextRules = {}): Checked<string | null> {
  const text = typeof value === 'string' ? value.trim() : '';
  const problems: InputProblem[] = [];
  if (!text) {
    if (rules.required) problems.push({ field, message: 'is required' });
    return { value: rules.required ? '' : null, problems };
  }
  const max = TEXT_MAX[kind];
  if (text.length > max && charLength(text) > max) problems.push({ field, message: `must be at most ${max} characters` });
  if (rules.oneLine && LINE_BREAK_OR_CONTROL.test(text)) problems.push({ field, message: 'must be on one line' });
  return { value: text, problems };
}

/** The instants the API accepts: from 2000-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z (UTC). */
export const INSTANT_MIN = new Date(Date.UTC(2000, 0, 1));
export const INSTANT_MAX = new Date(Date.UTC(2201, 0, 1) - 1);

/** A valid Date within the accepted range. */
export function isAcceptedInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime()) && value.getTime() >= INSTANT_MIN.getTime() && value.getTime() <= INSTANT_MAX.getTime();
}

/**
 * A date-time argument: a real instant in the years 2000 to 2200. Outside them it is a typing slip (0001-01-01,
 * 20260-01-01) that PostgreSQL would store or refuse in ways no reader expects; JavaScript reaches +275760.
 */
export function checkInstant(field: string, value: unknown, rules: { required?: boolean } = { required: true }): InputProblem[] {
  if (value === null || value === undefined) return rules.required === false ? [] : [{ field, message: 'is required' }];
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return [{ field, message: 'must be a date and time' }];
  if (!isAcceptedInstant(value)) return [{ field, message: 'must be in the years 2000 to 2200' }];
  return [];
}

/** `value` must come strictly after `other` (when both are accepted instants; checkInstant speaks of the rest). */
export function checkAfter(field: string, value: unknown, otherField: string, other: unknown): InputProblem[] {
  if (!isAcceptedInstant(value) || !isAcceptedInstant(other)) return [];
  return value.getTime() > other.getTime() ? [] : [{ field, message: `must be after ${otherField}` }];
}

/** `value` must come strictly before `other` (likewise). */
export function checkBefore(field: string, value: unknown, otherField: string, other: unknown): InputProblem[] {
  if (!isAcceptedInstant(value) || !isAcceptedInstant(other)) return [];
  return value.getTime() < other.getTime() ? [] : [{ field, message: `must be before ${otherField}` }];
}
