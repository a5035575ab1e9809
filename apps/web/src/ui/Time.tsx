import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverNow } from '../graphql/server-clock';
import { useLocale } from '../i18n/language-choice';
import { formatDuration, twoZones } from './time-format';

/** An instant in the user's zone and in UTC side by side: "Fri, 27 Nov 2026, 22:30 (Europe/Zurich) · Fri, 27 Nov 2026, 21:30 UTC". */
export function Time({ value }: { value: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return <span>{value}</span>;
  const zones = twoZones(instant, undefined, locale);
  return (
    <time className="time" dateTime={instant.toISOString()}>
      {zones.same ? (
        <span className="time-utc">{t('time.utc', { time: zones.utc })}</span>
      ) : (
        <>
          <span className="time-local">
            {zones.local} <span className="time-zone">({zones.zone})</span>
          </span>
          <span className="time-sep" aria-hidden="true">
            {' · '}
          </span>
          <span className="visually-hidden">{t('time.whichIs')}</span>
          <span className="time-utc">{t('time.utc', { time: zones.utc })}</span>
        </>
      )}
    </time>
  );
}

export interface Countdown {
  remainingMs: number;
  passed: boolean;
}

/** Time left until `value` by the server's clock, ticking each second in the last hour, else each 15 s. */
export function useCountdown(value: string): Countdown {
  const at = Date.parse(value);
  const [now, setNow] = useState(() => serverNow());
  const remainingMs = at - now;
  useEffect(() => {
    if (Number.isNaN(at)) return;
    const left = at - serverNow();
    if (left <= 0) return;
    const step = left <= 3_600_000 ? 1000 : 15_000;
    const timer = setTimeout(() => setNow(serverNow()), Math.min(step, left));
    return () => clearTimeout(timer);
  }, [at, now]);
  return { remainingMs, passed: !Number.isNaN(at) && remainingMs <= 0 };
}

/**
 * A deadline: label, the instant in both zones, and a countdown ("in 2 days 3 hours" / "passed").
 * The server decides; this is what the user sees coming.
 */
export function Deadline({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { remainingMs, passed } = useCountdown(value);
  return (
    <p className={passed ? 'deadline deadline-passed' : 'deadline'}>
      <span className="deadline-label">{t('time.labelled', { label: label ?? t('time.deadline') })}</span>
      <Time value={value} />{' '}
      <span className="countdown" role="timer">
        {passed ? t('time.passed') : t('time.in', { duration: formatDuration(remainingMs, locale) })}
      </span>
    </p>
  );
}
