import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { formatMoney } from '../../../platform/database/money';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { Paginated } from '../../../platform/graphql/pagination';
import { PenaltyKind, PenaltyStatus, WithdrawalGround } from '../enforcement.enums';
import { PublicPenalty } from '../enforcement.queries';
import { PenaltyDecision } from '../entities/penalty-decision.entity';

registerEnumType(PenaltyKind, {
  name: 'PenaltyKind',
  description: 'Kind of administrative penalty (行政处罚种类) under MOE Order No. 53; a decision may impose several.',
  valuesMap: {
    WARNING: { description: 'Warning (警告); the only kind that is not published.' },
    PUBLIC_CRITICISM: { description: 'Public criticism (通报批评).' },
    FINE: { description: 'Fine (罚款), with its amount.' },
    CONFISCATION: { description: 'Confiscation of illegal income (没收违法所得), with its amount.' },
    ENROLMENT_SUSPENDED: {
      description: 'Order to stop enrolling (责令停止招生); suspends the institution in the registry.',
    },
    STOP_OPERATING: {
      description:
        'Order to stop operating (责令停止举办/停业整顿); suspends an institution, closes the lead of an unlicensed operator.',
    },
    LICENCE_REVOKED: { description: 'Licence revoked (吊销办学许可证); revokes the institution in the registry.' },
    PRACTICE_RESTRICTED: { description: 'Restriction from practising (限制从业).' },
  },
});

registerEnumType(PenaltyStatus, {
  name: 'PenaltyStatus',
  description: 'Where a penalty decision is (处罚决定状态).',
  valuesMap: {
    DECIDED: { description: 'Decided and in force (已作出).' },
    CARRIED_OUT: { description: 'Carried out by the party (履行完毕), with the day.' },
    WITHDRAWN: { description: 'Withdrawn (撤销) on review, in court or by the department, with the reason.' },
  },
});

registerEnumType(WithdrawalGround, {
  name: 'PenaltyWithdrawalGround',
  description: 'Why a penalty decision was withdrawn (撤销原因).',
  valuesMap: {
    ADMINISTRATIVE_REVIEW: { description: 'Revoked by an administrative review decision (行政复议决定撤销).' },
    COURT_JUDGMENT: { description: 'Revoked by a court judgment (行政诉讼判决撤销).' },
    SELF_CORRECTION: { description: 'Withdrawn by the deciding department itself (自行纠错).' },
  },
});

const money = (fen: bigint | null): string | null => (fen === null ? null : formatMoney(fen));

