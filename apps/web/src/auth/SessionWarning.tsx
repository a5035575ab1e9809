// A warning before the session's absolute end (SESSION_MAX_TTL after sign-in: no refresh goes past it), with a way
// to sign in again at once. Renewals before then are silent (session.ts). Shown WARN_MS before the end, or a fifth
// of the session's life for a short one; the minutes left are read out once, then shown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../graphql/server-clock';
import { signInAgain } from './session';
import { useSession } from './use-session';

const WARN_MS = 5 * 60_000;
const TICK_MS = 15_000;

export function SessionWarning() {
  const { t } = useTranslation();
  const session = useSession();
  const end = session?.sessionExpiresAt ?? null;
  const started = session?.startedAt ?? null;
  const [now, setNow] = useState(() => serverNow());
  const warnFor = end !== null && started !== null ? Math.min(WARN_MS, Math.max(10_000, (end - started) / 5)) : WARN_MS;
  const showing = end !== null && end - now <= warnFor;
  useEffect(() => {
    if (end === null) return;
    const left = end - serverNow();
    // Until the warning is due, one timer; while it shows, a tick now and then for the minutes left.
    const wait = left > warnFor ? Math.min(left - warnFor, 2 ** 31 - 1) : TICK_MS;
    const timer = setTimeout(() => setNow(serverNow()), wait);
    return () => clearTimeout(timer);
  }, [end, warnFor, now]);
  if (!session || !showing || end === null) return null;
  const minutes = Math.max(1, Math.ceil((end - now) / 60_000));
  return (
    <div className="notice session-warning" role="status" data-testid="session-warning">
      <p>{t('sessionEnd.endsSoon', { count: minutes })}</p>
      <button type="button" onClick={() => void signInAgain()}>
        {t('sessionEnd.signInAgain')}
      </button>
    </div>
  );
}
