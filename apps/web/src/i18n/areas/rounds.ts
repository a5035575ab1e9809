// The rounds area's words (top-level key `rounds`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { rounds: {} };
export const fr: Strings<typeof en> = { rounds: {} };
export const es: Strings<typeof en> = { rounds: {} };
