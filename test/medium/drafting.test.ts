import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import { DraftingModule, DraftingReadService, DraftingService, TranslationService } from '@tripartite/drafting';
import { EventBus } from '@tripartite/events';
import { OutboxModule } from '@tripartite/outbox';
import { Medium, startMedium } from '../support';

// DraftingService on the real database, without HTTP: one event per write, audited in the write's transaction.
describe('drafting services (medium)', () => {
  let medium: Medium;
  let drafting: DraftingService;
  let secretariat: Actor;
  let failNext = false;
  const committed: string[] = [];

  beforeAll(async () => {
    medium = await startMedium([OutboxModule, AuditModule, DraftingModule]);
    drafting = medium.get(DraftingService);
    const [user] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('sec@test.org', 'Sec', 'x', '{SECRETARIAT}') RETURNING id`,
    );
    secretariat = { userId: user.id, roles: ['SECRETARIAT'], organizationId: null, group: null };
    const bus = medium.get(EventBus);
    // A subscriber of the test's own: one that fails inside the transaction, and one that hears commits.
    bus.onWrite(['instrument.created', 'version.translationImported'], 'react', 'test', () => {
      if (failNext) throw new Error('subscriber failed');
    });
    bus.afterCommit(['instrument.created'], 'live', 'test', (e) => void committed.push(e.data.reference));
  });

  afterAll(async () => {
    await medium?.close();
  });

  it('creates an instrument with its first draft and audits the one event in the same transaction', async () => {
    const instrument = await drafting.createInstrument(secretariat, { reference: 'ILO/MED/1', title: 'Medium tier', summary: null });
    const versions = await medium.db.query<{ number: number; status: string }>(`SELECT number, status FROM draft_version WHERE instrument_id = $1`, [
      instrument.id,
    ]);
    expect(versions).toEqual([{ number: 1, status: 'DRAFT' }]);
    const audit = await medium.db.query<{ action: string; actor_id: string; data: { reference: string } }>(
      `SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1`,
      [instrument.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({ action: 'instrument.created', actor_id: secretariat.userId, data: expect.objectContaining({ reference: 'ILO/MED/1' }) }),
    ]);
    expect(committed).toContain('ILO/MED/1');
  });

  it('leaves nothing behind when a subscriber fails inside the transaction, and tells no after-commit subscriber', async () => {
    failNext = true;
    try {
      await expect(drafting.createInstrument(secretariat, { reference: 'ILO/MED/2', title: 'Rolled back', summary: null })).rejects.toThrow(
        'subscriber failed',
      );
    } finally {
      failNext = false;
    }
    expect(await medium.db.query(`SELECT 1 FROM instrument WHERE reference = 'ILO/MED/2'`)).toEqual([]);
    expect(await medium.db.query(`SELECT 1 FROM audit_event WHERE data->>'reference' = 'ILO/MED/2'`)).toEqual([]);
    expect(committed).not.toContain('ILO/MED/2');
  });

  it('refuses a duplicate reference with the field named, writing nothing', async () => {
    const before = await medium.db.query(`SELECT count(*)::int AS n FROM audit_event`);
    await expect(drafting.createInstrument(secretariat, { reference: 'ILO/MED/1', title: 'Again', summary: null })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await medium.db.query(`SELECT count(*)::int AS n FROM audit_event`)).toEqual(before);
  });

  it('imports a translated edition as one event audited in its transaction; a failing subscriber leaves no translation behind', async () => {
    const translations = medium.get(TranslationService);
    const read = medium.get(DraftingReadService);
    const instrument = await drafting.createInstrument(secretariat, { reference: 'ILO/MED/3', title: 'Translated', summary: null });
    const [version] = await read.versionsByInstrumentIds([instrument.id]);
    await drafting.importMarkdown(secretariat, version.id, '## I. Voice\n\n1.1 Everyone should be heard.\n');
    const edition = '## I. Voz\n\n1.1 Todos deberían ser oídos.\n';
    const rows = async () =>
      (
        await medium.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM guideline_translation t JOIN guideline g ON g.id = t.guideline_id WHERE g.version_id = $1`,
          [version.id],
        )
      )[0].n;

    failNext = true;
    try {
      await expect(translations.importTranslation(secretariat, version.id, 'ES', edition)).rejects.toThrow('subscriber failed');
    } finally {
      failNext = false;
    }
    expect(await rows()).toBe(0);
    expect(await medium.db.query(`SELECT 1 FROM audit_event WHERE action = 'version.translationImported' AND entity_id = $1`, [version.id])).toEqual([]);

    await translations.importTranslation(secretariat, version.id, 'ES', edition);
    expect(await rows()).toBe(1);
    expect((await read.summariesOf([version.id])).get(version.id)?.find((s) => s.language === 'ES')).toEqual({
      language: 'ES',
      current: 1,
      stale: 0,
      missing: 0,
      complete: true,
    });
    const audit = await medium.db.query<{ actor_id: string; data: Record<string, unknown> }>(
      `SELECT actor_id, data FROM audit_event WHERE action = 'version.translationImported' AND entity_id = $1`,
      [version.id],
    );
    expect(audit).toEqual([{ actor_id: secretariat.userId, data: expect.objectContaining({ language: 'ES', guidelines: 1, sections: 1 }) }]);
  });
});
