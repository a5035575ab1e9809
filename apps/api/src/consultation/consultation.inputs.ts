import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type { CommentType, CommentVisibility, ConstituentGroup, Disposition, Language } from '@tripartite/domain';
import { CommentTypeEnum, CommentVisibilityEnum, ConstituentGroupEnum, DispositionEnum, LanguageEnum } from '../graphql/enums';

@InputType('ScheduleConsultationInput')
export class ScheduleConsultationInput {
  @Field(() => ID) instrumentId: string;
  @Field(() => ID, { description: 'must be PUBLISHED' }) versionId: string;
  @Field(() => Date, { description: 'must be in the future' }) closesAt: Date;
  @Field(() => [ConstituentGroupEnum], { nullable: true, description: 'default: all three' }) groups?: ConstituentGroup[] | null;
  @Field(() => [ID], { nullable: true, description: 'default: every organization of those groups' }) organizationIds?: string[] | null;
  @Field(() => CommentVisibilityEnum, { nullable: true, defaultValue: 'AFTER_CLOSE' }) visibility?: CommentVisibility | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) acceptLate?: boolean | null;
}

@InputType('SubmitCommentInput')
export class SubmitCommentInput {
  @Field(() => ID) roundId: string;
  @Field(() => ID, { nullable: true, description: "must belong to the round's version" }) guidelineId?: string | null;
  @Field(() => CommentTypeEnum) type: CommentType;
  @Field(() => String, { description: '1 to 20000 characters after trimming' }) body: string;
  @Field(() => String, { nullable: true, description: 'at most 20000 characters' }) proposedText?: string | null;
  @Field(() => String, { nullable: true, description: 'same key from the same user: the same comment back' }) idempotencyKey?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: "default: detected from body and proposedText, else the author's language" })
  language?: Language | null;
}

@InputType('UpdateCommentInput')
export class UpdateCommentInput {
  @Field(() => CommentTypeEnum, { nullable: true }) type?: CommentType | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => String, { nullable: true }) proposedText?: string | null;
  @Field(() => LanguageEnum, { nullable: true, description: 'default: detected anew when body or proposedText changes (kept when the new text cannot tell)' })
  language?: Language | null;
}

@InputType('CommentFilter')
export class CommentFilterInput {
  @Field(() => ID) roundId: string;
  @Field(() => ID, { nullable: true }) guidelineId?: string | null;
  @Field(() => ConstituentGroupEnum, { nullable: true }) group?: ConstituentGroup | null;
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => CommentTypeEnum, { nullable: true }) type?: CommentType | null;
  @Field(() => DispositionEnum, { nullable: true }) disposition?: Disposition | null;
  @Field(() => Boolean, { nullable: true }) undisposedOnly?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only the comments kept after the deadline (late); false: only those in time' }) late?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'only the general comments (on no guideline); not with guidelineId' }) generalOnly?: boolean | null;
  @Field(() => String, { nullable: true, description: 'full-text over body and proposedText, in English, French and Spanish, accents ignored' }) search?:
    string | null;
}

@InputType('DispositionTargetInput')
export class DispositionTargetInput {
  @Field(() => ID) commentId: string;
  @Field(() => Int, { nullable: true, description: "the comment's dispositionRevision as read; the comment is refused (CONFLICT) when it has moved" })
  expectedRevision?: number | null;
}
