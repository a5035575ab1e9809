import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoModel } from '../graphql/page-info.model';

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID) id: string;
  @Field(() => Int) sequence: number;
  @Field(() => Date) at: Date;
  @Field(() => String, { description: 'e.g. "comment.submitted", "stage.changed"' }) action: string;
  @Field(() => String) entityType: string;
  @Field(() => ID) entityId: string;
  @Field(() => String, { description: 'JSON of what changed' }) data: string;
  @Field(() => String, { description: 'sha-256 over the previous hash and this event' }) hash: string;
  actorId: string | null;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdgeModel {
  @Field(() => String) cursor: string;
  @Field(() => AuditEventModel) node: AuditEventModel;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnectionModel {
  @Field(() => [AuditEventEdgeModel]) edges: AuditEventEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
}

@ObjectType('AuditCheckpoint', {
  description:
    'A signed statement that event `sequence` of the chain had `hash`; the signature is Ed25519 over "tripartite audit checkpoint v1\\n" + the canonical JSON of {at, hash, keyId, sequence}',
})
export class AuditCheckpointModel {
  @Field(() => Int) v: number;
  @Field(() => Int) sequence: number;
  @Field(() => String) hash: string;
  @Field(() => String, { description: 'when it was signed, exactly as signed (ISO 8601, UTC, milliseconds)' }) at: string;
  @Field(() => String, { description: 'names the signing key: 16 hex digits of the SHA-256 of its public key (SPKI DER)' }) keyId: string;
  @Field(() => String, { description: 'base64' }) signature: string;
}

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field(() => Boolean, { description: 'the chain recomputes, reaches every signed checkpoint, and no checkpoint has a bad signature' }) valid: boolean;
  @Field(() => Int) checked: number;
  @Field(() => Int, { nullable: true }) firstBrokenSequence: number | null;
  @Field(() => Int, { description: 'stored checkpoints checked' }) checkpointsChecked: number;
  @Field(() => Int, { description: 'checkpoints whose signature does not verify with the verification keys (forged, altered, another key)' })
  unverifiedCheckpoints: number;
  @Field(() => Int, { nullable: true, description: 'the sequence of the first signed checkpoint the chain no longer reaches: cut short or rewritten' })
  firstUnreachedCheckpoint: number | null;
  @Field(() => AuditCheckpointModel, { nullable: true, description: 'the latest signed checkpoint the chain reaches; events after it are not anchored yet' })
  latestCheckpoint: AuditCheckpointModel | null;
  @Field(() => [String], { description: 'what is wrong, in words: the break, then at most 20 checkpoint problems and a count of the rest' }) problems: string[];
}
