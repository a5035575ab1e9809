// The secretariat's desk: every instrument, grouped by stage in lifecycle order, each linking to its page.
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { graphql } from '../../gql';
import type { DeskInstrumentsQuery, Stage } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { Deadline } from '../../ui/Time';
import { CreateInstrument } from './CreateInstrument';
import { STAGE_ORDER } from './labels';
import './desk.css';

const DeskInstruments = graphql(`
  query DeskInstruments {
    instruments {
      id
      reference
      title
      stage
      rounds {
        id
        number
        status
        closesAt
      }
    }
  }
`);

type Listed = DeskInstrumentsQuery['instruments'][number];

const stageAnchor = (stage: Stage) => `stage-${stage.toLowerCase().replace(/_/g, '-')}`;

export default function DeskPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: DeskInstruments, requestPolicy: 'cache-and-network' });
  const byStage = new Map<Stage, Listed[]>(STAGE_ORDER.map((s) => [s, []]));
  for (const instrument of data?.instruments ?? []) byStage.get(instrument.stage)?.push(instrument);
  for (const list of byStage.values()) list.sort((a, b) => a.reference.localeCompare(b.reference));
  const filled = STAGE_ORDER.filter((s) => byStage.get(s)!.length > 0);

  return (
    <Page title={t('desk.title')} wide>
      <ErrorMessage error={error} />
      {fetching && !data && <p>{t('desk.loading')}</p>}
      {data && (
        <section aria-labelledby="desk-stages-heading">
          <h2 id="desk-stages-heading">{t('desk.byStage')}</h2>
          {data.instruments.length === 0 ? (
            <p>{t('desk.none')}</p>
          ) : (
            <ul className="desk-stage-counts" aria-label={t('desk.counts')}>
              {STAGE_ORDER.map((stage) => {
                const count = byStage.get(stage)!.length;
                const words = t('desk.stageCount', { stage: t(`stage.${stage}`), count });
                return <li key={stage}>{count > 0 ? <a href={`#${stageAnchor(stage)}`}>{words}</a> : <span className="muted">{words}</span>}</li>;
              })}
            </ul>
          )}
          {filled.map((stage) => (
            <section key={stage} aria-labelledby={stageAnchor(stage)} className="desk-stage">
              <h3 id={stageAnchor(stage)}>
                {t(`stage.${stage}`)} <span className="muted">({byStage.get(stage)!.length})</span>
              </h3>
              <ul className="list">
                {byStage.get(stage)!.map((instrument) => (
                  <InstrumentItem key={instrument.id} instrument={instrument} />
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}
      <p>
        <Link href="/desk/governing-body">{t('governingBody.deskLink')}</Link>
      </p>
      <CreateInstrument />
    </Page>
  );
}

function InstrumentItem({ instrument }: { instrument: Listed }) {
  const { t } = useTranslation();
  const open = instrument.rounds.find((r) => r.status === 'OPEN');
  return (
    <li>
      <p className="list-title">
        <Link href={`/desk/instruments/${instrument.id}`}>
          {instrument.reference}: {instrument.title}
        </Link>
      </p>
      {open && <Deadline value={open.closesAt} label={t('desk.roundCloses', { number: open.number })} />}
    </li>
  );
}
