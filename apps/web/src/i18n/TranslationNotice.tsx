// A guideline's text in the reader's language where its translation is CURRENT, else the original with a
// notice. Ask for Guideline.textIn(language) and translationStatus(language) with the reader's language
// (useLanguage()), then render <DraftText>.
import { useTranslation } from 'react-i18next';
import { code, type Language } from './languages';

export type TranslationStatus = 'ORIGINAL' | 'CURRENT' | 'STALE' | 'MISSING';

export interface ShownText {
  text: string;
  /** The language the text is in (its lang attribute). */
  language: Language;
  /** The original is shown instead of the reader's language: say so. */
  fallback: boolean;
}

/** Which text to show: the translation only when CURRENT (STALE lags behind the original). */
export function shownText(original: { text: string; language: Language }, translated: string | null, status: TranslationStatus, reader: Language): ShownText {
  if (reader === original.language || status === 'ORIGINAL') return { text: original.text, language: original.language, fallback: false };
  if (status === 'CURRENT' && translated !== null) return { text: translated, language: reader, fallback: false };
  return { text: original.text, language: original.language, fallback: true };
}

/** "Traduction en cours — texte original en anglais", in the reader's language. */
export function TranslationNotice({ original }: { original: Language }) {
  const { t } = useTranslation();
  return (
    <p className="notice translation-notice" data-testid="translation-notice">
      {t(`translation.notice.${original}`)}
    </p>
  );
}

/** The text with its lang, and the notice above it when it is the original in place of a translation. */
export function DraftText({ shown, className }: { shown: ShownText; className?: string }) {
  return (
    <>
      {shown.fallback && <TranslationNotice original={shown.language} />}
      <p className={className} lang={code(shown.language)}>
        {shown.text}
      </p>
    </>
  );
}
