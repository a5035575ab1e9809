import type { Stage } from '@tripartite/domain';
import { event } from '../event';

/** The workflow's one write: a stage move (by the secretariat, or by the system at a deadline). */
export const WORKFLOW_EVENTS = {
  'stage.changed': event<{ from: Stage; to: Stage; reason: string | null; earlyClose: boolean; revision: number; transitionId: string; at: string }>(
    'Instrument',
    ['react', 'notify', 'live'],
  ),
} as const;