@ObjectType('PenaltyDecision', {
  implements: () => [NodeInterface],
  description:
    'Administrative penalty decision (行政处罚决定) against an institution or an unlicensed operator, with its deadlines and state.',
})
export class PenaltyDecisionObject {
  @Field(() => ID, { description: 'Id of the decision.' }) id!: string;
  @Field({ description: 'Document number of the decision (行政处罚决定书文号), unique.' }) decisionNumber!: string;
  @Field(() => ID, { nullable: true, description: 'The institution punished; null for an unlicensed operator.' })
  institutionId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The lead (无证培训线索) the unlicensed operator was found through; null for an institution.',
  })
  leadId!: string | null;
  @Field({ description: 'The party (当事人) as the decision names it.' }) subjectName!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Unified social credit code (统一社会信用代码) of the party, when it has one.',
  })
  creditCode!: string | null;
  @Field({ description: 'Township (乡镇/街道) code of the institution or the lead.' }) townshipCode!: string;
  @Field(() => [PenaltyKind], { description: 'The kinds of penalty imposed (处罚种类).' }) kinds!: PenaltyKind[];
  @Field(() => String, { nullable: true, description: 'The fine (罚款), yuan with two decimals; null without one.' })
  fine!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Illegal income confiscated (没收违法所得), yuan with two decimals; null without one.',
  })
  confiscated!: string | null;
  @Field({ description: 'The legal basis as cited in the decision (法律依据).' }) legalBasis!: string;
  @Field({ description: 'The facts found (违法事实), as the decision states them.' }) facts!: string;
  @Field(() => [ID], { description: 'Ids of the supervision findings (检查结果) the facts rest on.' })
  findingIds!: string[];
  @Field(() => [ID], { description: 'Ids of the complaints (投诉) the facts rest on.' }) complaintIds!: string[];
  @Field(() => [ID], { description: 'Ids of the escrow alerts (资金监管预警) the facts rest on.' }) alertIds!: string[];
  @Field({ description: 'Code of the deciding department (作出决定的部门), e.g. EDU.' })
  decidingDepartmentCode!: string;
  @Field(() => DateScalar, { description: 'Day the prior notice (行政处罚事先告知书) was served.' })
  noticeServedOn!: string;
  @Field({ description: 'Whether the party had the right to ask for a hearing (听证权, 行政处罚法 art. 63).' })
  hearingRight!: boolean;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day the party could ask for a hearing; null without the right.',
  })
  hearingRequestDeadline!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Day the hearing (听证) was held; null without one.' })
  hearingHeldOn!: string | null;
  @Field(() => DateScalar, { description: 'Day of the decision (决定日期), taken as the day it was served.' })
  decidedOn!: string;
  @Field(() => DateScalar, { description: 'Last day to apply for administrative review (行政复议期限).' })
  reviewDeadline!: string;
  @Field(() => DateScalar, { description: 'Last day to bring an administrative lawsuit (行政诉讼期限).' })
  litigationDeadline!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day the decision is published (公示截止日); null when it is not published (a warning alone).',
  })
  publishedUntil!: string | null;
  @Field({ description: 'Whether the decision shows on the public profile now (公示中).' }) publishedNow!: boolean;
  @Field(() => PenaltyStatus, { description: 'Where the decision is.' }) status!: PenaltyStatus;
  @Field(() => DateScalar, { nullable: true, description: 'Day it was carried out (履行完毕日期); null before.' })
  carriedOutOn!: string | null;
  @Field(() => WithdrawalGround, { nullable: true, description: 'Why it was withdrawn; null unless WITHDRAWN.' })
  withdrawalGround!: WithdrawalGround | null;
  @Field(() => String, { nullable: true, description: 'The reason for the withdrawal; null unless WITHDRAWN.' })
  withdrawalReason!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Day it was withdrawn; null unless WITHDRAWN.' })
  withdrawnOn!: string | null;
  @Field({ description: 'Who recorded the decision (username).' }) decidedBy!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the decision was recorded.' }) createdAt!: Date;

  static from(p: PenaltyDecision, today: string): PenaltyDecisionObject {
    return Object.assign(new PenaltyDecisionObject(), {
      ...p,
      kinds: [...p.kinds],
      fine: money(p.fineFen),
      confiscated: money(p.confiscatedFen),
      publishedNow:
        p.publishedUntil !== null &&
        p.publishedUntil >= today &&
        p.publicationEndedOn === null &&
        p.status !== PenaltyStatus.WITHDRAWN,
      decidedBy: p.decidedByName,
    });
  }
}

export const PenaltyDecisionConnection = Paginated(PenaltyDecisionObject, 'PenaltyDecision');

@ObjectType('PublicPenalty', {
  description:
    'A published administrative penalty decision (行政处罚信息公示) on an institution’s public profile, for its publication period.',
})
export class PublicPenaltyObject {
  @Field({ description: 'Document number of the decision (行政处罚决定书文号).' }) decisionNumber!: string;
  @Field({ description: 'The party (当事人) as the decision names it.' }) subjectName!: string;
  @Field(() => [PenaltyKind], { description: 'The kinds of penalty imposed (处罚种类).' }) kinds!: PenaltyKind[];
  @Field(() => String, { nullable: true, description: 'The fine (罚款), yuan with two decimals; null without one.' })
  fine!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Illegal income confiscated (没收违法所得), yuan with two decimals; null without one.',
  })
  confiscated!: string | null;
  @Field({ description: 'The legal basis (法律依据).' }) legalBasis!: string;
  @Field({ description: 'The facts found (违法事实).' }) facts!: string;
  @Field({ description: 'Code of the deciding department (作出决定的部门).' }) decidingDepartmentCode!: string;
  @Field(() => DateScalar, { description: 'Day of the decision (决定日期).' }) decidedOn!: string;
  @Field(() => DateScalar, { description: 'Last day it is published (公示截止日).' }) publishedUntil!: string;
  @Field({ description: 'Whether the party has carried it out (履行完毕).' }) carriedOut!: boolean;

  static from(p: PublicPenalty): PublicPenaltyObject {
    return Object.assign(new PublicPenaltyObject(), {
      decisionNumber: p.decisionNumber,
      subjectName: p.subjectName,
      kinds: [...p.kinds],
      fine: money(p.fineFen),
      confiscated: money(p.confiscatedFen),
      legalBasis: p.legalBasis,
      facts: p.facts,
      decidingDepartmentCode: p.decidingDepartmentCode,
      decidedOn: p.decidedOn,
      publishedUntil: p.publishedUntil!,
      carriedOut: p.status === PenaltyStatus.CARRIED_OUT,
    });
  }
}
