import { SchoolStage } from '../../reference';
import { AdmissionMethod, SchoolSector } from './enrolment.enums';
import { PlanTerms, enrolmentRuleFindings, planShapeProblems, selectionWording } from './enrolment.rules';

const calendar = {
  year: 2027,
  registrationStart: '2027-07-01',
  registrationEnd: '2027-07-10',
  admissionDate: '2027-07-20',
};
const plan = (over: Partial<PlanTerms> = {}): PlanTerms => ({
  year: 2027,
  places: [{ grade: 1, places: 90 }],
  registrationStart: '2027-07-01',
  registrationEnd: '2027-07-10',
  admissionDate: '2027-07-20',
  admissionMethod: AdmissionMethod.SERVICE_AREA,
  notes: '按服务范围免试就近入学',
  ...over,
});
const codes = (sector: SchoolSector, hasArea: boolean, p: PlanTerms) =>
  enrolmentRuleFindings(sector, hasArea, calendar, p).map((f) => `${f.code}@${f.path}`);

describe('enrolment rules', () => {
  it('accepts a public school admitting its service area on the county dates', () => {
    expect(codes(SchoolSector.PUBLIC, true, plan())).toEqual([]);
  });

  it('holds private schools to the county dates (公民同招) and to the lottery', () => {
    const early = plan({
      registrationStart: '2027-06-20',
      admissionMethod: AdmissionMethod.LOTTERY_WHEN_OVERSUBSCRIBED,
    });
    expect(codes(SchoolSector.PRIVATE, false, early)).toEqual(['ENROLMENT_DATES_DIFFER@registrationStart']);
    expect(codes(SchoolSector.PRIVATE, false, plan())).toEqual(['ADMISSION_METHOD_NOT_ALLOWED@admissionMethod']);
  });

  it('requires a public school to have a service area and admit by it', () => {
    expect(
      codes(SchoolSector.PUBLIC, false, plan({ admissionMethod: AdmissionMethod.LOTTERY_WHEN_OVERSUBSCRIBED })),
    ).toEqual(['SERVICE_AREA_MISSING@schoolId', 'ADMISSION_METHOD_NOT_ALLOWED@admissionMethod']);
  });

  it('refuses selection by exam, test or interview in what the school tells families', () => {
    expect(selectionWording('新生入学需参加面试')).toBe('面试');
    expect(selectionWording('Admission by entrance exam')).toBe('exam');
    expect(selectionWording('按服务范围免试就近入学，电脑随机录取')).toBeNull();
    expect(codes(SchoolSector.PUBLIC, true, plan({ notes: '择优选拔，笔试后录取' }))).toEqual([
      'ADMISSION_EXAM_FORBIDDEN@notes',
    ]);
  });

  it('checks entry grades by stage, duplicates and the order of the dates', () => {
    expect(
      planShapeProblems(SchoolStage.PRIMARY, plan({ places: [{ grade: 7, places: 50 }] })).map((p) => p.path),
    ).toEqual(['places.0.grade']);
    expect(
      planShapeProblems(
        SchoolStage.NINE_YEAR,
        plan({
          places: [
            { grade: 1, places: 50 },
            { grade: 7, places: 40 },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      planShapeProblems(
        SchoolStage.NINE_YEAR,
        plan({
          places: [
            { grade: 1, places: 50 },
            { grade: 1, places: 40 },
          ],
        }),
      ).map((p) => p.path),
    ).toEqual(['places.1.grade']);
    expect(
      planShapeProblems(SchoolStage.PRIMARY, plan({ registrationEnd: '2027-06-01', admissionDate: '2028-01-01' })).map(
        (p) => p.path,
      ),
    ).toEqual(['registrationEnd', 'admissionDate']);
  });
});
