// The Governing Body submission and its paper. The paper's HTML comes from the server (Markdown
// rendered with raw HTML escaped); it is shown in a sandboxed frame (no scripts, no same-origin
// access, no forms), so even a mistake there could not act in this page.
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { InstrumentPageQuery } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Deadline, Time } from '../../ui/Time';
import { saveBlob } from './download';
import { GB_DECISION_NAMES, SUBMISSION_STATUS_NAMES } from './labels';

const InstrumentPaper = graphql(`
  query InstrumentPaper($id: ID!) {
    instrument(id: $id) {
      id
      submission {
        id
        symbol
        document(format: HTML)
      }
    }
  }
`);

type Submission = NonNullable<InstrumentPageQuery['instrument']['submission']>;

export function GbPaper({ instrumentId, submission }: { instrumentId: string; submission: Submission | null }) {
  return (
    <section aria-labelledby="gb-heading">
      <h2 id="gb-heading">Governing Body paper</h2>
      {submission ? <SubmissionDetails instrumentId={instrumentId} submission={submission} /> : <p>No paper has been prepared for the Governing Body.</p>}
    </section>
  );
}

function SubmissionDetails({ instrumentId, submission }: { instrumentId: string; submission: Submission }) {
  const s = submission;
  return (
    <>
      <p>
        <strong>{s.symbol}</strong>, session {s.session.number} (opens <Time value={s.session.startsAt} />
        ): {s.agendaItemTitle}.
      </p>
      <p>
        Status: {SUBMISSION_STATUS_NAMES[s.status]}
        {s.submittedAt && (
          <>
            {' '}
            on <Time value={s.submittedAt} />
          </>
        )}
        {s.late && <span className="badge">late</span>}
        {s.decision && <>. Decision: {GB_DECISION_NAMES[s.decision]}</>}
        {s.decisionText && <> ({s.decisionText})</>}.
      </p>
      {s.status === 'DRAFT' && <Deadline value={s.session.documentDeadline} label="Papers are due" />}
      <PaperPreview instrumentId={instrumentId} />
    </>
  );
}

function PaperPreview({ instrumentId }: { instrumentId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: InstrumentPaper, variables: { id: instrumentId }, requestPolicy: 'cache-and-network' });
  const paper = data?.instrument.submission;
  return (
    <>
      <h3 id="gb-preview-heading">Preview of the paper</h3>
      <ErrorMessage error={error} />
      {fetching && !paper && <p>Rendering the paper…</p>}
      {paper && (
        <>
          <p className="actions">
            <button
              type="button"
              className="button-quiet"
              onClick={() => saveBlob(new Blob([paper.document], { type: 'text/html;charset=utf-8' }), `${paper.symbol.replace(/[^\w.-]+/g, '-')}.html`)}
            >
              Download the paper (HTML)
            </button>
          </p>
          <iframe className="desk-paper" title={`Paper ${paper.symbol} as it will be printed`} sandbox="" srcDoc={paper.document} />
        </>
      )}
    </>
  );
}
