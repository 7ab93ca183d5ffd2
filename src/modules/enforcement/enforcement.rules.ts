import { addDays, businessDate, isCalendarDate } from '../../platform/clock/business-time';
import { MAX_AMOUNT_FEN } from '../../platform/database/money';
import { Problems } from '../../platform/errors/problems';
import { text } from '../../platform/i18n/text';
import { PenaltyKind } from './enforcement.enums';

/**
 * Kinds that give the party the right to ask for a hearing (行政处罚法 art. 63: 责令停产停业、责令关闭、
 * 限制从业、吊销许可证件, and "other heavier penalties" — a suspension of enrolment is one). A fine or a
 * confiscation gives it from the county's "large amount" rule on.
 */
export const HEARING_KINDS: readonly PenaltyKind[] = [
  PenaltyKind.ENROLMENT_SUSPENDED,
  PenaltyKind.STOP_OPERATING,
  PenaltyKind.LICENCE_REVOKED,
  PenaltyKind.PRACTICE_RESTRICTED,
];

/** Kinds whose publication lasts the longer, serious period (严重失信: the party stops, loses its licence or may not practise). */
export const SERIOUS_KINDS: readonly PenaltyKind[] = [
  PenaltyKind.STOP_OPERATING,
  PenaltyKind.LICENCE_REVOKED,
  PenaltyKind.PRACTICE_RESTRICTED,
];

/** Kinds that only a licensed institution can receive (an unlicensed operator has no enrolment or licence to take). */
export const INSTITUTION_ONLY_KINDS: readonly PenaltyKind[] = [
  PenaltyKind.ENROLMENT_SUSPENDED,
  PenaltyKind.LICENCE_REVOKED,
];

/** The county rules a decision is checked against (read at the decision's time). */
export interface PenaltyRules {
  hearingRequestDays: number;
  hearingAmountFen: bigint;
  reviewDays: number;
  litigationMonths: number;
  publicationDays: number;
  publicationDaysSerious: number;
}

/** What a decision says, as the rules check it. */
export interface DecisionFacts {
  institutionId?: string | null;
  leadId?: string | null;
  kinds: readonly PenaltyKind[];
  fineFen: bigint | null;
  confiscatedFen: bigint | null;
  noticeServedOn: string;
  hearingHeldOn?: string | null;
  decidedOn: string;
}

/** Whether the party may ask for a hearing before the decision (行政处罚法 art. 63). */
export function hasHearingRight(
  d: Pick<DecisionFacts, 'kinds' | 'fineFen' | 'confiscatedFen'>,
  hearingAmountFen: bigint,
): boolean {
  return (
    d.kinds.some((k) => HEARING_KINDS.includes(k)) ||
    (d.fineFen !== null && d.fineFen >= hearingAmountFen) ||
    (d.confiscatedFen !== null && d.confiscatedFen >= hearingAmountFen)
  );
}

/**
 * Whether the decision is made public (行政处罚法 art. 48: decisions with a certain social impact): every
 * decision with more than a warning. A warning alone is recorded (and sent as `decided`) but not published.
 */
export function isPublished(kinds: readonly PenaltyKind[]): boolean {
  return kinds.some((k) => k !== PenaltyKind.WARNING);
}

/** The registry lifecycle command a decision drives: revoke over suspend; none for the other kinds. */
export function registrySanction(kinds: readonly PenaltyKind[]): 'revoked' | 'suspended' | null {
  if (kinds.includes(PenaltyKind.LICENCE_REVOKED)) return 'revoked';
  if (kinds.includes(PenaltyKind.ENROLMENT_SUSPENDED) || kinds.includes(PenaltyKind.STOP_OPERATING)) return 'suspended';
  return null;
}

/** The severity of the credit record: GRAVE for stopping or revoking, SERIOUS for money and suspensions, else MINOR. */
export function creditSeverity(kinds: readonly PenaltyKind[]): 'MINOR' | 'SERIOUS' | 'GRAVE' {
  if (kinds.includes(PenaltyKind.LICENCE_REVOKED) || kinds.includes(PenaltyKind.STOP_OPERATING)) return 'GRAVE';
  if (kinds.some((k) => k !== PenaltyKind.WARNING && k !== PenaltyKind.PUBLIC_CRITICISM)) return 'SERIOUS';
  return 'MINOR';
}

/** A calendar date `months` later, on the same day of the month (the month's last day when it has none). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The stored deadlines of a decision: hearing request, review (行政复议), lawsuit (行政诉讼), publication. */
export function decisionDeadlines(
  d: DecisionFacts,
  rules: PenaltyRules,
): {
  hearingRight: boolean;
  hearingRequestDeadline: string | null;
  reviewDeadline: string;
  litigationDeadline: string;
  publishedUntil: string | null;
} {
  const hearingRight = hasHearingRight(d, rules.hearingAmountFen);
  const publicationDays = d.kinds.some((k) => SERIOUS_KINDS.includes(k))
    ? rules.publicationDaysSerious
    : rules.publicationDays;
  return {
    hearingRight,
    hearingRequestDeadline: hearingRight ? addDays(d.noticeServedOn, rules.hearingRequestDays) : null,
    reviewDeadline: addDays(d.decidedOn, rules.reviewDays),
    litigationDeadline: addMonths(d.decidedOn, rules.litigationMonths),
    publishedUntil: isPublished(d.kinds) ? addDays(d.decidedOn, publicationDays) : null,
  };
}

