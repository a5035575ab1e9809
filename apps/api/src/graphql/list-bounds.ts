import { BULK_DISPOSITIONS_MAX, CAPACITY, STAGE_TRANSITIONS_PER_INSTRUMENT } from '@tripartite/domain';

/**
 * How many elements a list field can hold, for the cost estimate:
 * - a number: its hard maximum (CAPACITY, enforced on write, or fixed by the domain: three groups);
 * - 'first': sized by the field's own `first` argument (a connection's `edges` are then 1 each);
 * - { max, within, total }: directly under the list `within`, the two together hold at most `total`
 *   (a version's sections hold its guidelines between them, not each a version's worth).
 * Every list of objects in the schema must have an entry (a test checks it); lists of scalars cost 1.
 */
export type ListBound = number | 'first' | { max: number; within: string; total: number };

const GROUPS = 3;
const G = CAPACITY.guidelinesPerVersion;

export const LIST_BOUNDS: Record<string, ListBound> = {
  'Query.instruments': 'first',
  'Query.organizations': CAPACITY.organizations,
  'Query.governingBodySessions': 'first',
  'Query.versionDiff': 2 * G,
  'Query.webhooks': CAPACITY.webhooks,
  'Query.webhookDeadLetters': 'first',
  'Query.undeliveredEmails': 'first',
  'Query.webhookDeliveries': 'first',
  'Query.meetingCandidates': 'first',
  'Query.boardLinks': CAPACITY.boardLinksPerMeeting,

  'Instrument.versions': CAPACITY.versionsPerInstrument,
  'Instrument.rounds': CAPACITY.roundsPerInstrument,
  'Instrument.meetings': CAPACITY.meetingsPerInstrument,
  'Instrument.stageHistory': STAGE_TRANSITIONS_PER_INSTRUMENT,
  // One per stage; the blockers of a move are its guards' findings.
  'Instrument.nextStages': 7,
  'StageOption.blockers': 20,

  'DraftVersion.sections': CAPACITY.sectionsPerVersion,
  'DraftVersion.guidelines': G,
  'Section.guidelines': { max: G, within: 'DraftVersion.sections', total: G },
  // One per language.
  'DraftVersion.translationSummary': 3,
  'Guideline.translationHistory': CAPACITY.translationRecordsPerText,
  // A preview reads what an import would write: at most a version's worth, problems and warnings capped by the parser.
  'DraftMarkdownPreview.sections': CAPACITY.sectionsPerVersion,
  'MarkdownSectionPreview.guidelines': { max: G, within: 'DraftMarkdownPreview.sections', total: G },
  'DraftMarkdownPreview.problems': 50,
  'DraftMarkdownPreview.warnings': 51,
  'MarkdownProblem.params': 4,

  'ConsultationRound.extensions': CAPACITY.extensionsPerRound,
  'ConsultationRound.pendingOrganizations': CAPACITY.organizations,
  'ConsultationRound.invitedOrganizations': CAPACITY.organizations,
  // One row per guideline, and one for general comments.
  'ConsultationRound.matrix': G + 1,
  'GuidelineCommentSummary.byGroup': GROUPS,
  'Comment.dispositionHistory': CAPACITY.dispositionRecordsPerComment,

  'ExpertsMeeting.agenda': G,
  'ExpertsMeeting.participants': CAPACITY.participantsPerMeeting,
  'ExpertsMeeting.moderators': CAPACITY.moderatorsPerMeeting,
  'MeetingTally.items': G,
  'AgendaItem.positions': GROUPS,
  'AgendaItem.positionHistory': CAPACITY.positionRecordsPerSubject,
  'AgendaItem.voteHistory': CAPACITY.voteRecordsPerItem,
  'AgendaItem.amendments': { max: CAPACITY.amendmentsPerItem, within: 'ExpertsMeeting.agenda', total: CAPACITY.amendmentsPerMeeting },
  'Amendment.positions': GROUPS,
  'Amendment.positionHistory': CAPACITY.positionRecordsPerSubject,
  'VoteResult.votes': GROUPS,

  'CommentConnection.edges': 1,
  // setDispositions: its comments are disposed of or refused, so the two lists hold them between them.
  'BulkDispositionResult.disposed': BULK_DISPOSITIONS_MAX,
  'BulkDispositionResult.refused': BULK_DISPOSITIONS_MAX,
  'NotificationConnection.edges': 1,
  'UserConnection.edges': 1,
  'AuditEventConnection.edges': 1,
};
