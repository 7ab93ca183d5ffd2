/** What modules use to publish and react to domain events. */
export { EVENT_CATALOGUE, postedAccounts } from './catalogue';
export type { DomainEvent, EventName, EventPayload } from './catalogue';
export { EventPublisher } from './event-publisher';
export { OnEvent, ScheduledTask } from './decorators';
export type { Schedule, ScheduledTaskHandler } from './decorators';
