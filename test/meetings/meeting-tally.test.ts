import { DataSource } from 'typeorm';
import { SESSION_READ_TAG } from '@tripartite/auth';
import { LivePublisher } from '@tripartite/live';
import { ok } from '@tripartite/testing';
import { Feed, liveClient, until, warmUp } from '../live/live-client';
import { MeetingWorld, Q, UNKNOWN, allSupport } from './meeting-fixtures';

const TALLY_FIELDS = 'agendaItemId outcome supporting opposing abstaining reserving pending';
const BOARD = `query($id: ID!) { meeting(id: $id) {
  tally { meetingId adopted notAdopted deferred open items { ${TALLY_FIELDS} } }
  agenda { id tally { ${TALLY_FIELDS} } } } }`;
const TALLY_UPDATED = `subscription($m: ID!) { tallyUpdated(meetingId: $m) { ${TALLY_FIELDS} } }`;

describe('experts meeting: the tally and the live board', () => {
  let w: MeetingWorld;

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  describe('MeetingTally', () => {
    it('counts items by status and lists each item tally, in a constant number of statements for 30 items', async () => {
      const { meeting, items } = await w.session({ guidelines: 30, voters: { GOVERNMENT: 2, EMPLOYERS: 2, WORKERS: 2 } });
      expect(items).toHaveLength(30);
      await w.discussed(items[0], allSupport);
      await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' });
      await w.discussed(items[1], { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'OPPOSE' });
      const a = (await w.mod(Q.propose, { i: items[1], g: 'WORKERS', t: 'Amended.' })).proposeAmendment.id;
      for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) await w.mod(Q.amendmentPosition, { a, g, p: 'SUPPORT' });
      await w.mod(Q.decide, { a, s: 'ACCEPTED' });
      await w.mod(Q.closeItem, { i: items[1], s: 'ADOPTED_AS_AMENDED' });
      await w.discussed(items[2], { GOVERNMENT: 'OPPOSE' });
      await w.mod(Q.closeItem, { i: items[2], s: 'NOT_ADOPTED' });
      await w.discussed(items[3]);
      await w.mod(Q.closeItem, { i: items[3], s: 'DEFERRED' });
      await w.discussed(items[4], { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'ABSTAIN' });
      await w.mod(Q.vote, {
        i: items[4],
        v: [
          { group: 'GOVERNMENT', inFavour: 2, against: 0, abstentions: 0 },
          { group: 'EMPLOYERS', inFavour: 0, against: 1, abstentions: 0 },
          { group: 'WORKERS', inFavour: 1, against: 0, abstentions: 1 },
        ],
      });
      await w.discussed(items[5], { WORKERS: 'RESERVATION' });

      const statements: string[] = [];
      const ds = w.api.app.get(DataSource);
      const logQuery = ds.logger.logQuery.bind(ds.logger);
      ds.logger.logQuery = (sql, parameters, runner) => {
        // Authentication's read of the session (when not cached) is not the tally's.
        if (!sql.includes(SESSION_READ_TAG)) statements.push(sql);
        return logQuery(sql, parameters, runner);
      };
      let board: any;
      try {
        board = ok(await w.gql(BOARD, { id: meeting.id }, w.tokens.constituents.WORKERS[0])).meeting;
      } finally {
        ds.logger.logQuery = logQuery;
      }
      // The meeting (with the reader check), its tally, its agenda, the agenda's tallies.
      expect(statements.length).toBeLessThanOrEqual(4);

      expect(board.tally).toMatchObject({ meetingId: meeting.id, adopted: 2, notAdopted: 1, deferred: 1, open: 26 });
      expect(board.tally.items).toHaveLength(30);
      expect(board.tally.items.map((t: any) => t.agendaItemId)).toEqual(items);
      expect(board.tally.items.slice(0, 7).map((t: any) => t.outcome)).toEqual([
        'CONSENSUS',
        'NO_CONSENSUS',
        'INCOMPLETE',
        'INCOMPLETE',
        'VOTE_CARRIED',
        'INCOMPLETE',
        'INCOMPLETE',
      ]);
      expect(board.tally.items[5]).toEqual({
        agendaItemId: items[5],
        outcome: 'INCOMPLETE',
        supporting: [],
        opposing: [],
        abstaining: [],
        reserving: ['WORKERS'],
        pending: ['GOVERNMENT', 'EMPLOYERS'],
      });
      expect(board.agenda.map((i: any) => i.tally)).toEqual(board.tally.items);
    });

    it('is empty of counts for a meeting just scheduled', async () => {
      const meeting = await w.schedule(await w.consolidating(2));
      const board = ok(await w.gql(BOARD, { id: meeting.id }, w.tokens.observer)).meeting;
      expect(board.tally).toMatchObject({ adopted: 0, notAdopted: 0, deferred: 0, open: 2 });
      expect(board.tally.items.map((t: any) => t.pending)).toEqual([
        ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
        ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
      ]);
    });
  });

  describe('tallyUpdated', () => {
    const clients: { dispose(): unknown }[] = [];
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.dispose()));
    });

    function feed(token: string, meetingId: string): Feed {
      const client = liveClient(w.api.url, token);
      clients.push(client);
      return new Feed(client, TALLY_UPDATED, { m: meetingId }, 'tallyUpdated');
    }

    it("pushes the changed item's fresh tally to everyone who may read the meeting, after each change", async () => {
      const { meeting, items } = await w.session();
      const other = await w.session();
      const readers = [w.tokens.constituents.GOVERNMENT[0], w.tokens.observer, w.tokens.secretariat, w.tokens.moderator].map((t) => feed(t, meeting.id));
      const elsewhere = feed(w.tokens.observer, other.meeting.id);
      const live = w.api.app.get(LivePublisher);
      // Item 3, untouched, published again until every subscriber is listening.
      await warmUp(
        readers,
        () => live.publish('tallyUpdated', meeting.id, { meetingId: meeting.id, agendaItemId: items[2] }),
        (d) => d.agendaItemId === items[2],
      );

      const fresh = (d: any) => d.agendaItemId === items[0];
      // Each event carries the tally as read when it is delivered, so wait for each before the next change.
      const changes = [
        () => w.mod(Q.openItem, { i: items[0] }),
        () => w.mod(Q.position, { i: items[0], g: 'GOVERNMENT', p: 'SUPPORT' }),
        () => w.mod(Q.position, { i: items[0], g: 'EMPLOYERS', p: 'OPPOSE' }),
      ];
      for (const [n, change] of changes.entries()) {
        await change();
        await until(`every reader to see change ${n + 1}`, () => readers.every((f) => f.data().filter(fresh).length === n + 1));
      }
      for (const f of readers) {
        expect(f.data().filter(fresh)).toEqual([
          {
            agendaItemId: items[0],
            outcome: 'INCOMPLETE',
            supporting: [],
            opposing: [],
            abstaining: [],
            reserving: [],
            pending: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
          },
          {
            agendaItemId: items[0],
            outcome: 'INCOMPLETE',
            supporting: ['GOVERNMENT'],
            opposing: [],
            abstaining: [],
            reserving: [],
            pending: ['EMPLOYERS', 'WORKERS'],
          },
          {
            agendaItemId: items[0],
            outcome: 'INCOMPLETE',
            supporting: ['GOVERNMENT'],
            opposing: ['EMPLOYERS'],
            abstaining: [],
            reserving: [],
            pending: ['WORKERS'],
          },
        ]);
        expect(f.errors).toEqual([]);
      }
      expect(elsewhere.data()).toEqual([]);

      // A refused write publishes nothing; a close does.
      const before = readers[0].data().length;
      expect((await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED' }, w.tokens.moderator)).errors).toBeDefined();
      await w.mod(Q.position, { i: items[0], g: 'WORKERS', p: 'SUPPORT' });
      await w.mod(Q.closeItem, { i: items[0], s: 'NOT_ADOPTED' });
      await until('the position and the close', () => readers[0].data().length >= before + 2);
      // Events reach a reader in the order they were published: once a marker published now has arrived, so has
      // anything the writes above published.
      await live.publish('tallyUpdated', meeting.id, { meetingId: meeting.id, agendaItemId: items[2] });
      await until('the marker', () =>
        readers[0]
          .data()
          .slice(before)
          .some((d) => d.agendaItemId === items[2]),
      );
      expect(
        readers[0]
          .data()
          .slice(before)
          .filter((d) => d.agendaItemId !== items[2])
          .map((d) => [d.agendaItemId, d.outcome]),
      ).toEqual([
        [items[0], 'NO_CONSENSUS'],
        [items[0], 'NO_CONSENSUS'],
      ]);
    });

    it('reads each event once in this instance however many subscribe, and still checks each subscriber on every event', async () => {
      const { meeting, items } = await w.session();
      const constituent = w.people.constituents.GOVERNMENT[0];
      const readers = [...Array.from({ length: 12 }, () => feed(w.tokens.observer, meeting.id)), feed(w.tokens.constituents.GOVERNMENT[0], meeting.id)];
      const leaver = readers.at(-1)!;
      const live = w.api.app.get(LivePublisher);
      await warmUp(
        readers,
        () => live.publish('tallyUpdated', meeting.id, { meetingId: meeting.id, agendaItemId: items[2] }),
        (d) => d.agendaItemId === items[2],
      );

      const statements: string[] = [];
      const ds = w.api.app.get(DataSource);
      const logQuery = ds.logger.logQuery.bind(ds.logger);
      ds.logger.logQuery = (sql, parameters, runner) => {
        if (/"readerIds"/.test(sql)) statements.push(sql);
        return logQuery(sql, parameters, runner);
      };
      try {
        await w.mod(Q.openItem, { i: items[0] });
        await until('every reader to see the opening', () => readers.every((f) => f.data().some((d) => d.agendaItemId === items[0])));
        expect(statements).toHaveLength(1);

        // The constituent stops being a participant: the next event reaches everyone else, not them.
        await w.api.db.query(`DELETE FROM meeting_participant WHERE meeting_id = $1 AND user_id = $2`, [meeting.id, constituent.id]);
        await w.mod(Q.position, { i: items[0], g: 'GOVERNMENT', p: 'SUPPORT' });
        const supported = (f: Feed) => f.data().some((d) => d.agendaItemId === items[0] && d.supporting.includes('GOVERNMENT'));
        await until('the other readers to see the position', () => readers.slice(0, -1).every(supported));
        expect(statements).toHaveLength(2);
        await new Promise((r) => setTimeout(r, 200));
        expect(supported(leaver)).toBe(false);
        expect(leaver.errors).toEqual([]);
      } finally {
        ds.logger.logQuery = logQuery;
      }
    });

    it('is refused with NOT_FOUND to those who may not read the meeting', async () => {
      const { meeting } = await w.session();
      for (const [token, id] of [
        [w.tokens.constituents.WORKERS[1], meeting.id],
        [w.tokens.otherModerator, meeting.id],
        [w.tokens.secretariat, UNKNOWN],
        [w.tokens.secretariat, 'nope'],
      ]) {
        const f = feed(token, id);
        await until('the refusal', () => f.errors.length > 0 || f.completed);
        expect(f.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      }
    });
  });
});
