import { Reference1764400000000 } from './1764400000000-reference';

/**
 * Every migration, in order. A new migration file is added here too: an explicit list works the same
 * from TypeScript sources (tests, CLI) and from the compiled build, with no glob to get wrong.
 */
export const ALL_MIGRATIONS = [Reference1764400000000];
