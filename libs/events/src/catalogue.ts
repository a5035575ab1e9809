import { CONSULTATION_EVENTS } from './catalogue/consultation.events';
import { DRAFTING_EVENTS } from './catalogue/drafting.events';
import { MEETINGS_EVENTS } from './catalogue/meetings.events';
import { GOVERNING_BODY_EVENTS } from './catalogue/governing-body.events';
import { NOTIFICATIONS_EVENTS } from './catalogue/notifications.events';
import { WORKFLOW_EVENTS } from './catalogue/workflow.events';
import { IDENTITY_EVENTS } from './catalogue/identity.events';

/**
 * Every kind of write, one event each, as data (like the job catalogue): a service raises the event of its
 * write inside the write's transaction, and subscribers do the rest (the audit row, outbox rows, reactions of
 * other capabilities; live events after commit). Each capability keeps its part in catalogue/<capability>.events.ts.
 */
export const DOMAIN_EVENTS = {
  ...DRAFTING_EVENTS,
  ...WORKFLOW_EVENTS,
  ...MEETINGS_EVENTS,
  ...IDENTITY_EVENTS,
  ...GOVERNING_BODY_EVENTS,
  ...NOTIFICATIONS_EVENTS,
  ...CONSULTATION_EVENTS,
} as const;

export type DomainEventName = keyof typeof DOMAIN_EVENTS;
export type EventData<N extends DomainEventName> = NonNullable<(typeof DOMAIN_EVENTS)[N]['data']>;
export const DOMAIN_EVENT_NAMES = Object.keys(DOMAIN_EVENTS) as DomainEventName[];
