/**
 * Course topics: the national subject list (学科类, 教育部办公厅 2021) and the non-subject areas
 * (非学科类: 体育, 艺术, 综合实践活动 — science and technology courses count as 综合实践活动).
 */
const SUBJECT_TOPICS = {
  MORALITY_AND_LAW: '道德与法治',
  CHINESE: '语文',
  HISTORY: '历史',
  GEOGRAPHY: '地理',
  MATHEMATICS: '数学',
  FOREIGN_LANGUAGE: '外语',
  PHYSICS: '物理',
  CHEMISTRY: '化学',
  BIOLOGY: '生物',
} as const;

const NON_SUBJECT_TOPICS = {
  PHYSICAL_EDUCATION: '体育',
  ARTS: '艺术',
  COMPREHENSIVE_PRACTICE: '综合实践活动',
} as const;

export type CourseTopic = keyof typeof SUBJECT_TOPICS | keyof typeof NON_SUBJECT_TOPICS;
export const COURSE_TOPICS = [...Object.keys(SUBJECT_TOPICS), ...Object.keys(NON_SUBJECT_TOPICS)] as CourseTopic[];

export function isSubjectTopic(topic: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUBJECT_TOPICS, topic);
}
