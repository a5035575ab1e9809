/** A language's phrases of the paper: nested keys, string values (i18next resources). */
export interface PaperPhrases {
  [key: string]: string | PaperPhrases;
}
