import { InstitutionStatus, RegistryFacade, checkCreditCode } from '../../src/modules/registry';
import { createInstitution } from '../factories/registry.factory';
import { TestApp, startTestApp } from '../support/test-app';

describe('registry facade and test factory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates valid institutions and finds them by id, credit code and in batches', async () => {
    const a = await createInstitution(t);
    const b = await createInstitution(t, {
      category: 'SUBJECT',
      status: InstitutionStatus.SUSPENDED,
      townshipCode: '520122100',
    });
    expect(checkCreditCode(a.creditCode).valid).toBe(true);
    expect(a).toMatchObject({
      status: 'OPERATING',
      townshipCode: '520122001',
      category: 'NON_SUBJECT',
      nonSubjectKind: 'ARTS',
    });
    const facade = t.app.get(RegistryFacade);
    expect(await facade.findInstitution({ creditCode: b.creditCode })).toEqual(b);
    expect(await facade.findInstitution({ id: 'not-a-uuid' })).toBeNull();
    const batch = await facade.getInstitutions([b.id, a.id, '00000000-0000-0000-0000-000000000000']);
    expect(batch.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    const operating = await facade.listOperatingInstitutionIds();
    expect(operating).toContain(a.id);
    expect(operating).not.toContain(b.id);
  });
});
