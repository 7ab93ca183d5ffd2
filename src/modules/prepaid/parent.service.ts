import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ANONYMOUS } from '../../platform/auth/principal';
import { piiHash } from '../../platform/crypto/crypto';
import { decrypt } from '../../platform/crypto/crypto';
import { formatMoney } from '../../platform/database/money';
import { DomainError, INPUT_NOT_VALID } from '../../platform/errors/domain-error';
import { RateLimiter } from '../../platform/http/rate-limiter';
import { ComplaintsFacade, maskName, maskPhone } from '../complaints';
import { RegistryFacade } from '../registry';
import { formatContractCode, normaliseContractCode } from './contract-code';
import { PrepaidContract, PrepaidPaymentRoute } from './entities/prepaid-contract.entity';
import { PrepaidLesson } from './entities/prepaid-lesson.entity';
import { PrepaidRefund } from './entities/prepaid-refund.entity';
import { ConfirmationService } from './confirmation.service';
import { PrepaidQueries } from './prepaid.queries';
import { tooManyParentAttempts } from './prepaid.errors';
import { RefundService } from './refund.service';
import { text } from '../../platform/i18n/text';

/** What the parent proves: the printed contract code and the last 4 digits of the paying phone. */
export interface ParentProof {
  code: string;
  phoneLast4: string;
}

/** The contract as a parent sees it: what is printed on it, its lessons and its money; the rest masked. */
export interface ParentContractView {
  contractCode: string;
  institutionName: string;
  courseName: string;
  studentName: string;
  payerPhone: string;
  modelTextVersion: string;
  status: string;
  periodStart: string;
  periodEnd: string;
  lessonsBought: number;
  lessonsTaught: number;
  lessonsConfirmed: number;
  lessonsLeft: number;
  lessonMinutes: number;
  pricePerLesson: string;
  total: string;
  paymentRoute: PrepaidPaymentRoute;
  depositReceived: boolean;
  inCustody: string;
  released: string;
  refunded: string;
  lessons: PrepaidLesson[];
  refunds: PrepaidRefund[];
}

/**
 * The parent side (家长端), no account: every call proves the contract with its code and the payer phone's
 * last 4 digits. Throttled twice, with the RateLimiter buckets the public complaint look-up uses: per
 * client address every call takes a token (PREPAID_PARENT_BURST per PREPAID_PARENT_WINDOW_SECONDS); per
 * contract code (by its keyed hash, known or not) only wrong answers take one, and a code whose
 * PREPAID_CODE_FAILURES tokens are spent is locked until they refill over PREPAID_CODE_LOCK_SECONDS. An
 * unknown code and a wrong second factor are one answer (PREPAID_CONTRACT_CODE_NOT_FOUND) after the same
 * work (PrepaidQueries.findByCode hashes the factor either way). The parent's actions are audited as the
 * anonymous principal with the contract id (by the confirmation and refund services).
 */
