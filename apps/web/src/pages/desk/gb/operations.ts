// The Governing Body desk's GraphQL documents (the secretariat's).
import { graphql } from '../../../gql';

export const GbSessions = graphql(`
  query GbSessions {
    governingBodySessions(first: 100) {
      id
      number
      startsAt
      endsAt
      documentDeadline
    }
    instruments(stage: GB_SUBMISSION) {
      id
      reference
      title
      submission {
        id
        symbol
        status
        session {
          id
          number
        }
      }
    }
  }
`);

export const GbCreateSession = graphql(`
  mutation GbCreateSession($number: Int!, $startsAt: DateTime!, $endsAt: DateTime!, $documentDeadline: DateTime) {
    createGoverningBodySession(number: $number, startsAt: $startsAt, endsAt: $endsAt, documentDeadline: $documentDeadline) {
      id
      number
    }
  }
`);

export const GbInstrument = graphql(`
  query GbInstrument($id: ID!) {
    instrument(id: $id) {
      id
      reference
      title
      stage
      submission {
        id
        symbol
        agendaItemTitle
        pointForDecision
        status
        submittedAt
        late
        decision
        decisionText
        session {
          id
          number
          startsAt
          documentDeadline
        }
      }
    }
    governingBodySessions(first: 100) {
      id
      number
      startsAt
      documentDeadline
    }
  }
`);

export const GbPrepare = graphql(`
  mutation GbPrepare($input: PrepareSubmissionInput!) {
    prepareSubmission(input: $input) {
      id
      status
    }
  }
`);

export const GbSubmit = graphql(`
  mutation GbSubmit($submissionId: ID!) {
    submitToGoverningBody(submissionId: $submissionId) {
      id
      status
      late
      submittedAt
    }
  }
`);

export const GbDecide = graphql(`
  mutation GbDecide($submissionId: ID!, $decision: GbDecision!, $text: String) {
    recordGoverningBodyDecision(submissionId: $submissionId, decision: $decision, text: $text) {
      id
      status
      decision
    }
  }
`);

export const GbPaperFile = graphql(`
  query GbPaperFile($id: ID!, $format: DocumentFormat!, $language: Language!) {
    instrument(id: $id) {
      id
      submission {
        id
        symbol
        document(format: $format, language: $language)
      }
    }
  }
`);
