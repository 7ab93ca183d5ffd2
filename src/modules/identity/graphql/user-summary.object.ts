import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../../platform/auth/role';
import { User } from '../entities/user.entity';

/**
 * Who a person is, for those who see a record naming them but may not read users (`SupervisionTask.assignees`):
 * the directory fields only (no username, no school or institution scope, no disabled flag). See
 * docs/graphql.md, "Links to users".
 */
@ObjectType('UserSummary', {
  description: 'A person named on a record (用户), as anyone who may read the record sees them: directory fields only',
})
export class UserSummaryObject {
  @Field(() => ID, { description: 'The user id (the `User` id, for those who may read users)' })
  id!: string;

  @Field({ description: 'The name shown for the person' })
  displayName!: string;

  @Field(() => Role, { description: 'The role (角色) of the person' })
  role!: Role;

  @Field(() => String, { nullable: true, description: 'Department (成员单位) of an inspector or department officer' })
  departmentCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Township (乡镇/街道) of a township officer' })
  townshipCode!: string | null;

  static from(user: User): UserSummaryObject {
    return {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      departmentCode: user.departmentCode,
      townshipCode: user.townshipCode,
    };
  }
}
