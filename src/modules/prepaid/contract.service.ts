import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { encrypt } from '../../platform/crypto/crypto';
import { MONEY_INPUT_PATTERN, formatMoney, parseMoney } from '../../platform/database/money';
import { FieldProblem, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { EscrowFacade } from '../escrow';
import { PolicyFacade } from '../policy';
import { RegistryFacade, institutionNotFound } from '../registry';
import { contractCodeHash, formatContractCode, generateContractCode, phoneLast4Hash } from './contract-code';
import { ChargeCaps, chargeCapProblems, lessonHoursOf } from './contract-rules';
import {
  MODEL_TEXT_VERSION,
  PrepaidContract,
  PrepaidContractSource,
  PrepaidContractStatus,
  PrepaidPaymentRoute,
} from './entities/prepaid-contract.entity';
import { assertContractWriter, assertMayWrite } from './prepaid.access';
import {
  chargeOverCap,
  courseNotAllowed,
  institutionNotOperating,
  loanRefused,
  paymentRouteUnavailable,
} from './prepaid.errors';
import { PAYMENT_METHODS, RegisterContractCommand } from './prepaid.types';
import { piiHash } from '../../platform/crypto/crypto';
import { Problems } from '../../platform/errors/problems';
import { MUST_BE_DATE, charactersBetween, notBefore, oneOf } from '../../platform/i18n/field-texts';
import { text } from '../../platform/i18n/text';

const PHONE = /^\+?[0-9][0-9 -]{6,19}$/;
const NAME_MAX = 50;
const TERMS_MAX = 4000;

export interface RegisteredContract {
  contract: PrepaidContract;
  /** The contract code, printable ("XXXX-XXXX-XXXX-XXXX"): returned once, never stored in clear. */
  contractCode: string;
}

/** Digits of a phone number (the last 4 are the parent's second factor). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Contract registration (合同备案): by the institution's administrator, or on its behalf by the county
 * office or an EDU officer. Every refusal is decided before anything is written; the caps are checked
 * again inside the transaction under a per-family lock, so two top-ups at once cannot both pass.
 */
@Injectable()
export class ContractService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
    private readonly policy: PolicyFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Registers a contract in its own transaction, or in the caller's (`em`: a platform batch, whose
   * idempotency claims commit with the work). Every refusal is thrown before anything is written.
   */
  async register(actor: Principal, input: RegisterContractCommand, em?: EntityManager): Promise<RegisteredContract> {
    assertMayWrite(actor);
    const institutionId =
      input.institutionId ?? (actor.kind === 'user' && actor.institutionId ? actor.institutionId : null);
    const problems = validate(input, institutionId);
    if (problems.length) throw new ValidationFailed(problems);
    if (input.paymentMethod === 'LOAN') throw loanRefused();

    const institution = await this.registry.findInstitution({ id: institutionId! });
    if (!institution) throw institutionNotFound(institutionId!);
    assertContractWriter(actor, institution);
    if (institution.status !== 'OPERATING') throw institutionNotOperating(institution.status);

    const course = await this.registry.findCourse(input.courseId);
    if (!course || course.institutionId !== institution.id)
      throw courseNotAllowed(
        text(`Course ${input.courseId} is not a course of this institution`, `课程 ${input.courseId} 不是该机构的课程`),
      );
    if (course.subject && institution.category !== 'SUBJECT')
      throw courseNotAllowed(
        text(
          `"${course.name}" is a subject course (学科类); a ${institution.category} institution may not sell it`,
          `“${course.name}”是学科类课程，${institution.category} 类机构不得销售`,
        ),
      );

    const lessonMinutes = input.lessonMinutes ?? course.lessonMinutes;
    const pricePerLessonFen = parseMoney(input.pricePerLesson);
    const totalFen = pricePerLessonFen * BigInt(input.lessonsBought);
    const lessonHours = lessonHoursOf(input.lessonsBought, lessonMinutes);
    const now = this.clock.now();
    const caps = await this.caps(now);
    const alone = chargeCapProblems(
      { totalFen, lessonHours, periodStart: input.periodStart, periodEnd: input.periodEnd },
      { totalFen: 0n, lessonHours: 0 },
      caps,
    );
    if (alone.length) throw chargeOverCap(alone);

    const today = businessDate(now, this.config.timeZone);
    const routes = await this.escrow.paymentRoutes(institution.id, today);
    let escrowAccountId: string | null = null;
    if (input.paymentRoute === PrepaidPaymentRoute.ESCROW_ACCOUNT) {
      if (!routes.account)
        throw paymentRouteUnavailable(
          text(
            'The institution has no escrow account in use to take the payment',
            '该机构没有可用于收款的在用资金监管账户',
          ),
        );
      escrowAccountId = routes.account.id;
    } else if (!routes.riskReserveValid) {
      throw paymentRouteUnavailable(
        text('The institution has no risk reserve (风险保证金) valid today', '该机构今天没有有效的风险保证金'),
      );
    }

    const key = this.config.security.piiHashKey;
    const enc = this.config.security.encryptionKey;
    const studentName = input.studentName.trim();
    const payerPhone = input.payerPhone.trim();
    const digits = phoneDigits(payerPhone);
    const payerHash = piiHash(key, `prepaid-payer:${digits}:${studentName}`);

    const work = async (em: EntityManager): Promise<RegisteredContract> => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`prepaid-payer:${institution.id}:${payerHash}`]);
      const earlier = await this.earlierCharges(em, institution.id, payerHash, caps.maxMonths, now);
      const withTopUps = chargeCapProblems(
        { totalFen, lessonHours, periodStart: input.periodStart, periodEnd: input.periodEnd },
        earlier,
        caps,
      );
      if (withTopUps.length) throw chargeOverCap(withTopUps);

      const code = generateContractCode();
      const contract = em.create(PrepaidContract, {
        contractCodeHash: contractCodeHash(key, code),
        institutionId: institution.id,
        townshipCode: institution.townshipCode,
        competentDepartmentCode: institution.competentDepartmentCode,
        courseId: course.id,
        studentNameEnc: encrypt(enc, studentName),
        payerNameEnc: encrypt(enc, input.payerName.trim()),
        payerPhoneEnc: encrypt(enc, payerPhone),
        payerPhoneLast4Hash: '',
        payerHash,
        lessonsBought: input.lessonsBought,
        lessonMinutes,
        pricePerLessonFen,
        totalFen,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        paymentRoute: input.paymentRoute,
        escrowAccountId,
        refundTerms: input.refundTerms.trim(),
        modelTextVersion: MODEL_TEXT_VERSION,
        status: PrepaidContractStatus.ACTIVE,
        source: input.source ?? PrepaidContractSource.INSTITUTION,
        platformCode: input.platformCode ?? null,
        externalRef: input.externalRef ?? null,
        createdAt: now,
        createdByUserId: actor.kind === 'user' ? actor.userId : null,
        createdByName: actorName(actor),
        matchedTxnId: null,
        matchedAt: null,
        lessonsTaught: 0,
        lessonsConfirmed: 0,
        releasedFen: 0n,
        refundedFen: 0n,
      });
      // The id is drawn here so the second factor's hash can be bound to it in the one INSERT.
      contract.id = (await em.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
      contract.payerPhoneLast4Hash = phoneLast4Hash(key, contract.id, digits.slice(-4));
      await em.insert(PrepaidContract, contract);
      await this.events.publish(em, 'prepaid.contract.registered', {
        contractId: contract.id,
        institutionId: contract.institutionId,
        townshipCode: contract.townshipCode,
        courseId: contract.courseId,
        lessonsBought: contract.lessonsBought,
        totalFen: totalFen.toString(),
        paymentRoute: contract.paymentRoute,
        escrowAccountId,
        source: contract.source,
      });
      await this.audit.record(em, {
        actor,
        action: 'prepaid.contract.registered',
        entityType: 'prepaid_contract',
        entityId: contract.id,
        summary: {
          institutionId: contract.institutionId,
          courseId: contract.courseId,
          lessonsBought: contract.lessonsBought,
          lessonMinutes,
          pricePerLesson: formatMoney(pricePerLessonFen),
          total: formatMoney(totalFen),
          periodStart: contract.periodStart,
          periodEnd: contract.periodEnd,
          paymentRoute: contract.paymentRoute,
          paymentMethod: input.paymentMethod,
          source: contract.source,
        },
      });
      // Read back: the insert leaves column defaults on the object as the driver wrote them (int8 as text).
      const stored = await em.findOneByOrFail(PrepaidContract, { id: contract.id });
      return { contract: stored, contractCode: formatContractCode(code) };
    };
    return em ? work(em) : this.dataSource.transaction(work);
  }

  private async caps(at: Date): Promise<ChargeCaps> {
    const v = await this.policy.values(
      ['escrow.prepaid_max_fen', 'escrow.prepaid_max_lesson_hours', 'escrow.prepaid_max_months'],
      at,
    );
    return {
      maxFen: BigInt(v['escrow.prepaid_max_fen']),
      maxLessonHours: v['escrow.prepaid_max_lesson_hours'],
      maxMonths: v['escrow.prepaid_max_months'],
    };
  }

  /** The same family's charges at the institution registered within the window (idx_prepaid_contract_payer). */
  private async earlierCharges(
    em: EntityManager,
    institutionId: string,
    payerHash: string,
    months: number,
    now: Date,
  ): Promise<{ totalFen: bigint; lessonHours: number }> {
    const [row] = (await em.query(
      `SELECT coalesce(sum(total_fen), 0)::text AS fen,
              coalesce(sum(lessons_bought * greatest(1, ceil(lesson_minutes / 60.0))), 0)::int AS hours
       FROM prepaid_contract
       WHERE institution_id = $1 AND payer_hash = $2 AND status NOT IN ('CANCELLED','REFUNDED')
         AND created_at > $3::timestamptz - make_interval(months => $4)`,
      [institutionId, payerHash, now, months],
    )) as { fen: string; hours: number }[];
    return { totalFen: BigInt(row!.fen), lessonHours: row!.hours };
  }
}

