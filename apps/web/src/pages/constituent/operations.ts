// The constituent's operations (names prefixed Rounds…/Round…: operation names are global).
import { graphql } from '../../gql';

export const RoundsList = graphql(`
  query RoundsList {
    instruments {
      id
      reference
      title
      stage
      rounds {
        id
        number
        status
        opensAt
        closesAt
        closedAt
        groups
        acceptLate
        invited
      }
    }
  }
`);

export const RoundPageRound = graphql(`
  query RoundPageRound($id: ID!, $language: Language!) {
    round(id: $id) {
      id
      number
      status
      opensAt
      closesAt
      closedAt
      groups
      visibility
      acceptLate
      invited
      extensions {
        from
        to
        reason
        at
      }
      instrument {
        id
        reference
        title
        titleIn(language: $language)
        titleStatus(language: $language)
        stage
        rounds {
          id
          number
        }
      }
      version {
        id
        number
        originalLanguage
        sections {
          id
          number
          heading
          headingIn(language: $language)
          headingStatus(language: $language)
          guidelines {
            id
            key
            number
            title
            titleIn(language: $language)
            text
            textIn(language: $language)
            translationStatus(language: $language)
          }
        }
      }
    }
  }
`);

graphql(`
  fragment RoundPageComment on Comment {
    id
    guideline {
      id
    }
    organization {
      id
      name
    }
    group
    author {
      id
      displayName
    }
    type
    body
    proposedText
    status
    late
    revision
    submittedAt
    updatedAt
    disposition
    dispositionNote
  }
`);

export const RoundPageComments = graphql(`
  query RoundPageComments($roundId: ID!, $first: Int!, $after: String) {
    comments(filter: { roundId: $roundId }, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ...RoundPageComment
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RoundPageCommentSubmitted = graphql(`
  subscription RoundPageCommentSubmitted($roundId: ID!) {
    commentSubmitted(roundId: $roundId) {
      ...RoundPageComment
    }
  }
`);

export const RoundPageSubmitComment = graphql(`
  mutation RoundPageSubmitComment($input: SubmitCommentInput!) {
    submitComment(input: $input) {
      ...RoundPageComment
    }
  }
`);

export const RoundPageUpdateComment = graphql(`
  mutation RoundPageUpdateComment($id: ID!, $input: UpdateCommentInput!, $expectedRevision: Int) {
    updateComment(id: $id, input: $input, expectedRevision: $expectedRevision) {
      ...RoundPageComment
    }
  }
`);

export const RoundPageWithdrawComment = graphql(`
  mutation RoundPageWithdrawComment($id: ID!) {
    withdrawComment(id: $id) {
      ...RoundPageComment
    }
  }
`);
