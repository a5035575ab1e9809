// One instrument's paper for the Governing Body: prepared for a session (symbol, agenda item, point for decision),
// previewed in the chosen language, submitted (frozen; late after the document deadline), the decision recorded;
// the paper downloadable in each format and language the server renders.
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import type { DocumentFormat, GbDecision, GbInstrumentQuery, Language } from '../../../gql/graphql';
import { useSignedIn } from '../../../auth/use-session';
import { i18n } from '../../../i18n/i18n';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../i18n/languages';
import { useLanguage } from '../../../i18n/language-choice';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { describeError } from '../../../ui/errors';
import { Page } from '../../../ui/Page';
import { Deadline, Time } from '../../../ui/Time';
import { useDraft } from '../../../ui/use-draft';
import { downloadWithToken, saveBlob } from '../download';
import { PaperPreview } from '../GbPaper';
import { GbDecide, GbInstrument, GbPaperFile, GbPrepare, GbSubmit } from './operations';
import '../desk.css';
import '../meeting/meeting-admin.css';

type Data = GbInstrumentQuery;
type Submission = NonNullable<Data['instrument']['submission']>;

const DECISIONS: GbDecision[] = ['APPROVED', 'APPROVED_WITH_AMENDMENTS', 'DEFERRED', 'REFERRED_BACK', 'NOT_APPROVED'];

export default function GbInstrumentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: GbInstrument, variables: { id }, requestPolicy: 'cache-and-network' });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const instrument = data?.instrument;
  if (!instrument) {
    return (
      <Page title={t('governingBody.paperTitle')} wide>
        {error ? <ErrorMessage error={error} /> : <p>{fetching ? t('governingBody.loading') : ''}</p>}
        <p>
          <Link href="/desk/governing-body">{t('governingBody.back')}</Link>
        </p>
      </Page>
    );
  }
  const s = instrument.submission;
  const mayPrepare = instrument.stage === 'GB_SUBMISSION' && (!s || s.status === 'DECIDED');
  return (
    <Page title={t('governingBody.paperOf', { reference: instrument.reference })} wide>
      <div className="desk-admin">
        <p className="actions">
          <Link href="/desk/governing-body">{t('governingBody.back')}</Link>
          <Link href={`/desk/instruments/${instrument.id}`}>{t('governingBody.instrumentPage', { reference: instrument.reference })}</Link>
        </p>
        {error && <ErrorMessage error={error} />}
        <p>
          {instrument.title}. {t('governingBody.stage')} <strong data-testid="gb-stage">{t(`stage.${instrument.stage}`)}</strong>
        </p>
        {s && <SubmissionFacts submission={s} />}
        {mayPrepare && <Prepare instrumentId={instrument.id} sessions={data.governingBodySessions} refresh={refresh} />}
        {!mayPrepare && !s && <p>{t('governingBody.notYet', { stage: t(`stage.${instrument.stage}`) })}</p>}
        {s && s.status === 'DRAFT' && <Submit instrumentId={instrument.id} submission={s} refresh={refresh} />}
        {s && s.status === 'SUBMITTED' && <Decide submission={s} refresh={refresh} />}
        {s && <Downloads instrumentId={instrument.id} submissionId={s.id} symbol={s.symbol} />}
      </div>
    </Page>
  );
}

function SubmissionFacts({ submission: s }: { submission: Submission }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="gb-facts-heading">
      <h2 id="gb-facts-heading">{t('governingBody.facts')}</h2>
      <p>
        <strong>{s.symbol}</strong> {t('governingBody.forSession', { number: s.session.number })} <Time value={s.session.startsAt} />.
      </p>
      <p>{t('governingBody.agendaItem', { title: s.agendaItemTitle })}</p>
      <p data-testid="gb-status">
        {t('governingBody.status', { status: t(`desk.gb.submission.${s.status}`) })}
        {s.submittedAt && (
          <>
            {' '}
            {t('governingBody.on')} <Time value={s.submittedAt} />
          </>
        )}
        {s.late && <span className="badge">{t('governingBody.late')}</span>}
      </p>
      {s.decision && (
        <p data-testid="gb-decision">
          {t('governingBody.decision', { decision: t(`desk.gb.decisions.${s.decision}`) })}
          {s.decisionText ? ` ${s.decisionText}` : ''}
        </p>
      )}
      {s.status === 'DRAFT' && <Deadline value={s.session.documentDeadline} label={t('governingBody.papersDue')} />}
    </section>
  );
}

