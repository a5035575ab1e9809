import type { AmendmentStatus, ClosingItemStatus, ConstituentGroup, GroupVote, Position } from '@tripartite/domain';
import type { DemoComment } from './demo-comments';

/** A group's position as the moderator records it, with the spokesperson's statement if any. */
type Stated = Position | [Position, string];

/** What the meeting did on one agenda item; items the plan does not name stay PENDING. */
export interface DemoItemPlan {
  key: string;
  positions: Partial<Record<ConstituentGroup, Stated>>;
  amendment?: { by: ConstituentGroup; text: string; positions: Partial<Record<ConstituentGroup, Position>>; decision?: Exclude<AmendmentStatus, 'PROPOSED'> };
  /** Counts per group; the demo meeting registers 6 government, 3 employer and 3 worker voting participants. */
  vote?: GroupVote[];
  /** Left out: the item stays UNDER_DISCUSSION. */
  close?: ClosingItemStatus;
}

export interface DemoMeetingPlan {
  /** The consultation before it (all comments disposed: the meeting may be scheduled). */
  comments: DemoComment[];
  title: string;
  venue: string;
  /** Relative to the seed's clock. */
  startsInHours: number;
  endsInHours: number;
  moderator: string;
  items: DemoItemPlan[];
  /** IN_SESSION: the meeting stays open; REPORT_ADOPTED: closed, report adopted, the instrument moved to GB_SUBMISSION. */
  leave: 'IN_SESSION' | 'REPORT_ADOPTED';
}

// Written for the demo; any resemblance to real submissions is the subject matter's, not a quotation.

/** CARE/2026: the meeting in session, for the board and the moderator's console. */
export const CARE_MEETING: DemoMeetingPlan = {
  comments: [
    {
      author: 'gov.ph@tripartite.demo',
      guideline: '2.3',
      type: 'TECHNICAL',
      body: 'Countries of origin should be consulted on the recruitment of migrant care workers, through the bilateral agreements that cover them.',
      disposition: 'PARTIALLY_ACCEPTED',
      note: 'Reference to bilateral agreements added to the explanatory note.',
    },
    {
      author: 'gov.de@tripartite.demo',
      guideline: '3.1',
      type: 'GENERAL',
      body: 'Germany supports public investment in care but the guideline should leave the mix of public and private provision to national choice.',
      disposition: 'NOTED',
      note: 'The guideline does not prescribe the mix.',
    },
    {
      author: 'emp.intl@tripartite.demo',
      guideline: '2.1',
      type: 'TECHNICAL',
      body: 'Households are not enterprises: counting every hour at the disposal of the household as working time would make live-in care unaffordable.',
      disposition: 'NOTED',
      note: 'To be discussed at the meeting of experts.',
    },
    {
      author: 'wrk.intl@tripartite.demo',
      guideline: '1.3',
      type: 'TECHNICAL',
      body: 'Job evaluation free from gender bias is the only way to close the pay gap; the guideline should say who carries it out.',
      proposedText:
        'Governments and the social partners should carry out job evaluation free from gender bias to close the pay gap with occupations of equal value.',
      disposition: 'PARTIALLY_ACCEPTED',
      note: 'The social partners are now named.',
    },
    {
      author: 'wrk.br@tripartite.demo',
      guideline: null,
      type: 'GENERAL',
      body: 'Domestic workers must be named explicitly throughout the guidelines; they are the largest group of care workers without protection.',
      disposition: 'ACCEPTED',
      note: 'Domestic work is now named in guideline 3.2.',
    },
  ],
  title: 'Tripartite meeting of experts on decent work in the care economy',
  venue: 'Geneva',
  startsInHours: -2,
  endsInHours: 3 * 24,
  moderator: 'moderator@tripartite.demo',
  items: [
    { key: '1.1', positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }, close: 'ADOPTED' },
    {
      key: '1.2',
      positions: {
        GOVERNMENT: 'SUPPORT',
        EMPLOYERS: ['RESERVATION', 'An agency or a platform should not be presumed to be the employer in every case.'],
        WORKERS: 'SUPPORT',
      },
      close: 'ADOPTED',
    },
    {
      key: '1.3',
      positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: ['OPPOSE', 'Pay is for collective bargaining, not for guidelines.'], WORKERS: 'SUPPORT' },
      amendment: {
        by: 'EMPLOYERS',
        text: 'Pay in care occupations should reflect the skills the work requires; governments and the social partners should review job evaluation methods to remove gender bias.',
        positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' },
        decision: 'ACCEPTED',
      },
      close: 'ADOPTED_AS_AMENDED',
    },
    // Under discussion: two groups have spoken, an amendment is on the table.
    {
      key: '2.1',
      positions: {
        GOVERNMENT: 'SUPPORT',
        EMPLOYERS: ['OPPOSE', 'Households cannot be held to the working time rules of enterprises.'],
      },
      amendment: {
        by: 'GOVERNMENT',
        text: 'The hours that a live-in care worker is at the disposal of the household, and not free to use as they wish, should count as working time, with daily and weekly rest periods and limits on night work.',
        positions: { GOVERNMENT: 'SUPPORT' },
      },
    },
  ],
  leave: 'IN_SESSION',
};

