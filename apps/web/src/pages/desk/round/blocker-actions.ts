// Where each blocker of a move is removed: a link to the screen that removes it, or the place on this page
// (focused) where it is. Every code of libs/domain/src/workflow/guards.ts that a person can act on has one.
import { i18n } from '../../../i18n/i18n';
import type { en } from '../../../i18n/areas/rounds';

export type BlockerAction = { kind: 'link'; href: string; label: string } | { kind: 'focus'; ids: string[]; label: string };

export interface BlockerContext {
  instrumentId: string;
  /** The instrument's latest round (by number), if any. */
  latestRound: { number: number; status: string } | null;
  /** The instrument's latest meeting, if any. */
  latestMeetingId: string | null;
}

export function blockerAction(code: string, c: BlockerContext): BlockerAction | null {
  const t = (key: keyof (typeof en)['roundAdmin']['blockers']): string => i18n.t(`roundAdmin.blockers.${key}`);
  const round = c.latestRound;
  switch (code) {
    case 'NO_SCHEDULED_ROUND':
      return { kind: 'focus', ids: ['schedule-round-toggle', 'schedule-version'], label: t('schedule') };
    case 'VERSION_NOT_PUBLISHED':
    case 'NO_NEWER_VERSION':
      return { kind: 'link', href: `/desk/instruments/${c.instrumentId}/draft`, label: t('draft') };
    case 'DEADLINE_NOT_IN_FUTURE':
      return round ? { kind: 'focus', ids: [`round-${round.number}-extend-toggle`, `round-${round.number}-extend-date`], label: t('extend') } : null;
    case 'NO_INVITED_ORGANIZATIONS':
      return round ? { kind: 'focus', ids: [`round-${round.number}-invite-toggle`, `round-${round.number}-invite-heading`], label: t('invite') } : null;
    case 'UNDISPOSED_COMMENTS':
      return round ? { kind: 'focus', ids: [`round-${round.number}-finder-next`], label: t('dispose') } : null;
    case 'NO_SCHEDULED_MEETING':
      return { kind: 'focus', ids: ['meeting-schedule-title'], label: t('meetingNew') };
    case 'REPORT_NOT_ADOPTED':
      return c.latestMeetingId ? { kind: 'link', href: `/desk/meetings/${c.latestMeetingId}`, label: t('meeting') } : null;
    case 'NO_DECISION':
    case 'DECISION_DEFERRED':
    case 'DECISION_NOT_REFERRED_BACK':
      return { kind: 'link', href: '/desk/governing-body', label: t('governingBody') };
    case 'DECISION_REFERRED_BACK':
      return { kind: 'focus', ids: ['reason-CONSOLIDATION'], label: t('referredBack') };
    default:
      // REASON_REQUIRED, DEADLINE_NOT_PASSED: the reason field of the same card lifts them.
      return null;
  }
}

/** Focus the first of these elements that the page shows. */
export function focusFirst(ids: string[]): void {
  for (const id of ids) {
    const element = document.getElementById(id);
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus();
      return;
    }
  }
}