/**
 * Every problem of a decision's facts against the law and the county rules, by input field: one party
 * (an institution or a lead); kinds without repeats, and those only an institution can receive; an amount
 * exactly for a fine and a confiscation, positive and within the money limit; the notice served on or
 * before the decision, the decision not in the future; a hearing only where the party had the right, held
 * between notice and decision; without a hearing, a decision only after the party's request window closed.
 */
export function decisionProblems(
  d: DecisionFacts,
  rules: Pick<PenaltyRules, 'hearingRequestDays' | 'hearingAmountFen'>,
  today: string,
): Problems {
  const p = new Problems();
  p.check(
    Boolean(d.institutionId) !== Boolean(d.leadId),
    'institutionId',
    text('name either the institution or the lead of an unlicensed operator', '须且只能指定机构或无证线索之一'),
  );
  p.check(d.kinds.length > 0, 'kinds', text('name at least one kind of penalty', '至少选择一种处罚种类'));
  p.check(new Set(d.kinds).size === d.kinds.length, 'kinds', text('a kind is named twice', '处罚种类重复'));
  if (d.leadId && !d.institutionId) {
    const only = d.kinds.filter((k) => INSTITUTION_ONLY_KINDS.includes(k));
    p.check(
      only.length === 0,
      'kinds',
      text(
        `an unlicensed operator has no enrolment or licence to take (${only.join(', ')}); use STOP_OPERATING`,
        `无证经营者没有可暂停的招生或可吊销的许可证（${only.join('、')}），应责令停止举办（STOP_OPERATING）`,
      ),
    );
  }
  amountProblems(p, 'fine', d.fineFen, d.kinds.includes(PenaltyKind.FINE), text('a fine', '罚款'));
  amountProblems(
    p,
    'confiscated',
    d.confiscatedFen,
    d.kinds.includes(PenaltyKind.CONFISCATION),
    text('a confiscation', '没收违法所得'),
  );
  const datesValid = isCalendarDate(d.noticeServedOn) && isCalendarDate(d.decidedOn);
  if (!datesValid) return p;
  p.check(d.decidedOn <= today, 'decidedOn', text('cannot be in the future', '不能晚于今天'));
  p.check(
    d.noticeServedOn <= d.decidedOn,
    'noticeServedOn',
    text('the prior notice (事先告知) is served before the decision', '事先告知书须在作出决定前送达'),
  );
  const right = hasHearingRight(d, rules.hearingAmountFen);
  if (d.hearingHeldOn) {
    p.check(
      right,
      'hearingHeldOn',
      text(
        'these kinds and amounts give no right to a hearing (行政处罚法 art. 63)',
        '该处罚种类和数额不属于应告知听证的情形（行政处罚法第六十三条）',
      ),
    );
    p.check(
      d.noticeServedOn <= d.hearingHeldOn && d.hearingHeldOn <= d.decidedOn,
      'hearingHeldOn',
      text('the hearing is held between the notice and the decision', '听证须在告知之后、决定之前举行'),
    );
  } else if (right) {
    const deadline = addDays(d.noticeServedOn, rules.hearingRequestDays);
    p.check(
      d.decidedOn > deadline,
      'decidedOn',
      text(
        `the party may ask for a hearing until ${deadline} (${rules.hearingRequestDays} days after the notice): decide after that, or give the hearing's date`,
        `当事人可在 ${deadline} 前（告知后 ${rules.hearingRequestDays} 日内）要求听证：须在此之后作出决定，或填写听证日期`,
      ),
    );
  }
  return p;
}

function amountProblems(
  p: Problems,
  field: 'fine' | 'confiscated',
  fen: bigint | null,
  needed: boolean,
  what: { en: string; zh: string },
): void {
  if (needed) {
    p.check(fen !== null, field, text(`${what.en} needs its amount`, `${what.zh}须填写金额`));
    if (fen !== null) {
      p.check(fen > 0n, field, text('must be more than 0.00', '须大于 0.00'));
      p.check(fen <= MAX_AMOUNT_FEN, field, text('is above the largest amount accepted', '超过系统接受的最大金额'));
    }
  } else {
    p.check(fen === null, field, text(`an amount is given only with ${what.en}`, `只有${what.zh}才填写此金额`));
  }
}

/**
 * The decision dates a report window [from, to) counts, as [from, to) business dates, by the convention of
 * supervision's own sections (the last date is the day of the window's last instant): a window ending now
 * (today's dashboard, the report of a period not over yet) counts the decisions dated today; one ending at
 * midnight does not count the next day's.
 */
export function reportDates(window: { from: Date; to: Date }, timeZone: string): { from: string; to: string } {
  return {
    from: businessDate(window.from, timeZone),
    to: addDays(businessDate(new Date(window.to.getTime() - 1), timeZone), 1),
  };
}
