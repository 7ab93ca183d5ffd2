import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { ALL_ROLES, Role } from '../../../platform/auth/role';
import { GqlContext } from '../../../platform/graphql/context';
import { ByIdQuery } from '../../../platform/graphql/node';
import { User } from '../entities/user.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { FirstAdminService } from '../first-admin.service';
import { LoginService } from '../login.service';
import { UserReadService } from '../user-read.service';
import { UserService } from '../user.service';
import {
  ChangeMyPasswordInput,
  CreateInstitutionAdminInput,
  CreateUserInput,
  DisableUserInput,
  EnableUserInput,
  SetupFirstAdminInput,
  LoginInput,
  ResetUserPasswordInput,
  UpdateUserRoleInput,
  UsersArgs,
} from './identity.inputs';
import { LoginPayloadObject, UserConnection, UserObject } from './identity.objects';

@Resolver(() => UserObject)
export class UserResolver {
  constructor(
    private readonly userService: UserService,
    private readonly userReads: UserReadService,
    private readonly logins: LoginService,
    private readonly firstAdmin: FirstAdminService,
  ) {}

  @Public()
  @Mutation(() => UserObject, {
    description:
      'Creates the first county administrator (首位管理员) with the one-time setup code from the start-up log. ' +
      'Refused once an administrator exists (SETUP_ALREADY_DONE); a wrong or expired code is refused (SETUP_CODE_INVALID) and repeated wrong codes are throttled (TOO_MANY_SETUP_ATTEMPTS)',
  })
  async setupFirstAdmin(
    @Args('input', { description: 'The setup code, username and password' }) input: SetupFirstAdminInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.firstAdmin.setup(input.setupCode, input.username, input.password));
  }

  @Public()
  @Mutation(() => LoginPayloadObject, { description: 'Log in (登录): a short-lived access token' })
  async login(
    @Args('input', { description: 'Username and password' }) input: LoginInput,
    @Context() ctx: GqlContext,
  ): Promise<LoginPayloadObject> {
    const result = await this.logins.login(input.username, input.password, ctx.req.ip ?? 'unknown');
    return { accessToken: result.accessToken, expiresAt: result.expiresAt, user: UserObject.from(result.user) };
  }

  @Roles(...ALL_ROLES)
  @Mutation(() => LoginPayloadObject, {
    description:
      'Changes the logged-in user’s own password (修改密码), given the current one (wrong answers count as failed logins). ' +
      'Every earlier access token of the user stops working; the answer carries a fresh one to go on with',
  })
  async changeMyPassword(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The current and the new password' }) input: ChangeMyPasswordInput,
    @Context() ctx: GqlContext,
  ): Promise<LoginPayloadObject> {
    const result = await this.logins.changeOwnPassword(
      actor,
      input.currentPassword,
      input.newPassword,
      ctx.req.ip ?? 'unknown',
    );
    return { accessToken: result.accessToken, expiresAt: result.expiresAt, user: UserObject.from(result.user) };
  }

  @Roles(...ALL_ROLES)
  @Query(() => UserObject, { description: 'The logged-in user' })
  async me(@CurrentPrincipal() actor: Principal): Promise<UserObject> {
    return UserObject.from(await this.userReads.me(actor));
  }

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @Query(() => UserConnection, {
    description: 'Users (用户管理), by username; enabled ones unless the filter asks for disabled ones too',
    complexity: pagedComplexity,
  })
  async users(@CurrentPrincipal() actor: Principal, @Args() args: UsersArgs): Promise<Connection<UserObject>> {
    const page = await this.userReads.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: UserObject.from(e.node) })) };
  }

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR)
  @ByIdQuery(() => UserObject, { node: () => User, description: 'A user (用户), by id' })
  async user(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the user' }, uuidArg()) id: string,
  ): Promise<UserObject> {
    return UserObject.from(await this.userReads.getForReader(actor, id));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => UserObject, {
    description: 'Creates a user (新建用户) with a role and the scope the role needs; county office only',
  })
  async createUser(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new user' }) input: CreateUserInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.userService.create(actor, input));
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => UserObject, {
    description:
      'Creates an institution administrator (机构端, INSTITUTION_ADMIN) for an approved or operating institution: ' +
      'the county office, or an officer of the department supervising institutions for one whose competent department is theirs ' +
      '(else INSTITUTION_ADMIN_FORBIDDEN). Disabled when the institution is deregistered or revoked',
  })
  async createInstitutionAdmin(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The new administrator and the institution' }) input: CreateInstitutionAdminInput,
  ): Promise<UserObject> {
    const { institutionId, ...rest } = input;
    return UserObject.from(
      await this.userService.create(actor, { ...rest, role: Role.INSTITUTION_ADMIN, scope: institutionId }),
    );
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => UserObject, { description: "Changes a user's role and scope" })
  async updateUserRole(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The user, the new role and scope' }) input: UpdateUserRoleInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.userService.changeRole(actor, input.userId, input.role, input.scope));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => UserObject, { description: 'Disables a user: no more logins, access tokens refused at once' })
  async disableUser(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The user to disable' }) input: DisableUserInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.userService.disable(actor, input.userId));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => UserObject, { description: 'Enables a disabled user again: they can log in again' })
  async enableUser(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The user to enable' }) input: EnableUserInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.userService.enable(actor, input.userId));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => UserObject, { description: "Sets a user's password; their earlier access tokens stop working" })
  async resetUserPassword(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The user and the new password' }) input: ResetUserPasswordInput,
  ): Promise<UserObject> {
    return UserObject.from(await this.userService.resetPassword(actor, input.userId, input.newPassword));
  }
}
