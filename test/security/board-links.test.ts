// A room's board link reads that one meeting's board and nothing else: another meeting, any other query, a
// mutation, a REST endpoint, a field outside the board (people, comments) are refused; revoked, it is refused over
// HTTP and its open socket is closed at once. Stored hashed; its secret shown once; audited.
import { createHash } from 'node:crypto';
import { CAPACITY } from '@tripartite/domain';
import { errorOf, ok } from '@tripartite/testing';
import { Feed, connectionOutcome, liveClient, nextClose, until } from '../live/live-client';
import { MeetingWorld, Q, type MeetingSetup } from '../meetings/meeting-fixtures';

const BOARD = `query($m: ID!) { meeting(id: $m) { id title status instrument { reference title } agenda { id order status finalText
  guideline { number title text } amendments { id proposedBy status positions { group position } } tally { outcome } }
  tally { adopted open items { agendaItemId outcome supporting } } } }`;
const CREATE = `mutation($m: ID!, $l: String!, $e: DateTime) { createBoardLink(meetingId: $m, label: $l, expiresAt: $e) { token link { id label expiresAt meetingId } } }`;
const REVOKE = `mutation($l: ID!) { revokeBoardLink(id: $l) { id revokedAt } }`;
const LINKS = `query($m: ID!) { boardLinks(meetingId: $m) { id label } }`;
const TALLY = `subscription($m: ID!) { tallyUpdated(meetingId: $m) { agendaItemId outcome } }`;

