import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CommentStatus, CommentType, CommentVisibility, ConstituentGroup, Disposition, Language, RoundStatus } from '@tripartite/domain';
import { GuidelineModel } from '../drafting/drafting.models';
import {
  CommentStatusEnum,
  CommentTypeEnum,
  CommentVisibilityEnum,
  ConstituentGroupEnum,
  DispositionEnum,
  LanguageEnum,
  RoundStatusEnum,
} from '../graphql/enums';
import { PageInfoModel } from '../graphql/page-info.model';

// instrument, version, extensions, pendingOrganizations and matrix are @ResolveFields (consultation.resolver.ts).
@ObjectType('ConsultationRound')
export class ConsultationRoundModel {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field(() => RoundStatusEnum) status: RoundStatus;
  @Field(() => Date, { nullable: true }) opensAt: Date | null;
  @Field(() => Date) closesAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => [ConstituentGroupEnum]) groups: ConstituentGroup[];
  @Field(() => CommentVisibilityEnum) visibility: CommentVisibility;
  @Field(() => Boolean) acceptLate: boolean;
  instrumentId: string;
  versionId: string;
}

@ObjectType('DeadlineExtension')
export class DeadlineExtensionModel {
  @Field(() => Date, { name: 'from' }) fromAt: Date;
  @Field(() => Date, { name: 'to' }) toAt: Date;
  @Field(() => String) reason: string;
  @Field(() => Date) at: Date;
}

// round, guideline, organization and author are @ResolveFields, batched per request.
@ObjectType('Comment')
export class CommentModel {
  @Field(() => ID) id: string;
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => CommentTypeEnum) type: CommentType;
  @Field(() => String) body: string;
  @Field(() => String, { nullable: true }) proposedText: string | null;
  @Field(() => CommentStatusEnum) status: CommentStatus;
  @Field(() => Boolean) late: boolean;
  @Field(() => Int) revision: number;
  @Field(() => Date) submittedAt: Date;
  @Field(() => Date) updatedAt: Date;
  @Field(() => DispositionEnum, { nullable: true }) disposition: Disposition | null;
  @Field(() => String, { nullable: true }) dispositionNote: string | null;
  @Field(() => Int, {
    description: "setDisposition's expectedRevision: moves with every disposition and every edit of the comment (revision moves with the edits only)",
  })
  dispositionRevision: number;
  @Field(() => LanguageEnum, { nullable: true, description: 'the language the comment is written in (given or detected); search matches across accents' })
  language: Language | null;
  roundId: string;
  guidelineId: string | null;
  organizationId: string;
  authorId: string;
}

// recordedBy is a @ResolveField (consultation.resolver.ts).
@ObjectType('DispositionRecord')
export class DispositionRecordModel {
  @Field(() => DispositionEnum) disposition: Disposition;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Date) recordedAt: Date;
  recordedById: string;
}

@ObjectType('CommentEdge')
export class CommentEdgeModel {
  @Field(() => String) cursor: string;
  @Field(() => CommentModel) node: CommentModel;
}

// totalCount is a @ResolveField: counted only when asked for.
@ObjectType('CommentConnection')
export class CommentConnectionModel {
  @Field(() => [CommentEdgeModel]) edges: CommentEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  count: () => Promise<number>;
}

@ObjectType('GroupCount')
export class GroupCountModel {
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => Int) count: number;
}

@ObjectType('GuidelineCommentSummary')
export class GuidelineCommentSummaryModel {
  @Field(() => GuidelineModel, { nullable: true, description: 'null row: general comments' }) guideline: GuidelineModel | null;
  @Field(() => Int) total: number;
  @Field(() => [GroupCountModel]) byGroup: GroupCountModel[];
  @Field(() => Int) undisposed: number;
}

@ObjectType('DispositionRefusal', { description: 'A comment of a bulk disposition that was not disposed of, and why.' })
export class DispositionRefusalModel {
  @Field(() => ID) commentId: string;
  @Field(() => String, { description: 'the error code a single setDisposition would answer: CONFLICT, BAD_USER_INPUT or NOT_FOUND' }) code: string;
  @Field(() => String, { description: 'CHANGED (its disposition or text moved since read), WITHDRAWN, CAPACITY, STAGE, NOT_FOUND or OTHER_ROUND' })
  reason: string;
  @Field(() => String) message: string;
  @Field(() => CommentModel, { nullable: true, description: 'the comment as it is now (null: not found)' }) comment: CommentModel | null;
}

@ObjectType('BulkDispositionResult')
export class BulkDispositionResultModel {
  @Field(() => [CommentModel], { description: 'the comments disposed of, in the order asked' }) disposed: CommentModel[];
  @Field(() => [DispositionRefusalModel], { description: 'the comments refused, in the order asked; nothing of theirs was written' })
  refused: DispositionRefusalModel[];
}
