import { useLiveStatus, type LiveStatus } from '../graphql/live-status';

const WORDS: Record<LiveStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** "Live" or "Reconnecting…" for pages that show subscription updates (words, not only a colour). */
export function LiveIndicator() {
  const { status } = useLiveStatus();
  return (
    <span className={`live live-${status}`} role="status" data-status={status}>
      <span aria-hidden="true">{status === 'live' ? '● ' : '○ '}</span>
      {WORDS[status]}
    </span>
  );
}
