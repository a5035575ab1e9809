// Each area of the client keeps its words in its own file here (one top-level key per area, so areas never
// collide), in the three languages. An area's words are a chunk of their own, fetched with the pages that use
// them (loadAreas, before the page renders): the sign-in page, on a slow link, carries none of them.
import type * as admin from './admin';
import type * as drafting from './drafting';
import type * as governingBody from './governingBody';
import type * as meetingAdmin from './meetingAdmin';
import type * as projector from './projector';
import type * as rounds from './rounds';
import type * as settings from './settings';
import type { Strings } from '../strings';

export interface AreaWords<T> {
  en: T;
  fr: Strings<T>;
  es: Strings<T>;
}

export const AREAS = {
  admin: (): Promise<AreaWords<typeof admin.en>> => import('./admin'),
  drafting: (): Promise<AreaWords<typeof drafting.en>> => import('./drafting'),
  governingBody: (): Promise<AreaWords<typeof governingBody.en>> => import('./governingBody'),
  meetingAdmin: (): Promise<AreaWords<typeof meetingAdmin.en>> => import('./meetingAdmin'),
  projector: (): Promise<AreaWords<typeof projector.en>> => import('./projector'),
  rounds: (): Promise<AreaWords<typeof rounds.en>> => import('./rounds'),
  settings: (): Promise<AreaWords<typeof settings.en>> => import('./settings'),
};

export type Area = keyof typeof AREAS;

/** Every area's English words, for the type of `t` (a type only: nothing of it is in the main bundle). */
export type AreasEn = typeof admin.en &
  typeof drafting.en &
  typeof governingBody.en &
  typeof meetingAdmin.en &
  typeof projector.en &
  typeof rounds.en &
  typeof settings.en;
