import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AdminService, IdentityReadModel } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { DraftingReadService, DraftingService, InstrumentReferencesReadModel, TranslationService } from '@tripartite/drafting';
import { DEMO_INSTRUMENTS, DemoInstrument } from './demo-instruments';
import { DEMO_ORGANIZATIONS, DEMO_STAFF } from './demo-people';

export type DemoInstrumentIds = Record<keyof typeof DEMO_INSTRUMENTS, string>;

/** Idempotent: each piece is looked up first and only what is missing is written. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('seed');

  constructor(
    private readonly admin: AdminService,
    private readonly identity: IdentityReadModel,
    private readonly config: AppConfig,
    private readonly drafting: DraftingService,
    private readonly read: DraftingReadService,
    private readonly references: InstrumentReferencesReadModel,
    private readonly translations: TranslationService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return !(await this.identity.hasUsers());
  }

  /** People and instruments; returns the instruments' ids for the stages seeded after them. */
  async seed(): Promise<DemoInstrumentIds> {
    await this.people();
    return {
      mflm: await this.instrument(DEMO_INSTRUMENTS.mflm, { publish: true }),
      platform: await this.instrument(DEMO_INSTRUMENTS.platform, { publish: false }),
      care: await this.instrument(DEMO_INSTRUMENTS.care, { publish: true }),
      heat: await this.instrument(DEMO_INSTRUMENTS.heat, { publish: true }),
    };
  }

  /** Created through the same import the API uses, from the Markdown kept in apps/cli/src/demo. */
  private async instrument(demo: DemoInstrument, options: { publish: boolean }): Promise<string> {
    const existing = (await this.references.idsByReference([demo.reference])).get(demo.reference);
    if (existing) return existing;
    const file = (name: string) => readFileSync(join(__dirname, '..', 'demo', name), 'utf8');
    const markdown = file(demo.file);
    const instrument = await this.drafting.createInstrument(null, { reference: demo.reference, title: demo.title, summary: demo.summary });
    const [version] = await this.read.versionsByInstrumentIds([instrument.id]);
    await this.drafting.importMarkdown(null, version.id, markdown);
    for (const t of demo.translations ?? []) {
      if (t.madeFrom) {
        // The original as it was when translated, then as it is: the translation's hash is of the former.
        const paragraph = new RegExp(`^${t.madeFrom.number.replace(/\./g, '\\.')} .*$`, 'm');
        await this.drafting.importMarkdown(null, version.id, markdown.replace(paragraph, t.madeFrom.paragraph));
        await this.translations.importTranslation(null, version.id, t.language, file(t.file));
        await this.drafting.importMarkdown(null, version.id, markdown);
      } else {
        await this.translations.importTranslation(null, version.id, t.language, file(t.file));
      }
    }
    if (options.publish) await this.drafting.publish(null, version.id, 'First draft for consultation');
    return instrument.id;
  }

  private async people(): Promise<void> {
    const password = this.config.DEMO_PASSWORD;
    for (const org of DEMO_ORGANIZATIONS) {
      const existing = (await this.identity.organizationIdsByName([org.name])).get(org.name);
      const id = existing ?? (await this.admin.createOrganization(null, { name: org.name, group: org.group, countryCode: org.countryCode ?? null })).id;
      await this.user(org.user.email, org.user.displayName, ['CONSTITUENT'], id, password);
    }
    for (const staff of DEMO_STAFF) await this.user(staff.email, staff.displayName, staff.roles, null, password);
  }

  private async user(email: string, displayName: string, roles: AdminServiceRoles, organizationId: string | null, password: string): Promise<void> {
    if ((await this.identity.actorsByEmail([email])).has(email)) return;
    await this.admin.createUser(null, { email, displayName, password, roles, organizationId });
    this.logger.debug(`created ${email}`);
  }
}

type AdminServiceRoles = Parameters<AdminService['createUser']>[1]['roles'];
