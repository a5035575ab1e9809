import { Injectable, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@tripartite/config';
import { JobHandler, JobName, Queues } from '@tripartite/queue';
import { JobRunner } from '../../apps/worker/src/runner/job-runner';

@Injectable()
@JobHandler('maintenance', 'audit.seal')
class SealA {
  async handle() {}
}

@Injectable()
@JobHandler('maintenance', 'audit.seal')
class SealB {
  async handle() {}
}

@Injectable()
@JobHandler('maintenance', 'no.such.job' as JobName<'maintenance'>)
class Stray {
  async handle() {}
}

/** Boots the worker's JobRunner with these handler providers; the catalogue check runs before any queue connection. */
async function boot(handlers: Type[]): Promise<void> {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobRunner, Queues, { provide: AppConfig, useValue: loadConfig({}) }, ...handlers],
  }).compile();
  const app = module.createNestApplication({ logger: false });
  try {
    await app.init();
  } finally {
    await app.close().catch(() => undefined);
  }
}

describe('the worker refuses to boot when job handlers and the catalogue disagree', () => {
  it('a catalogue job without a handler', async () => {
    await expect(boot([])).rejects.toThrow(/^Job catalogue check failed: .*no handler for maintenance\/audit\.seal/);
  });

  it('a job with two handlers', async () => {
    await expect(boot([SealA, SealB])).rejects.toThrow('2 handlers for maintenance/audit.seal');
  });

  it('a handler for a job the catalogue does not name', async () => {
    await expect(boot([SealA, Stray])).rejects.toThrow('handler for maintenance/no.such.job, which the catalogue does not name');
  });
});
