// E-mails not delivered: those still owed (being retried) and those given up (DEAD), newest first, page by page;
// given-up ones are re-sent, one or a selection at once (all or none).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { UndeliveredEmailStatus } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { Time } from '../../ui/Time';
import { isNotificationKind, kindKey } from '../settings/kinds';
import { AdminNav } from './AdminNav';
import { SelectField } from './fields';
import { AdminResendEmails, AdminUndeliveredEmails } from './operations';
import './admin.css';

const PAGE = 50;
const STATUSES = ['', 'PENDING', 'DEAD'] as const;

export default function EmailsPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const [after, setAfter] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminUndeliveredEmails,
    variables: { status: (status || null) as UndeliveredEmailStatus | null, first: PAGE, after: after.at(-1) ?? null },
    requestPolicy: 'cache-and-network',
  });
  const [result, resend] = useMutation(AdminResendEmails);
  const rows = data?.undeliveredEmails ?? [];
  const kind = (k: string) => (isNotificationKind(k) ? t(`settings.kinds.${kindKey(k)}`) : k);

  async function send(ids: string[]) {
    if (result.fetching || ids.length === 0) return;
    const answer = await resend({ ids });
    if (answer.data) {
      announce(t('admin.emails.resent', { count: answer.data.resendEmails }));
      setSelected([]);
      refetch({ requestPolicy: 'network-only' });
    }
  }

  return (
    <Page title={t('admin.emails.title')}>
      <AdminNav />
      <p>{t('admin.emails.intro')}</p>
      <div className="admin-toolbar">
        <SelectField
          id="emails-status"
          label={t('admin.emails.show')}
          value={status}
          onChange={(value) => {
            setStatus(value as (typeof STATUSES)[number]);
            setAfter([]);
            setSelected([]);
          }}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.emails.status.${s || 'all'}`)}
            </option>
          ))}
        </SelectField>
        <p className="actions">
          <button type="button" className="button-quiet" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            {t('admin.refresh')}
          </button>
        </p>
      </div>
      <section aria-labelledby="emails-list">
        <h2 id="emails-list">{t('admin.emails.list')}</h2>
        <ErrorMessage error={error} />
        {fetching && !data && <p className="loading">{t('common.loading')}</p>}
        {data && rows.length === 0 && <p>{t('admin.emails.none')}</p>}
        {rows.length > 0 && (
          <ul className="list">
            {rows.map((e) => {
              const name = e.recipient.displayName;
              return (
                <li key={e.id} className="admin-record" data-testid="email">
                  <p className="list-title admin-wrap">
                    {kind(e.kind)} <span className="badge">{t(`admin.emails.status.${e.status}`)}</span>
                  </p>
                  <p className="admin-meta">
                    {t('admin.emails.to', { name, email: e.recipient.email ?? '' })}
                    {` · ${t('admin.emails.attempts', { count: e.attempts })}`}
                  </p>
                  <p className="admin-meta">
                    {t('admin.emails.owedSince')} <Time value={e.owedSince} />
                  </p>
                  {e.lastError && <p className="admin-meta">{t('admin.emails.lastError', { error: e.lastError })}</p>}
                  {e.status === 'DEAD' ? (
                    <p className="actions">
                      <label className="choice">
                        <input
                          type="checkbox"
                          checked={selected.includes(e.id)}
                          onChange={(ev) => setSelected(ev.target.checked ? [...selected, e.id] : selected.filter((id) => id !== e.id))}
                        />
                        {t('admin.emails.select')}
                        <span className="visually-hidden">{` ${kind(e.kind)} · ${name}`}</span>
                      </label>
                      <button type="button" className="button-quiet" aria-disabled={result.fetching} onClick={() => void send([e.id])}>
                        {t('admin.emails.resendOne')}
                        <span className="visually-hidden">{` ${kind(e.kind)} · ${name}`}</span>
                      </button>
                    </p>
                  ) : (
                    <p className="hint">{t('admin.emails.stillTried')}</p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <ErrorMessage error={result.error} />
        {selected.length > 0 && (
          <p className="actions">
            <button type="button" aria-disabled={result.fetching} onClick={() => void send(selected)}>
              {t('admin.emails.resendSelected', { count: selected.length })}
            </button>
          </p>
        )}
        <p className="actions">
          {after.length > 0 && (
            <button type="button" className="button-quiet" onClick={() => setAfter(after.slice(0, -1))}>
              {t('admin.previous')}
            </button>
          )}
          {rows.length === PAGE && (
            <button type="button" className="button-quiet" onClick={() => setAfter([...after, rows[rows.length - 1].id])}>
              {t('admin.next')}
            </button>
          )}
        </p>
      </section>
    </Page>
  );
}
