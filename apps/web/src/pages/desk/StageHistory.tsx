import { useTranslation } from 'react-i18next';
import type { InstrumentPageQuery } from '../../gql/graphql';
import { Time } from '../../ui/Time';
import { TableScroll } from './TableScroll';

type Transition = InstrumentPageQuery['instrument']['stageHistory'][number];

/** Every move of the instrument, oldest first: to, from, when, by whom, why (the stage first, for a phone). */
export function StageHistory({ history }: { history: Transition[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <p>{t('history.none')}</p>;
  return (
    <TableScroll labelledBy="stage-history-caption">
      <table className="desk-history">
        <caption id="stage-history-caption">
          <span className="desk-caption-text">{t('history.caption')}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('history.to')}</th>
            <th scope="col">{t('history.from')}</th>
            <th scope="col">{t('history.when')}</th>
            <th scope="col">{t('history.by')}</th>
            <th scope="col">{t('history.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h, i) => (
            <tr key={`${h.at}-${i}`}>
              <th scope="row">{t(`stage.${h.to}`)}</th>
              <td>{t(`stage.${h.from}`)}</td>
              <td>
                <Time value={h.at} />
              </td>
              <td>{h.actor ? h.actor.displayName : t('history.system')}</td>
              <td>{h.reason ?? <span className="muted">{t('history.noReason')}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
