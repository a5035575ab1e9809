import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MeetingStatus } from '@tripartite/domain';

/** An instrument's meetings by status, for clients outside the API (the demo's banner). */
@Injectable()
export class InstrumentMeetingsReadModel {
  constructor(private readonly dataSource: DataSource) {}

  /** The id of the instrument's latest meeting in this status; null when it has none. */
  async latestInStatus(instrumentId: string, status: MeetingStatus): Promise<string | null> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT m.id FROM experts_meeting m WHERE m.instrument_id = $1 AND m.status = $2 ORDER BY m.created_at DESC LIMIT 1`,
      [instrumentId, status],
    );
    return row?.id ?? null;
  }
}
