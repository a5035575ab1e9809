import { event } from '../event';

/** Drafting's writes: instruments and their versions. */
export const DRAFTING_EVENTS = {
  'instrument.created': event<{ reference: string; title: string; summary: string | null; versionId: string }>('Instrument'),
  'version.saved': event<{ instrumentId: string; number: number; sections: number; guidelines: number }>('DraftVersion'),
  'version.imported': event<{ instrumentId: string; number: number; title: string | null; sections: number; guidelines: number }>('DraftVersion'),
  'version.published': event<{ instrumentId: string; number: number; changeSummary: string | null; guidelines: number; publishedAt: string | undefined }>(
    'DraftVersion',
  ),
  'version.created': event<{ instrumentId: string; number: number; copiedFromVersionId: string; copiedFromNumber: number }>('DraftVersion'),
} as const;
