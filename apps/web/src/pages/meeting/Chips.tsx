import { useTranslation } from 'react-i18next';
import type { Position, TallyOutcome } from '../../gql/graphql';
import { NO_POSITION, OUTCOME_LABELS, POSITION_LABELS } from './labels';

/** A group's position in words with its symbol; the colour only repeats what they say. */
export function PositionChip({ position }: { position: Position | null }) {
  useTranslation();
  const label = position ? POSITION_LABELS[position] : NO_POSITION;
  return (
    <span className={`chip chip-${position ? position.toLowerCase() : 'none'}`} data-position={position ?? 'NONE'}>
      <span className="chip-symbol" aria-hidden="true">
        {label.symbol}
      </span>
      <span className="chip-words">{label.words}</span>
    </span>
  );
}

/** An item's tally outcome in words with its symbol. */
export function OutcomeChip({ outcome }: { outcome: TallyOutcome }) {
  useTranslation();
  const label = OUTCOME_LABELS[outcome];
  return (
    <span className={`chip outcome-${outcome.toLowerCase()}`} data-outcome={outcome}>
      <span className="chip-symbol" aria-hidden="true">
        {label.symbol}
      </span>
      <span className="chip-words">{label.words}</span>
    </span>
  );
}
