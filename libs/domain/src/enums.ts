// The contract's enums (schema.graphql) as const arrays, so code can both
// iterate them and type against them.

export const CONSTITUENT_GROUPS = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'] as const;
export type ConstituentGroup = (typeof CONSTITUENT_GROUPS)[number];

/** How a group is named in messages meant for people. */
export const GROUP_LABELS: Readonly<Record<ConstituentGroup, string>> = {
  GOVERNMENT: 'Government',
  EMPLOYERS: 'Employers',
  WORKERS: 'Workers',
};

export const ROLES = ['ADMIN', 'SECRETARIAT', 'CONSTITUENT', 'MODERATOR', 'OBSERVER'] as const;
export type Role = (typeof ROLES)[number];

export const VERSION_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** The organization's official languages: a version is written in one and translated into the others. */
export const LANGUAGES = ['EN', 'FR', 'ES'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TRANSLATION_STATUSES = ['ORIGINAL', 'CURRENT', 'STALE', 'MISSING'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export const ROUND_STATUSES = ['SCHEDULED', 'OPEN', 'CLOSED'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const COMMENT_VISIBILITIES = ['IMMEDIATE', 'AFTER_CLOSE', 'SECRETARIAT_ONLY'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const COMMENT_TYPES = ['GENERAL', 'TECHNICAL', 'EDITORIAL'] as const;
export type CommentType = (typeof COMMENT_TYPES)[number];

export const COMMENT_STATUSES = ['SUBMITTED', 'WITHDRAWN'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const DISPOSITIONS = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'NOTED'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const MEETING_STATUSES = ['SCHEDULED', 'IN_SESSION', 'CLOSED', 'REPORT_ADOPTED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const DECISION_RULES = ['CONSENSUS', 'GROUP_WEIGHTED_VOTE'] as const;
export type DecisionRule = (typeof DECISION_RULES)[number];

export const PARTICIPANT_ROLES = ['CHAIR', 'VICE_CHAIR', 'SPOKESPERSON', 'EXPERT', 'ADVISER', 'OBSERVER'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Advisers and observers attend but do not vote. */
export const VOTING_ROLES = ['CHAIR', 'VICE_CHAIR', 'SPOKESPERSON', 'EXPERT'] as const;
export type VotingRole = (typeof VOTING_ROLES)[number];

export const POSITIONS = ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'RESERVATION'] as const;
export type Position = (typeof POSITIONS)[number];

export const ITEM_STATUSES = ['PENDING', 'UNDER_DISCUSSION', 'ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The statuses closeAgendaItem may set. */
export const CLOSING_ITEM_STATUSES = ['ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'] as const;
export type ClosingItemStatus = (typeof CLOSING_ITEM_STATUSES)[number];

export const AMENDMENT_STATUSES = ['PROPOSED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

export const TALLY_OUTCOMES = ['INCOMPLETE', 'CONSENSUS', 'NO_CONSENSUS', 'VOTE_CARRIED', 'VOTE_FAILED'] as const;
export type TallyOutcome = (typeof TALLY_OUTCOMES)[number];

export const SUBMISSION_STATUSES = ['DRAFT', 'SUBMITTED', 'DECIDED'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const GB_DECISIONS = ['APPROVED', 'APPROVED_WITH_AMENDMENTS', 'DEFERRED', 'REFERRED_BACK', 'NOT_APPROVED'] as const;
export type GbDecision = (typeof GB_DECISIONS)[number];

/** Decisions that end the instrument's life (DEFERRED waits for a later session). */
export const FINAL_GB_DECISIONS: readonly GbDecision[] = ['APPROVED', 'APPROVED_WITH_AMENDMENTS', 'NOT_APPROVED'];

/** A type guard for any of the arrays above, e.g. `isOneOf(POSITIONS, input)`. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}
