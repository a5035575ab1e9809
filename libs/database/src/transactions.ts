import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One unit of work: the entity manager of the open transaction, and callbacks to run once it has committed. */
export interface Tx {
  em: EntityManager;
  afterCommit(callback: () => unknown): void;
}

@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(readonly dataSource: DataSource) {}

  /** Runs fn in one READ COMMITTED transaction; after-commit callbacks never run when it rolls back. */
  async run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const callbacks: (() => unknown)[] = [];
    const result = await this.dataSource.transaction((em) => fn({ em, afterCommit: (cb) => callbacks.push(cb) }));
    for (const cb of callbacks) {
      try {
        await cb();
      } catch (error) {
        this.logger.error({ err: error }, 'after-commit callback failed');
      }
    }
    return result;
  }
}
