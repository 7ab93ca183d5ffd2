/**
 * The event catalogue: every domain event's name, version and payload type, in one place. Names are
 * `module.thing.happened`. A payload change that breaks readers gets a new version; subscribers see the
 * version on every event. Publishing an unknown name does not compile; a subscriber naming an unknown
 * event stops start-up.
 */
export interface EventDefinition<P> {
  version: number;
  /** Phantom field carrying the payload type; never set at run time. */
  readonly payload?: P;
}

function event<P>(version: number): EventDefinition<P> {
  return { version };
}

export const EVENT_CATALOGUE = {
  // identity
  'identity.user.created': event<{ userId: string; username: string; role: string }>(1),
  'identity.user.disabled': event<{ userId: string; username: string }>(1),
} as const;

export type EventName = keyof typeof EVENT_CATALOGUE;
export type EventPayload<N extends EventName> = (typeof EVENT_CATALOGUE)[N] extends EventDefinition<infer P> ? P : never;

/** What a subscriber receives: the payload and the facts of its publication. */
export interface DomainEvent<N extends EventName = EventName> {
  eventId: string;
  name: N;
  version: number;
  occurredAt: string;
  requestId: string | null;
  payload: EventPayload<N>;
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, name);
}
