// The governingBody area's words (top-level key `governingBody`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { governingBody: {} };
export const fr: Strings<typeof en> = { governingBody: {} };
export const es: Strings<typeof en> = { governingBody: {} };
