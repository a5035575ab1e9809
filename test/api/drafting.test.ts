import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DraftingReadService } from '@tripartite/drafting';
import { People, TestApi, errorOf, ok, seedPeople, startApi, untyped } from '@tripartite/testing';
import { graphql } from '../gql';

// Typed documents (test/codegen.ts): a field the schema lacks, or a wrong variable, fails the build.
graphql(`
  fragment DraftingVersion on DraftVersion {
    id
    number
    status
    publishedAt
    changeSummary
    sections {
      number
      heading
      guidelines {
        key
        number
        title
        text
      }
    }
    guidelines {
      id
      key
      number
      title
      text
      section {
        number
      }
    }
  }
`);
graphql(`
  fragment DraftingInstrument on Instrument {
    id
    reference
    title
    summary
    stage
    revision
    createdAt
    versions {
      id
      number
      status
    }
    latestPublishedVersion {
      id
      number
    }
  }
`);

const CREATE = graphql(`
  mutation DraftingCreate($input: CreateInstrumentInput!) {
    createInstrument(input: $input) {
      ...DraftingInstrument
    }
  }
`);
const SAVE = graphql(`
  mutation DraftingSave($v: ID!, $s: [SectionInput!]!) {
    saveDraft(versionId: $v, sections: $s) {
      ...DraftingVersion
    }
  }
`);
const IMPORT = graphql(`
  mutation DraftingImport($v: ID!, $m: String!) {
    importDraftMarkdown(versionId: $v, markdown: $m) {
      ...DraftingVersion
    }
  }
`);
const PUBLISH = graphql(`
  mutation DraftingPublish($v: ID!, $c: String) {
    publishVersion(versionId: $v, changeSummary: $c) {
      ...DraftingVersion
    }
  }
`);
const REVISE = graphql(`
  mutation DraftingRevise($i: ID!) {
    createRevision(instrumentId: $i) {
      ...DraftingVersion
    }
  }
`);
const INSTRUMENT = graphql(`
  query DraftingInstrument($id: ID!) {
    instrument(id: $id) {
      ...DraftingInstrument
    }
  }
`);
const VERSIONS = graphql(`
  query DraftingVersions($id: ID!) {
    instrument(id: $id) {
      versions {
        ...DraftingVersion
      }
    }
  }
`);
const INSTRUMENTS = graphql(`
  query DraftingInstruments($stage: Stage) {
    instruments(stage: $stage) {
      id
      reference
      stage
    }
  }
`);
const DIFF = graphql(`
  query DraftingDiff($f: ID!, $t: ID!) {
    versionDiff(fromVersionId: $f, toVersionId: $t) {
      key
      kind
      before {
        number
        title
        text
      }
      after {
        number
        title
        text
        section {
          number
        }
      }
    }
  }
`);

const PREVIEW = graphql(`
  query DraftingPreview($v: ID!, $m: String!) {
    previewDraftMarkdown(versionId: $v, markdown: $m) {
      ok
      title
      sections {
        number
        heading
        line
        guidelines {
          key
          number
          title
          text
          line
        }
      }
      problems {
        line
        code
        message
        params {
          name
          value
        }
      }
      warnings {
        line
        code
        message
      }
    }
  }
`);
const EDIT = graphql(`
  mutation DraftingEdit($g: ID!, $text: String!, $title: String, $r: Int) {
    updateDraftGuideline(guidelineId: $g, text: $text, title: $title, expectedRevision: $r) {
      id
      key
      title
      text
      revision
      translationStatus(language: FR)
    }
  }
`);
const VERSION = graphql(`
  query DraftingOneVersion($v: ID!) {
    draftVersion(id: $v) {
      id
      status
      guidelines {
        id
        key
        text
        revision
      }
    }
  }
`);

const demoFile = (name: string) => readFileSync(join(__dirname, '..', '..', 'apps', 'cli', 'src', 'demo', name), 'utf8');

