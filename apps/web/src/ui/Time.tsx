import { useEffect, useState } from 'react';
import { serverNow } from '../graphql/server-clock';
import { formatDuration, twoZones } from './time-format';

/** An instant in the user's zone and in UTC side by side: "Fri, 27 Nov 2026, 22:30 (Europe/Zurich) · Fri, 27 Nov 2026, 21:30 UTC". */
export function Time({ value }: { value: string }) {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return <span>{value}</span>;
  const t = twoZones(instant);
  return (
    <time className="time" dateTime={instant.toISOString()}>
      {t.same ? (
        <span className="time-utc">{t.utc} UTC</span>
      ) : (
        <>
          <span className="time-local">
            {t.local} <span className="time-zone">({t.zone})</span>
          </span>
          <span className="time-sep" aria-hidden="true">
            {' · '}
          </span>
          <span className="visually-hidden">, which is </span>
          <span className="time-utc">{t.utc} UTC</span>
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
export function Deadline({ value, label = 'Deadline' }: { value: string; label?: string }) {
  const { remainingMs, passed } = useCountdown(value);
  return (
    <p className={passed ? 'deadline deadline-passed' : 'deadline'}>
      <span className="deadline-label">{label}: </span>
      <Time value={value} />{' '}
      <span className="countdown" role="timer">
        {passed ? '(passed)' : `(in ${formatDuration(remainingMs)})`}
      </span>
    </p>
  );
}
