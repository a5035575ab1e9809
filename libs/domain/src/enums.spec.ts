import * as enums from './enums';
import { STAGES } from './stages';

// The contract's enums (schema.graphql), copied here so a drift shows up in a test.
const CONTRACT: Record<string, string[]> = {
  STAGES: ['DRAFTING', 'CONSULTATION', 'CONSOLIDATION', 'EXPERTS_MEETING', 'GB_SUBMISSION', 'DECIDED', 'WITHDRAWN'],
  CONSTITUENT_GROUPS: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
  ROLES: ['ADMIN', 'SECRETARIAT', 'CONSTITUENT', 'MODERATOR', 'OBSERVER'],
  VERSION_STATUSES: ['DRAFT', 'PUBLISHED'],
  LANGUAGES: ['EN', 'FR', 'ES'],
  TRANSLATION_STATUSES: ['ORIGINAL', 'CURRENT', 'STALE', 'MISSING'],
  ROUND_STATUSES: ['SCHEDULED', 'OPEN', 'CLOSED'],
  COMMENT_VISIBILITIES: ['IMMEDIATE', 'AFTER_CLOSE', 'SECRETARIAT_ONLY'],
  COMMENT_TYPES: ['GENERAL', 'TECHNICAL', 'EDITORIAL'],
  COMMENT_STATUSES: ['SUBMITTED', 'WITHDRAWN'],
  DISPOSITIONS: ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'NOTED'],
  MEETING_STATUSES: ['SCHEDULED', 'IN_SESSION', 'CLOSED', 'REPORT_ADOPTED'],
  DECISION_RULES: ['CONSENSUS', 'GROUP_WEIGHTED_VOTE'],
  PARTICIPANT_ROLES: ['CHAIR', 'VICE_CHAIR', 'SPOKESPERSON', 'EXPERT', 'ADVISER', 'OBSERVER'],
  POSITIONS: ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'RESERVATION'],
  ITEM_STATUSES: ['PENDING', 'UNDER_DISCUSSION', 'ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'],
  AMENDMENT_STATUSES: ['PROPOSED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'],
  TALLY_OUTCOMES: ['INCOMPLETE', 'CONSENSUS', 'NO_CONSENSUS', 'VOTE_CARRIED', 'VOTE_FAILED'],
  SUBMISSION_STATUSES: ['DRAFT', 'SUBMITTED', 'DECIDED'],
  GB_DECISIONS: ['APPROVED', 'APPROVED_WITH_AMENDMENTS', 'DEFERRED', 'REFERRED_BACK', 'NOT_APPROVED'],
};

describe('enums', () => {
  const all: Record<string, readonly string[]> = { ...enums, STAGES } as unknown as Record<string, readonly string[]>;
  it.each(Object.keys(CONTRACT))('%s matches the contract', (name) => {
    expect(all[name]).toEqual(CONTRACT[name]);
  });

  it('derives the subsets from the full lists', () => {
    for (const r of enums.VOTING_ROLES) expect(enums.PARTICIPANT_ROLES).toContain(r);
    for (const s of enums.CLOSING_ITEM_STATUSES) expect(enums.ITEM_STATUSES).toContain(s);
    for (const d of enums.FINAL_GB_DECISIONS) expect(enums.GB_DECISIONS).toContain(d);
    expect(enums.FINAL_GB_DECISIONS).not.toContain('DEFERRED');
    expect(enums.FINAL_GB_DECISIONS).not.toContain('REFERRED_BACK');
  });

  it('isOneOf narrows unknown input', () => {
    expect(enums.isOneOf(enums.POSITIONS, 'SUPPORT')).toBe(true);
    expect(enums.isOneOf(enums.POSITIONS, 'support')).toBe(false);
    expect(enums.isOneOf(enums.POSITIONS, 3)).toBe(false);
  });
});
