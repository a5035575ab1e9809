import { useTranslation } from 'react-i18next';
import { useLiveStatus } from '../graphql/live-status';

/** "Live" or "Reconnecting…" for pages that show subscription updates (words, not only a colour). */
export function LiveIndicator() {
  const { t } = useTranslation();
  const { status } = useLiveStatus();
  return (
    <span className={`live live-${status}`} role="status" data-status={status}>
      <span aria-hidden="true">{status === 'live' ? '● ' : '○ '}</span>
      {t(`live.${status}`)}
    </span>
  );
}
