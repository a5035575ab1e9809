import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Language, Stage, VersionStatus } from '@tripartite/domain';
import type { ChangeKind } from '@tripartite/drafting';
import { ChangeKindEnum, LanguageEnum, StageEnum, VersionStatusEnum } from '../graphql/enums';

// Lists and parents (versions, sections, guidelines, section, version) are @ResolveFields
// in drafting.resolver.ts and drafting-fields.resolver.ts; other capabilities add theirs
// to Instrument (rounds, meetings, submission, stageHistory, nextStages) in their own files.

@ObjectType('Instrument')
export class InstrumentModel {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'unique, e.g. "MFLM/2005"' }) reference: string;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) summary: string | null;
  @Field(() => StageEnum) stage: Stage;
  @Field(() => Int, { description: 'bumps on every change to the instrument row' }) revision: number;
  @Field(() => Date) createdAt: Date;
}

@ObjectType('DraftVersion')
export class DraftVersionModel {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '1, 2, 3 ... per instrument' }) number: number;
  @Field(() => VersionStatusEnum) status: VersionStatus;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
  @Field(() => String, { nullable: true }) changeSummary: string | null;
  @Field(() => LanguageEnum, { description: 'the language its texts are written in; the others are translations' }) originalLanguage: Language;
  instrumentId: string;
}

@ObjectType('Section')
export class SectionModel {
  @Field(() => ID) id: string;
  @Field(() => String, { description: '"I", "II", or "1", "2"' }) number: string;
  @Field(() => String) heading: string;
  versionId: string;
}

@ObjectType('Guideline')
export class GuidelineModel {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'stable across versions, e.g. "4.2"' }) key: string;
  @Field(() => String, { description: 'as printed' }) number: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String) text: string;
  @Field(() => Int, {
    description: 'moves with each edit in place (updateDraftGuideline, its expectedRevision); 1 when written by saveDraft, an import or a revision',
  })
  revision: number;
  versionId: string;
  sectionId: string;
}

@ObjectType('GuidelineChange')
export class GuidelineChangeModel {
  @Field(() => String) key: string;
  @Field(() => ChangeKindEnum) kind: ChangeKind;
  @Field(() => GuidelineModel, { nullable: true }) before: GuidelineModel | null;
  @Field(() => GuidelineModel, { nullable: true }) after: GuidelineModel | null;
}

@ObjectType('TranslationSummary', { description: "A version's guidelines by the state of their translation into one language." })
export class TranslationSummaryModel {
  @Field(() => LanguageEnum) language: Language;
  @Field(() => Int, { description: 'CURRENT (all of them in the original language)' }) current: number;
  @Field(() => Int) stale: number;
  @Field(() => Int) missing: number;
  @Field(() => Boolean, { description: 'every guideline CURRENT: the version can be read whole in this language' }) complete: boolean;
}

// translatedBy is a @ResolveField (translations.resolver.ts).
@ObjectType('GuidelineTranslation', { description: 'A translation of a guideline as it was set; the latest is the one in force.' })
export class GuidelineTranslationModel {
  @Field(() => ID) id: string;
  @Field(() => LanguageEnum) language: Language;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String) text: string;
  @Field(() => Date) translatedAt: Date;
  @Field(() => Boolean, { description: 'made from the original as it is now (its source has not changed since)' }) current: boolean;
  translatedBy: string | null;
}

@ObjectType('MarkdownProblemParam')
export class MarkdownProblemParamModel {
  @Field(() => String) name: string;
  @Field(() => String) value: string;
}

@ObjectType('MarkdownProblem', { description: 'Something about one line of a Markdown document: a problem that refuses it, or a warning.' })
export class MarkdownProblemModel {
  @Field(() => Int, { description: '1-based line of the document' }) line: number;
  @Field(() => String, {
    description:
      'what it is about, for a client to say in its own words: NO_SECTION, TEXT_BEFORE_SECTION, GUIDELINE_BEFORE_SECTION, TEXT_OUTSIDE_GUIDELINE, SECTION_HEADING, TITLE_NOT_FIRST, SUBHEADING_WITHOUT_GUIDELINE, DUPLICATE, LENGTH, TOO_LONG, TOO_MANY; warnings SUBHEADING_KEPT, LIST_KEYS_BY_SECTION, TITLE_SET, TITLE_KEPT',
  })
  code: string;
  @Field(() => String, { description: 'in English, with how to fix it' }) message: string;
  @Field(() => [MarkdownProblemParamModel], { description: 'the values the message names (number, heading, attribute, ...)' })
  params: MarkdownProblemParamModel[];
}

@ObjectType('MarkdownGuidelinePreview')
export class MarkdownGuidelinePreviewModel {
  @Field(() => String) key: string;
  @Field(() => String) number: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { description: 'Markdown source' }) text: string;
  @Field(() => Int) line: number;
}

@ObjectType('MarkdownSectionPreview')
export class MarkdownSectionPreviewModel {
  @Field(() => String) number: string;
  @Field(() => String) heading: string;
  @Field(() => Int) line: number;
  @Field(() => [MarkdownGuidelinePreviewModel]) guidelines: MarkdownGuidelinePreviewModel[];
}

@ObjectType('DraftMarkdownPreview', { description: 'What importDraftMarkdown would make of a document; nothing is written.' })
export class DraftMarkdownPreviewModel {
  @Field(() => Boolean, { description: 'no problem: importDraftMarkdown would take it as it is' }) ok: boolean;
  @Field(() => String, { nullable: true, description: 'the "# Title" line, when there is one' }) title: string | null;
  @Field(() => [MarkdownSectionPreviewModel], { description: 'as read, also when there are problems' }) sections: MarkdownSectionPreviewModel[];
  @Field(() => [MarkdownProblemModel], { description: 'each refuses the document (at most 50)' }) problems: MarkdownProblemModel[];
  @Field(() => [MarkdownProblemModel], { description: 'what was understood in a way worth checking (at most 51)' }) warnings: MarkdownProblemModel[];
}
