import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { SnapshotPart, WorkflowHooks, WorkflowParticipant } from '@tripartite/workflow';
import { MeetingRepository } from './repositories';

/**
 * The meeting's part in stage moves: the guards read the instrument's latest meeting (an earlier one,
 * e.g. before the GB referred the instrument back, no longer counts). Moves change no meeting:
 * entering EXPERTS_MEETING lets its moderators open it, and leaving needs its report adopted.
 */
@Injectable()
export class MeetingsParticipant implements WorkflowParticipant, OnModuleInit {
  constructor(
    private readonly hooks: WorkflowHooks,
    private readonly meetings: MeetingRepository,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async snapshot(tx: Tx, instrumentId: string): Promise<SnapshotPart> {
    const latest = await this.meetings.latestStatusOfInstrument(tx, instrumentId);
    return {
      scheduledMeeting: latest === 'SCHEDULED',
      meetingReportAdopted: latest === 'REPORT_ADOPTED',
    };
  }
}
