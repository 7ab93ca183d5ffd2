import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { ReferenceFacade } from '../reference';
import { assertLicensingOfficer } from './registry.access';
import { text } from '../../platform/i18n/text';

/** A school-running licence (办学许可证) as issued on approval or entered with an existing institution. */
export interface Licence {
  licenceNumber: string;
  licenceValidFrom: string;
  licenceValidUntil: string;
}

/** Refuses a licence that expires before it is valid. */
export function validateLicence(l: Licence): void {
  if (l.licenceValidUntil < l.licenceValidFrom)
    throw new ValidationFailed([
      {
        path: 'licenceValidUntil',
        message: text('the licence expires before it is valid', '办学许可证的有效期截止日早于生效日'),
      },
    ]);
}

/**
 * The licensing authority (审批部门): the departments holding the LICENSING duty. Commands on institutions
 * and their records are theirs and the county office's; the registry's services ask here.
 */
@Injectable()
export class Licensing {
  constructor(private readonly reference: ReferenceFacade) {}

  /** The departments whose officers license institutions (the LICENSING duty). */
  departments(): Promise<string[]> {
    return this.reference.departmentsWithDuty('LICENSING');
  }

  /** Refuses anyone but a county administrator or a licensing officer (or the system). */
  async assertCanCommand(actor: Principal): Promise<void> {
    assertLicensingOfficer(actor, await this.departments());
  }
}
