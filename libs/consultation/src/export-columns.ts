import { EXPORT_WORDS } from './export-words';

const EN = EXPORT_WORDS.EN;

/** The CSV's words for the contract's codes (English: the CSV is for machines and mail merges as much as people). */
export const COMMENT_TYPE_WORDS = EN.types;
export const DISPOSITION_WORDS = EN.dispositions;

/**
 * The columns of the comments' downloads (CSV and XLSX alike): the comment id, to match rows back, then the ISO/IEC
 * commenting template's columns in its order (MB/NC, clause, type, comments, proposed change, observations of the
 * secretariat) with the round's own facts beside them. The workbook has them in each language (export-words.ts).
 */
export const COMMENT_HEADERS = EN.comments;
