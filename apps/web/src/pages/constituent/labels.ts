// The consultation's enums, in the reader's words (keyed by value in apps/web/src/i18n).
import type { CommentType } from '../../gql/graphql';

/** The choices of a comment's type, in the form's order. */
export const COMMENT_TYPES: CommentType[] = ['GENERAL', 'TECHNICAL', 'EDITORIAL'];
