import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BOARD_TOKEN_PREFIX, BoardLinkAuthenticator, SessionPrincipals } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { CAPACITY, boardLinkExpiry, capacityMessage, checkInstant, checkText } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { isUuid } from './batch';
import { BoardLinkRepository, BoardLinkRow, MeetingRepository, OpenBoardLink } from './repositories';

/** What createBoardLink answers: the link, and its URL's secret (shown this once; only its digest is kept). */
export interface CreatedBoardLink {
  link: BoardLinkRow;
  token: string;
}

const MAX_CACHED = 1000;
/** tbl_ + base64url of the meeting's id (16 bytes: the room's page reads which board to open) and 32 random bytes. */
const TOKEN = /^tbl_[A-Za-z0-9_-]{64}$/;

function newToken(meetingId: string): string {
  const id = Buffer.from(meetingId.replace(/-/g, ''), 'hex');
  return `${BOARD_TOKEN_PREFIX}${Buffer.concat([id, randomBytes(32)]).toString('base64url')}`;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Board links: the secretariat makes them for a meeting's room and revokes them; the room's projector sends one
 * as its bearer token and reads that meeting's board, nothing else (the guard admits it to @BoardReadable
 * operations only; MeetingReadService lets it see its own meeting only). What a link opens is read from
 * PostgreSQL and kept for at most SESSION_CACHE_MS; a revocation is announced through the sessions' Redis channel,
 * so every instance forgets the link and closes its sockets at once.
 */
@Injectable()
export class BoardLinkService extends BoardLinkAuthenticator {
  private readonly cache = new Map<string, { value: OpenBoardLink; at: number }>();
  private listening = false;

  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly links: BoardLinkRepository,
    private readonly meetings: MeetingRepository,
    private readonly sessions: SessionPrincipals,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** On first use (processes that authenticate nobody, the worker, open no Redis subscription for it). */
  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.sessions.onChange((change) => {
      if ('all' in change) this.cache.clear();
      else if ('boardLinkId' in change) for (const [key, entry] of this.cache) if (entry.value.id === change.boardLinkId) this.cache.delete(key);
    });
  }

  /** SECRETARIAT. A meeting whose report is not adopted; at most CAPACITY.boardLinksPerMeeting active at once. */
  async create(actor: Actor, meetingId: string, label: string, expiresAt?: Date | null): Promise<CreatedBoardLink> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat makes board links');
    const errors = new FieldErrors();
    const name = errors.take(checkText('label', label, 'name', { required: true }));
    if (expiresAt) errors.addAll(checkInstant('expiresAt', expiresAt));
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    errors.throwIfAny();
    const token = newToken(meetingId);
    return this.tx.run(async (tx) => {
      const meeting = await this.meetings.lock(tx, meetingId, actor.userId, 'FOR UPDATE');
      if (!meeting) throw AppError.notFound('Meeting', meetingId);
      if (meeting.status === 'REPORT_ADOPTED') errors.add('meetingId', 'has its report adopted; its board needs no link any more');
      const now = await this.links.now(tx);
      const expiry = boardLinkExpiry(meeting.endsAt, expiresAt, now);
      if (typeof expiry === 'string') errors.add('expiresAt', expiry);
      const active = await this.links.activeCount(tx, meetingId);
      errors.check(active < CAPACITY.boardLinksPerMeeting, 'meetingId', capacityMessage(CAPACITY.boardLinksPerMeeting, 'active board links'));
      errors.throwIfAny();
      const link = await this.links.insert(tx, { meetingId, label: name!, tokenHash: digest(token), createdBy: actor.userId, expiresAt: expiry as Date });
      await this.events.raise(tx, {
        name: 'boardLink.created',
        actor,
        entityId: link.id,
        data: { meetingId, label: link.label, expiresAt: link.expiresAt.toISOString() },
      });
      return { link, token };
    });
  }

  /** SECRETARIAT. From the next request on, and at once on its open sockets, the link opens nothing. Revoking again changes nothing. */
  async revoke(actor: Actor, id: string): Promise<BoardLinkRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat revokes board links');
    if (!isUuid(id)) throw AppError.notFound('Board link', id);
    const revoked = await this.tx.run(async (tx) => {
      const link = await this.links.lock(tx, id);
      if (!link) throw AppError.notFound('Board link', id);
      if (link.revokedAt) return link;
      const row = await this.links.revoke(tx, id, actor.userId);
      await this.events.raise(tx, { name: 'boardLink.revoked', actor, entityId: id, data: { meetingId: row.meetingId, label: row.label } });
      return row;
    });
    await this.sessions.changed({ boardLinkId: id });
    return revoked;
  }

  /** SECRETARIAT. The meeting's links still open (not revoked, not expired), oldest first. */
  async list(actor: Actor, meetingId: string): Promise<BoardLinkRow[]> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat sees board links');
    if (!isUuid(meetingId)) throw AppError.notFound('Meeting', meetingId);
    return this.links.active(meetingId);
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!TOKEN.test(token)) return null;
    this.listen();
    const key = digest(token).toString('hex');
    const hit = this.cache.get(key);
    let link: OpenBoardLink | null;
    if (hit && Date.now() - hit.at < this.config.SESSION_CACHE_MS && Date.now() < hit.value.expiresAt.getTime()) link = hit.value;
    else {
      link = await this.links.openByHash(Buffer.from(key, 'hex'));
      this.cache.delete(key);
      if (link) {
        if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(key, { value: link, at: Date.now() });
      }
    }
    if (!link) return null;
    return {
      userId: link.id,
      roles: [],
      organizationId: null,
      group: null,
      board: { linkId: link.id, meetingId: link.meetingId, expiresAt: link.expiresAt },
    };
  }

  async stillValid(linkId: string, fresh: boolean): Promise<boolean> {
    this.listen();
    if (!fresh) {
      for (const entry of this.cache.values()) {
        if (entry.value.id === linkId && Date.now() - entry.at < this.config.SESSION_CACHE_MS && Date.now() < entry.value.expiresAt.getTime()) return true;
      }
    }
    return (await this.links.openById(linkId)) !== null;
  }
}
