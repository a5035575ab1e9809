// The GraphQL operations the fault suite sends (contract names only).
export const OPS = {
  login: `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
  createOrganization: `mutation($n: String!, $g: ConstituentGroup!, $c: String) { createOrganization(name: $n, group: $g, countryCode: $c) { id } }`,
  createUser: `mutation($in: CreateUserInput!) { createUser(input: $in) { id } }`,
  registerWebhook: `mutation($u: String!, $e: [String!]!, $s: String!) { registerWebhook(url: $u, events: $e, secret: $s) { id } }`,
  setWebhookActive: `mutation($w: ID!, $a: Boolean!) { setWebhookActive(webhookId: $w, active: $a) { id active } }`,
  createInstrument: `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines under fault injection" }) { id versions { id } } }`,
  importDraft: `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "for consultation") { id guidelines { id key } } }`,
  scheduleConsultation: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id closesAt } }`,
  advanceStage: `mutation($i: ID!, $to: Stage!, $reason: String, $rev: Int) { advanceStage(instrumentId: $i, to: $to, reason: $reason, expectedRevision: $rev) { id stage revision } }`,
  submitComment: `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id body round { id } organization { id } } }`,
  scheduleMeeting: `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id } } }`,
  assignModerator: `mutation($m: ID!, $u: ID!) { assignModerator(meetingId: $m, userId: $u) { id } }`,
  openMeeting: `mutation($m: ID!) { openMeeting(meetingId: $m) { id status } }`,
  openAgendaItem: `mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { id status } }`,
  recordPosition: `mutation($i: ID!, $g: ConstituentGroup!, $p: Position!, $s: String) {
    recordPosition(agendaItemId: $i, group: $g, position: $p, statement: $s) { id revision } }`,
  meetingTally: `query($m: ID!) { meeting(id: $m) {
    tally { meetingId items { agendaItemId outcome supporting opposing abstaining reserving pending } }
    agenda { id positions { group position } } } }`,
  verifyAuditChain: `{ verifyAuditChain { valid checked firstBrokenSequence } }`,
};

/** A draft of `n` guidelines in one section, numbered 1.1, 1.2, ... */
export function draftMarkdown(n: number): string {
  const lines = ['# Guidelines under fault injection', '', '## 1. Rules', ''];
  for (let g = 1; g <= n; g++) lines.push(`1.${g} Guideline number ${g} of the draft.`, '');
  return lines.join('\n');
}
