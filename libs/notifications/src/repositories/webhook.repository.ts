import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import { WebhookEntity } from '../webhook.entity';

/** A webhook as an admin sees it: never its secret. */
export type WebhookRow = Omit<WebhookEntity, 'secret' | 'createdBy'>;

export interface NewWebhook {
  url: string;
  events: string[];
  secret: string;
  createdBy: string;
}

/** The webhook table. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, WebhookEntity, alias, ['secret', 'createdBy']);
  }

  /** Webhooks not deleted. */
  async countLive(em: EntityManager): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM webhook WHERE deleted_at IS NULL`);
    return n;
  }

  async insert(em: EntityManager, webhook: NewWebhook): Promise<WebhookRow> {
    const [row]: WebhookRow[] = await em.query(
      `INSERT INTO webhook AS w (url, events, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING ${this.columns('w')}`,
      [webhook.url, webhook.events, webhook.secret, webhook.createdBy],
    );
    return row;
  }

  /** Those not deleted, oldest first. */
  list(): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('w')} FROM webhook w WHERE w.deleted_at IS NULL ORDER BY w.created_at, w.id`);
  }

  byIds(ids: readonly string[]): Promise<WebhookRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('w')} FROM webhook w WHERE w.id = ANY($1::uuid[])`, [ids]);
  }

  get(em: EntityManager, id: string): Promise<WebhookRow | undefined> {
    return em.query(`SELECT ${this.columns('w')} FROM webhook w WHERE w.id = $1`, [id]).then(([row]: WebhookRow[]) => row);
  }

  /** Whether the webhook is active, locked for a change; null when there is none (or it is deleted). */
  async lockLive(em: EntityManager, id: string): Promise<{ active: boolean } | null> {
    const [row]: { active: boolean }[] = await em.query(`SELECT active FROM webhook WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
    return row ?? null;
  }

  async setActive(em: EntityManager, id: string, active: boolean): Promise<void> {
    await em.query(`UPDATE webhook SET active = $2 WHERE id = $1`, [id, active]);
  }

  /** Deletes (softly) and deactivates the webhook; its url, or null when there is none to delete. */
  async softDelete(em: EntityManager, id: string): Promise<{ url: string } | null> {
    const [[row]]: [{ url: string }[]] = await em.query(
      `UPDATE webhook SET deleted_at = clock_timestamp(), active = false WHERE id = $1 AND deleted_at IS NULL RETURNING url`,
      [id],
    );
    return row ?? null;
  }

  /** The active webhooks subscribed to the kind (or to every kind), oldest first. */
  async activeFor(em: EntityManager, kind: string): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM webhook WHERE active AND events && ARRAY[$1, '*']::text[] ORDER BY created_at, id`, [kind]);
    return rows.map((r) => r.id);
  }
}
