// Organizations: create one (the words typed are kept as a draft until it exists), and edit each in place (name,
// country code, default language). An edit sends only what was changed, so another admin's change to the rest stays.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { AdminOrganizationsQuery, ConstituentGroup, Language } from '../../gql/graphql';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../../i18n/languages';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { groupName } from '../../ui/labels';
import { useDraft } from '../../ui/use-draft';
import { AdminNav } from './AdminNav';
import { SelectField, TextField, fieldErrors, problemOf } from './fields';
import { AdminCreateOrganization, AdminOrganizations, AdminSetOrganizationLanguage, AdminUpdateOrganization } from './operations';
import './admin.css';

type Organization = AdminOrganizationsQuery['organizations'][number];
const GROUPS: ConstituentGroup[] = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminOrganizations, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Page title={t('admin.organizations.title')}>
      <AdminNav />
      <CreateOrganization onCreated={reload} />
      <section aria-labelledby="organizations-list">
        <h2 id="organizations-list">{t('admin.organizations.list')}</h2>
        <ErrorMessage error={error} />
        {fetching && !data && <p className="loading">{t('common.loading')}</p>}
        {data && (
          <>
            <p>{t('admin.organizations.count', { count: data.organizations.length })}</p>
            <ul className="list">
              {data.organizations.map((o) => (
                <OrganizationItem key={o.id} organization={o} onSaved={reload} />
              ))}
            </ul>
          </>
        )}
      </section>
    </Page>
  );
}

function CreateOrganization({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [draft, setDraft, clearDraft] = useDraft('admin:new-organization', { name: '', group: 'GOVERNMENT' as ConstituentGroup, countryCode: '' });
  const [result, create] = useMutation(AdminCreateOrganization);
  const problem = problemOf(result.error);
  const errors = fieldErrors(problem);
  const first = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const answer = await create({ name: draft.name.trim(), group: draft.group, countryCode: draft.countryCode.trim() || null });
    const created = answer.data?.createOrganization;
    if (created) {
      clearDraft();
      announce(t('admin.organizations.created', { name: created.name }));
      onCreated();
      first.current?.focus();
    }
  }

  return (
    <section aria-labelledby="new-organization">
      <h2 id="new-organization">{t('admin.organizations.create')}</h2>
      <form className="form form-narrow" onSubmit={submit}>
        <TextField
          id="new-organization-name"
          ref={first}
          label={t('admin.organizations.name')}
          required
          value={draft.name}
          onChange={(name) => setDraft({ ...draft, name })}
          error={errors.name}
        />
        <SelectField
          id="new-organization-group"
          label={t('admin.organizations.group')}
          value={draft.group}
          onChange={(group) => setDraft({ ...draft, group: group as ConstituentGroup })}
          error={errors.group}
        >
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {groupName(g)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-organization-country"
          label={t('admin.organizations.countryCode')}
          hint={t('admin.organizations.countryHint')}
          value={draft.countryCode}
          onChange={(countryCode) => setDraft({ ...draft, countryCode })}
          maxLength={2}
          autoComplete="off"
          error={errors.countryCode}
        />
        <ErrorMessage error={problem} />
        <p className="actions">
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('admin.creating') : t('admin.organizations.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function OrganizationItem({ organization: o, onSaved }: { organization: Organization; onSaved: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const language = o.defaultLanguage ? LANGUAGE_NAMES[o.defaultLanguage] : t('admin.organizations.noLanguage');
  return (
    <li className="admin-record" data-testid="organization">
      <p className="list-title admin-wrap">{o.name}</p>
      <p className="admin-meta">
        {groupName(o.group)}
        {o.countryCode ? ` · ${t('admin.organizations.country', { country: o.countryCode })}` : ''}
        {` · ${t('admin.organizations.language', { language })}`}
      </p>
      {editing ? (
        <EditOrganization
          organization={o}
          onDone={(saved) => {
            if (saved) onSaved();
            close();
          }}
        />
      ) : (
        <p>
          <button type="button" className="button-quiet" ref={editButton} onClick={() => setEditing(true)}>
            {t('admin.edit')}
            <span className="visually-hidden">{` ${o.name}`}</span>
          </button>
        </p>
      )}
    </li>
  );
}

function EditOrganization({ organization: o, onDone }: { organization: Organization; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [draft, setDraft, clearDraft] = useDraft(`admin:organization:${o.id}`, {
    name: o.name,
    countryCode: o.countryCode ?? '',
    language: o.defaultLanguage ?? '',
  });
  const [updated, update] = useMutation(AdminUpdateOrganization);
  const [languageSet, setLanguage] = useMutation(AdminSetOrganizationLanguage);
  const [failed, setFailed] = useState<unknown>(null);
  const problem = problemOf(failed);
  const errors = fieldErrors(problem);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const busy = updated.fetching || languageSet.fetching;
  const prefix = `organization-${o.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailed(null);
    const name = draft.name.trim();
    const countryCode = draft.countryCode.trim().toUpperCase();
    if (name !== o.name || countryCode !== (o.countryCode ?? '')) {
      const answer = await update({
        id: o.id,
        ...(name !== o.name ? { name } : {}),
        ...(countryCode !== (o.countryCode ?? '') ? { countryCode: countryCode || null } : {}),
      });
      if (answer.error) return setFailed(answer.error);
    }
    const language: Language | null = isLanguage(draft.language) ? draft.language : null;
    if (language !== (o.defaultLanguage ?? null)) {
      const answer = await setLanguage({ id: o.id, language });
      if (answer.error) return setFailed(answer.error);
    }
    clearDraft();
    announce(t('admin.organizations.updated', { name }));
    onDone(true);
  }

  return (
    <form className="form form-narrow admin-edit" onSubmit={submit} aria-label={t('admin.editing', { name: o.name })}>
      <TextField
        id={`${prefix}-name`}
        ref={first}
        label={t('admin.organizations.name')}
        required
        value={draft.name}
        onChange={(name) => setDraft({ ...draft, name })}
        error={errors.name}
      />
      <TextField
        id={`${prefix}-country`}
        label={t('admin.organizations.countryCode')}
        hint={t('admin.organizations.countryHint')}
        value={draft.countryCode}
        onChange={(countryCode) => setDraft({ ...draft, countryCode })}
        maxLength={2}
        autoComplete="off"
        error={errors.countryCode}
      />
      <SelectField
        id={`${prefix}-language`}
        label={t('admin.organizations.defaultLanguage')}
        hint={t('admin.organizations.defaultLanguageHint')}
        value={draft.language}
        onChange={(language) => setDraft({ ...draft, language })}
        error={errors.language}
      >
        <option value="">{t('admin.organizations.noLanguage')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={problem} />
      <p className="actions">
        <button type="submit" aria-disabled={busy}>
          {busy ? t('admin.saving') : t('admin.save')}
        </button>
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            clearDraft();
            onDone(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
