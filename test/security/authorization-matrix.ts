import { Caller } from './principals';

/**
 * Who passes the function-level gate of each GraphQL operation (the `@Public()` / `@Roles(...)` decorators
 * and the services' role checks). "Passes" means the answer is not UNAUTHENTICATED / FORBIDDEN /
 * *_FORBIDDEN: with placeholder arguments it is usually VALIDATION_FAILED or <THING>_NOT_FOUND.
 * Object-level scope (which records a scoped role sees) is checked by the module tests and
 * test/security/scoped-objects.e2e-spec.ts. Every operation of schema.gql needs a row here; a new one
 * fails test/security/authorization-matrix.e2e-spec.ts until someone decides who may call it.
 *
 * DEPT_FIRE is a DEPARTMENT_OFFICER of FIRE_RESCUE. Where the service decides by the department alone
 * (licence decisions, escrow, credit decisions, after-school approval) it is refused here; where the
 * department check needs the record (e.g. whether FIRE_RESCUE co-operates on that task or complaint) it
 * passes the gate and placeholders get <THING>_NOT_FOUND — the module tests cover the record-level answer.
 * DISCIPLINE_SUPERVISOR (县纪委监委) reads everything and changes nothing but its own notifications and the
 * decisions on accountability cases (问责).
 * INSTITUTION_ADMIN (机构端) is not county staff: an operation without `@Roles` refuses it (the access guard's
 * default is STAFF_ROLES); it gets its own institution, the complaints about it, its inbox and password, and
 * what the public gets.
 */
const ANON: Caller = 'ANONYMOUS';
const CA: Caller = 'COUNTY_ADMIN';
const EDU: Caller = 'DEPT_EDU';
const FIRE: Caller = 'DEPT_FIRE';
const TWN: Caller = 'TOWNSHIP_OFFICER';
const SCH: Caller = 'SCHOOL_ADMIN';
const INS: Caller = 'INSPECTOR';
const DIS: Caller = 'DISCIPLINE_SUPERVISOR';
const INST: Caller = 'INSTITUTION_ADMIN';
const ANY_STAFF: Caller[] = [CA, EDU, FIRE, TWN, SCH, INS, DIS];
/** Every logged-in person, the institution side too (their own inbox, password, user record). */
const ANY_USER: Caller[] = [...ANY_STAFF, INST];
const EVERYONE: Caller[] = [ANON, ...ANY_USER];

