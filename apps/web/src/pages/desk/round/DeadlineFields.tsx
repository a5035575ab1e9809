// A deadline as a date, a time and a time zone (the reader's by default, named), with the UTC instant it is,
// which is what the api stores: what is chosen and what is kept are both on the screen.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIn, userTimeZone } from '../../../ui/time-format';
import { timeZones, zonedToUtc } from './zoned-time';

export interface DeadlineValue {
  date: string;
  time: string;
  zone: string;
}

export const emptyDeadline = (): DeadlineValue => ({ date: '', time: '17:00', zone: userTimeZone() });

/** The instant the fields say, or null. */
export const deadlineInstant = (v: DeadlineValue): Date | null => zonedToUtc(v.date, v.time, v.zone);

interface Props {
  /** Prefix of the fields' ids. */
  id: string;
  legend: string;
  value: DeadlineValue;
  onChange: (value: DeadlineValue) => void;
  /** The error to show beside the fields (the server's or the page's). */
  error: string | null;
}

export function DeadlineFields({ id, legend, value, onChange, error }: Props) {
  const { t, i18n } = useTranslation();
  const own = userTimeZone();
  const zones = useMemo(() => timeZones(own), [own]);
  const instant = deadlineInstant(value);
  const locale = i18n.language === 'fr' ? 'fr-FR' : i18n.language === 'es' ? 'es-ES' : 'en-GB';
  const errorId = `${id}-error`;
  const utcId = `${id}-utc`;
  const describedBy = `${utcId}${error ? ` ${errorId}` : ''}`;
  return (
    <fieldset className="round-deadline" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <div className="round-deadline-fields">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('roundAdmin.deadline.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={value.date}
            onChange={(e) => onChange({ ...value, date: e.target.value })}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`}>{t('roundAdmin.deadline.time')}</label>
          <input
            id={`${id}-time`}
            type="time"
            value={value.time}
            onChange={(e) => onChange({ ...value, time: e.target.value })}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-zone`}>{t('roundAdmin.deadline.zone')}</label>
          <select id={`${id}-zone`} value={value.zone} onChange={(e) => onChange({ ...value, zone: e.target.value })} aria-describedby={utcId}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z === own ? t('roundAdmin.deadline.yourZone', { zone: z }) : z}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint" id={utcId} data-testid={`${id}-utc`}>
        {instant
          ? t('roundAdmin.deadline.utc', { local: formatIn(instant, value.zone, locale), zone: value.zone, utc: formatIn(instant, 'UTC', locale) })
          : t('roundAdmin.deadline.incomplete')}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