@Injectable()
export class ParentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: PrepaidQueries,
    private readonly confirmations: ConfirmationService,
    private readonly refunds: RefundService,
    private readonly registry: RegistryFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async view(proof: ParentProof, clientAddress: string): Promise<ParentContractView> {
    return this.present(await this.prove(proof, clientAddress), proof.code);
  }

  async confirm(proof: ParentProof & { lessonIds: string[] }, clientAddress: string): Promise<ParentContractView> {
    const contract = await this.prove(proof, clientAddress);
    await this.confirmations.confirm(contract.id, proof.lessonIds, 'PARENT');
    return this.present(await this.reload(contract), proof.code);
  }

  async object(
    proof: ParentProof & { lessonId: string; reason: string },
    clientAddress: string,
  ): Promise<{ contract: ParentContractView; complaintTrackingNumber: string }> {
    const contract = await this.prove(proof, clientAddress);
    const lesson = await this.confirmations.object(contract.id, proof.lessonId, proof.reason);
    const trackingNumber = await this.complaints.trackingNumberOf(lesson.objectionComplaintId!);
    return {
      contract: await this.present(await this.reload(contract), proof.code),
      complaintTrackingNumber: trackingNumber!,
    };
  }

  async requestRefund(proof: ParentProof & { reason: string }, clientAddress: string): Promise<ParentContractView> {
    const contract = await this.prove(proof, clientAddress);
    const reason = proof.reason.trim();
    if (reason.length < 1 || reason.length > 1000)
      throw new DomainError('VALIDATION_FAILED', INPUT_NOT_VALID, 400, [
        { path: 'reason', message: text('must be 1–1000 characters', '须为 1–1000 个字符') },
      ]);
    await this.dataSource.transaction((em) => this.refunds.open(em, contract.id, 'PARENT', ANONYMOUS, reason));
    return this.present(await this.reload(contract), proof.code);
  }

  /** The throttles, then the code and second factor; the same refusal for an unknown code and a wrong factor. */
  private async prove(proof: ParentProof, clientAddress: string): Promise<PrepaidContract> {
    const { parentBurst, parentWindowSeconds, codeFailures, codeLockSeconds } = this.config.prepaid;
    const byAddress = await this.limiter.take(
      `prepaid-parent:${clientAddress}`,
      parentBurst / parentWindowSeconds,
      parentBurst,
    );
    if (!byAddress.allowed) throw tooManyParentAttempts(byAddress.retryAfterSeconds);
    // The bucket of the code as typed (canonical when it can be one), by keyed hash: no code is stored in clear.
    const typed = (normaliseContractCode(proof.code) ?? proof.code.slice(0, 64)).toUpperCase();
    const bucket = `prepaid-code:${piiHash(this.config.security.piiHashKey, `prepaid-code-bucket:${typed}`)}`;
    const rate = codeFailures / codeLockSeconds;
    const locked = await this.limiter.peek(bucket, rate, codeFailures);
    if (!locked.allowed) throw tooManyParentAttempts(locked.retryAfterSeconds);
    try {
      return await this.queries.findByCode(proof.code.slice(0, 64), proof.phoneLast4.slice(0, 8));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'PREPAID_CONTRACT_CODE_NOT_FOUND')
        await this.limiter.take(bucket, rate, codeFailures);
      throw error;
    }
  }

  private async reload(contract: PrepaidContract): Promise<PrepaidContract> {
    return this.dataSource.getRepository(PrepaidContract).findOneByOrFail({ id: contract.id });
  }

  private async present(c: PrepaidContract, code: string): Promise<ParentContractView> {
    const key = this.config.security.encryptionKey;
    const [institution, course, lessons, refunds] = await Promise.all([
      this.registry.findInstitution({ id: c.institutionId }),
      this.registry.findCourse(c.courseId),
      this.queries.lessonsOf([c.id]),
      this.dataSource
        .getRepository(PrepaidRefund)
        .find({ where: { contractId: c.id }, order: { requestedAt: 'ASC', id: 'ASC' } }),
    ]);
    const depositReceived = c.matchedTxnId !== null;
    const inCustody =
      c.paymentRoute === PrepaidPaymentRoute.ESCROW_ACCOUNT && depositReceived
        ? c.totalFen - c.releasedFen - c.refundedFen
        : 0n;
    return {
      contractCode: formatContractCode(normaliseContractCode(code)!), // what the parent typed, as printed
      institutionName: institution?.name ?? '',
      courseName: course?.name ?? '',
      studentName: maskName(decrypt(key, c.studentNameEnc)),
      payerPhone: maskPhone(decrypt(key, c.payerPhoneEnc)),
      modelTextVersion: c.modelTextVersion,
      status: c.status,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      lessonsBought: c.lessonsBought,
      lessonsTaught: c.lessonsTaught,
      lessonsConfirmed: c.lessonsConfirmed,
      lessonsLeft: c.lessonsBought - c.lessonsTaught,
      lessonMinutes: c.lessonMinutes,
      pricePerLesson: formatMoney(c.pricePerLessonFen),
      total: formatMoney(c.totalFen),
      paymentRoute: c.paymentRoute,
      depositReceived,
      inCustody: formatMoney(inCustody > 0n ? inCustody : 0n),
      released: formatMoney(c.releasedFen),
      refunded: formatMoney(c.refundedFen),
      lessons,
      refunds,
    };
  }
}
