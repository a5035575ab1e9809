// Webhooks: register one (address, secret, the kinds of events it is told of), pause and resume it, see its
// deliveries, delete it (after a confirmation; its history stays readable); dead letters, each replayable once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { AdminWebhooksQuery } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { Time } from '../../ui/Time';
import { useDraft } from '../../ui/use-draft';
import { NOTIFICATION_KINDS, isNotificationKind, kindKey } from '../settings/kinds';
import { AdminNav } from './AdminNav';
import { TextField, fieldErrors, problemOf } from './fields';
import { AdminDeleteWebhook, AdminRegisterWebhook, AdminReplayDelivery, AdminSetWebhookActive, AdminWebhookDeliveries, AdminWebhooks } from './operations';
import './admin.css';

type Webhook = AdminWebhooksQuery['webhooks'][number];
type DeadLetter = AdminWebhooksQuery['webhookDeadLetters'][number];
const ALL = '*';
const DELIVERIES_PAGE = 20;

/** A kind in words ("*": every kind). */
function useKindName(): (kind: string) => string {
  const { t } = useTranslation();
  return (kind) => (kind === ALL ? t('admin.webhooks.all') : isNotificationKind(kind) ? t(`settings.kinds.${kindKey(kind)}`) : kind);
}

export default function WebhooksPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminWebhooks, requestPolicy: 'cache-and-network' });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const listHeading = useRef<HTMLHeadingElement>(null);
  return (
    <Page title={t('admin.webhooks.title')}>
      <AdminNav />
      <RegisterWebhook onRegistered={reload} />
      <section aria-labelledby="webhooks-list">
        <h2 id="webhooks-list" ref={listHeading} tabIndex={-1}>
          {t('admin.webhooks.list')}
        </h2>
        <ErrorMessage error={error} />
        {fetching && !data && <p className="loading">{t('common.loading')}</p>}
        {data && data.webhooks.length === 0 && <p>{t('admin.webhooks.none')}</p>}
        {data && (
          <ul className="list">
            {data.webhooks.map((w) => (
              <WebhookItem
                key={w.id}
                webhook={w}
                onDeleted={() => {
                  reload();
                  // Its item is gone: the list's heading takes the focus.
                  listHeading.current?.focus();
                }}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="dead-letters">
        <h2 id="dead-letters">{t('admin.webhooks.deadLetters')}</h2>
        <p>{t('admin.webhooks.deadLettersIntro')}</p>
        <p>
          <button type="button" className="button-quiet" onClick={reload}>
            {t('admin.refresh')}
          </button>
        </p>
        {data && data.webhookDeadLetters.length === 0 && <p>{t('admin.webhooks.noDeadLetters')}</p>}
        {data && (
          <ul className="list">
            {data.webhookDeadLetters.map((d) => (
              <DeadLetterItem key={d.id} letter={d} onReplayed={reload} />
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

function RegisterWebhook({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const kindName = useKindName();
  const [draft, setDraft, clearDraft] = useDraft('admin:new-webhook', { url: '', events: [] as string[] });
  // Never kept as a draft: the secret stays in memory only.
  const [secret, setSecret] = useState('');
  const [result, register] = useMutation(AdminRegisterWebhook);
  const problem = problemOf(result.error);
  const errors = fieldErrors(problem);
  const first = useRef<HTMLInputElement>(null);
  const all = draft.events.includes(ALL);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const answer = await register({ url: draft.url.trim(), events: all ? [ALL] : draft.events, secret });
    if (answer.data) {
      clearDraft();
      setSecret('');
      announce(t('admin.webhooks.registered', { url: answer.data.registerWebhook.url }));
      onRegistered();
      first.current?.focus();
    }
  }

  const toggle = (kind: string, on: boolean) => setDraft({ ...draft, events: on ? [...draft.events, kind] : draft.events.filter((k) => k !== kind) });
  const eventsError = errors.events;

  return (
    <section aria-labelledby="new-webhook">
      <h2 id="new-webhook">{t('admin.webhooks.register')}</h2>
      <form className="form form-narrow" onSubmit={submit}>
        <TextField
          id="new-webhook-url"
          ref={first}
          type="url"
          required
          autoComplete="off"
          label={t('admin.webhooks.url')}
          hint={t('admin.webhooks.urlHint')}
          value={draft.url}
          onChange={(url) => setDraft({ ...draft, url })}
          error={errors.url}
        />
        <TextField
          id="new-webhook-secret"
          type="password"
          required
          autoComplete="new-password"
          minLength={16}
          label={t('admin.webhooks.secret')}
          hint={t('admin.webhooks.secretHint')}
          value={secret}
          onChange={setSecret}
          error={errors.secret}
        />
        <fieldset className="choices" aria-describedby={eventsError ? 'new-webhook-events-error' : undefined}>
          <legend>{t('admin.webhooks.events')}</legend>
          <label className="choice">
            <input type="checkbox" name="webhook-event" value={ALL} checked={all} onChange={(e) => toggle(ALL, e.target.checked)} />
            {kindName(ALL)}
          </label>
          {NOTIFICATION_KINDS.map((kind) => (
            <label key={kind} className="choice">
              <input
                type="checkbox"
                name="webhook-event"
                value={kind}
                disabled={all}
                checked={all || draft.events.includes(kind)}
                onChange={(e) => toggle(kind, e.target.checked)}
              />
              {kindName(kind)}
            </label>
          ))}
          {eventsError && (
            <p className="field-error" id="new-webhook-events-error">
              {t('admin.webhooks.events')} {eventsError}
            </p>
          )}
        </fieldset>
        <ErrorMessage error={problem} />
        <p className="actions">
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('admin.creating') : t('admin.webhooks.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}

function WebhookItem({ webhook: w, onDeleted }: { webhook: Webhook; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const kindName = useKindName();
  const [confirming, setConfirming] = useState(false);
  const [showDeliveries, setShowDeliveries] = useState(false);
  const [activeSet, setActive] = useMutation(AdminSetWebhookActive);
  const [deleted, remove] = useMutation(AdminDeleteWebhook);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (!asked.current) return;
    if (confirming) cancelButton.current?.focus();
    else deleteButton.current?.focus();
  }, [confirming]);
  const hidden = <span className="visually-hidden">{` ${w.url}`}</span>;
  const events = new Intl.ListFormat(i18n.language).format(w.events.map(kindName));

  return (
    <li className="admin-record" data-testid="webhook">
      <p className="list-title admin-wrap">
        {w.url} <span className="badge">{w.active ? t('admin.webhooks.active') : t('admin.webhooks.paused')}</span>
      </p>
      <p className="admin-meta">{t('admin.webhooks.eventsAre', { events })}</p>
      {confirming ? (
        <div className="notice" role="group" aria-label={t('admin.webhooks.confirmLabel')}>
          <p>{t('admin.webhooks.confirmDelete', { url: w.url })}</p>
          <p className="actions">
            <button
              type="button"
              aria-disabled={deleted.fetching}
              onClick={async () => {
                if (deleted.fetching) return;
                const answer = await remove({ id: w.id });
                if (answer.data) {
                  announce(t('admin.webhooks.deleted', { url: w.url }));
                  onDeleted();
                }
              }}
            >
              {t('admin.webhooks.confirm')}
            </button>
            <button
              type="button"
              className="button-quiet"
              ref={cancelButton}
              onClick={() => {
                asked.current = true;
                setConfirming(false);
              }}
            >
              {t('common.cancel')}
            </button>
          </p>
          <ErrorMessage error={deleted.error} />
        </div>
      ) : (
        <p className="actions">
          <button
            type="button"
            className="button-quiet"
            aria-disabled={activeSet.fetching}
            onClick={async () => {
              if (activeSet.fetching) return;
              const answer = await setActive({ id: w.id, active: !w.active });
              if (answer.data)
                announce(
                  answer.data.setWebhookActive.active ? t('admin.webhooks.resumedDone', { url: w.url }) : t('admin.webhooks.pausedDone', { url: w.url }),
                );
            }}
          >
            {w.active ? t('admin.webhooks.pause') : t('admin.webhooks.resume')}
            {hidden}
          </button>
          <button type="button" className="button-quiet" aria-expanded={showDeliveries} onClick={() => setShowDeliveries(!showDeliveries)}>
            {showDeliveries ? t('admin.webhooks.hideDeliveries') : t('admin.webhooks.showDeliveries')}
            {hidden}
          </button>
          <button
            type="button"
            className="button-quiet"
            ref={deleteButton}
            onClick={() => {
              asked.current = true;
              setConfirming(true);
            }}
          >
            {t('admin.webhooks.delete')}
            {hidden}
          </button>
        </p>
      )}
      <ErrorMessage error={activeSet.error} />
      {showDeliveries && <Deliveries webhook={w} />}
    </li>
  );
}

function Deliveries({ webhook: w }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const kindName = useKindName();
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminWebhookDeliveries,
    variables: { id: w.id, first: DELIVERIES_PAGE, after: after.at(-1) ?? null },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.webhookDeliveries ?? [];
  const heading = `deliveries-${w.id}`;
  return (
    <section aria-labelledby={heading} className="admin-edit">
      <h3 id={heading}>{t('admin.webhooks.deliveriesOf', { url: w.url })}</h3>
      <p>
        <button type="button" className="button-quiet" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          {t('admin.refresh')}
        </button>
      </p>
      <ErrorMessage error={error} />
      {fetching && !data && <p className="loading">{t('common.loading')}</p>}
      {data && rows.length === 0 && <p>{t('admin.webhooks.noDeliveries')}</p>}
      {rows.length > 0 && (
        <ul className="list">
          {rows.map((d) => (
            <li key={d.id} className="admin-record" data-testid="delivery">
              <p className="list-title">
                {kindName(d.kind)} <span className="badge">{t(`admin.webhooks.deliveryStatus.${d.status}`)}</span>
              </p>
              <p className="admin-meta">
                {t('admin.webhooks.attempts', { count: d.attempts })}
                {d.lastStatus !== null && d.lastStatus !== undefined ? ` · ${t('admin.webhooks.lastStatus', { status: d.lastStatus })}` : ''}
              </p>
              <p className="admin-meta">
                {t('admin.webhooks.createdAt')} <Time value={d.createdAt} />
              </p>
              {d.lastError && <p className="admin-meta">{t('admin.webhooks.lastError', { error: d.lastError })}</p>}
            </li>
          ))}
        </ul>
      )}
      <p className="actions">
        {after.length > 0 && (
          <button type="button" className="button-quiet" onClick={() => setAfter(after.slice(0, -1))}>
            {t('admin.previous')}
          </button>
        )}
        {rows.length === DELIVERIES_PAGE && (
          <button type="button" className="button-quiet" onClick={() => setAfter([...after, rows[rows.length - 1].id])}>
            {t('admin.next')}
          </button>
        )}
      </p>
    </section>
  );
}

function DeadLetterItem({ letter: d, onReplayed }: { letter: DeadLetter; onReplayed: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const kindName = useKindName();
  const [result, replay] = useMutation(AdminReplayDelivery);
  return (
    <li className="admin-record" data-testid="dead-letter">
      <p className="list-title admin-wrap">
        {kindName(d.kind)} <span className="muted">{t('admin.webhooks.to', { url: d.webhook.url })}</span>
      </p>
      <p className="admin-meta">
        {t('admin.webhooks.attempts', { count: d.attempts })}
        {d.lastStatus !== null && d.lastStatus !== undefined ? ` · ${t('admin.webhooks.lastStatus', { status: d.lastStatus })}` : ''}
      </p>
      <p className="admin-meta">
        {t('admin.webhooks.failedAt')} <Time value={d.failedAt} />
      </p>
      {d.lastError && <p className="admin-meta">{t('admin.webhooks.lastError', { error: d.lastError })}</p>}
      {d.replayedAt ? (
        <p>
          {t('admin.webhooks.replayedAt')} <Time value={d.replayedAt} />
        </p>
      ) : (
        <p>
          <button
            type="button"
            className="button-quiet"
            aria-disabled={result.fetching}
            onClick={async () => {
              if (result.fetching) return;
              const answer = await replay({ id: d.id });
              if (answer.data) {
                announce(t('admin.webhooks.replayed'));
                onReplayed();
              }
            }}
          >
            {t('admin.webhooks.replay')}
            <span className="visually-hidden">{` ${kindName(d.kind)} ${d.webhook.url}`}</span>
          </button>
        </p>
      )}
      <ErrorMessage error={result.error} />
    </li>
  );
}
