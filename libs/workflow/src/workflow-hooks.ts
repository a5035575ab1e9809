import { Injectable } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import type { Tx } from '@tripartite/database';
import type { Stage, WorkflowSnapshot } from '@tripartite/domain';

/** What a capability adds to the snapshot the guards read. */
export type SnapshotPart = Partial<Omit<WorkflowSnapshot, 'stage' | 'now' | 'reason' | 'actorMayAdvance'>>;

export interface StageMove {
  instrumentId: string;
  from: Stage;
  to: Stage;
  actor: Actor | null;
  reason: string | null;
  earlyClose: boolean;
  at: Date;
}

/**
 * A capability that takes part in stage moves: it contributes facts to the guards'
 * snapshot and applies its own effects inside the moving transaction
 * (opening or closing a round, for example).
 */
export interface WorkflowParticipant {
  snapshot?(tx: Tx, instrumentId: string, now: Date): Promise<SnapshotPart>;
  onMove?(tx: Tx, move: StageMove): Promise<void>;
}

/** Capabilities register here at module init, so the workflow library depends on none of them. */
@Injectable()
export class WorkflowHooks {
  private readonly participants: WorkflowParticipant[] = [];

  register(participant: WorkflowParticipant): void {
    this.participants.push(participant);
  }

  async snapshot(tx: Tx, instrumentId: string, now: Date): Promise<SnapshotPart> {
    // One connection per transaction: its queries run one after another.
    const snapshot: SnapshotPart = {};
    for (const p of this.participants) Object.assign(snapshot, await p.snapshot?.(tx, instrumentId, now));
    return snapshot;
  }

  async onMove(tx: Tx, move: StageMove): Promise<void> {
    for (const p of this.participants) await p.onMove?.(tx, move);
  }
}
