// The admin area's words (top-level key `admin`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { admin: {} };
export const fr: Strings<typeof en> = { admin: {} };
export const es: Strings<typeof en> = { admin: {} };
