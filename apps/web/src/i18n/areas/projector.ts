// The projector area's words (top-level key `projector`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { projector: {} };
export const fr: Strings<typeof en> = { projector: {} };
export const es: Strings<typeof en> = { projector: {} };
