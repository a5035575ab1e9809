// The line above a meeting's board and console: what the meeting is about, its status, and the live indicator.
import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../gql/graphql';
import { LiveIndicator } from '../../ui/LiveIndicator';

export function MeetingHead({ instrument, status }: { instrument: { reference: string; title: string }; status: MeetingStatus }) {
  const { t } = useTranslation();
  return (
    <div className="board-head">
      <p className="board-meta">
        {instrument.reference}: {instrument.title}
        <span className="badge">{t(`meetingStatus.${status}`)}</span>
      </p>
      <LiveIndicator />
    </div>
  );
}
