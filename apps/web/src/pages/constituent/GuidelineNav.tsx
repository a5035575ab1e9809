// The list of a round's guidelines with their comment counts: a way through a long draft. Each entry
// is a ?guideline=KEY link (shareable, and the back button works); a sidebar on wide screens.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { RoundPageRoundQuery } from '../../gql/graphql';

/** The key of general comments in lists and links. */
export const GENERAL = 'general';

/** The id of a guideline's heading (and of the general comments' heading). */
export function anchorId(key: string): string {
  return key === GENERAL ? 'general-comments' : `guideline-${key}`;
}

interface Props {
  round: RoundPageRoundQuery['round'];
  /** Visible comments by guideline id (GENERAL for general comments). */
  counts(key: string): number;
  onJump(key: string): void;
}

const WIDE = '(min-width: 64rem)';

/** The first words of a guideline without a title, to recognise it by. */
function snippet(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,.;:]+$/, '')}…`;
}

export function GuidelineNav({ round, counts, onJump }: Props) {
  const { t } = useTranslation();
  // Open beside the draft on a wide screen; folded above it on a phone.
  const [open] = useState(() => window.matchMedia(WIDE).matches);
  const href = (key: string) => `/rounds/${round.id}?guideline=${encodeURIComponent(key)}`;
  const total = round.version.sections.reduce((n, s) => n + s.guidelines.length, 0);
  return (
    <nav className="round-nav" aria-label={t('nav.guidelines')}>
      <details open={open}>
        <summary>{t('nav.summary', { count: total })}</summary>
        <ol className="nav-sections">
          {round.version.sections.map((s) => (
            <li key={s.id}>
              <span className="nav-section">
                {s.number}. {s.heading}
              </span>
              <ol className="nav-guidelines">
                {s.guidelines.map((g) => (
                  <li key={g.id}>
                    <Link href={href(g.key)} onClick={() => setTimeout(() => onJump(g.key))}>
                      {g.number} {g.title ?? snippet(g.text)}
                    </Link>{' '}
                    <span className="muted nav-count">{t('nav.count', { count: counts(g.id) })}</span>
                  </li>
                ))}
              </ol>
            </li>
          ))}
          <li>
            <Link href={href(GENERAL)} onClick={() => setTimeout(() => onJump(GENERAL))}>
              {t('round.general')}
            </Link>{' '}
            <span className="muted nav-count">{t('nav.count', { count: counts(GENERAL) })}</span>
          </li>
        </ol>
      </details>
    </nav>
  );
}
