import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { decrypt } from '../../../platform/crypto/crypto';
import { formatMoney } from '../../../platform/database/money';
import { maskName, maskPhone } from '../../complaints';
import { PrepaidContract } from '../entities/prepaid-contract.entity';
import { PrepaidLesson } from '../entities/prepaid-lesson.entity';
import { lessonsLeft } from '../contract-rules';
import { PrepaidContractObject, PrepaidLessonObject } from './prepaid.objects';

/** Contracts as GraphQL shows them: personal data decrypted only to be masked, for every reader. */
@Injectable()
export class PrepaidMappers {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  contract(c: PrepaidContract): PrepaidContractObject {
    const key = this.config.security.encryptionKey;
    return {
      id: c.id,
      institutionId: c.institutionId,
      townshipCode: c.townshipCode,
      courseId: c.courseId,
      studentName: maskName(decrypt(key, c.studentNameEnc)),
      payerName: maskName(decrypt(key, c.payerNameEnc)),
      payerPhone: maskPhone(decrypt(key, c.payerPhoneEnc)),
      lessonsBought: c.lessonsBought,
      lessonMinutes: c.lessonMinutes,
      pricePerLesson: formatMoney(c.pricePerLessonFen),
      total: formatMoney(c.totalFen),
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      paymentRoute: c.paymentRoute,
      escrowAccountId: c.escrowAccountId,
      refundTerms: c.refundTerms,
      modelTextVersion: c.modelTextVersion,
      status: c.status,
      source: c.source,
      createdAt: c.createdAt,
      createdBy: c.createdByName,
      depositMatched: c.matchedAt !== null,
      lessonsTaught: c.lessonsTaught,
      lessonsConfirmed: c.lessonsConfirmed,
      lessonsLeft: lessonsLeft(c.lessonsBought, c.lessonsTaught),
      released: formatMoney(c.releasedFen),
      refunded: formatMoney(c.refundedFen),
    };
  }
}

export function lessonObject(l: PrepaidLesson): PrepaidLessonObject {
  return {
    id: l.id,
    contractId: l.contractId,
    taughtOn: l.taughtOn,
    lessons: l.lessons,
    recordedAt: l.recordedAt,
    recordedBy: l.recordedByName,
    status: l.status,
    confirmDueOn: l.confirmDueOn,
    confirmedAt: l.confirmedAt,
    confirmedBy: l.confirmedBy,
    objectionComplaintId: l.objectionComplaintId,
  };
}
