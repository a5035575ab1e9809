import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@tripartite/config';
import { migrate } from './migrate';
import { seedDemoConsultation } from './seed/demo-consultation';
import { seedDemoGoverningBody } from './seed/demo-governing-body';
import { seedDemoMeeting } from './seed/demo-meeting';
import { CARE_MEETING, HEAT_MEETING } from './seed/demo-meetings';
import { DemoSeeder } from './seed/demo-seeder';
import { SeedModule } from './seed/seed.module';

/** Seeds the demo data through the services; `onlyIfEmpty` leaves a database with users alone. Idempotent. */
export async function seedDemo(options: { onlyIfEmpty: boolean }, log: (line: string) => void = console.log): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const seeder = app.get(DemoSeeder);
    if (options.onlyIfEmpty && !(await seeder.isEmpty())) {
      log('Database already has data: demo seed skipped');
      return;
    }
    const instruments = await seeder.seed();
    // One instrument at each stage the web client shows: comments to dispose of, a draft for the walkthrough,
    // a meeting in session, a paper for the Governing Body.
    await seedDemoConsultation(app, instruments.mflm);
    await seedDemoMeeting(app, instruments.care, CARE_MEETING);
    await seedDemoMeeting(app, instruments.heat, HEAT_MEETING);
    await seedDemoGoverningBody(app, instruments.heat);
    log('Demo data is in place');
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  (async () => {
    await migrate(loadConfig().DATABASE_URL);
    await seedDemo({ onlyIfEmpty: false });
  })().catch((error: Error) => {
    process.stderr.write(`seed failed: ${error.message}\n`);
    process.exit(1);
  });
}
