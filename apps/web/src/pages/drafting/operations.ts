// The drafting screens' GraphQL documents (their names are in apps/api/src/graphql/known-operations.ts).
import { graphql } from '../../gql';

export const DraftingInstrument = graphql(`
  query DraftPageInstrument($id: ID!) {
    instrument(id: $id) {
      id
      reference
      title
      stage
      versions {
        id
        number
        status
        publishedAt
        changeSummary
      }
    }
  }
`);

export const DraftingVersion = graphql(`
  query DraftPageVersion($id: ID!) {
    draftVersion(id: $id) {
      id
      number
      status
      publishedAt
      changeSummary
      originalLanguage
      sections {
        id
        number
        heading
        guidelines {
          id
          key
          number
          title
          text
          revision
          en: translationStatus(language: EN)
          fr: translationStatus(language: FR)
          es: translationStatus(language: ES)
          enText: textIn(language: EN)
          frText: textIn(language: FR)
          esText: textIn(language: ES)
        }
      }
      translationSummary {
        language
        current
        stale
        missing
        complete
      }
    }
  }
`);

export const DraftingPreview = graphql(`
  query DraftPagePreview($versionId: ID!, $markdown: String!) {
    previewDraftMarkdown(versionId: $versionId, markdown: $markdown) {
      ok
      title
      sections {
        number
        heading
        line
        guidelines {
          key
          number
          title
          text
          line
        }
      }
      problems {
        line
        code
        message
        params {
          name
          value
        }
      }
      warnings {
        line
        code
        message
        params {
          name
          value
        }
      }
    }
  }
`);

export const DraftingImport = graphql(`
  mutation DraftPageImport($versionId: ID!, $markdown: String!) {
    importDraftMarkdown(versionId: $versionId, markdown: $markdown) {
      id
    }
  }
`);

export const DraftingUpdateGuideline = graphql(`
  mutation DraftPageUpdateGuideline($id: ID!, $title: String, $text: String!, $expectedRevision: Int) {
    updateDraftGuideline(guidelineId: $id, title: $title, text: $text, expectedRevision: $expectedRevision) {
      id
      title
      text
      revision
    }
  }
`);

export const DraftingPublish = graphql(`
  mutation DraftPagePublish($versionId: ID!, $changeSummary: String) {
    publishVersion(versionId: $versionId, changeSummary: $changeSummary) {
      id
      status
      publishedAt
      changeSummary
    }
  }
`);

export const DraftingRevise = graphql(`
  mutation DraftPageRevise($instrumentId: ID!) {
    createRevision(instrumentId: $instrumentId) {
      id
      number
    }
  }
`);

export const DraftingDiff = graphql(`
  query DraftPageDiff($from: ID!, $to: ID!) {
    versionDiff(fromVersionId: $from, toVersionId: $to) {
      key
      kind
      before {
        id
        number
        title
        text
      }
      after {
        id
        number
        title
        text
      }
    }
  }
`);
