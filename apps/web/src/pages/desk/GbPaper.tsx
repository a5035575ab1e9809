// The Governing Body submission and its paper. The paper's HTML comes from the server (Markdown
// rendered with raw HTML escaped); it is shown in a sandboxed frame (no scripts, no same-origin
// access, no forms), so even a mistake there could not act in this page.
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../gql';
import type { InstrumentPageQuery, Language } from '../../gql/graphql';
import { useLanguage } from '../../i18n/language-choice';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Deadline, Time } from '../../ui/Time';
import { saveBlob } from './download';

const InstrumentPaper = graphql(`
  query InstrumentPaper($id: ID!, $language: Language!) {
    instrument(id: $id) {
      id
      submission {
        id
        symbol
        document(format: HTML, language: $language)
      }
    }
  }
`);

type Submission = NonNullable<InstrumentPageQuery['instrument']['submission']>;

export function GbPaper({ instrumentId, submission }: { instrumentId: string; submission: Submission | null }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="gb-heading">
      <h2 id="gb-heading">{t('desk.gb.title')}</h2>
      {submission ? <SubmissionDetails instrumentId={instrumentId} submission={submission} /> : <p>{t('desk.gb.none')}</p>}
      <p>
        <Link href={`/desk/governing-body/instruments/${instrumentId}`}>{t('governingBody.manage')}</Link>
      </p>
    </section>
  );
}

function SubmissionDetails({ instrumentId, submission }: { instrumentId: string; submission: Submission }) {
  const { t } = useTranslation();
  const s = submission;
  return (
    <>
      <p>
        <strong>{s.symbol}</strong>
        {t('desk.gb.session', { number: s.session.number })} <Time value={s.session.startsAt} />
        {t('desk.gb.agenda', { title: s.agendaItemTitle })}
      </p>
      <p>
        {t('desk.gb.status', { status: t(`desk.gb.submission.${s.status}`) })}
        {s.submittedAt && (
          <>
            {' '}
            {t('desk.gb.on')} <Time value={s.submittedAt} />
          </>
        )}
        {s.late && <span className="badge">{t('comment.late')}</span>}
        {s.decision && <>{t('desk.gb.decision', { decision: t(`desk.gb.decisions.${s.decision}`) })}</>}
        {s.decisionText && <> ({s.decisionText})</>}.
      </p>
      {s.status === 'DRAFT' && <Deadline value={s.session.documentDeadline} label={t('desk.gb.due')} />}
      <PaperPreview instrumentId={instrumentId} />
    </>
  );
}

/** The paper as it will be printed, in `language` (default: the reader's; switching asks the server for that edition). */
export function PaperPreview({ instrumentId, language: chosen }: { instrumentId: string; language?: Language }) {
  const { t } = useTranslation();
  const readers = useLanguage();
  const language = chosen ?? readers;
  const [{ data, error, fetching }] = useQuery({ query: InstrumentPaper, variables: { id: instrumentId, language }, requestPolicy: 'cache-and-network' });
  const paper = data?.instrument.submission;
  return (
    <>
      <h3 id="gb-preview-heading">{t('desk.gb.preview')}</h3>
      <ErrorMessage error={error} />
      {fetching && !paper && <p>{t('desk.gb.rendering')}</p>}
      {paper && (
        <>
          <p className="actions">
            <button
              type="button"
              className="button-quiet"
              onClick={() => saveBlob(new Blob([paper.document], { type: 'text/html;charset=utf-8' }), `${paper.symbol.replace(/[^\w.-]+/g, '-')}.html`)}
            >
              {t('desk.gb.download')}
            </button>
          </p>
          <iframe className="desk-paper" title={t('desk.gb.frame', { symbol: paper.symbol })} sandbox="" srcDoc={paper.document} />
        </>
      )}
    </>
  );
}
