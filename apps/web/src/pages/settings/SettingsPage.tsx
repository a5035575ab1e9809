// Every signed-in user's settings: the language of their pages and e-mails (kept on the server), and which
// notifications also come by e-mail (the e-mails' footer points here). What is ticked but not saved yet is kept as a
// draft (a reload or a new sign-in finds it).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { i18n } from '../../i18n/i18n';
import { chooseLanguage, prepareLanguages, useLanguage } from '../../i18n/language-choice';
import { code, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/languages';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { useDraft } from '../../ui/use-draft';
import { EMAIL_KINDS, isNotificationKind, kindKey, type NotificationKind } from './kinds';
import { SettingsEmailPreferences, SettingsMe } from './operations';
import '../admin/admin.css';

export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('settings.title')}>
      <LanguageSection />
      <EmailSection />
    </Page>
  );
}

function LanguageSection() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const language = useLanguage();
  // The choice shows at once; the page turns to it when its words have arrived (slow links), then says so in it.
  const [pending, setPending] = useState<Language | null>(null);
  const pick = (next: Language) => {
    if (next === (pending ?? language)) return;
    setPending(next);
    void chooseLanguage(next)
      .then(() => announce(i18n.t('settings.language.saved', { language: LANGUAGE_NAMES[next] })))
      .finally(() => setPending(null));
  };
  return (
    <section aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.language.title')}</h2>
      <p>{t('settings.language.intro')}</p>
      <fieldset className="choices" onFocus={prepareLanguages}>
        <legend>{t('settings.language.legend')}</legend>
        {LANGUAGES.map((l) => (
          <label key={l} className="choice" lang={code(l)}>
            <input
              type="radio"
              name="settings-language"
              value={l}
              checked={(pending ?? language) === l}
              onChange={() => pick(l)}
              data-testid={`settings-language-${l}`}
            />
            {LANGUAGE_NAMES[l]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function EmailSection() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [{ data, error, fetching }] = useQuery({ query: SettingsMe, requestPolicy: 'cache-and-network' });
  const [draft, setDraft, clearDraft] = useDraft<NotificationKind[] | null>('settings:email-off', null);
  const [result, save] = useMutation(SettingsEmailPreferences);
  const [saved, setSaved] = useState(false);
  const stored = (data?.me.emailOptOut ?? []).filter(isNotificationKind);
  const off = draft ?? stored;
  const dirty = draft !== null && [...draft].sort().join() !== [...stored].sort().join();

  const toggle = (kind: NotificationKind, on: boolean) => {
    setSaved(false);
    setDraft(on ? off.filter((k) => k !== kind) : [...off, kind]);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    // Kinds users never get e-mails about keep what the server has.
    const disabledKinds = [...off, ...stored.filter((k) => !EMAIL_KINDS.includes(k))];
    const answer = await save({ disabledKinds: [...new Set(disabledKinds)] });
    if (answer.data) {
      clearDraft();
      setSaved(true);
      announce(t('settings.email.saved'));
    }
  }

  return (
    <section aria-labelledby="settings-email">
      <h2 id="settings-email">{t('settings.email.title')}</h2>
      <p>{t('settings.email.intro')}</p>
      <ErrorMessage error={error} />
      {fetching && !data && <p className="loading">{t('common.loading')}</p>}
      {data && (
        <form className="form" onSubmit={submit}>
          <fieldset className="choices">
            <legend>{t('settings.email.legend')}</legend>
            {EMAIL_KINDS.map((kind) => (
              <label key={kind} className="choice">
                <input type="checkbox" name="email-kind" value={kind} checked={!off.includes(kind)} onChange={(e) => toggle(kind, e.target.checked)} />
                {t(`settings.kinds.${kindKey(kind)}`)}
              </label>
            ))}
          </fieldset>
          <ErrorMessage error={result.error} />
          {dirty && <p className="notice">{t('settings.email.unsaved')}</p>}
          {saved && !dirty && <p className="success">{t('settings.email.saved')}</p>}
          <p className="actions">
            <button type="submit" aria-disabled={result.fetching}>
              {result.fetching ? t('settings.email.saving') : t('settings.email.save')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
