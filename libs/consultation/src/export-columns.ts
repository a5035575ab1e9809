import type { CommentType, Disposition } from '@tripartite/domain';

/** The words of the downloads for the contract's codes (the server has them in English only). */
export const COMMENT_TYPE_WORDS: Readonly<Record<CommentType, string>> = { GENERAL: 'General', TECHNICAL: 'Technical', EDITORIAL: 'Editorial' };
export const DISPOSITION_WORDS: Readonly<Record<Disposition, string>> = {
  ACCEPTED: 'Accepted',
  PARTIALLY_ACCEPTED: 'Partially accepted',
  NOT_ACCEPTED: 'Not accepted',
  NOTED: 'Noted',
};

/**
 * The columns of the comments' downloads (CSV and XLSX alike): the comment id, to match rows back, then the ISO/IEC
 * commenting template's columns in its order (MB/NC, clause, type, comments, proposed change, observations of the
 * secretariat) with the round's own facts beside them.
 */
export const COMMENT_HEADERS = [
  'Comment id',
  'MB/NC (organization)',
  'Group',
  'Clause/subclause (guideline)',
  'Type of comment',
  'Comments',
  'Proposed change',
  'Disposition',
  'Observations of the secretariat',
  'Late',
  'Submitted at (UTC)',
] as const;