describe('board links (read-only access to one meeting board)', () => {
  let w: MeetingWorld;
  let s: MeetingSetup;
  let other: MeetingSetup;
  let token: string;
  let linkId: string;
  const clients: { dispose(): unknown }[] = [];

  beforeAll(async () => {
    w = await MeetingWorld.start();
    s = await w.session();
    other = await w.session();
    const created = (await w.staff(CREATE, { m: s.meeting.id, l: 'Room XVII' })).createBoardLink;
    token = created.token;
    linkId = created.link.id;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await w?.stop();
  });

  it('is kept as a digest only, expires a day after the meeting by default, and its creation is audited without it', async () => {
    expect(token).toMatch(/^tbl_[A-Za-z0-9_-]{64}$/);
    const [row] = await w.api.db.query<{ token_hash: Buffer; expires_at: Date }>(`SELECT token_hash, expires_at FROM board_link WHERE id = $1`, [linkId]);
    expect(row.token_hash.equals(createHash('sha256').update(token).digest())).toBe(true);
    expect(new Date(row.expires_at).toISOString()).toBe('2030-03-07T17:00:00.000Z');
    const audit = await w.api.db.query<{ action: string; data: unknown }>(`SELECT action, data FROM audit_event WHERE entity_id = $1`, [linkId]);
    expect(audit.map((a) => a.action)).toEqual(['boardLink.created']);
    expect(JSON.stringify(audit)).not.toContain(token.slice(4));
    const listed = ok<any>(await w.gql(LINKS, { m: s.meeting.id }, w.tokens.secretariat)).boardLinks;
    expect(listed).toEqual([{ id: linkId, label: 'Room XVII' }]);
    expect(JSON.stringify(listed)).not.toContain(token);
  });

  it('reads its meeting board, nothing more', async () => {
    const board = ok<any>(await w.gql(BOARD, { m: s.meeting.id }, token)).meeting;
    expect(board.id).toBe(s.meeting.id);
    expect(board.agenda).toHaveLength(3);
    // Another meeting: as if it did not exist.
    expect(errorOf(await w.gql(BOARD, { m: other.meeting.id }, token)).code).toBe('NOT_FOUND');
    // Other queries, fields outside the board, and introspection of people are refused before any resolver.
    for (const query of [
      `{ me { id } }`,
      `{ instruments { id } }`,
      `query($i: ID!) { agendaItem(id: $i) { id } }`,
      `query($m: ID!) { meeting(id: $m) { participants { user { email } } } }`,
      `query($m: ID!) { meeting(id: $m) { moderators { id } } }`,
      `query($m: ID!) { meeting(id: $m) { instrument { rounds { id } } } }`,
      `query($m: ID!) { meeting(id: $m) { agenda { positions { statement recordedBy { id } } } } }`,
      `query($m: ID!) { meeting(id: $m) { agenda { amendments { positionHistory { group } } } } }`,
    ]) {
      const res = await w.gql(query, { m: s.meeting.id, i: s.items[0] }, token);
      expect([query, errorOf(res).code]).toEqual([query, 'FORBIDDEN']);
      expect(res.data ?? null).toBeNull();
    }
  });

  it('writes nothing: every mutation is refused', async () => {
    for (const [query, variables] of [
      [Q.openItem, { i: s.items[0] }],
      [REVOKE, { l: linkId }],
      [CREATE, { m: s.meeting.id, l: 'Another' }],
      [`mutation { logout }`, {}],
    ] as const) {
      expect([query, errorOf(await w.gql(query, variables, token)).code]).toEqual([query, 'FORBIDDEN']);
    }
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM board_link WHERE meeting_id = $1`, [s.meeting.id]);
    expect(n).toBe(1);
    // A REST endpoint of the api: not for a board link either.
    const csv = await fetch(`${w.api.url}/exports/rounds/${s.meeting.id}/comments.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(403);
  });

  it('follows its meeting live; another meeting refused; on revocation refused over HTTP and its socket closed at once', async () => {
    const client = liveClient(w.api.url, token);
    clients.push(client);
    expect(await connectionOutcome(client)).toBe('connected');
    const elsewhere = new Feed(client, TALLY, { m: other.meeting.id }, 'tallyUpdated');
    await until('the other meeting to be refused', () => elsewhere.errors.length > 0);
    expect(elsewhere.errors[0].code).toBe('NOT_FOUND');
    const outside = new Feed(client, `subscription { notificationAdded { id } }`, {}, 'notificationAdded');
    await until('a subscription outside the board to be refused', () => outside.errors.length > 0);
    expect(outside.errors[0].code).toBe('FORBIDDEN');

    const feed = new Feed(client, TALLY, { m: s.meeting.id }, 'tallyUpdated');
    // No acknowledgement for a subscription: write until one arrives.
    await w.mod(Q.openItem, { i: s.items[0] });
    let n = 0;
    await until(
      'a live tally on the board link',
      async () => {
        if (feed.events.length) return true;
        await w.mod(Q.position, { i: s.items[0], g: 'GOVERNMENT', p: n++ % 2 ? 'SUPPORT' : 'ABSTAIN' });
        return feed.events.length > 0;
      },
      10_000,
      200,
    );
    expect(feed.data()[0].agendaItemId).toBe(s.items[0]);

    const closed = nextClose(client);
    ok(await w.gql(REVOKE, { l: linkId }, w.tokens.secretariat));
    expect(await closed).toEqual({ code: 4401, reason: 'Board link ended' });
    const refused = await w.gql(BOARD, { m: s.meeting.id }, token);
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');
    const again = liveClient(w.api.url, token);
    clients.push(again);
    expect(await connectionOutcome(again)).toMatchObject({ code: 4401 });
    expect(ok<any>(await w.gql(LINKS, { m: s.meeting.id }, w.tokens.secretariat)).boardLinks).toEqual([]);
  });

  it(`holds at most ${CAPACITY.boardLinksPerMeeting} open links per meeting (a write past it writes nothing)`, async () => {
    await w.api.db.query(
      `INSERT INTO board_link (meeting_id, label, token_hash, created_by, expires_at)
       SELECT $1, 'Room ' || g, sha256(('cap' || g)::bytea), $2, now() + interval '1 day' FROM generate_series(1, $3::int) g`,
      [other.meeting.id, w.people.secretariat.id, CAPACITY.boardLinksPerMeeting],
    );
    const res = await w.gql(CREATE, { m: other.meeting.id, l: 'One too many' }, w.tokens.secretariat);
    expect(errorOf(res).code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).toContain(`at most ${CAPACITY.boardLinksPerMeeting} active board links`);
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM board_link WHERE meeting_id = $1`, [other.meeting.id]);
    expect(n).toBe(CAPACITY.boardLinksPerMeeting);
    await w.api.db.query(`DELETE FROM board_link WHERE meeting_id = $1`, [other.meeting.id]);
  });

  it('refuses a made-up or malformed link, an expiry in the past, and stops opening once its meeting report is adopted', async () => {
    const forged = `tbl_${Buffer.concat([Buffer.from(s.meeting.id.replace(/-/g, ''), 'hex'), Buffer.alloc(32)]).toString('base64url')}`;
    expect(errorOf(await w.gql(BOARD, { m: s.meeting.id }, forged)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await w.gql(BOARD, { m: s.meeting.id }, 'tbl_short')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await w.gql(CREATE, { m: other.meeting.id, l: 'Late', e: '2001-01-01T00:00:00Z' }, w.tokens.secretariat)).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await w.gql(CREATE, { m: other.meeting.id, l: '  ' }, w.tokens.secretariat)).code).toBe('BAD_USER_INPUT');
    const second = ok<any>(await w.gql(CREATE, { m: other.meeting.id, l: 'Room B' }, w.tokens.secretariat)).createBoardLink;
    expect(ok<any>(await w.gql(BOARD, { m: other.meeting.id }, second.token)).meeting.id).toBe(other.meeting.id);
    await w.api.db.query(`UPDATE experts_meeting SET status = 'REPORT_ADOPTED' WHERE id = $1`, [other.meeting.id]);
    // Cached for at most SESSION_CACHE_MS (5 s by default): the next read after it finds the report adopted.
    await until(
      'the link to stop opening the adopted meeting',
      async () => {
        const res = await w.gql(BOARD, { m: other.meeting.id }, second.token);
        return res.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
      },
      10_000,
      250,
    );
  });
});
