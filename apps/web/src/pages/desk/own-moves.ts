// The stage moves this page has asked for and not yet seen come back over the live subscription: the page says
// its own words about them ("Round 1 is open for comments."), so the live "The instrument moved..." is not said
// over them. Recorded before the request is sent: the live event may arrive before the mutation's answer.
const pending = new Map<string, { to: string; at: number }>();
const FRESH_MS = 30_000;

export function expectOwnMove(instrumentId: string, to: string): void {
  pending.set(instrumentId, { to, at: Date.now() });
}

/** The move was refused: a live move to the same stage is someone else's. */
export function forgetOwnMove(instrumentId: string): void {
  pending.delete(instrumentId);
}

/** Whether a live move is the one this page asked for (then forgotten). */
export function takeOwnMove(instrumentId: string, to: string): boolean {
  const own = pending.get(instrumentId);
  if (!own || own.to !== to || Date.now() - own.at > FRESH_MS) return false;
  pending.delete(instrumentId);
  return true;
}
