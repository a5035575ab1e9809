import type { CommentType, ConstituentGroup, Disposition, Language } from '@tripartite/domain';

/** The words of the comment downloads in one language: column titles (ISO/IEC template names kept recognisable) and values. */
export interface ExportWords {
  sheet: string;
  /** The comments' table, in export-columns.ts order. */
  comments: readonly [string, string, string, string, string, string, string, string, string, string, string];
  /** The commenting template's columns, then its hidden guideline id. */
  template: readonly [string, string, string, string, string, string, string, string, string];
  typeHint: string;
  general: string;
  yes: string;
  no: string;
  types: Readonly<Record<CommentType, string>>;
  dispositions: Readonly<Record<Disposition, string>>;
  groups: Readonly<Record<ConstituentGroup, string>>;
}

export const EXPORT_WORDS: Readonly<Record<Language, ExportWords>> = {
  EN: {
    sheet: 'Comments',
    comments: [
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
    ],
    template: [
      'MB/NC',
      'Line number',
      'Clause/subclause',
      'Paragraph/Figure/Table',
      'Type of comment (ge/te/ed)',
      'Comments',
      'Proposed change',
      'Observations of the secretariat',
      'Guideline id',
    ],
    typeHint: 'ge (general), te (technical) or ed (editorial)',
    general: 'General',
    yes: 'yes',
    no: 'no',
    types: { GENERAL: 'General', TECHNICAL: 'Technical', EDITORIAL: 'Editorial' },
    dispositions: { ACCEPTED: 'Accepted', PARTIALLY_ACCEPTED: 'Partially accepted', NOT_ACCEPTED: 'Not accepted', NOTED: 'Noted' },
    groups: { GOVERNMENT: 'Government', EMPLOYERS: 'Employers', WORKERS: 'Workers' },
  },
  FR: {
    sheet: 'Commentaires',
    comments: [
      'Identifiant du commentaire',
      'MB/NC (organisation)',
      'Groupe',
      'Article/paragraphe (ligne directrice)',
      'Type de commentaire',
      'Commentaires',
      'Modification proposée',
      'Suite donnée',
      'Observations du secrétariat',
      'En retard',
      'Soumis le (UTC)',
    ],
    template: [
      'MB/NC',
      'Numéro de ligne',
      'Article/paragraphe',
      'Alinéa/Figure/Tableau',
      'Type de commentaire (ge/te/ed)',
      'Commentaires',
      'Modification proposée',
      'Observations du secrétariat',
      'Identifiant de la ligne directrice',
    ],
    typeHint: 'ge (général), te (technique) ou ed (rédactionnel)',
    general: 'Général',
    yes: 'oui',
    no: 'non',
    types: { GENERAL: 'Général', TECHNICAL: 'Technique', EDITORIAL: 'Rédactionnel' },
    dispositions: { ACCEPTED: 'Accepté', PARTIALLY_ACCEPTED: 'Partiellement accepté', NOT_ACCEPTED: 'Non accepté', NOTED: 'Pris en note' },
    groups: { GOVERNMENT: 'Gouvernement', EMPLOYERS: 'Employeurs', WORKERS: 'Travailleurs' },
  },
  ES: {
    sheet: 'Comentarios',
    comments: [
      'Identificador del comentario',
      'MB/NC (organización)',
      'Grupo',
      'Capítulo/apartado (directriz)',
      'Tipo de comentario',
      'Comentarios',
      'Cambio propuesto',
      'Respuesta',
      'Observaciones de la secretaría',
      'Tardío',
      'Presentado el (UTC)',
    ],
    template: [
      'MB/NC',
      'Número de línea',
      'Capítulo/apartado',
      'Párrafo/Figura/Tabla',
      'Tipo de comentario (ge/te/ed)',
      'Comentarios',
      'Cambio propuesto',
      'Observaciones de la secretaría',
      'Identificador de la directriz',
    ],
    typeHint: 'ge (general), te (técnico) o ed (editorial)',
    general: 'General',
    yes: 'sí',
    no: 'no',
    types: { GENERAL: 'General', TECHNICAL: 'Técnico', EDITORIAL: 'Editorial' },
    dispositions: { ACCEPTED: 'Aceptado', PARTIALLY_ACCEPTED: 'Aceptado en parte', NOT_ACCEPTED: 'No aceptado', NOTED: 'Tomado en cuenta' },
    groups: { GOVERNMENT: 'Gobierno', EMPLOYERS: 'Empleadores', WORKERS: 'Trabajadores' },
  },
};