interface PrepareDraft {
  sessionId: string;
  symbol: string;
  agendaItemTitle: string;
  /** The item's ordinal on the session's agenda, as typed ('' when not given). */
  agendaItem?: string;
  pointForDecision: string;
}

function Prepare({ instrumentId, sessions, refresh }: { instrumentId: string; sessions: Data['governingBodySessions']; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const upcoming = [...sessions].sort((a, b) => a.startsAt.localeCompare(b.startsAt)).filter((s) => Date.parse(s.startsAt) > Date.now());
  const [draft, setDraft, clear] = useDraft<PrepareDraft>(`governingBody:prepare:${instrumentId}`, {
    sessionId: '',
    symbol: '',
    agendaItemTitle: '',
    pointForDecision: '',
  });
  const [missing, setMissing] = useState<string[]>([]);
  const [result, prepare] = useMutation(GbPrepare);
  const problem = result.error ? describeError(result.error) : null;
  const sessionId = upcoming.some((s) => s.id === draft.sessionId) ? draft.sessionId : (upcoming[0]?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const lacking = (['symbol', 'agendaItemTitle', 'pointForDecision'] as const).filter((k) => !draft[k].trim());
    setMissing(lacking);
    if (lacking.length) {
      document.getElementById(`prepare-${lacking[0]}`)?.focus();
      return;
    }
    const answer = await prepare({
      input: {
        instrumentId,
        sessionId,
        symbol: draft.symbol.trim(),
        agendaItemTitle: draft.agendaItemTitle.trim(),
        agendaItem: draft.agendaItem?.trim() ? Number(draft.agendaItem) : null,
        pointForDecision: draft.pointForDecision.trim(),
      },
    });
    if (answer.data) {
      clear();
      announce(i18n.t('governingBody.prepared'));
    }
    refresh();
  }

  const field = (name: 'symbol' | 'agendaItemTitle' | 'pointForDecision', label: string, hint: string, area = false) => {
    const id = `prepare-${name}`;
    const error = missing.includes(name)
      ? t('governingBody.missing')
      : (problem?.fields.find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message ?? null);
    const props = {
      id,
      value: draft[name],
      onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
      'aria-invalid': error ? ('true' as const) : undefined,
      'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}`,
    };
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {area ? <textarea {...props} /> : <input {...props} />}
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {label} {error}
          </p>
        )}
      </div>
    );
  };

  const symbolField = field('symbol', t('governingBody.symbol'), t('governingBody.symbolHint'));
  const agendaField = field('agendaItemTitle', t('governingBody.agendaItemTitle'), t('governingBody.oneLine'));
  const ordinalError = problem?.fields.find((f) => f.field === 'agendaItem' || f.field.endsWith('.agendaItem'))?.message ?? null;
  const ordinalField = (
    <div className="field">
      <label htmlFor="prepare-agendaItem">{t('governingBody.agendaItemNumber')}</label>
      <input
        id="prepare-agendaItem"
        type="number"
        inputMode="numeric"
        min={1}
        max={99}
        value={draft.agendaItem ?? ''}
        onChange={(e) => setDraft({ ...draft, agendaItem: e.target.value })}
        aria-invalid={ordinalError ? 'true' : undefined}
        aria-describedby={`prepare-agendaItem-hint${ordinalError ? ' prepare-agendaItem-error' : ''}`}
      />
      <p className="hint" id="prepare-agendaItem-hint">
        {t('governingBody.agendaItemNumberHint')}
      </p>
      {ordinalError && (
        <p className="field-error" id="prepare-agendaItem-error">
          {ordinalError}
        </p>
      )}
    </div>
  );
  const pointField = field('pointForDecision', t('governingBody.pointForDecision'), t('governingBody.pointHint'), true);
  return (
    <section aria-labelledby="gb-prepare-heading">
      <h2 id="gb-prepare-heading">{t('governingBody.prepare')}</h2>
      {upcoming.length === 0 ? (
        <p>
          {t('governingBody.noUpcoming')} <Link href="/desk/governing-body">{t('governingBody.createSession')}</Link>
        </p>
      ) : (
        <form className="form form-narrow" onSubmit={submit}>
          <div className="field">
            <label htmlFor="prepare-session">{t('governingBody.session')}</label>
            <select id="prepare-session" value={sessionId} onChange={(e) => setDraft({ ...draft, sessionId: e.target.value })}>
              {upcoming.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('governingBody.sessionNumber', { number: s.number })}
                </option>
              ))}
            </select>
          </div>
          {symbolField}
          {ordinalField}
          {agendaField}
          {pointField}
          {problem && <ErrorMessage error={problem} />}
          <p className="actions">
            <button type="submit" aria-disabled={result.fetching}>
              {result.fetching ? t('governingBody.saving') : t('governingBody.prepareSubmit')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

function Submit({ instrumentId, submission, refresh }: { instrumentId: string; submission: Submission; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const readers = useLanguage();
  const [language, setLanguage] = useState<Language>(readers);
  const [result, submit] = useMutation(GbSubmit);

  async function send() {
    if (result.fetching) return;
    const answer = await submit({ submissionId: submission.id });
    if (answer.data) announce(i18n.t(answer.data.submitToGoverningBody.late ? 'governingBody.submittedLate' : 'governingBody.submitted'));
    refresh();
  }

  return (
    <section aria-labelledby="gb-submit-heading">
      <h2 id="gb-submit-heading">{t('governingBody.previewAndSubmit')}</h2>
      <div className="field gb-paper-choice">
        <label htmlFor="gb-paper-language">{t('governingBody.paperLanguage')}</label>
        <select id="gb-paper-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l.toLowerCase()}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <PaperPreview instrumentId={instrumentId} language={language} />
      <p>{t('governingBody.submitHint')}</p>
      <ErrorMessage error={result.error} />
      <p className="actions">
        <button type="button" onClick={send} aria-disabled={result.fetching}>
          {result.fetching ? t('governingBody.saving') : t('governingBody.submit', { symbol: submission.symbol })}
        </button>
      </p>
    </section>
  );
}

function Decide({ submission, refresh }: { submission: Submission; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [decision, setDecision] = useState<GbDecision>('APPROVED');
  const [text, setText, clearText] = useDraft(`governingBody:decision:${submission.id}`, '');
  const [missing, setMissing] = useState(false);
  const [result, decide] = useMutation(GbDecide);
  const heading = useRef<HTMLHeadingElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    if (decision === 'APPROVED_WITH_AMENDMENTS' && !text.trim()) {
      setMissing(true);
      document.getElementById('gb-decision-text')?.focus();
      return;
    }
    setMissing(false);
    const answer = await decide({ submissionId: submission.id, decision, text: text.trim() || null });
    if (answer.data) {
      clearText();
      announce(i18n.t('governingBody.decided', { decision: i18n.t(`desk.gb.decisions.${decision}`) }));
    }
    refresh();
  }

  return (
    <section aria-labelledby="gb-decide-heading">
      <h2 id="gb-decide-heading" ref={heading} tabIndex={-1}>
        {t('governingBody.recordDecision')}
      </h2>
      <form className="form form-narrow" onSubmit={submit}>
        <fieldset>
          <legend>{t('governingBody.decisionField')}</legend>
          <ul className="choices">
            {DECISIONS.map((d) => (
              <li key={d}>
                <label>
                  <input type="radio" name="gb-decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
                  {t(`desk.gb.decisions.${d}`)}
                </label>
              </li>
            ))}
          </ul>
          <p className="hint">{t('governingBody.decisionHint')}</p>
        </fieldset>
        <div className="field">
          <label htmlFor="gb-decision-text">{t('governingBody.decisionText')}</label>
          <textarea
            id="gb-decision-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={missing ? 'true' : undefined}
            aria-describedby={missing ? 'gb-decision-text-error' : undefined}
          />
          {missing && (
            <p className="field-error" id="gb-decision-text-error">
              {t('governingBody.decisionTextMissing')}
            </p>
          )}
        </div>
        <ErrorMessage error={result.error} />
        <p className="actions">
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('governingBody.saving') : t('governingBody.recordSubmit')}
          </button>
        </p>
      </form>
    </section>
  );
}

const FORMATS: { format: DocumentFormat; extension: string; type: string }[] = [
  { format: 'HTML', extension: 'html', type: 'text/html;charset=utf-8' },
  { format: 'MARKDOWN', extension: 'md', type: 'text/markdown;charset=utf-8' },
];

/** Files the api builds: the paper printed (PDF, A4) and for Word. */
const FILES = [
  { file: 'paper.pdf', label: 'PDF' },
  { file: 'paper.docx', label: 'DOCX' },
] as const;

/** The paper in each format the server renders (PDF, Word, HTML, Markdown), in each language. */
function Downloads({ instrumentId, submissionId, symbol }: { instrumentId: string; submissionId: string; symbol: string }) {
  const { t } = useTranslation();
  const { accessToken } = useSignedIn();
  const client = useClient();
  const announce = useAnnounce();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download(format: (typeof FORMATS)[number], language: Language) {
    const key = `${format.format}-${language}`;
    if (busy) return;
    setBusy(key);
    setError(null);
    const result = await client.query(GbPaperFile, { id: instrumentId, format: format.format, language }, { requestPolicy: 'network-only' }).toPromise();
    setBusy(null);
    const paper = result.data?.instrument.submission;
    if (!paper) {
      setError(result.error ?? null);
      return;
    }
    const name = `${paper.symbol.replace(/[^\w.-]+/g, '-')}-${language.toLowerCase()}.${format.extension}`;
    saveBlob(new Blob([paper.document], { type: format.type }), name);
    announce(i18n.t('governingBody.downloaded', { name }));
  }

  async function fetchFile(file: (typeof FILES)[number]['file'], language: Language) {
    if (busy) return;
    setBusy(`${file}-${language}`);
    setError(null);
    const base = `${symbol.replace(/[^\w.-]+/g, '-')}-${language.toLowerCase()}`;
    const result = await downloadWithToken(`/exports/submissions/${submissionId}/${file}?language=${language}`, accessToken, `${base}.${file.split('.')[1]}`);
    setBusy(null);
    if ('problem' in result) setError(result.problem);
    else announce(i18n.t('governingBody.downloaded', { name: result.filename }));
  }

  return (
    <section aria-labelledby="gb-downloads-heading">
      <h2 id="gb-downloads-heading">{t('governingBody.downloads')}</h2>
      <ul className="roster">
        {LANGUAGES.map((language) => (
          <li key={language}>
            <p className="actions">
              <span className="roster-who" lang={language.toLowerCase()}>
                {LANGUAGE_NAMES[language]}
              </span>
              {FILES.map((f) => (
                <button key={f.file} type="button" className="button-quiet" onClick={() => fetchFile(f.file, language)} aria-disabled={busy !== null}>
                  {t(`governingBody.file.${f.label}`)}
                  <span className="visually-hidden">{t('governingBody.downloadOf', { symbol, language: LANGUAGE_NAMES[language] })}</span>
                </button>
              ))}
              {FORMATS.map((f) => (
                <button key={f.format} type="button" className="button-quiet" onClick={() => download(f, language)} aria-disabled={busy !== null}>
                  {t(`governingBody.format.${f.format}`)}
                  <span className="visually-hidden">{t('governingBody.downloadOf', { symbol, language: LANGUAGE_NAMES[language] })}</span>
                </button>
              ))}
            </p>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} />
    </section>
  );
}
