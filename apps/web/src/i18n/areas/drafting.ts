// The drafting area's words (top-level key `drafting`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { drafting: {} };
export const fr: Strings<typeof en> = { drafting: {} };
export const es: Strings<typeof en> = { drafting: {} };