function validate(input: RegisterContractCommand, institutionId: string | null): FieldProblem[] {
  const problems = new Problems();
  if (!institutionId || !UUID.test(institutionId))
    problems.add('institutionId', text('must name the institution (an id)', '须指明机构（机构 id）'));
  if (!UUID.test(input.courseId)) problems.add('courseId', text('must be a course id', '须为课程 id'));
  for (const [path, value] of [
    ['studentName', input.studentName],
    ['payerName', input.payerName],
  ] as const) {
    const v = value.trim();
    if (v.length < 1 || v.length > NAME_MAX) problems.add(path, charactersBetween(1, NAME_MAX));
  }
  if (!PHONE.test(input.payerPhone.trim()) || phoneDigits(input.payerPhone).length < 7)
    problems.add(
      'payerPhone',
      text('must be a phone number (digits, spaces, dashes, optional +)', '须为电话号码（数字、空格、短横线，可带 +）'),
    );
  if (!Number.isInteger(input.lessonsBought) || input.lessonsBought < 1 || input.lessonsBought > 10_000)
    problems.add('lessonsBought', text('must be a whole number of lessons, at least 1', '须为不少于 1 的整数课时'));
  const minutes = input.lessonMinutes;
  if (minutes !== undefined && minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 600))
    problems.add('lessonMinutes', text('must be 1–600 minutes', '须为 1–600 分钟'));
  if (!MONEY_INPUT_PATTERN.test(input.pricePerLesson))
    problems.add(
      'pricePerLesson',
      text('must be an amount with two decimals, e.g. "80.00"', '须为保留两位小数的金额，例如 "80.00"'),
    );
  if (!isCalendarDate(input.periodStart)) problems.add('periodStart', MUST_BE_DATE);
  if (!isCalendarDate(input.periodEnd)) problems.add('periodEnd', MUST_BE_DATE);
  else if (isCalendarDate(input.periodStart) && input.periodEnd < input.periodStart)
    problems.add('periodEnd', notBefore('periodStart'));
  if (!Object.values(PrepaidPaymentRoute).includes(input.paymentRoute))
    problems.add('paymentRoute', oneOf(['ESCROW_ACCOUNT', 'RISK_RESERVE']));
  if (!PAYMENT_METHODS.includes(input.paymentMethod)) problems.add('paymentMethod', oneOf(PAYMENT_METHODS));
  const terms = input.refundTerms.trim();
  if (terms.length < 1 || terms.length > TERMS_MAX) problems.add('refundTerms', charactersBetween(1, TERMS_MAX));
  return [...problems.list];
}
