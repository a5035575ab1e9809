// The administration's operations (names prefixed Admin…: operation names are global).
import { graphql } from '../../gql';

export const AdminOrganizations = graphql(`
  query AdminOrganizations {
    organizations {
      id
      name
      group
      countryCode
      defaultLanguage
    }
  }
`);

export const AdminCreateOrganization = graphql(`
  mutation AdminCreateOrganization($name: String!, $group: ConstituentGroup!, $countryCode: String) {
    createOrganization(name: $name, group: $group, countryCode: $countryCode) {
      id
      name
      group
      countryCode
      defaultLanguage
    }
  }
`);

export const AdminUpdateOrganization = graphql(`
  mutation AdminUpdateOrganization($id: ID!, $name: String, $countryCode: String) {
    updateOrganization(organizationId: $id, name: $name, countryCode: $countryCode) {
      id
      name
      group
      countryCode
      defaultLanguage
    }
  }
`);

export const AdminSetOrganizationLanguage = graphql(`
  mutation AdminSetOrganizationLanguage($id: ID!, $language: Language) {
    setOrganizationDefaultLanguage(organizationId: $id, language: $language) {
      id
      defaultLanguage
    }
  }
`);

export const AdminUsers = graphql(`
  query AdminUsers($search: String, $role: Role, $first: Int, $after: String) {
    users(search: $search, role: $role, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          email
          displayName
          roles
          active
          language
          organization {
            id
            name
          }
        }
      }
    }
  }
`);

export const AdminCreateUser = graphql(`
  mutation AdminCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      displayName
      roles
      active
    }
  }
`);

export const AdminUpdateUser = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(userId: $id, input: $input) {
      id
      displayName
      language
      organization {
        id
        name
      }
    }
  }
`);

export const AdminSetUserRoles = graphql(`
  mutation AdminSetUserRoles($id: ID!, $roles: [Role!]!) {
    setUserRoles(userId: $id, roles: $roles) {
      id
      roles
    }
  }
`);

export const AdminDeactivateUser = graphql(`
  mutation AdminDeactivateUser($id: ID!, $reason: String!) {
    deactivateUser(userId: $id, reason: $reason) {
      id
      active
    }
  }
`);

export const AdminReactivateUser = graphql(`
  mutation AdminReactivateUser($id: ID!) {
    reactivateUser(userId: $id) {
      id
      active
    }
  }
`);

export const AdminWebhooks = graphql(`
  query AdminWebhooks {
    webhooks {
      id
      url
      events
      active
    }
    webhookDeadLetters(first: 50) {
      id
      deliveryId
      kind
      attempts
      lastError
      lastStatus
      failedAt
      replayedAt
      webhook {
        id
        url
      }
    }
  }
`);

export const AdminRegisterWebhook = graphql(`
  mutation AdminRegisterWebhook($url: String!, $events: [String!]!, $secret: String!) {
    registerWebhook(url: $url, events: $events, secret: $secret) {
      id
      url
      events
      active
    }
  }
`);

export const AdminSetWebhookActive = graphql(`
  mutation AdminSetWebhookActive($id: ID!, $active: Boolean!) {
    setWebhookActive(webhookId: $id, active: $active) {
      id
      active
    }
  }
`);

export const AdminDeleteWebhook = graphql(`
  mutation AdminDeleteWebhook($id: ID!) {
    deleteWebhook(webhookId: $id)
  }
`);

export const AdminWebhookDeliveries = graphql(`
  query AdminWebhookDeliveries($id: ID!, $first: Int, $after: ID) {
    webhookDeliveries(webhookId: $id, first: $first, after: $after) {
      id
      kind
      status
      attempts
      lastStatus
      lastError
      createdAt
      deliveredAt
      nextAttemptAt
    }
  }
`);

export const AdminReplayDelivery = graphql(`
  mutation AdminReplayDelivery($id: ID!) {
    replayWebhookDelivery(deadLetterId: $id)
  }
`);

export const AdminUndeliveredEmails = graphql(`
  query AdminUndeliveredEmails($status: UndeliveredEmailStatus, $first: Int, $after: ID) {
    undeliveredEmails(status: $status, first: $first, after: $after) {
      id
      status
      kind
      attempts
      owedSince
      lastAttemptAt
      nextAttemptAt
      lastError
      recipient {
        id
        displayName
        email
      }
    }
  }
`);

export const AdminResendEmails = graphql(`
  mutation AdminResendEmails($ids: [ID!]!) {
    resendEmails(ids: $ids)
  }
`);
