import {
  ExamFormat,
  ExamKind,
  ExamResultForm,
  ExamViolationKind as V,
  examBreaches,
  gradesOfStage,
  planBreaches,
  resultBreaches,
  termBounds,
} from './exam.rules';

const kinds = (breaches: { kind: V }[]) => breaches.map((b) => b.kind);
const paper = (kind: ExamKind, grade: number) => ({ kind, format: ExamFormat.PAPER, grade });

describe('exam rules (教育部办公厅《关于加强义务教育学校考试管理的通知》)', () => {
  it('allows no paper-and-pencil exam in grades 1–2, but a non-written end-of-term assessment', () => {
    expect(kinds(examBreaches(paper(ExamKind.END_OF_TERM, 1), []))).toEqual([V.PAPER_EXAM_IN_GRADES_1_2]);
    expect(kinds(examBreaches(paper(ExamKind.END_OF_TERM, 2), []))).toEqual([V.PAPER_EXAM_IN_GRADES_1_2]);
    expect(examBreaches({ kind: ExamKind.END_OF_TERM, format: ExamFormat.NON_WRITTEN, grade: 2 }, [])).toEqual([]);
    expect(examBreaches(paper(ExamKind.END_OF_TERM, 3), [])).toEqual([]);
  });

  it('allows one end-of-term exam a term in grades 3–9; the second is a breach', () => {
    const first = [{ kind: ExamKind.END_OF_TERM }];
    expect(kinds(examBreaches(paper(ExamKind.END_OF_TERM, 3), first))).toEqual([V.EXTRA_END_OF_TERM_EXAM]);
    expect(kinds(examBreaches(paper(ExamKind.END_OF_TERM, 9), first))).toEqual([V.EXTRA_END_OF_TERM_EXAM]);
    // grades 1–2 are governed by the paper rule alone: two non-written assessments are not counted
    expect(examBreaches({ kind: ExamKind.END_OF_TERM, format: ExamFormat.NON_WRITTEN, grade: 1 }, first)).toEqual([]);
    // another grade's exams do not count: the caller passes the same grade's only
    expect(examBreaches(paper(ExamKind.END_OF_TERM, 5), [{ kind: ExamKind.MID_TERM }])).toEqual([]);
  });

  it('allows junior-high grades one mid-term, primary grades none', () => {
    expect(examBreaches(paper(ExamKind.MID_TERM, 7), [{ kind: ExamKind.END_OF_TERM }])).toEqual([]);
    expect(kinds(examBreaches(paper(ExamKind.MID_TERM, 8), [{ kind: ExamKind.MID_TERM }]))).toEqual([
      V.EXTRA_MID_TERM_EXAM,
    ]);
    expect(kinds(examBreaches(paper(ExamKind.MID_TERM, 6), []))).toEqual([V.MID_TERM_IN_PRIMARY]);
    expect(kinds(examBreaches(paper(ExamKind.MID_TERM, 3), []))).toEqual([V.MID_TERM_IN_PRIMARY]);
  });

  it('refuses weekly, monthly and unit tests and selection exams in every grade', () => {
    for (const kind of [ExamKind.WEEKLY_TEST, ExamKind.MONTHLY_TEST, ExamKind.UNIT_TEST])
      for (const grade of [3, 7]) expect(kinds(examBreaches(paper(kind, grade), []))).toEqual([V.ROUTINE_TEST]);
    expect(kinds(examBreaches(paper(ExamKind.SELECTION, 6), []))).toEqual([V.SELECTION_EXAM]);
    expect(kinds(examBreaches(paper(ExamKind.MONTHLY_TEST, 1), []))).toEqual([
      V.PAPER_EXAM_IN_GRADES_1_2,
      V.ROUTINE_TEST,
    ]);
  });

  it('checks a plan entry by entry, grade by grade, naming the entry that broke a rule', () => {
    const breaches = planBreaches([
      { kind: ExamKind.END_OF_TERM, format: ExamFormat.PAPER, grades: [1, 3, 7] },
      { kind: ExamKind.MID_TERM, format: ExamFormat.PAPER, grades: [4, 7] },
      { kind: ExamKind.END_OF_TERM, format: ExamFormat.PAPER, grades: [7] },
    ]);
    expect(breaches.map((b) => [b.entry, b.grade, b.kind])).toEqual([
      [0, 1, V.PAPER_EXAM_IN_GRADES_1_2],
      [1, 4, V.MID_TERM_IN_PRIMARY],
      [2, 7, V.EXTRA_END_OF_TERM_EXAM],
    ]);
    expect(
      planBreaches([
        { kind: ExamKind.MID_TERM, format: ExamFormat.PAPER, grades: [7, 8, 9] },
        { kind: ExamKind.END_OF_TERM, format: ExamFormat.PAPER, grades: [3, 4, 5, 6, 7, 8, 9] },
        { kind: ExamKind.END_OF_TERM, format: ExamFormat.NON_WRITTEN, grades: [1, 2] },
      ]),
    ).toEqual([]);
  });

  it('wants results as grades, never ranked, never published by rank', () => {
    expect(resultBreaches(5, { form: ExamResultForm.LEVELS, ranked: false, rankingPublished: false })).toEqual([]);
    expect(kinds(resultBreaches(5, { form: ExamResultForm.SCORES, ranked: true, rankingPublished: true }))).toEqual([
      V.RESULTS_AS_SCORES,
      V.RESULTS_RANKED,
      V.RANKING_PUBLISHED,
    ]);
  });

  it('knows the grades of each stage and the span of each term', () => {
    expect(gradesOfStage('PRIMARY')).toEqual([1, 6]);
    expect(gradesOfStage('JUNIOR')).toEqual([7, 9]);
    expect(gradesOfStage('NINE_YEAR')).toEqual([1, 9]);
    expect(termBounds('2026-1')).toEqual({ from: '2026-08-01', to: '2027-01-31' });
    expect(termBounds('2026-2')).toEqual({ from: '2027-02-01', to: '2027-07-31' });
  });
});
