// The desk's enum values in plain words (only the desk uses these).
import { STAGES, STAGE_LABELS } from '@tripartite/domain';
import type { CommentType, CommentVisibility, Disposition, GbDecision, MeetingStatus, RoundStatus, Stage, SubmissionStatus } from '../../gql/graphql';

/** In lifecycle order (DESIGN.md section 2): the desk lists stages in this order. */
export const STAGE_ORDER: readonly Stage[] = STAGES;

export const STAGE_NAMES: Readonly<Record<Stage, string>> = STAGE_LABELS;

export const ROUND_STATUS_NAMES: Record<RoundStatus, string> = {
  SCHEDULED: 'scheduled',
  OPEN: 'open',
  CLOSED: 'closed',
};

export const VISIBILITY_NAMES: Record<CommentVisibility, string> = {
  IMMEDIATE: 'every invited constituent sees every comment at once',
  AFTER_CLOSE: 'constituents see other organizations’ comments after the round closes',
  SECRETARIAT_ONLY: 'constituents only ever see their own organization’s comments',
};

export const COMMENT_TYPE_NAMES: Record<CommentType, string> = {
  GENERAL: 'General',
  TECHNICAL: 'Technical',
  EDITORIAL: 'Editorial',
};

export const DISPOSITIONS: Disposition[] = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'NOTED'];

export const DISPOSITION_NAMES: Record<Disposition, string> = {
  ACCEPTED: 'Accepted',
  PARTIALLY_ACCEPTED: 'Partially accepted',
  NOT_ACCEPTED: 'Not accepted',
  NOTED: 'Noted',
};

export const MEETING_STATUS_NAMES: Record<MeetingStatus, string> = {
  SCHEDULED: 'scheduled',
  IN_SESSION: 'in session',
  CLOSED: 'closed',
  REPORT_ADOPTED: 'report adopted',
};

export const SUBMISSION_STATUS_NAMES: Record<SubmissionStatus, string> = {
  DRAFT: 'draft (not yet submitted)',
  SUBMITTED: 'submitted',
  DECIDED: 'decided',
};

export const GB_DECISION_NAMES: Record<GbDecision, string> = {
  APPROVED: 'approved',
  APPROVED_WITH_AMENDMENTS: 'approved with amendments',
  DEFERRED: 'deferred to a later session',
  REFERRED_BACK: 'referred back',
  NOT_APPROVED: 'not approved',
};

/** The button of a move: "Withdraw the instrument", otherwise "Move to <stage>". */
export function moveLabel(to: Stage): string {
  return to === 'WITHDRAWN' ? 'Withdraw the instrument' : `Move to ${STAGE_NAMES[to]}`;
}

/** What a move is for, in a sentence (the moves of DESIGN.md section 2). */
export function movePurpose(from: Stage, to: Stage): string {
  if (to === 'WITHDRAWN') return 'Stop all work on the instrument, for good.';
  const purposes: Partial<Record<string, string>> = {
    'DRAFTING>CONSULTATION': 'Open the scheduled round to comments.',
    'CONSULTATION>CONSOLIDATION': 'Close the comment period and work through the comments.',
    'CONSOLIDATION>CONSULTATION': 'Consult again, on a newer published version.',
    'CONSOLIDATION>EXPERTS_MEETING': 'Hand the draft to the tripartite meeting of experts.',
    'EXPERTS_MEETING>GB_SUBMISSION': 'Prepare the paper for the Governing Body.',
    'GB_SUBMISSION>DECIDED': 'Close the file with the Governing Body’s decision.',
    'GB_SUBMISSION>CONSOLIDATION': 'Take the instrument back after the Governing Body referred it back.',
  };
  return purposes[`${from}>${to}`] ?? '';
}
