import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, prepareLanguages, useLanguage } from './language-choice';
import { code, isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages';

/** The language of the pages: a labelled native select (keyboard and screen readers know it), on every page. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('layout.language')}</label>
      <select
        id={id}
        name="language"
        data-testid="language-switch"
        value={language}
        // The other languages' words are fetched when the switch is reached, so that a choice shows at once.
        onFocus={prepareLanguages}
        onChange={(e) => {
          if (isLanguage(e.target.value)) void chooseLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={code(l)}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
