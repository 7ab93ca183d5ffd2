import { Reference1764400000000 } from './1764400000000-reference';
import { Access1764400100000 } from './1764400100000-access';
import { Identity1764400110000 } from './1764400110000-identity';
import { Events1764400200000 } from './1764400200000-events';

/**
 * Every migration, in order. A new migration file is added here too: an explicit list works the same
 * from TypeScript sources (tests, CLI) and from the compiled build, with no glob to get wrong.
 */
export const ALL_MIGRATIONS = [Reference1764400000000, Access1764400100000, Identity1764400110000, Events1764400200000];
