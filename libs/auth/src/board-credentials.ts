import { SetMetadata } from '@nestjs/common';
import type { Actor } from '@tripartite/common';

/**
 * A room's board link, sent as `Authorization: Bearer tbl_<secret>`: read-only access to one meeting's board.
 * The meetings capability keeps the links (hashed) and implements BoardLinkAuthenticator; the guard asks it
 * through this abstract class, so identity does not depend on meetings.
 */
export const BOARD_TOKEN_PREFIX = 'tbl_';

export const BOARD_READABLE_KEY = 'tripartite:board-readable';

/** The operation also answers a board link (for the link's own meeting only: the service checks the scope). */
export const BoardReadable = () => SetMetadata(BOARD_READABLE_KEY, true);

export function isBoardToken(token: string | null | undefined): boolean {
  return typeof token === 'string' && token.startsWith(BOARD_TOKEN_PREFIX);
}

/** Whether an `Authorization` header carries a board link (decided on its form alone, before any lookup). */
export function isBoardAuthorization(header: unknown): boolean {
  return typeof header === 'string' && /^Bearer\s+tbl_\S+$/i.test(header);
}

export function isBoardActor(actor: Actor | null | undefined): actor is Actor & { board: NonNullable<Actor['board']> } {
  return !!actor?.board;
}

export abstract class BoardLinkAuthenticator {
  /** The link's actor while it is valid (not revoked, not expired, its meeting's report not adopted); null otherwise. */
  abstract authenticate(token: string): Promise<Actor | null>;
  /** Whether the link still is valid, read afresh when `fresh` (an open socket's re-check). */
  abstract stillValid(linkId: string, fresh: boolean): Promise<boolean>;
}
