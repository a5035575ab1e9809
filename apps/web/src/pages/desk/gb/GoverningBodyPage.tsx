// The secretariat's Governing Body desk: its sessions (and a new one), and the instruments awaiting a paper or a
// decision, each with the way to its paper.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { describeError } from '../../../ui/errors';
import { Page } from '../../../ui/Page';
import { Time } from '../../../ui/Time';
import { useDraft } from '../../../ui/use-draft';
import { GbCreateSession, GbSessions } from './operations';
import '../desk.css';
import '../meeting/meeting-admin.css';

export default function GoverningBodyPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: GbSessions, requestPolicy: 'cache-and-network' });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const sessions = [...(data?.governingBodySessions ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <Page title={t('governingBody.title')} wide>
      <div className="desk-admin">
        <p>
          <Link href="/desk">{t('governingBody.backToDesk')}</Link>
        </p>
        <ErrorMessage error={error} />
        {fetching && !data && <p>{t('governingBody.loading')}</p>}
        <section aria-labelledby="gb-papers-heading">
          <h2 id="gb-papers-heading">{t('governingBody.instruments')}</h2>
          {data && data.instruments.length === 0 && <p>{t('governingBody.noInstrument')}</p>}
          <ul className="roster">
            {data?.instruments.map((i) => (
              <li key={i.id} data-instrument={i.id}>
                <p className="roster-who">
                  <Link href={`/desk/governing-body/instruments/${i.id}`}>
                    {i.reference}: {i.title}
                  </Link>
                </p>
                <p>
                  {i.submission
                    ? t('governingBody.paperLine', {
                        symbol: i.submission.symbol,
                        number: i.submission.session.number,
                        status: t(`desk.gb.submission.${i.submission.status}`),
                      })
                    : t('governingBody.noPaper')}
                </p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="gb-sessions-heading">
          <h2 id="gb-sessions-heading">{t('governingBody.sessions')}</h2>
          {data && sessions.length === 0 && <p>{t('governingBody.noSession')}</p>}
          <ul className="roster">
            {sessions.map((s) => (
              <li key={s.id} data-session={s.id}>
                <p className="roster-who">{t('governingBody.sessionNumber', { number: s.number })}</p>
                <p>
                  {t('governingBody.from')} <Time value={s.startsAt} /> {t('governingBody.to')} <Time value={s.endsAt} />. {t('governingBody.papersDue')}{' '}
                  <Time value={s.documentDeadline} />.
                </p>
              </li>
            ))}
          </ul>
          <CreateSession refresh={refresh} />
        </section>
      </div>
    </Page>
  );
}

interface Draft {
  number: string;
  startsAt: string;
  endsAt: string;
  documentDeadline: string;
}

const instant = (local: string): string | null => {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

function CreateSession({ refresh }: { refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [draft, setDraft, clear] = useDraft<Draft>('governingBody:session', { number: '', startsAt: '', endsAt: '', documentDeadline: '' });
  const [missing, setMissing] = useState<string[]>([]);
  const [result, create] = useMutation(GbCreateSession);
  const [created, setCreated] = useState<number | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  const problem = result.error ? describeError(result.error) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const number = Number.parseInt(draft.number, 10);
    const startsAt = instant(draft.startsAt);
    const endsAt = instant(draft.endsAt);
    const lacking = [!Number.isInteger(number) && 'number', !startsAt && 'startsAt', !endsAt && 'endsAt'].filter((x): x is string => Boolean(x));
    setMissing(lacking);
    if (lacking.length) {
      document.getElementById(`session-${lacking[0]}`)?.focus();
      return;
    }
    const answer = await create({ number, startsAt: startsAt!, endsAt: endsAt!, documentDeadline: instant(draft.documentDeadline) });
    if (answer.data) {
      clear();
      setCreated(answer.data.createGoverningBodySession.number);
      announce(i18n.t('governingBody.created', { number: answer.data.createGoverningBodySession.number }));
      done.current?.focus();
      refresh();
    }
  }

  const field = (name: keyof Draft, label: string, type: string, hint?: string) => {
    const id = `session-${name}`;
    const error = missing.includes(name) ? t('governingBody.missing') : (problem?.fields.find((f) => f.field === name)?.message ?? null);
    const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          inputMode={name === 'number' ? 'numeric' : undefined}
          value={draft[name]}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={described || undefined}
        />
        {hint && (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {label} {error}
          </p>
        )}
      </div>
    );
  };

  const numberField = field('number', t('governingBody.number'), 'text');
  const startsField = field('startsAt', t('governingBody.startsAt'), 'datetime-local');
  const endsField = field('endsAt', t('governingBody.endsAt'), 'datetime-local');
  const deadlineField = field('documentDeadline', t('governingBody.deadline'), 'datetime-local', t('governingBody.deadlineHint'));
  return (
    <form className="form form-narrow" onSubmit={submit} aria-labelledby="gb-new-session-heading">
      <h3 id="gb-new-session-heading">{t('governingBody.newSession')}</h3>
      {numberField}
      {startsField}
      {endsField}
      {deadlineField}
      {problem && <ErrorMessage error={problem} />}
      <p className="actions">
        <button type="submit" aria-disabled={result.fetching}>
          {result.fetching ? t('governingBody.saving') : t('governingBody.create')}
        </button>
      </p>
      <p ref={done} tabIndex={-1} className={created !== null ? 'success' : undefined}>
        {created !== null ? t('governingBody.created', { number: created }) : ''}
      </p>
    </form>
  );
}
