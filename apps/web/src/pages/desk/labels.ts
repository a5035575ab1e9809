// The desk's enum values in the reader's words (keyed by value in apps/web/src/i18n).
import { STAGES } from '@tripartite/domain';
import type { Disposition, Stage } from '../../gql/graphql';
import { i18n } from '../../i18n/i18n';

/** In lifecycle order (DESIGN.md section 2): the desk lists stages in this order. */
export const STAGE_ORDER: readonly Stage[] = STAGES;

/** STAGE_LABELS of libs/domain, translated. */
export const stageName = (stage: Stage): string => i18n.t(`stage.${stage}`);

export const DISPOSITIONS: Disposition[] = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'NOT_ACCEPTED', 'NOTED'];

/** The button of a move: "Withdraw the instrument", otherwise "Move to <stage>". */
export function moveLabel(to: Stage): string {
  return to === 'WITHDRAWN' ? i18n.t('desk.move.withdraw') : i18n.t('desk.move.to', { stage: stageName(to) });
}

const PURPOSES = [
  'DRAFTING>CONSULTATION',
  'CONSULTATION>CONSOLIDATION',
  'CONSOLIDATION>CONSULTATION',
  'CONSOLIDATION>EXPERTS_MEETING',
  'EXPERTS_MEETING>GB_SUBMISSION',
  'GB_SUBMISSION>DECIDED',
  'GB_SUBMISSION>CONSOLIDATION',
] as const;

/** What a move is for, in a sentence (the moves of DESIGN.md section 2). */
export function movePurpose(from: Stage, to: Stage): string {
  if (to === 'WITHDRAWN') return i18n.t('desk.purpose.WITHDRAWN');
  const move = PURPOSES.find((p) => p === `${from}>${to}`);
  return move ? i18n.t(`desk.purpose.${move}`) : '';
}
