// Each area of the client keeps its words in its own file here, merged into the three languages' resources
// (en.ts, fr.ts, es.ts): one top-level key per area, so areas never collide.
import * as admin from './admin';
import * as drafting from './drafting';
import * as governingBody from './governingBody';
import * as meetingAdmin from './meetingAdmin';
import * as projector from './projector';
import * as rounds from './rounds';
import * as settings from './settings';

export const areasEn = { ...admin.en, ...drafting.en, ...governingBody.en, ...meetingAdmin.en, ...projector.en, ...rounds.en, ...settings.en };
export const areasFr = { ...admin.fr, ...drafting.fr, ...governingBody.fr, ...meetingAdmin.fr, ...projector.fr, ...rounds.fr, ...settings.fr };
export const areasEs = { ...admin.es, ...drafting.es, ...governingBody.es, ...meetingAdmin.es, ...projector.es, ...rounds.es, ...settings.es };
