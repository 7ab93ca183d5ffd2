/** Injection token for the Runtime (configuration plus the database start-up resolved). */
export const RUNTIME = Symbol('RUNTIME');
