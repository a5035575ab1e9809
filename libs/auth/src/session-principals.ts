import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';
import { isUuid } from '@tripartite/common';
import { effectiveLanguage, type ConstituentGroup, type Language, type Role } from '@tripartite/domain';
import { REDIS } from '@tripartite/redis';
import { SessionRepository } from './repositories';
import type { SessionEndReason } from './session.entity';

/** Who a session acts for, as the database says now (never as a token claimed it). */
export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  roles: Role[];
  organizationId: string | null;
  group: ConstituentGroup | null;
  /** The language the user's pages and emails are in now (their choice, else their organization's default, else EN). */
  language: Language;
  /** The absolute end of the session. */
  expiresAt: Date;
  /** The end if nobody refreshes it before (moves with each refresh). */
  idleExpiresAt: Date;
  /** Why it ended early, if it did (a deactivated user's sessions all say 'deactivated'). */
  ended: SessionEndReason | null;
}

/**
 * What changed: one session, every session of a user, or (after a lost connection to Redis) anything; or a room's
 * board link (revoked: its sockets close, its holder is refused from the next request).
 */
export type SessionChange = { sessionId: string } | { userId: string } | { all: true } | { boardLinkId: string };

/** A session that may still act: not ended, not past its idle or absolute end. */
export function sessionLive(p: SessionPrincipal | null | undefined, now = Date.now()): p is SessionPrincipal {
  return !!p && p.ended === null && now < p.idleExpiresAt.getTime() && now < p.expiresAt.getTime();
}

/** Whether two views of a user grant the same access (roles and organization). */
export function sameAccess(
  a: Pick<SessionPrincipal, 'userId' | 'roles' | 'organizationId'>,
  b: Pick<SessionPrincipal, 'userId' | 'roles' | 'organizationId'>,
): boolean {
  return a.userId === b.userId && a.organizationId === b.organizationId && a.roles.length === b.roles.length && a.roles.every((r) => b.roles.includes(r));
}

const MAX_ENTRIES = 10_000;

/** The Redis channel on which instances announce session changes (JSON SessionChange), under a QUEUE_PREFIX. */
export function sessionChangesChannel(prefix: string): string {
  return `${prefix}:auth:sessions`;
}

/**
 * Sessions as every request sees them: read from PostgreSQL, kept for at most SESSION_CACHE_MS, and dropped on
 * every api instance as soon as one of them changes a session or a user (published on a Redis channel). So a
 * sign-out, a deactivation or new roles apply to the next request anywhere, and to open WebSockets (onChange).
 * The subscriber connection opens on first use: processes that authenticate nobody (the worker) open none.
 */
@Injectable()
export class SessionPrincipals implements OnApplicationShutdown {
  private readonly logger = new Logger('Sessions');
  private readonly cache = new Map<string, { value: SessionPrincipal; at: number }>();
  private readonly inflight = new Map<string, Promise<SessionPrincipal | null>>();
  private readonly listeners = new Set<(change: SessionChange) => void>();
  /** Bumped by every change: a read that started before one is not cached. */
  private epoch = 0;
  private subscriber?: Redis;
  private closed = false;