export const AUTHORIZATION_MATRIX: Record<string, Caller[]> = {
  // Accountability cases (问责): the county office and discipline supervisors read all, department and
  // township officers those against their own department or township (the inspection office and the
  // discipline commission all of them); the party gives its statement; a discipline supervisor decides.
  'query.accountabilityCase': [CA, EDU, FIRE, TWN, DIS],
  'query.accountabilityCases': [CA, EDU, FIRE, TWN, DIS],
  'mutation.recordAccountabilityStatement': [EDU, FIRE, TWN],
  'mutation.recordAccountabilityDecision': [DIS],
  'query.afterSchoolCoverageBySchool': ANY_STAFF,
  'query.afterSchoolCoverageByTownship': ANY_STAFF,
  'query.afterSchoolFeeStandards': ANY_STAFF,
  'query.afterSchoolFundingStatements': ANY_STAFF,
  'query.afterSchoolParticipation': ANY_STAFF,
  'query.afterSchoolPlan': ANY_STAFF,
  'query.afterSchoolPlans': ANY_STAFF,
  'query.annualReviewChecklist': [CA, EDU, FIRE, TWN, INS, DIS],
  // Who may assign supervision tasks (county office, department officers; the lead department is checked on the task).
  'query.assignableUsers': [CA, EDU, FIRE],
  'query.auditLog': [CA, DIS],
  'query.bankApiKeys': [CA, DIS],
  'query.calendarPeriods': ANY_STAFF,
  // The institution side reads the complaints about its own institution (masked as township officers see them).
  'query.complaint': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.complaintStatus': EVERYONE,
  'query.complaints': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.creditEntries': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.creditPlatforms': [CA, DIS],
  'query.creditEntry': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.creditReasons': EVERYONE,
  'query.creditRecord': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.creditRecords': [CA, EDU, FIRE, TWN, INS, DIS],
  // The county dashboard (src/modules/dashboard): county-wide roles and township officers (their own township); not schools.
  'query.dashboard': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.dashboardTrend': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.departments': EVERYONE,
  'query.enrolmentCalendar': EVERYONE,
  'query.enrolmentPlan': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.enrolmentPlans': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.escrowAccount': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.escrowAccounts': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.escrowAlerts': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.escrowCoverage': [CA, EDU, FIRE, TWN, INS, DIS],
  // Exam management (schools): county office, discipline, EDU and INSPECTION_OFFICE county-wide, townships and schools their own; other departments pass the gate and read nothing.
  'query.examPlans': ANY_STAFF,
  'query.examViolations': ANY_STAFF,
  'query.failedEvents': [CA],
  'query.familyEducationCompletion': ANY_STAFF,
  'query.homeworkComplianceBySchool': ANY_STAFF,
  'query.homeworkComplianceByTownship': ANY_STAFF,
  'query.homeworkRecords': ANY_STAFF,
  // The institution side: its own record only (scoped in SQL).
  'query.institution': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.institutionPublicProfile': EVERYONE,
  'query.institutions': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.me': ANY_USER,
  'query.notifications': ANY_USER,
  'query.partnerBanks': [CA, DIS],
  'query.partnerPlatforms': [CA, DIS],
  // The parent side (家长端): anonymous by design, proven by contract code + phone digits and throttled.
  'query.parentContract': EVERYONE,
  // County rules (src/modules/policy): every staff role reads the rules it applies; the public does not.
  // Penalty decisions (行政处罚): county-wide readers, township officers their township's; not schools or institutions.
  'query.penaltyDecision': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.penaltyDecisions': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.policies': ANY_STAFF,
  'query.policy': ANY_STAFF,
  // Prepaid contracts (src/modules/prepaid): regulators read in scope (FIRE passes the gate and sees no contract);
  // INSTITUTION_ADMIN reads and writes its own institution's (test/security/scoped-objects, test/prepaid).
  // Any logged-in person; each object then needs the role and scope of its own by-id field (else NODE_NOT_FOUND).
  'query.node': ANY_USER,
  'query.nodes': ANY_USER,
  'query.prepaidContract': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.prepaidContracts': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  // Prepaid money (一课一消): regulators read within their jurisdiction (FIRE passes the gate and sees no EDU contracts); INSTITUTION_ADMIN its own.
  'query.prepaidRefunds': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.prepaidReleases': [CA, EDU, FIRE, TWN, INS, DIS, INST],
  'query.publicCreditList': EVERYONE,
  'query.qualityResults': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.qualityTrend': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.rectificationOrder': ANY_STAFF,
  'query.rectificationOrders': ANY_STAFF,
  'query.registryDashboard': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.riskReserves': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.school': ANY_STAFF,
  'query.schoolExams': ANY_STAFF,
  'query.schools': ANY_STAFF,
  // The public institution search (机构查询): no login, rate-limited per address.
  'query.searchInstitutionsPublic': EVERYONE,
  'query.serviceAreas': EVERYONE,
  'query.staffBars': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.supervisionCampaign': ANY_STAFF,
  'query.supervisionCampaigns': ANY_STAFF,
  'query.supervisionChecklistTemplates': ANY_STAFF,
  'query.supervisionReports': [CA, EDU, FIRE, DIS],
  'query.supervisionTask': ANY_STAFF,
  'query.supervisionTasks': ANY_STAFF,
  // Cases against serving teachers (schools module): EDU and the county office all, DISCIPLINE the referred
  // ones, townships and schools their own; another department passes the gate and sees none.
  'query.teacherCase': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.teacherCases': [CA, EDU, FIRE, TWN, SCH, DIS],
  'query.teacherParticipationHours': ANY_STAFF,
  'query.teacherRecord': [CA, EDU, FIRE, TWN, SCH, DIS],
  // Reference maintenance: the county office and departments holding LICENSING/AFTER_SCHOOL (EDU); the roster also the school's own administrator.
  'query.teachers': [CA, EDU, SCH],
  // Teacher burden (src/modules/schools/burden): staff read in their scope (a department: the demands it made).
  'query.teacherBurdenBySchool': ANY_STAFF,
  'query.teacherBurdenDemand': ANY_STAFF,
  'query.teacherBurdenDemands': ANY_STAFF,
  'query.townships': EVERYONE,
  'query.unlicensedLead': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.unlicensedLeads': [CA, EDU, FIRE, TWN, INS, DIS],
  'query.unreadNotificationCount': ANY_USER,
  'query.user': [CA, DIS],
  'query.users': [CA, DIS],
  'query.whitelistEligibility': [CA, EDU, FIRE, TWN, INS, DIS],
  'mutation.acceptComplaint': [CA, EDU, FIRE, TWN, INS],
  // Only the institution answers a refund request (INSTITUTION_ADMIN).
  'mutation.answerPrepaidRefund': [INST],
  'mutation.acceptTask': [CA, EDU, FIRE],
  'mutation.acknowledgeEscrowAlert': [CA, EDU],
  'mutation.addCourse': [CA, EDU, FIRE],
  'mutation.addPremises': [CA, EDU],
  'mutation.addStaff': [CA, EDU, FIRE],
  'mutation.applyForLicence': [CA, EDU, FIRE],
  'mutation.approveAfterSchoolPlan': [CA, EDU],
  'mutation.approveCreditEntry': [CA, EDU],
  'mutation.approveCreditEntryRemoval': [CA, EDU],
  // Licence decisions: the department holding the LICENSING duty (FIRE refused by the service).
  'mutation.approveInstitution': [CA, EDU],
  // A county rule changes by two county administrators (the second is checked on the proposal).
  'mutation.approvePolicyChange': [CA],
  'mutation.assignComplaint': [CA, EDU, FIRE, TWN, INS],
  'mutation.assignTask': [CA, EDU, FIRE],
  'mutation.barStaffMember': [CA, EDU],
  'mutation.cancelTask': [CA, EDU, FIRE],
  // Penalty decisions: the county office and departments with penalty powers (FIRE_RESCUE has none here: refused by the service).
  'mutation.carryOutPenalty': [CA, EDU],
  'mutation.closeComplaint': [CA, EDU, FIRE, TWN, INS],
  'mutation.closeEscrowAccount': [CA, EDU],
  'mutation.closeTask': [CA, EDU, FIRE],
  'mutation.completeRectificationOrder': [CA, EDU, FIRE],
  'mutation.convertToNonProfit': [CA, EDU],
  'mutation.convertToNonSubject': [CA, EDU],
  'mutation.createAfterSchoolFeeStandard': [CA, EDU, FIRE],
  // createGridCell / createSchool: the service admits only CA and EDU (TWN for grid cells in its township), but the
  // placeholder township code ('x') fails input validation first, so FIRE gets VALIDATION_FAILED.
  'mutation.createGridCell': [CA, EDU, FIRE, TWN],
  'mutation.createSchool': [CA, EDU, FIRE],
  'mutation.createSupervisionCampaign': [CA, EDU, FIRE],
  'mutation.createSupervisionTask': [CA, EDU, FIRE],
  'mutation.createUser': [CA],
  // Institution administrators: the county office, or EDU (holding INSTITUTION_SUPERVISION) for the institutions it is
  // competent for; the service refuses FIRE_RESCUE (INSTITUTION_ADMIN_FORBIDDEN, test/identity), but the placeholder
  // username fails input validation first, so FIRE gets VALIDATION_FAILED here.
  'mutation.createInstitutionAdmin': [CA, EDU, FIRE],
  'mutation.decideComplaintReview': [CA],
  'mutation.decidePenalty': [CA, EDU],
  'mutation.deregisterInstitution': [CA, EDU],
  'mutation.deleteCalendarPeriod': [CA, EDU],
  'mutation.disableUser': [CA],
  'mutation.dispatchSupervisionReport': [CA],
  'mutation.enableUser': [CA],
  // endCourse / endStaffEmployment / updateStaffBackgroundCheck: the service admits only CA and EDU (the
  // placeholder day is a real `Date`, so the department check answers before any business validation).
  'mutation.endCourse': [CA, EDU],
  'mutation.endStaffEmployment': [CA, EDU],
  'mutation.extendComplaintDeadline': [CA, EDU, FIRE, TWN, INS],
  'mutation.generateSupervisionReport': [CA, EDU, FIRE],
  'mutation.importTeacherRoster': [CA, EDU],
  'mutation.issueBankApiKey': [CA],
  'mutation.issueCreditPlatformApiKey': [CA],
  'mutation.issuePlatformApiKey': [CA],
  'mutation.issueBankInstruction': [CA],
  'mutation.issueRectificationOrder': [CA, EDU, FIRE],
  'mutation.liftStaffBar': [CA, EDU],
  'mutation.login': EVERYONE,
  // The parent side (家长端): anonymous by design, proven by contract code + phone digits and throttled.
  'mutation.confirmPrepaidLessons': EVERYONE,
  'mutation.objectToPrepaidLesson': EVERYONE,
  // EDU only (schools module); FIRE's placeholder input fails validation before the service's EDU check.
  'mutation.publishQualityRound': [CA, EDU, FIRE],
  'mutation.recordEnrolmentPlan': [SCH],
  // EDU only (schools module); FIRE's placeholder input fails validation before the service's EDU check.
  'mutation.recordQualityResult': [CA, EDU, FIRE],
  'mutation.requestPrepaidRefund': EVERYONE,
  'mutation.reviewEnrolmentPlan': [CA, EDU],
  // EDU only (schools module); FIRE's placeholder input fails validation before the service's EDU check.
  'mutation.setEnrolmentCalendar': [CA, EDU, FIRE],
  'mutation.setSchoolSector': [CA, EDU],
  // EDU only (schools module); FIRE's placeholder input fails validation before the service's EDU check.
  'mutation.setServiceArea': [CA, EDU, FIRE],
  // The first administrator with the one-time setup code: anonymous by design (refused once an admin exists).
  'mutation.setupFirstAdmin': EVERYONE,
  'mutation.markAllNotificationsRead': ANY_USER,
  'mutation.markNotificationRead': ANY_USER,
  'mutation.notAcceptComplaint': [CA, EDU, FIRE, TWN, INS],
  'mutation.openEscrowAccount': [CA, EDU, FIRE],
  'mutation.openTeacherCase': [CA, EDU],
  'mutation.proposeCreditEntry': [CA, EDU, FIRE],
  'mutation.proposeCreditEntryRemoval': [CA, EDU, FIRE],
  'mutation.proposePolicyChange': [CA],
  'mutation.publishHomework': [SCH],
  'mutation.reassignComplaint': [CA, EDU, FIRE, TWN, INS],
  'mutation.recordAfterSchoolFees': [SCH],
  'mutation.recordAfterSchoolParticipation': [SCH],
  'mutation.recordAnnualReview': [CA, EDU, FIRE],
  'mutation.recordCredit': [CA, EDU, FIRE, INS],
  // A school administrator (own school) or an EDU officer: the service refuses other departments with FORBIDDEN,
  // but the placeholder plan and exam (term "x") are refused VALIDATION_FAILED first, so FIRE passes this gate
  // there (test/schools/exams.e2e-spec.ts covers FIRE's FORBIDDEN).
  'mutation.recordExam': [SCH, EDU, FIRE],
  'mutation.recordExamPlan': [SCH, EDU, FIRE],
  'mutation.recordExamResults': [SCH, EDU],
  // DEPARTMENT_OFFICER is a writer role only for EDU: the service refuses FIRE with FORBIDDEN before any lookup,
  // but placeholder input is refused VALIDATION_FAILED first, so FIRE passes this gate (test/prepaid covers it).
  'mutation.recordPrepaidLessons': [CA, EDU, INST],
  'mutation.registerPrepaidContract': [CA, EDU, INST],
  'mutation.recordFamilyEducationSession': [SCH],
  // Assignees work on tasks; a township officer of the task's township may be one (joint enforcement).
  'mutation.recordFinding': [CA, EDU, FIRE, TWN, INS],
  'mutation.recordHomeVisits': [SCH],
  // The department holding the check's duty (FIRE_RESCUE: FIRE_INSPECTION) records it; the check needs the premises.
  'mutation.recordPremisesCheck': [CA, EDU, FIRE],
  'mutation.recordTeacherCaseOutcome': [CA, EDU],
  'mutation.recordTeacherParticipation': [SCH],
  // A school records its own burden demands; only the county office or the inspection office disputes an approval.
  'mutation.recordTeacherBurdenDemand': [SCH],
  'mutation.withdrawTeacherBurdenDemand': [SCH],
  'mutation.disputeTeacherBurdenApproval': [CA],
  'mutation.recordUnlicensedLead': [CA, EDU, TWN],
  'mutation.registerComplaint': [CA, EDU, FIRE, TWN, INS],
  // Letters and visits: the county office and EDU officers (FIRE refused by the service).
  'mutation.registerPrepaidRefund': [CA, EDU],
  'mutation.registerComplaintReview': [CA, EDU, FIRE, TWN, INS],
  'mutation.registerExistingInstitution': [CA, EDU, FIRE],
  'mutation.registerPartnerBank': [CA],
  'mutation.registerPartnerPlatform': [CA],
  'mutation.registerCreditPlatform': [CA],
  // As openEscrowAccount: FIRE passes the gate and placeholders fail validation before the department check.
  'mutation.registerRiskReserve': [CA, EDU, FIRE],
  'mutation.rejectCreditEntry': [CA, EDU],
  'mutation.rejectCreditEntryRemoval': [CA, EDU],
  'mutation.rejectInstitution': [CA, EDU],
  'mutation.rejectPolicyChange': [CA],
  'mutation.releaseRiskReserve': [CA, EDU],
  'mutation.renameGridCell': [CA, EDU, TWN],
  'mutation.reopenComplaint': [CA, EDU, FIRE, TWN, INS],
  'mutation.replyToComplaint': [CA, EDU, FIRE, TWN, INS],
  // The institution's reply (机构说明) to a complaint about it: its administrator only.
  'mutation.replyToComplaintAsInstitution': [INST],
  'mutation.reportHomeworkDuration': [SCH],
  'mutation.requestComplaintInvestigationTask': [CA, EDU, FIRE, TWN, INS],
  'mutation.requestComplaintReview': EVERYONE,
  'mutation.resetUserPassword': [CA],
  // Every logged-in user changes their own password (the discipline supervisor too: it is no change to the record it oversees).
  'mutation.changeMyPassword': ANY_USER,
  'mutation.resolveUnlicensedLead': [CA, EDU, TWN],
  'mutation.resumeInstitution': [CA, EDU],
  'mutation.retryFailedEvent': [CA],
  'mutation.returnAfterSchoolPlan': [CA, EDU],
  'mutation.returnTask': [CA, EDU, FIRE],
  // Enrolment ads also the ADVERTISING department (not FIRE_RESCUE); the check needs the material, so FIRE passes the gate.
  'mutation.reviewTrainingMaterial': [CA, EDU, FIRE],
  'mutation.revokeBankApiKey': [CA],
  'mutation.revokePlatformApiKey': [CA],
  'mutation.revokeCreditPlatformApiKey': [CA],
  'mutation.revokeCreditRecord': [CA, EDU],
  'mutation.revokeLicence': [CA, EDU],
  'mutation.saveAfterSchoolPlan': [SCH],
  'mutation.setAnnualReviewChecklist': [CA, EDU, FIRE],
  'mutation.setCalendarPeriod': [CA, EDU],
  'mutation.startComplaintInvestigation': [CA, EDU, FIRE, TWN, INS],
  'mutation.startLeadInvestigation': [CA, EDU, TWN],
  'mutation.startOperating': [CA, EDU],
  'mutation.startTask': [CA, EDU, FIRE, TWN, INS],
  'mutation.submitAfterSchoolPlan': [SCH],
  'mutation.submitComplaint': EVERYONE,
  'mutation.submitTask': [CA, EDU, FIRE, TWN, INS],
  'mutation.submitTrainingMaterial': [CA, EDU],
  'mutation.suspendInstitution': [CA, EDU],
  'mutation.updateChecklistTemplate': [CA],
  'mutation.updateInstitution': [CA, EDU],
  'mutation.updatePremisesSafety': [CA, EDU, FIRE],
  'mutation.updateSchool': [CA, EDU],
  'mutation.updateStaffBackgroundCheck': [CA, EDU],
  'mutation.updateUserRole': [CA],
  'mutation.withdrawPenalty': [CA, EDU],
};
