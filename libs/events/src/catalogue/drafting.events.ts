import { event } from '../event';

/** Drafting's writes: instruments and their versions. */
export const DRAFTING_EVENTS = {
  'instrument.created': event<{ reference: string; title: string; summary: string | null; versionId: string; originalLanguage: string }>('Instrument'),
  'version.saved': event<{ instrumentId: string; number: number; sections: number; guidelines: number }>('DraftVersion'),
  /** title: the document's "# Title"; titleSet: whether it became the instrument's (which had none). */
  'version.imported': event<{ instrumentId: string; number: number; title: string | null; titleSet: boolean; sections: number; guidelines: number }>(
    'DraftVersion',
  ),
  /** A guideline of a DRAFT version edited in place; revision: its new one. */
  'guideline.edited': event<{ versionId: string; key: string; revision: number; title: string | null; text: string }>('Guideline'),
  'version.published': event<{ instrumentId: string; number: number; changeSummary: string | null; guidelines: number; publishedAt: string | undefined }>(
    'DraftVersion',
  ),
  'version.created': event<{ instrumentId: string; number: number; copiedFromVersionId: string; copiedFromNumber: number }>('DraftVersion'),
  // Translations (DESIGN.md 6a): each set is kept; sourceHash is the original's it was made from.
  'guideline.translated': event<{
    versionId: string;
    key: string;
    language: string;
    title: string | null;
    text: string;
    sourceHash: string;
    translationId: string;
  }>('Guideline'),
  'section.translated': event<{ versionId: string; number: string; language: string; heading: string; sourceHash: string; translationId: string }>('Section'),
  'instrument.titleTranslated': event<{ language: string; title: string; sourceHash: string; translationId: string }>('Instrument'),
  /** guidelines, sections: the rows set (unchanged texts are not set again); title: whether the instrument's was. */
  'version.translationImported': event<{ instrumentId: string; number: number; language: string; guidelines: number; sections: number; title: boolean }>(
    'DraftVersion',
  ),
} as const;
