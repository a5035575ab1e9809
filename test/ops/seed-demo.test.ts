import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verifyPassword } from '@tripartite/auth';
import { sourceHash } from '@tripartite/drafting';
import { REDIS_URL, TestDatabase, createTestDatabase, deleteRedisKeys } from '@tripartite/testing';
import { findDemoPlaces } from '../../apps/cli/src/demo-banner';

const TABLES = [
  'organization',
  'app_user',
  'instrument',
  'draft_version',
  'section',
  'guideline',
  'guideline_translation',
  'section_translation',
  'instrument_translation',
  'consultation_round',
  'comment',
  'experts_meeting',
  'meeting_participant',
  'meeting_moderator',
  'agenda_item',
  'position_record',
  'amendment',
  'item_vote',
  'gb_session',
  'gb_submission',
  'audit_event',
  'outbox',
];

describe('npm run seed:demo', () => {
  let db: TestDatabase;
  const prefix = `ttseed${process.pid}`;
  const seed = () =>
    spawnSync(process.execPath, [join(process.cwd(), 'dist', 'apps', 'cli', 'src', 'seed-demo.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', DEMO_PASSWORD: 'a demo password!' },
      encoding: 'utf8',
    });
  const counts = async () => (await db.query<Record<string, number>>(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`))[0];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('seeds the demo cast, instruments, consultation, a meeting in session and a Governing Body session, all with DEMO_PASSWORD, and changes nothing when run again', async () => {
    const first = seed();
    expect({ status: first.status, stderr: first.stderr }).toMatchObject({ status: 0 });

    const orgs = await db.query<{ group: string; n: number; countries: number }>(
      `SELECT "group", count(*)::int AS n, count(country_code)::int AS countries FROM organization GROUP BY "group" ORDER BY "group"`,
    );
    expect(orgs).toEqual([
      { group: 'EMPLOYERS', n: 3, countries: 2 },
      { group: 'GOVERNMENT', n: 6, countries: 6 },
      { group: 'WORKERS', n: 3, countries: 2 },
    ]);
    const roles = await db.query<{ role: string; n: number }>(`SELECT unnest(roles) AS role, count(*)::int AS n FROM app_user GROUP BY 1 ORDER BY 1`);
    expect(roles).toEqual([
      { role: 'ADMIN', n: 1 },
      { role: 'CONSTITUENT', n: 12 },
      { role: 'MODERATOR', n: 2 },
      { role: 'OBSERVER', n: 1 },
      { role: 'SECRETARIAT', n: 2 },
    ]);
    // One constituent per organization.
    const [{ orgsWithoutConstituent }] = await db.query<{ orgsWithoutConstituent: number }>(
      `SELECT count(*)::int AS "orgsWithoutConstituent" FROM organization o WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.organization_id = o.id)`,
    );
    expect(orgsWithoutConstituent).toBe(0);
    const hashes = await db.query<{ password_hash: string }>(`SELECT password_hash FROM app_user`);
    for (const { password_hash } of hashes) expect(await verifyPassword('a demo password!', password_hash)).toBe(true);

    const instruments = await db.query<{ reference: string; stage: string; sections: number; guidelines: number }>(
      `SELECT i.reference, i.stage,
              (SELECT count(*)::int FROM section s JOIN draft_version v ON v.id = s.version_id WHERE v.instrument_id = i.id AND v.number = 1) AS sections,
              (SELECT count(*)::int FROM guideline g JOIN draft_version v ON v.id = g.version_id WHERE v.instrument_id = i.id AND v.number = 1) AS guidelines
         FROM instrument i ORDER BY i.reference`,
    );
    // One instrument at each stage the web client shows.
    expect(instruments.map(({ reference, stage }) => ({ reference, stage }))).toEqual([
      { reference: 'CARE/2026', stage: 'EXPERTS_MEETING' },
      { reference: 'HEAT/2026', stage: 'GB_SUBMISSION' },
      { reference: 'MFLM/2026', stage: 'CONSOLIDATION' },
      { reference: 'PLAT/2026', stage: 'DRAFTING' },
    ]);
    const mflm = instruments.find((i) => i.reference === 'MFLM/2026')!;
    expect(mflm.sections).toBeGreaterThanOrEqual(6);
    expect(mflm.guidelines).toBeGreaterThanOrEqual(20);

    await expectMeetingInSession();
    await expectGoverningBodySession();
    await expectTranslations();

    const before = await counts();
    const second = seed();
    expect(second.status).toBe(0);
    expect(await counts()).toEqual(before);
  }, 90_000);

  /** HEAT/2026 in French and Spanish: French made before guideline 2.2 was edited (STALE there), Spanish after. */
  async function expectTranslations(): Promise<void> {
    const rows = await db.query<{ key: string; title: string | null; text: string; language: string; source_hash: string }>(
      `SELECT g.key, g.title, g.text, t.language, t.source_hash
         FROM guideline g JOIN draft_version v ON v.id = g.version_id JOIN instrument i ON i.id = v.instrument_id
         JOIN guideline_translation t ON t.guideline_id = g.id
        WHERE i.reference = 'HEAT/2026' ORDER BY t.language, g.position, t.translated_at`,
    );
    const stale = (language: string) => rows.filter((r) => r.language === language && r.source_hash !== sourceHash(r)).map((r) => r.key);
    expect(rows.filter((r) => r.language === 'FR')).toHaveLength(7);
    expect(rows.filter((r) => r.language === 'ES')).toHaveLength(7);
    expect(stale('FR')).toEqual(['2.2']);
    expect(stale('ES')).toEqual([]);
    const [{ headings }] = await db.query<{ headings: number }>(
      `SELECT count(*)::int AS headings FROM section_translation t JOIN section s ON s.id = t.section_id JOIN draft_version v ON v.id = s.version_id
         JOIN instrument i ON i.id = v.instrument_id WHERE i.reference = 'HEAT/2026'`,
    );
    expect(headings).toBe(6);
    const titles = await db.query<{ language: string; title: string }>(
      `SELECT t.language, t.title FROM instrument_translation t JOIN instrument i ON i.id = t.instrument_id WHERE i.reference = 'HEAT/2026' ORDER BY t.language`,
    );
    expect(titles.map((t) => t.language)).toEqual(['ES', 'FR']);
  }

  /** CARE/2026: its meeting IN_SESSION, the three groups taking part, the demo moderator at the console, items decided, one under discussion. */
  async function expectMeetingInSession(): Promise<void> {
    const [meeting] = await db.query<any>(
      `SELECT m.id, m.status, m.starts_at <= now() AS started, m.ends_at > now() AS "notEnded",
              (SELECT array_agg(lower(u.email)) FROM meeting_moderator mm JOIN app_user u ON u.id = mm.user_id WHERE mm.meeting_id = m.id) AS moderators
         FROM experts_meeting m JOIN instrument i ON i.id = m.instrument_id WHERE i.reference = 'CARE/2026'`,
    );
    expect(meeting).toMatchObject({ status: 'IN_SESSION', started: true, notEnded: true, moderators: ['moderator@tripartite.demo'] });
    // The demo's banner links to its board and console, and to the desk pages of the other two.
    const [{ heat, mflm }] = await db.query<any>(
      `SELECT (SELECT id FROM instrument WHERE reference = 'HEAT/2026') AS heat, (SELECT id FROM instrument WHERE reference = 'MFLM/2026') AS mflm`,
    );
    expect(await findDemoPlaces(db.url)).toEqual({ meetingInSession: meeting.id, paperInstrument: heat, commentsInstrument: mflm });
    const participants = await db.query<any>(
      `SELECT "group", count(*)::int AS n, count(*) FILTER (WHERE role = 'SPOKESPERSON')::int AS spokespersons
         FROM meeting_participant WHERE meeting_id = $1 GROUP BY 1 ORDER BY 1`,
      [meeting.id],
    );
    expect(participants).toEqual([
      { group: 'EMPLOYERS', n: 3, spokespersons: 1 },
      { group: 'GOVERNMENT', n: 6, spokespersons: 1 },
      { group: 'WORKERS', n: 3, spokespersons: 1 },
    ]);
    const items = await db.query<any>(
      `SELECT g.key, i.status,
              (SELECT count(*)::int FROM position_record p WHERE p.agenda_item_id = i.id AND p.current) AS positions,
              (SELECT count(*)::int FROM amendment a WHERE a.agenda_item_id = i.id AND a.status = 'PROPOSED') AS "proposedAmendments"
         FROM agenda_item i JOIN guideline g ON g.id = i.guideline_id WHERE i.meeting_id = $1 ORDER BY i.position`,
      [meeting.id],
    );
    const decided = items.filter((i) => ['ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'].includes(i.status));
    expect(decided.length).toBeGreaterThanOrEqual(2);
    for (const item of decided) expect(item.positions).toBe(3);
    expect(decided.map((i) => i.status)).toContain('ADOPTED_AS_AMENDED');
    // One item on the floor: some groups have spoken, not all; an amendment awaits its positions.
    const discussed = items.filter((i) => i.status === 'UNDER_DISCUSSION');
    expect(discussed).toHaveLength(1);
    expect(discussed[0].positions).toBeGreaterThan(0);
    expect(discussed[0].positions).toBeLessThan(3);
    expect(discussed[0].proposedAmendments).toBe(1);
    expect(items.filter((i) => i.status === 'PENDING').length).toBeGreaterThan(0);
    // Recorded through the services: by the moderator, audited.
    const [audit] = await db.query<any>(
      `SELECT count(*)::int AS positions, bool_and(lower(u.email) = 'moderator@tripartite.demo') AS "byModerator"
         FROM audit_event e JOIN app_user u ON u.id = e.actor_id
        WHERE e.action = 'position.recorded' AND e.entity_id IN (SELECT id::text FROM agenda_item WHERE meeting_id = $1)`,
      [meeting.id],
    );
    expect(audit.positions).toBe(items.reduce((n, i) => n + i.positions, 0));
    expect(audit.byModerator).toBe(true);
  }

  /** An upcoming session with its document deadline ahead, and HEAT/2026's paper prepared for it (its meeting's report adopted). */
  async function expectGoverningBodySession(): Promise<void> {
    const sessions = await db.query<any>(
      `SELECT id, number, starts_at > now() AS upcoming, document_deadline > now() AS "deadlineAhead",
              starts_at - document_deadline AS "deadlineBefore"
         FROM gb_session`,
    );
    expect(sessions).toEqual([{ id: expect.any(String), number: 356, upcoming: true, deadlineAhead: true, deadlineBefore: { days: 15 } }]);
    const papers = await db.query<any>(
      `SELECT s.symbol, s.status, s.session_id AS "sessionId", m.status AS "meetingStatus", i.reference
         FROM gb_submission s JOIN instrument i ON i.id = s.instrument_id JOIN experts_meeting m ON m.id = s.meeting_id`,
    );
    expect(papers).toEqual([{ symbol: 'GB.356/INS/4', status: 'DRAFT', sessionId: sessions[0].id, meetingStatus: 'REPORT_ADOPTED', reference: 'HEAT/2026' }]);
  }
});
