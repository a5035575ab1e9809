import { registerEnumType } from '@nestjs/graphql';
import * as d from '@tripartite/domain';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

// The contract's enums, from the domain's lists so the two cannot drift.
export const ConstituentGroupEnum = asEnum(d.CONSTITUENT_GROUPS);
export const RoleEnum = asEnum(d.ROLES);
export const StageEnum = asEnum(d.STAGES);
export const VersionStatusEnum = asEnum(d.VERSION_STATUSES);
export const ChangeKindEnum = asEnum(['ADDED', 'REMOVED', 'MODIFIED', 'UNCHANGED'] as const);
export const RoundStatusEnum = asEnum(d.ROUND_STATUSES);
export const CommentVisibilityEnum = asEnum(d.COMMENT_VISIBILITIES);
export const CommentTypeEnum = asEnum(d.COMMENT_TYPES);
export const DispositionEnum = asEnum(d.DISPOSITIONS);
export const CommentStatusEnum = asEnum(d.COMMENT_STATUSES);
export const MeetingStatusEnum = asEnum(d.MEETING_STATUSES);
export const DecisionRuleEnum = asEnum(d.DECISION_RULES);
export const ParticipantRoleEnum = asEnum(d.PARTICIPANT_ROLES);
export const PositionEnum = asEnum(d.POSITIONS);
export const ItemStatusEnum = asEnum(d.ITEM_STATUSES);
export const AmendmentStatusEnum = asEnum(d.AMENDMENT_STATUSES);
export const TallyOutcomeEnum = asEnum(d.TALLY_OUTCOMES);
export const SubmissionStatusEnum = asEnum(d.SUBMISSION_STATUSES);
export const GbDecisionEnum = asEnum(d.GB_DECISIONS);
export const LanguageEnum = asEnum(d.LANGUAGES);
export const DocumentFormatEnum = asEnum(['MARKDOWN', 'HTML'] as const);

registerEnumType(ConstituentGroupEnum, { name: 'ConstituentGroup' });
registerEnumType(RoleEnum, { name: 'Role' });
registerEnumType(StageEnum, { name: 'Stage' });
registerEnumType(VersionStatusEnum, { name: 'VersionStatus' });
registerEnumType(ChangeKindEnum, { name: 'ChangeKind' });
registerEnumType(RoundStatusEnum, { name: 'RoundStatus' });
registerEnumType(CommentVisibilityEnum, { name: 'CommentVisibility' });
registerEnumType(CommentTypeEnum, { name: 'CommentType' });
registerEnumType(DispositionEnum, { name: 'Disposition' });
registerEnumType(CommentStatusEnum, { name: 'CommentStatus' });
registerEnumType(MeetingStatusEnum, { name: 'MeetingStatus' });
registerEnumType(DecisionRuleEnum, { name: 'DecisionRule' });
registerEnumType(ParticipantRoleEnum, { name: 'ParticipantRole' });
registerEnumType(PositionEnum, { name: 'Position' });
registerEnumType(ItemStatusEnum, { name: 'ItemStatus' });
registerEnumType(AmendmentStatusEnum, { name: 'AmendmentStatus' });
registerEnumType(TallyOutcomeEnum, { name: 'TallyOutcome' });
registerEnumType(SubmissionStatusEnum, { name: 'SubmissionStatus' });
registerEnumType(GbDecisionEnum, { name: 'GbDecision' });
registerEnumType(DocumentFormatEnum, { name: 'DocumentFormat' });
registerEnumType(LanguageEnum, { name: 'Language', description: "The organization's official languages." });
