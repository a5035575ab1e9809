// The meetingAdmin area's words (top-level key `meetingAdmin`); English is the reference, French and Spanish have its keys.
import type { Strings } from '../strings';

export const en = { meetingAdmin: {} };
export const fr: Strings<typeof en> = { meetingAdmin: {} };
export const es: Strings<typeof en> = { meetingAdmin: {} };
