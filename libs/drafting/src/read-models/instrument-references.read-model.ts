import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Instruments by their reference, for clients that name them so (the demo seed and its banner). */
@Injectable()
export class InstrumentReferencesReadModel {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of the instruments with these references, whatever their case (as the unique index), keyed by the reference given; none for a reference of no instrument. */
  async idsByReference(references: readonly string[]): Promise<Map<string, string>> {
    const rows: { reference: string; id: string }[] = await this.dataSource.query(
      `SELECT r.reference, i.id FROM unnest($1::text[]) AS r(reference) JOIN instrument i ON lower(i.reference) = lower(r.reference)`,
      [[...new Set(references)]],
    );
    return new Map(rows.map((r) => [r.reference, r.id]));
  }
}
