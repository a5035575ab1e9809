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

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field(() => Boolean) valid: boolean;
  @Field(() => Int) checked: number;
  @Field(() => Int, { nullable: true }) firstBrokenSequence: number | null;
}
