import { PolicyFacade, PolicyKey, findPolicyRule } from '../policy';
import { HomeworkLimits } from './after-school.rules';

const HOMEWORK_KEYS = [
  'after_school.homework_minutes_grades_1_2',
  'after_school.homework_minutes_grades_3_6',
  'after_school.homework_minutes_junior',
] as const;

function limits(v: Record<(typeof HOMEWORK_KEYS)[number], number>): HomeworkLimits {
  return {
    grades1to2: v['after_school.homework_minutes_grades_1_2'],
    grades3to6: v['after_school.homework_minutes_grades_3_6'],
    junior: v['after_school.homework_minutes_junior'],
  };
}

/** The county's daily written-homework limits by grade band, in force at an instant. */
export async function homeworkLimitsAt(policy: PolicyFacade, at: Date): Promise<HomeworkLimits> {
  return limits(await policy.values(HOMEWORK_KEYS, at));
}

const nationalDefault = (key: PolicyKey): number => findPolicyRule(key)!.nationalDefault;

/** The national homework limits (中办发〔2021〕40号): what demo data is written against. */
export const NATIONAL_HOMEWORK_LIMITS: HomeworkLimits = limits({
  'after_school.homework_minutes_grades_1_2': nationalDefault('after_school.homework_minutes_grades_1_2'),
  'after_school.homework_minutes_grades_3_6': nationalDefault('after_school.homework_minutes_grades_3_6'),
  'after_school.homework_minutes_junior': nationalDefault('after_school.homework_minutes_junior'),
});
