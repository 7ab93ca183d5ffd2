import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Runtime } from '../config/app-config';
import { IdentityFacade, IdentityModule } from '../modules/identity';
import { ReferenceModule } from '../modules/reference';
import { AuditModule } from '../platform/audit/audit.module';
import { AuthModule } from '../platform/auth/auth.module';
import { systemPrincipal } from '../platform/auth/principal';
import { ALL_ROLES, Role } from '../platform/auth/role';
import { DomainError } from '../platform/errors/domain-error';
import { PlatformModule } from '../platform/platform.module';
import { formatCliError } from './cli-database';

export const USER_CREATE_USAGE =
  'Usage: npm run user:create -- --username U --password P --role ROLE [--scope CODE_OR_ID] [--display-name NAME]\n' +
  `  ROLE: ${ALL_ROLES.join(', ')}\n` +
  '  --scope: department code (DEPARTMENT_OFFICER, INSPECTOR), township code (TOWNSHIP_OFFICER) or school id (SCHOOL_ADMIN)';

export interface UserCreateArgs {
  username: string;
  password: string;
  role: Role;
  scope?: string;
  displayName?: string;
}

const FLAGS: Record<string, keyof UserCreateArgs> = {
  '--username': 'username',
  '--password': 'password',
  '--role': 'role',
  '--scope': 'scope',
  '--display-name': 'displayName',
};

/** Reads `--flag value` (or `--flag=value`) pairs; anything unknown, repeated or missing is an error with the usage. */
export function parseUserCreateArgs(argv: string[]): UserCreateArgs {
  const values: Partial<Record<keyof UserCreateArgs, string>> = {};
  const fail = (message: string): never => {
    throw new Error(`${message}\n${USER_CREATE_USAGE}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    const name = FLAGS[flag];
    if (!name) fail(`Unknown argument: ${flag}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') fail(`${flag} needs a value`);
    if (values[name as keyof UserCreateArgs] !== undefined) fail(`${flag} is given twice`);
    values[name as keyof UserCreateArgs] = value;
  }
  for (const required of ['username', 'password', 'role'] as const)
    if (!values[required]) fail(`--${required} is required`);
  const role = (values.role as string).toUpperCase();
  if (!(ALL_ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ALL_ROLES.join(', ')}`);
  return {
    username: values.username as string,
    password: values.password as string,
    role: role as Role,
    scope: values.scope,
    displayName: values.displayName,
  };
}

/** Just what creating a user needs: configuration, database, clock, audit, reference data, identity. */
@Module({})
class UserCliModule {
  static forRoot(runtime: Runtime) {
    return {
      module: UserCliModule,
      imports: [PlatformModule.forRoot(runtime), AuthModule, AuditModule, ReferenceModule, IdentityModule],
    };
  }
}

/**
 * Creates a user as the command line does: through the same service as the GraphQL mutation (checks,
 * argon2 hash, audit row with the actor `system:cli`), so the first county administrator can be made
 * on a database without users.
 */
export async function createUserFromCli(
  runtime: Runtime,
  args: UserCreateArgs,
): Promise<{ id: string; username: string; role: Role }> {
  // The API role: the worker's relay and schedulers must not start inside a command-line tool.
  const app = await NestFactory.createApplicationContext(
    UserCliModule.forRoot({ ...runtime, config: { ...runtime.config, role: 'api' } }),
    { logger: false },
  );
  try {
    const user = await app.get(IdentityFacade).createUser(systemPrincipal('cli:user-create'), {
      username: args.username,
      password: args.password,
      role: args.role,
      scope: args.scope,
      displayName: args.displayName ?? args.username,
    });
    return { id: user.id, username: user.username, role: user.role };
  } catch (error) {
    // One line for the operator: `the username "x" is taken (USERNAME_TAKEN)`.
    if (error instanceof DomainError) throw new Error(formatCliError(error));
    throw error;
  } finally {
    await app.close();
  }
}