/** HEAT/2026: a meeting that is over, its report adopted, so the instrument is in GB_SUBMISSION with a paper to prepare. */
export const HEAT_MEETING: DemoMeetingPlan = {
  comments: [
    {
      author: 'gov.ma@tripartite.demo',
      guideline: '1.2',
      type: 'TECHNICAL',
      body: 'Heat action plans should be linked to the national meteorological service’s warnings, with thresholds set in advance.',
      disposition: 'ACCEPTED',
      note: 'Thresholds linked to weather warnings.',
    },
    {
      author: 'gov.ca@tripartite.demo',
      guideline: '2.3',
      type: 'EDITORIAL',
      body: '"Build up their exposure" is unclear; we suggest "increase their exposure gradually".',
      proposedText: 'should increase their exposure gradually',
      disposition: 'ACCEPTED',
      note: 'Editorial change made.',
    },
    {
      author: 'emp.ph@tripartite.demo',
      guideline: '2.2',
      type: 'TECHNICAL',
      body: 'Stopping heavy work at a fixed limit ignores the measures an employer has taken; limits should depend on the controls in place.',
      disposition: 'NOTED',
      note: 'To be discussed at the meeting of experts.',
    },
    {
      author: 'emp.ke@tripartite.demo',
      guideline: '3.2',
      type: 'GENERAL',
      body: 'The right to stop work already exists in national law on occupational safety and health; these guidelines should not restate it.',
      disposition: 'NOTED',
      note: 'Noted.',
    },
    {
      author: 'wrk.ke@tripartite.demo',
      guideline: '2.1',
      type: 'TECHNICAL',
      body: 'Rest breaks in the heat must be paid, or workers paid by the piece will not take them.',
      proposedText:
        'Workers exposed to heat should have cool drinking water, access to shade or cooled rest areas, and paid rest breaks whose length and frequency increase with the heat.',
      disposition: 'PARTIALLY_ACCEPTED',
      note: 'Paid breaks mentioned in the explanatory note.',
    },
  ],
  title: 'Tripartite meeting of experts on protecting workers from heat stress',
  venue: 'Geneva',
  startsInHours: -6,
  endsInHours: -1,
  moderator: 'moderator2@tripartite.demo',
  items: [
    { key: '1.1', positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }, close: 'ADOPTED' },
    { key: '1.2', positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }, close: 'ADOPTED' },
    { key: '2.1', positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }, close: 'ADOPTED' },
    {
      key: '2.2',
      positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: ['OPPOSE', 'Limits should depend on the controls an employer has in place.'], WORKERS: 'SUPPORT' },
      vote: [
        { group: 'GOVERNMENT', inFavour: 5, against: 1, abstentions: 0 },
        { group: 'EMPLOYERS', inFavour: 0, against: 3, abstentions: 0 },
        { group: 'WORKERS', inFavour: 3, against: 0, abstentions: 0 },
      ],
      close: 'ADOPTED',
    },
    { key: '2.3', positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' }, close: 'ADOPTED' },
    {
      key: '3.1',
      positions: { GOVERNMENT: 'SUPPORT', EMPLOYERS: ['RESERVATION', 'Reporting as occupational disease must follow national lists.'], WORKERS: 'SUPPORT' },
      close: 'ADOPTED',
    },
    {
      key: '3.2',
      positions: { GOVERNMENT: 'ABSTAIN', EMPLOYERS: ['OPPOSE', 'Already in national law; restating it here adds nothing.'], WORKERS: 'SUPPORT' },
      close: 'NOT_ADOPTED',
    },
  ],
  leave: 'REPORT_ADOPTED',
};