  constructor(
    private readonly sessions: SessionRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  get channel(): string {
    return sessionChangesChannel(this.config.QUEUE_PREFIX);
  }

  /** The session as it stands (from the cache when fresh and live); null when there is no such session. */
  async get(sessionId: string): Promise<SessionPrincipal | null> {
    this.subscribe();
    const hit = this.cache.get(sessionId);
    // A session that looks over by the clock is read again: a refresh elsewhere may have moved its idle end.
    if (hit && Date.now() - hit.at < this.config.SESSION_CACHE_MS && sessionLive(hit.value)) return hit.value;
    return this.load(sessionId);
  }

  /** Reads from PostgreSQL, bypassing the cache (and refreshing it). */
  load(sessionId: string): Promise<SessionPrincipal | null> {
    if (!isUuid(sessionId)) return Promise.resolve(null);
    const pending = this.inflight.get(sessionId);
    if (pending) return pending;
    const epoch = this.epoch;
    const read = this.read(sessionId).then(
      (value) => {
        if (this.inflight.get(sessionId) === read) this.inflight.delete(sessionId);
        if (value && sessionLive(value) && epoch === this.epoch) this.remember(value);
        else this.cache.delete(sessionId);
        return value;
      },
      (error: unknown) => {
        if (this.inflight.get(sessionId) === read) this.inflight.delete(sessionId);
        throw error;
      },
    );
    this.inflight.set(sessionId, read);
    return read;
  }

  /** Called with every change, from this instance or another (to re-check open WebSockets). */
  onChange(listener: (change: SessionChange) => void): () => void {
    this.subscribe();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Forgets what a change makes stale, here and (through Redis) on every other instance. Call it after the
   * change has committed. Never throws: when Redis cannot take the message, the others notice within SESSION_CACHE_MS.
   */
  async changed(change: SessionChange): Promise<void> {
    this.forget(change);
    try {
      await this.redis.publish(this.channel, JSON.stringify(change));
    } catch (error) {
      this.logger.warn({ err: { message: (error as Error)?.message } }, 'could not announce a session change to the other instances');
    }
  }

  onApplicationShutdown(): void {
    this.closed = true;
    this.subscriber?.disconnect();
    this.listeners.clear();
  }

  private forget(change: SessionChange): void {
    this.epoch++;
    this.inflight.clear();
    if ('all' in change) this.cache.clear();
    else if ('sessionId' in change) this.cache.delete(change.sessionId);
    else if ('boardLinkId' in change) {
      // no session to forget: the board links' own cache listens (onChange)
    } else for (const [id, entry] of this.cache) if (entry.value.userId === change.userId) this.cache.delete(id);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error }, 'a session change listener failed');
      }
    }
  }

  private remember(value: SessionPrincipal): void {
    this.cache.delete(value.sessionId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(value.sessionId, { value, at: Date.now() });
  }

  private async read(sessionId: string): Promise<SessionPrincipal | null> {
    const row = await this.sessions.principal(sessionId);
    if (!row) return null;
    return {
      sessionId: row.session_id,
      userId: row.user_id,
      roles: row.roles,
      organizationId: row.organization_id,
      group: row.group,
      language: effectiveLanguage(row.language, row.default_language),
      expiresAt: new Date(row.expires_at),
      idleExpiresAt: new Date(row.idle_expires_at),
      ended: row.deactivated_at ? 'deactivated' : row.revoked_reason,
    };
  }

  private subscribe(): void {
    if (this.subscriber || this.closed) return;
    const sub = new Redis(this.config.REDIS_URL, {
      connectionName: `${this.config.QUEUE_PREFIX}-sessions-sub`,
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.subscriber = sub;
    let connections = 0;
    sub.on('error', (err: Error) => this.logger.warn({ err: { message: err.message } }, 'session change subscriber: Redis connection failed'));
    // Changes announced while the connection was down are lost: after a reconnection, trust nothing cached.
    sub.on('ready', () => {
      if (connections++ > 0) this.forget({ all: true });
    });
    sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const change = parseChange(message);
      if (change) this.forget(change);
    });
    sub
      .subscribe(this.channel)
      .catch((error: unknown) => this.logger.warn({ err: { message: (error as Error)?.message } }, 'could not subscribe to session changes'));
  }
}

function parseChange(message: string): SessionChange | null {
  try {
    const value = JSON.parse(message) as Record<string, unknown>;
    if (typeof value.sessionId === 'string') return { sessionId: value.sessionId };
    if (typeof value.userId === 'string') return { userId: value.userId };
    if (value.all === true) return { all: true };
    if (typeof value.boardLinkId === 'string') return { boardLinkId: value.boardLinkId };
  } catch {
    // not ours
  }
  return null;
}
