import { Injectable, Logger } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { AppConfig } from '@tripartite/config';
import { VerifyKeys, verifyKeys } from './audit-checkpoint';

/** The checkpoint keys of this process, parsed once from the configuration (never from the database). */
@Injectable()
export class AuditKeys {
  private signing: KeyObject | null | undefined;
  private verifying: VerifyKeys | undefined;

  constructor(private readonly config: AppConfig) {
    if (!this.verifyKeys().size) {
      new Logger('AuditKeys').warn('neither AUDIT_VERIFY_KEY nor AUDIT_SIGNING_KEY is set: verifyAuditChain cannot check audit checkpoints');
    }
  }

  /** The signing key; throws where there is none (production without AUDIT_SIGNING_KEY). */
  signingKey(): KeyObject {
    if (this.signing === undefined) this.signing = this.config.auditSigningKey;
    if (!this.signing) throw new Error('AUDIT_SIGNING_KEY is not set: cannot sign audit checkpoints');
    return this.signing;
  }

  verifyKeys(): VerifyKeys {
    return (this.verifying ??= verifyKeys(this.config.auditVerifyKeys));
  }
}
