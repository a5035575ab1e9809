// The line above a meeting's board and console: what the meeting is about, its status, and the live indicator.
import type { MeetingStatus } from '../../gql/graphql';
import { LiveIndicator } from '../../ui/LiveIndicator';
import { MEETING_STATUS_WORDS } from './labels';

export function MeetingHead({ instrument, status }: { instrument: { reference: string; title: string }; status: MeetingStatus }) {
  return (
    <div className="board-head">
      <p className="board-meta">
        {instrument.reference}: {instrument.title}
        <span className="badge">{MEETING_STATUS_WORDS[status]}</span>
      </p>
      <LiveIndicator />
    </div>
  );
}