const CONTENT = [
  {
    number: 'I',
    heading: 'Decent work',
    guidelines: [
      { number: '1.1.', text: 'Every worker should enjoy decent work.' },
      { number: '1.2', title: 'Dialogue', text: 'Governments should consult the social partners.' },
    ],
  },
  { number: 'II', heading: 'Cooperation', guidelines: [{ number: '2.1', key: 'coop', text: 'States should cooperate.' }] },
];

describe('drafting', () => {
  let api: TestApi;
  let people: People;
  let sec: string;
  let admin: string;
  let observer: string;
  let moderator: string;
  let constituent: string;
  let serial = 0;

  beforeAll(async () => {
    // Whole instruments with every version's content in one read, as these tests check it: priced at the caps (50
    // versions of 2,000 guidelines) that is beyond GRAPHQL_MAX_COST, which this suite is not about (test/security is).
    api = await startApi({ GRAPHQL_MAX_COST: '100000000' });
    people = await seedPeople(api.app);
    [sec, admin, observer, moderator, constituent] = await Promise.all(
      [people.secretariat, people.admin, people.observer, people.moderator, people.constituents.WORKERS[0]].map((p) => api.login(p.email)),
    );
  });
  afterAll(() => api.close());

  /** A fresh instrument; returns it with its version 1 (a DRAFT). */
  async function instrument(extra: Record<string, unknown> = {}) {
    const input = { reference: `T/${++serial}`, title: `Test instrument ${serial}`, ...extra };
    const created = ok(await api.gql(CREATE, { input }, sec)).createInstrument;
    return { ...created, draftId: created.versions[0].id as string };
  }

  async function published(content = CONTENT) {
    const i = await instrument();
    ok(await api.gql(SAVE, { v: i.draftId, s: content }, sec));
    ok(await api.gql(PUBLISH, { v: i.draftId, c: 'First' }, sec));
    return i;
  }

  const rows = async (sql: string, params: unknown[]) => (await api.db.query<{ n: number }>(sql, params))[0].n;
  const contentRows = async (versionId: string) => ({
    sections: await rows(`SELECT count(*)::int AS n FROM section WHERE version_id = $1`, [versionId]),
    guidelines: await rows(`SELECT count(*)::int AS n FROM guideline WHERE version_id = $1`, [versionId]),
  });
  const audits = (action: string, entityId: string) =>
    api.db.query<{ actor_id: string; data: Record<string, unknown> }>(`SELECT actor_id, data FROM audit_event WHERE action = $1 AND entity_id = $2`, [
      action,
      entityId,
    ]);

  describe('createInstrument', () => {
    it('starts in DRAFTING at revision 1 with version 1 in DRAFT, and is audited', async () => {
      const i = await instrument({ summary: '  A summary  ' });
      expect(i).toMatchObject({ stage: 'DRAFTING', revision: 1, summary: 'A summary', latestPublishedVersion: null });
      expect(i.versions).toEqual([{ id: i.draftId, number: 1, status: 'DRAFT' }]);
      const [event] = await audits('instrument.created', i.id);
      expect(event.actor_id).toBe(people.secretariat.id);
      expect(event.data).toMatchObject({ reference: i.reference, versionId: i.draftId });
    });

    it('refuses a reference already used, in any case', async () => {
      const i = await instrument({ reference: 'Dup/2026' });
      const error = errorOf(await api.gql(CREATE, { input: { reference: ' dup/2026 ', title: 'Another' } }, sec));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([{ field: 'reference', message: expect.stringMatching(/already/) }]);
      expect(await rows(`SELECT count(*)::int AS n FROM instrument WHERE lower(reference) = 'dup/2026'`, [])).toBe(1);
      expect(i.reference).toBe('Dup/2026');
    });

    it('checks the lengths of reference and title', async () => {
      const error = errorOf(await api.gql(CREATE, { input: { reference: 'x'.repeat(51), title: 'two\nlines' } }, sec));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect((error.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual(['reference', 'title']);
      expect(errorOf(await api.gql(CREATE, { input: { reference: '', title: 't'.repeat(501) } }, sec)).extensions?.fields).toHaveLength(2);
      ok(await api.gql(CREATE, { input: { reference: 'r'.repeat(50), title: 't'.repeat(500) } }, sec));
    });
  });

  describe('who may write', () => {
    it('refuses every drafting write to anyone but the secretariat', async () => {
      const i = await instrument();
      const writes: [string, Record<string, unknown>][] = [
        [untyped(CREATE), { input: { reference: 'NOPE/1', title: 'No' } }],
        [untyped(SAVE), { v: i.draftId, s: CONTENT }],
        [untyped(IMPORT), { v: i.draftId, m: '## I. A\n\n1.1 B' }],
        [untyped(PUBLISH), { v: i.draftId }],
        [untyped(REVISE), { i: i.id }],
      ];
      for (const token of [admin, observer, moderator, constituent]) {
        for (const [query, vars] of writes) expect(errorOf(await api.gql(query, vars, token)).code).toBe('FORBIDDEN');
      }
      for (const [query, vars] of writes) expect(errorOf(await api.gql(query, vars)).code).toBe('UNAUTHENTICATED');
      expect(await contentRows(i.draftId)).toEqual({ sections: 0, guidelines: 0 });
    });
  });

  describe('saveDraft', () => {
    it('replaces the whole content, in order, deriving keys from numbers; audited; the instrument row is untouched', async () => {
      const i = await instrument();
      const first = ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec)).saveDraft;
      expect(first.sections.map((s: any) => [s.number, s.heading, s.guidelines.map((g: any) => g.key)])).toEqual([
        ['I', 'Decent work', ['1.1', '1.2']],
        ['II', 'Cooperation', ['coop']],
      ]);
      expect(first.guidelines.map((g: any) => [g.key, g.number, g.title, g.section.number])).toEqual([
        ['1.1', '1.1.', null, 'I'],
        ['1.2', '1.2', 'Dialogue', 'I'],
        ['coop', '2.1', null, 'II'],
      ]);
      const second = ok(
        await api.gql(SAVE, { v: i.draftId, s: [{ number: '1', heading: 'Only', guidelines: [{ number: '9.9', text: 'Alone.' }] }] }, sec),
      ).saveDraft;
      expect(second.guidelines.map((g: any) => g.key)).toEqual(['9.9']);
      expect(await contentRows(i.draftId)).toEqual({ sections: 1, guidelines: 1 });
      expect(await audits('version.saved', i.draftId)).toHaveLength(2);
      expect(ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument.revision).toBe(1);
    });

    it('refuses duplicates and over-long text with field paths, and writes nothing', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const before = ok(await api.gql(VERSIONS, { id: i.id }, sec)).instrument.versions[0];
      const bad = [
        { number: 'I', heading: 'New heading', guidelines: [{ number: '1.1', text: 'Changed text.' }] },
        {
          number: 'I',
          heading: 'h'.repeat(501),
          guidelines: [
            { number: '2.1', text: '   ' },
            { number: '2.2', key: '1.1', text: 'Duplicate key.' },
            { number: '2.3', text: 'x'.repeat(20_001) },
          ],
        },
      ];
      const error = errorOf(await api.gql(SAVE, { v: i.draftId, s: bad }, sec));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect((error.extensions?.fields as { field: string }[]).map((f) => f.field)).toEqual([
        'sections[1].number',
        'sections[1].heading',
        'sections[1].guidelines[0].text',
        'sections[1].guidelines[1].key',
        'sections[1].guidelines[2].text',
      ]);
      expect(await contentRows(i.draftId)).toEqual({ sections: 2, guidelines: 3 });
      const after = ok(await api.gql(VERSIONS, { id: i.id }, sec)).instrument.versions[0];
      expect(after).toEqual(before);
      expect(await audits('version.saved', i.draftId)).toHaveLength(1);
    });

    it('accepts text of exactly 20,000 characters', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: [{ number: 'I', heading: 'h'.repeat(500), guidelines: [{ number: '1.1', text: 'x'.repeat(20_000) }] }] }, sec));
    });
  });

  describe('importDraftMarkdown', () => {
    it('imports the demo framework into sections and guidelines, through the same write as saveDraft', async () => {
      const i = await instrument();
      const version = ok(await api.gql(IMPORT, { v: i.draftId, m: demoFile('mflm-v1.md') }, sec)).importDraftMarkdown;
      expect(version.sections.length).toBeGreaterThanOrEqual(6);
      expect(version.guidelines.length).toBeGreaterThanOrEqual(20);
      const keys = version.guidelines.map((g: any) => g.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(version.sections[0]).toMatchObject({ number: 'I', heading: 'Decent work for all migrant workers' });
      expect(version.guidelines[0]).toMatchObject({ key: '1.1', number: '1.1', title: 'Equal footing' });
      const [event] = await audits('version.imported', i.draftId);
      expect(event.data).toMatchObject({ sections: version.sections.length, guidelines: version.guidelines.length });
      // Importing again replaces rather than appends.
      ok(await api.gql(IMPORT, { v: i.draftId, m: demoFile('second-instrument.md') }, sec));
      expect(await contentRows(i.draftId)).toEqual({ sections: 3, guidelines: 8 });
    });

    it('names the line of a guideline before any section, and of a document with no section', async () => {
      const i = await instrument();
      const early = errorOf(await api.gql(IMPORT, { v: i.draftId, m: '# Title\n\n1.1 Too early.\n\n## I. Later\n\n1.2 Fine.' }, sec));
      expect(early.code).toBe('BAD_USER_INPUT');
      expect(early.extensions?.fields).toEqual([{ field: 'markdown', message: expect.stringMatching(/^line 3: guideline 1\.1 comes before any section/) }]);
      const none = errorOf(await api.gql(IMPORT, { v: i.draftId, m: '# Only a title\n' }, sec));
      expect(none.extensions?.fields).toEqual([{ field: 'markdown', message: expect.stringMatching(/^line 1: .*no section/) }]);
    });

    it('names the line of a content rule broken (a duplicate key) and writes nothing', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const error = errorOf(await api.gql(IMPORT, { v: i.draftId, m: '## I. One\n\n1.1 A.\n\n## II. Two\n\n1.1. Again.' }, sec));
      expect(error.extensions?.fields).toEqual([{ field: 'markdown', message: expect.stringMatching(/^line 7: guideline 1\.1\.: key "1\.1" is already/) }]);
      expect(await contentRows(i.draftId)).toEqual({ sections: 2, guidelines: 3 });
      expect(await audits('version.imported', i.draftId)).toHaveLength(0);
    });
  });

  describe('previewDraftMarkdown', () => {
    it('answers what an import would write, with the problems and warnings by line, writing nothing', async () => {
      const i = await instrument();
      const m = '# A title\n\n## I. One\n\n### Fees\n\n1.1 **Hazard** means harm.\n\nLoose?\n\n## Two\n\n2.1 x';
      const bad = ok(await api.gql(PREVIEW, { v: i.draftId, m }, sec)).previewDraftMarkdown;
      expect(bad.ok).toBe(false);
      expect(bad.problems).toEqual([{ line: 11, code: 'SECTION_HEADING', message: expect.stringMatching(/add the number/), params: [] }]);
      expect(bad.sections[0]).toMatchObject({
        number: 'I',
        line: 3,
        guidelines: [{ key: '1.1', title: null, text: '### Fees\n\n**Hazard** means harm.\n\nLoose?', line: 7 }],
      });
      expect(bad.warnings).toEqual([
        expect.objectContaining({ line: 5, code: 'SUBHEADING_KEPT' }),
        // The instrument has a title: the document's is not imported.
        expect.objectContaining({ line: 1, code: 'TITLE_KEPT' }),
      ]);
      const good = ok(await api.gql(PREVIEW, { v: i.draftId, m: m.replace('## Two', '## II. Two') }, sec)).previewDraftMarkdown;
      expect(good).toMatchObject({ ok: true, title: 'A title', problems: [] });
      expect(await contentRows(i.draftId)).toEqual({ sections: 0, guidelines: 0 });
    });

    it('refuses a published version as the import does', async () => {
      const i = await published();
      const error = errorOf(await api.gql(PREVIEW, { v: i.draftId, m: '## I. x\n\n1.1 y' }, sec));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { reason: 'VERSION_PUBLISHED' } });
    });
  });

  describe('an instrument created without a title', () => {
    it('takes the "# Title" of its first import, and cannot be published before', async () => {
      const i = await instrument({ title: '' });
      expect(i.title).toBe('');
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const refused = errorOf(await api.gql(PUBLISH, { v: i.draftId }, sec));
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { reason: 'INSTRUMENT_UNTITLED' } });
      const preview = ok(await api.gql(PREVIEW, { v: i.draftId, m: '# Care work\n\n## I. One\n\n1.1 x' }, sec)).previewDraftMarkdown;
      expect(preview.warnings).toEqual([expect.objectContaining({ line: 1, code: 'TITLE_SET' })]);
      ok(await api.gql(IMPORT, { v: i.draftId, m: '# Care work\n\n## I. One\n\n1.1 x' }, sec));
      const after = ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument;
      expect(after).toMatchObject({ title: 'Care work', revision: i.revision + 1 });
      expect((await audits('version.imported', i.draftId))[0].data).toMatchObject({ title: 'Care work', titleSet: true });
      // Once it has one, a later document's title line changes nothing.
      ok(await api.gql(IMPORT, { v: i.draftId, m: '# Other\n\n## I. One\n\n1.1 x' }, sec));
      expect(ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument.title).toBe('Care work');
      ok(await api.gql(PUBLISH, { v: i.draftId }, sec));
    });

    it("answers the import's problems in extensions.problems too", async () => {
      const i = await instrument();
      const error = errorOf(await api.gql(IMPORT, { v: i.draftId, m: '## I. One\n\nLoose.' }, sec));
      expect(error.extensions?.problems).toEqual([{ line: 3, code: 'TEXT_OUTSIDE_GUIDELINE', message: expect.any(String) }]);
    });
  });

  describe('updateDraftGuideline', () => {
    it('edits a draft guideline in place, its revision checked; its translation goes STALE', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const [g] = ok(await api.gql(VERSION, { v: i.draftId }, sec)).draftVersion.guidelines;
      expect(g.revision).toBe(1);
      ok(await api.gql(`mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: "Chaque travailleur.") { id } }`, { g: g.id }, sec));
      const edited = ok(
        await api.gql(EDIT, { g: g.id, text: '  Every worker should enjoy decent work, always. ', title: 'Decent', r: 1 }, sec),
      ).updateDraftGuideline;
      expect(edited).toMatchObject({
        id: g.id,
        key: '1.1',
        title: 'Decent',
        text: 'Every worker should enjoy decent work, always.',
        revision: 2,
        translationStatus: 'STALE',
      });
      const stale = errorOf(await api.gql(EDIT, { g: g.id, text: 'Lost update', r: 1 }, sec));
      expect(stale.code).toBe('CONFLICT');
      expect(stale.message).toMatch(/revision 2, not 1/);
      expect(ok(await api.gql(VERSION, { v: i.draftId }, sec)).draftVersion.guidelines[0].text).toBe('Every worker should enjoy decent work, always.');
      expect(await audits('guideline.edited', g.id)).toEqual([expect.objectContaining({ data: expect.objectContaining({ revision: 2, key: '1.1' }) })]);
      expect(errorOf(await api.gql(EDIT, { g: g.id, text: ' ' }, sec)).code).toBe('BAD_USER_INPUT');
    });

    it('refuses a guideline of a published version, and a caller other than the secretariat', async () => {
      const i = await published();
      const [g] = ok(await api.gql(VERSION, { v: i.draftId }, sec)).draftVersion.guidelines;
      expect(errorOf(await api.gql(EDIT, { g: g.id, text: 'New' }, sec))).toMatchObject({
        code: 'BAD_USER_INPUT',
        extensions: { reason: 'VERSION_PUBLISHED' },
      });
      expect(errorOf(await api.gql(EDIT, { g: g.id, text: 'New' }, constituent)).code).toBe('FORBIDDEN');
      expect(errorOf(await api.gql(EDIT, { g: '00000000-0000-4000-8000-000000000000', text: 'New' }, sec)).code).toBe('NOT_FOUND');
    });
  });

  describe('publishing and revisions', () => {
    it('refuses to publish a version with no guidelines', async () => {
      const i = await instrument();
      const error = errorOf(await api.gql(PUBLISH, { v: i.draftId }, sec));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([{ field: 'versionId', message: expect.stringMatching(/no guidelines/) }]);
    });

    it('publishes at the database clock with a change summary, bumps the revision, and audits', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const [{ now }] = await api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`);
      const version = ok(await api.gql(PUBLISH, { v: i.draftId, c: ' For comments ' }, sec)).publishVersion;
      expect(version).toMatchObject({ status: 'PUBLISHED', changeSummary: 'For comments' });
      expect(new Date(version.publishedAt!).getTime()).toBeGreaterThanOrEqual(new Date(now).getTime());
      expect(new Date(version.publishedAt!).getTime()).toBeLessThan(new Date(now).getTime() + 10_000);
      const after = ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument;
      expect(after).toMatchObject({ revision: 2, latestPublishedVersion: { id: i.draftId, number: 1 } });
      const [event] = await audits('version.published', i.draftId);
      expect(event.data).toMatchObject({ number: 1, changeSummary: 'For comments', guidelines: 3 });
    });

    it('keeps a published version immutable: every write is BAD_USER_INPUT with reason VERSION_PUBLISHED', async () => {
      const i = await published();
      for (const [query, vars] of [
        [untyped(SAVE), { v: i.draftId, s: [] }],
        [untyped(IMPORT), { v: i.draftId, m: '## I. A\n\n1.1 B' }],
        [untyped(PUBLISH), { v: i.draftId }],
      ] as const) {
        const error = errorOf(await api.gql(query, vars, sec));
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.extensions?.reason).toBe('VERSION_PUBLISHED');
      }
      expect(await contentRows(i.draftId)).toEqual({ sections: 2, guidelines: 3 });
    });

    it('copies the latest published version into a new DRAFT numbered next, one DRAFT at a time', async () => {
      const i = await instrument();
      const early = errorOf(await api.gql(REVISE, { i: i.id }, sec));
      expect(early.code).toBe('BAD_USER_INPUT');
      expect(early.extensions?.reason).toBe('DRAFT_EXISTS');
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const v1 = ok(await api.gql(PUBLISH, { v: i.draftId }, sec)).publishVersion;
      const v2 = ok(await api.gql(REVISE, { i: i.id }, sec)).createRevision;
      expect(v2).toMatchObject({ number: 2, status: 'DRAFT', publishedAt: null, sections: v1.sections });
      expect(v2.guidelines.map((g: any) => [g.key, g.number, g.title, g.text, g.section.number])).toEqual(
        v1.guidelines.map((g: any) => [g.key, g.number, g.title, g.text, g.section.number]),
      );
      expect(v2.guidelines.map((g: any) => g.id)).not.toEqual(v1.guidelines.map((g: any) => g.id));
      const again = errorOf(await api.gql(REVISE, { i: i.id }, sec));
      expect(again.code).toBe('BAD_USER_INPUT');
      expect(again.extensions?.fields).toEqual([{ field: 'instrumentId', message: expect.stringMatching(/version 2 is still a draft/) }]);
      const [event] = await audits('version.created', v2.id);
      expect(event.data).toMatchObject({ number: 2, copiedFromVersionId: v1.id });
      const after = ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument;
      expect(after.revision).toBe(3);
      expect(after.versions.map((v: any) => [v.number, v.status])).toEqual([
        [1, 'PUBLISHED'],
        [2, 'DRAFT'],
      ]);
      // The copy is a draft of its own: editing it leaves version 1 alone.
      ok(await api.gql(SAVE, { v: v2.id, s: [] }, sec));
      expect(await contentRows(v1.id)).toEqual({ sections: 2, guidelines: 3 });
    });

    it('lets only one of many concurrent revisions through', async () => {
      const i = await published();
      const results = await Promise.all(Array.from({ length: 8 }, () => api.gql(REVISE, { i: i.id }, sec)));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      for (const r of results.filter((r) => r.errors)) expect(errorOf(r).extensions?.reason).toBe('DRAFT_EXISTS');
      expect(await rows(`SELECT count(*)::int AS n FROM draft_version WHERE instrument_id = $1 AND status = 'DRAFT'`, [i.id])).toBe(1);
    });

    it('publishes a version once when asked concurrently', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      const results = await Promise.all(Array.from({ length: 5 }, () => api.gql(PUBLISH, { v: i.draftId }, sec)));
      expect(results.filter((r) => !r.errors).length).toBe(1);
      for (const r of results.filter((r) => r.errors)) expect(errorOf(r).extensions?.reason).toBe('VERSION_PUBLISHED');
      expect(await audits('version.published', i.draftId)).toHaveLength(1);
    });
  });

  describe('versionDiff', () => {
    it('pairs guidelines by key and lists every kind in the order of the newer version', async () => {
      const i = await published([
        {
          number: 'I',
          heading: 'One',
          guidelines: [
            { number: '1.1', text: 'Kept.' },
            { number: '1.2', text: 'Will be removed.' },
            { number: '1.3', text: 'Old wording.' },
            { number: '1.4', text: 'Renumbered.' },
          ],
        },
      ]);
      const v2 = ok(await api.gql(REVISE, { i: i.id }, sec)).createRevision;
      ok(
        await api.gql(
          SAVE,
          {
            v: v2.id,
            s: [
              {
                number: 'I',
                heading: 'One',
                guidelines: [
                  { number: '1.1', text: 'Kept.' },
                  { number: '1.3', text: 'New wording.' },
                  { number: '1.3bis', text: 'Added.' },
                ],
              },
              { number: 'II', heading: 'Two', guidelines: [{ number: '2.1', key: '1.4', text: 'Renumbered.' }] },
            ],
          },
          sec,
        ),
      );
      const diff = ok(await api.gql(DIFF, { f: i.draftId, t: v2.id }, sec)).versionDiff;
      expect(diff.map((c: any) => [c.key, c.kind])).toEqual([
        ['1.1', 'UNCHANGED'],
        ['1.2', 'REMOVED'],
        ['1.3', 'MODIFIED'],
        ['1.3bis', 'ADDED'],
        ['1.4', 'MODIFIED'],
      ]);
      expect(diff[1]).toMatchObject({ before: { text: 'Will be removed.' }, after: null });
      expect(diff[2]).toMatchObject({ before: { text: 'Old wording.' }, after: { text: 'New wording.' } });
      expect(diff[3].before).toBeNull();
      expect(diff[4]).toMatchObject({ before: { number: '1.4' }, after: { number: '2.1', section: { number: 'II' } } });
    });

    it('refuses versions of two instruments, and ids that name nothing', async () => {
      const a = await published();
      const b = await published();
      const error = errorOf(await api.gql(DIFF, { f: a.draftId, t: b.draftId }, sec));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([{ field: 'toVersionId', message: expect.any(String) }]);
      expect(errorOf(await api.gql(DIFF, { f: 'not-a-uuid', t: b.draftId }, sec)).code).toBe('NOT_FOUND');
      expect(errorOf(await api.gql(DIFF, { f: a.draftId, t: '00000000-0000-4000-8000-000000000000' }, sec)).code).toBe('NOT_FOUND');
    });
  });

  describe('what readers see', () => {
    it('hides an instrument from constituents, observers and moderators until it has a published version', async () => {
      const i = await instrument();
      ok(await api.gql(SAVE, { v: i.draftId, s: CONTENT }, sec));
      for (const token of [constituent, observer, moderator]) {
        expect(errorOf(await api.gql(INSTRUMENT, { id: i.id }, token)).code).toBe('NOT_FOUND');
        expect(ok(await api.gql(INSTRUMENTS, {}, token)).instruments.map((x: any) => x.id)).not.toContain(i.id);
      }
      for (const token of [sec, admin]) expect(ok(await api.gql(INSTRUMENTS, {}, token)).instruments.map((x: any) => x.id)).toContain(i.id);
      ok(await api.gql(PUBLISH, { v: i.draftId }, sec));
      for (const token of [constituent, observer, moderator]) {
        expect(ok(await api.gql(INSTRUMENT, { id: i.id }, token)).instrument.versions).toEqual([{ id: i.draftId, number: 1, status: 'PUBLISHED' }]);
      }
    });

    it('never shows a DRAFT version to them: omitted from lists, NOT_FOUND in a diff', async () => {
      const i = await published();
      const v2 = ok(await api.gql(REVISE, { i: i.id }, sec)).createRevision;
      for (const token of [constituent, observer, moderator]) {
        const seen = ok(await api.gql(INSTRUMENT, { id: i.id }, token)).instrument;
        expect(seen.versions.map((v) => v.number)).toEqual([1]);
        expect(seen.latestPublishedVersion?.number).toBe(1);
        expect(errorOf(await api.gql(DIFF, { f: i.draftId, t: v2.id }, token)).code).toBe('NOT_FOUND');
        expect(ok(await api.gql(DIFF, { f: i.draftId, t: i.draftId }, token)).versionDiff.every((c) => c.kind === 'UNCHANGED')).toBe(true);
      }
      expect(ok(await api.gql(INSTRUMENT, { id: i.id }, sec)).instrument.versions.map((v: any) => v.number)).toEqual([1, 2]);
    });

    it('filters instruments by stage', async () => {
      const i = await instrument();
      expect(ok(await api.gql(INSTRUMENTS, { stage: 'DRAFTING' }, sec)).instruments.map((x: any) => x.id)).toContain(i.id);
      expect(ok(await api.gql(INSTRUMENTS, { stage: 'CONSULTATION' }, sec)).instruments.map((x: any) => x.id)).not.toContain(i.id);
    });

    it('answers NOT_FOUND, never a SQL error, for malformed or unknown ids', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const id of ['not-a-uuid', '1', unknown]) {
        expect(errorOf(await api.gql(INSTRUMENT, { id }, sec)).code).toBe('NOT_FOUND');
        expect(errorOf(await api.gql(SAVE, { v: id, s: [] }, sec)).code).toBe('NOT_FOUND');
        expect(errorOf(await api.gql(IMPORT, { v: id, m: '## I. A\n\n1.1 B' }, sec)).code).toBe('NOT_FOUND');
        expect(errorOf(await api.gql(PUBLISH, { v: id }, sec)).code).toBe('NOT_FOUND');
        expect(errorOf(await api.gql(REVISE, { i: id }, sec)).code).toBe('NOT_FOUND');
      }
    });

    it('reads nested versions, sections and guidelines of many instruments in a constant number of batches', async () => {
      for (let n = 0; n < 4; n++) {
        const i = await published();
        ok(await api.gql(REVISE, { i: i.id }, sec));
      }
      const read = api.app.get(DraftingReadService);
      const spies = (
        [
          'versionsByInstrumentIds',
          'latestPublishedByInstrumentIds',
          'sectionsByVersionIds',
          'guidelinesBySectionIds',
          'guidelinesByVersionIds',
          'sectionsByIds',
          'versionsByIds',
        ] as const
      ).map((name) => jest.spyOn(read, name));
      try {
        const res = ok(
          await api.gql(
            `{ instruments { id versions { number sections { number guidelines { key } } guidelines { key section { number } version { number } } }
                latestPublishedVersion { number } } }`,
            {},
            observer,
          ),
        );
        expect(res.instruments.length).toBeGreaterThanOrEqual(4);
        for (const spy of spies) expect(spy).toHaveBeenCalledTimes(1);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    });
  });
});
