import { AppError } from '@tripartite/common';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '@tripartite/domain';

/** The ?language= of a download: EN when absent, BAD_USER_INPUT (400) when not one of the contract's. */
export function downloadLanguage(value: unknown): Language {
  if (value === undefined || value === '') return DEFAULT_LANGUAGE;
  if (isLanguage(value)) return value;
  throw AppError.badInput([{ field: 'language', message: `must be one of ${LANGUAGES.join(', ')}` }]);
}
