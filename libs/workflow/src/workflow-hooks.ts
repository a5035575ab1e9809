import { Injectable } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import type { Stage, WorkflowSnapshot } from '@tripartite/domain';

/** What a capability adds to the snapshot the guards read. */
export type SnapshotPart = Partial<Omit<WorkflowSnapshot, 'stage' | 'now' | 'reason' | 'actorMayAdvance'>>;

/**
 * A capability that takes part in stage moves contributes facts to the guards' snapshot. What it does when a
 * move happens it does as a subscriber of the 'stage.changed' domain event (effect 'react').
 */
export interface WorkflowParticipant {
  snapshot?(tx: Tx, instrumentId: string, now: Date): Promise<SnapshotPart>;
}

/** The instrument row as a move reads it. */
export interface StagedInstrument {
  id: string;
  stage: Stage;
  revision: number;
}

/** The owner of the instrument row (drafting) lends the workflow what a move does with it. */
export interface InstrumentStore {
  /** NOT_FOUND when there is none; `lock`: FOR UPDATE. */
  read(tx: Tx, id: string, lock?: boolean): Promise<StagedInstrument>;
  /** Sets the stage and bumps the revision; the row as it now is. */
  setStage(tx: Tx, id: string, stage: Stage): Promise<StagedInstrument>;
}

/** Capabilities register here at module init, so the workflow library depends on none of them. */
@Injectable()
export class WorkflowHooks {
  private readonly participants: WorkflowParticipant[] = [];
  private store: InstrumentStore | null = null;

  register(participant: WorkflowParticipant): void {
    this.participants.push(participant);
  }

  useInstruments(store: InstrumentStore): void {
    this.store = store;
  }

  get instruments(): InstrumentStore {
    if (!this.store) throw new Error('No instrument store: DraftingModule must be imported where WorkflowModule is');
    return this.store;
  }

  async snapshot(tx: Tx, instrumentId: string, now: Date): Promise<SnapshotPart> {
    // One connection per transaction: its queries run one after another.
    const snapshot: SnapshotPart = {};
    for (const p of this.participants) Object.assign(snapshot, await p.snapshot?.(tx, instrumentId, now));
    return snapshot;
  }
}
