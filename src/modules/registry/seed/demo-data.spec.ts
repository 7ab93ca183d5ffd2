import { checkCreditCode } from '../credit-code';
import { DEMO_INSTITUTIONS, demoCreditCode } from './demo-data';

describe('demo registry seed', () => {
  it('gives every demo institution a credit code the service itself accepts', () => {
    for (const d of DEMO_INSTITUTIONS) {
      const code = demoCreditCode(d.legalForm === 'NON_PROFIT' ? '52' : '91', d.org);
      expect(checkCreditCode(code)).toEqual({ valid: true, code });
    }
  });

  it('refuses to make a code from characters outside the alphabet', () => {
    expect(() => demoCreditCode('91', 'MA6DEMO01')).toThrow(/invalid/);
  });
});
