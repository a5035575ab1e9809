import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Governing Body sessions by their number (unique), for clients that name them so (the demo seed). */
@Injectable()
export class GbSessionNumbersReadModel {
  constructor(private readonly dataSource: DataSource) {}

  /** The id of the session with this number; null when there is none. */
  async idByNumber(number: number): Promise<string | null> {
    const [row]: { id: string }[] = await this.dataSource.query(`SELECT s.id FROM gb_session s WHERE s.number = $1`, [number]);
    return row?.id ?? null;
  }
}
