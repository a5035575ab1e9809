// The consultation's enums in plain words (only the constituent's pages use them).
import type { CommentType, CommentVisibility, Disposition } from '../../gql/graphql';

export const COMMENT_TYPES: { value: CommentType; label: string; hint: string }[] = [
  { value: 'GENERAL', label: 'General', hint: 'about the principle or the approach as a whole' },
  { value: 'TECHNICAL', label: 'Technical', hint: 'about the substance: what the text requires or allows' },
  { value: 'EDITORIAL', label: 'Editorial', hint: 'wording, grammar, numbering, translation; the meaning stays' },
];

export const TYPE_NAMES: Record<CommentType, string> = {
  GENERAL: 'General',
  TECHNICAL: 'Technical',
  EDITORIAL: 'Editorial',
};

export const VISIBILITY_WORDS: Record<CommentVisibility, string> = {
  IMMEDIATE: 'Every invited organization sees the comments as soon as they are sent.',
  AFTER_CLOSE: 'Until the round closes you see only your own organization’s comments; after it closes, everyone’s.',
  SECRETARIAT_ONLY: 'Only the secretariat sees every comment; you see your own organization’s.',
};

export const DISPOSITION_NAMES: Record<Disposition, string> = {
  ACCEPTED: 'Accepted',
  PARTIALLY_ACCEPTED: 'Partially accepted',
  NOT_ACCEPTED: 'Not accepted',
  NOTED: 'Noted',
};

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
