// The settings area's words (top-level key `settings`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { settings: {} };
export const fr: Strings<typeof en> = { settings: {} };
export const es: Strings<typeof en> = { settings: {} };
