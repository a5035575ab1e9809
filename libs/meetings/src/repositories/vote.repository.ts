import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import type { GroupCounts, GroupVote } from '@tripartite/domain';
import { ItemVoteEntity } from '../item-vote.entity';

export type VoteRow = ItemVoteEntity;

/** A vote as stored: the counts, and the registered voters they were checked against. */
export interface StoredVote {
  votes: GroupVote[];
  registered: GroupCounts;
}

/** The item_vote table: every vote recorded on an item (`current`: the one in force). */
@Injectable()
export class VoteRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, ItemVoteEntity, alias);
  }

  /** Votes on the item, replaced ones included (what its cap counts). */
  async countOfItem(tx: Tx, agendaItemId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.em.query(`SELECT count(*)::int AS n FROM item_vote WHERE agenda_item_id = $1`, [agendaItemId]);
    return n;
  }

  /** The vote replaces the item's current one. */
  async replace(tx: Tx, agendaItemId: string, vote: StoredVote, recordedBy: string): Promise<void> {
    await tx.em.query(`UPDATE item_vote SET current = false WHERE agenda_item_id = $1 AND current`, [agendaItemId]);
    await tx.em.query(`INSERT INTO item_vote (agenda_item_id, votes, registered, recorded_by) VALUES ($1, $2, $3, $4)`, [
      agendaItemId,
      JSON.stringify(vote.votes),
      JSON.stringify(vote.registered),
      recordedBy,
    ]);
  }

  /** The vote in force on each item that has one. */
  currentByItemIds(ids: readonly string[]): Promise<VoteRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('v')} FROM item_vote v WHERE v.agenda_item_id = ANY($1::uuid[]) AND v.current`, [ids]);
  }

  /** Every vote recorded on each item, oldest first (the last is the current one). */
  historyByItemIds(ids: readonly string[]): Promise<VoteRow[]> {
    return this.dataSource.query(
      `SELECT ${this.columns('v')} FROM item_vote v WHERE v.agenda_item_id = ANY($1::uuid[]) ORDER BY v.agenda_item_id, v.recorded_at, v.id`,
      [ids],
    );
  }
}
