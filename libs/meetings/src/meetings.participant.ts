import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';

/**
 * The meeting's part in stage moves: the guards read the instrument's latest meeting (an earlier one,
 * e.g. before the GB referred the instrument back, no longer counts). Moves change no meeting:
 * entering EXPERTS_MEETING lets its moderators open it, and leaving needs its report adopted.
 */
@Injectable()
export class MeetingsParticipant implements WorkflowParticipant, OnModuleInit {
  constructor(private readonly hooks: WorkflowHooks) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async snapshot(tx: Tx, instrumentId: string): Promise<SnapshotPart> {
    const [latest] = await tx.em.query(`SELECT status FROM experts_meeting WHERE instrument_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [instrumentId]);
    return {
      scheduledMeeting: latest?.status === 'SCHEDULED',
      meetingReportAdopted: latest?.status === 'REPORT_ADOPTED',
    };
  }
}
