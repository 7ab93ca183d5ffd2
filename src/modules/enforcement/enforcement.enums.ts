/**
 * The kinds of administrative penalty against off-campus training (《校外培训行政处罚暂行办法》, MOE Order
 * No. 53, art. 5, read with 行政处罚法 art. 9). A decision may impose several.
 */
export enum PenaltyKind {
  WARNING = 'WARNING', // 警告
  PUBLIC_CRITICISM = 'PUBLIC_CRITICISM', // 通报批评
  FINE = 'FINE', // 罚款
  CONFISCATION = 'CONFISCATION', // 没收违法所得
  ENROLMENT_SUSPENDED = 'ENROLMENT_SUSPENDED', // 责令停止招生
  STOP_OPERATING = 'STOP_OPERATING', // 责令停止举办 / 停业整顿
  LICENCE_REVOKED = 'LICENCE_REVOKED', // 吊销办学许可证
  PRACTICE_RESTRICTED = 'PRACTICE_RESTRICTED', // 限制从业
}

/** Where a decision is: in force (DECIDED), carried out (履行完毕), or withdrawn (撤销). */
export enum PenaltyStatus {
  DECIDED = 'DECIDED',
  CARRIED_OUT = 'CARRIED_OUT',
  WITHDRAWN = 'WITHDRAWN',
}

/** Why a decision was withdrawn. */
export enum WithdrawalGround {
  ADMINISTRATIVE_REVIEW = 'ADMINISTRATIVE_REVIEW', // 行政复议决定撤销
  COURT_JUDGMENT = 'COURT_JUDGMENT', // 法院判决撤销
  SELF_CORRECTION = 'SELF_CORRECTION', // 行政机关自行纠错
}
