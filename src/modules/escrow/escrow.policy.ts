import { PolicyFacade } from '../policy';
import { PrepaidLimits } from './monitoring/rules';

/** The county's prepaid limits (escrow.prepaid_*) in force at an instant: one cached read per batch. */
export async function prepaidLimitsAt(policy: PolicyFacade, at: Date): Promise<PrepaidLimits> {
  const v = await policy.values(
    ['escrow.prepaid_max_fen', 'escrow.prepaid_max_lesson_hours', 'escrow.prepaid_max_months'],
    at,
  );
  return {
    maxAmountFen: BigInt(v['escrow.prepaid_max_fen']),
    maxLessonHours: v['escrow.prepaid_max_lesson_hours'],
    maxCoverageMonths: v['escrow.prepaid_max_months'],
  };
}
