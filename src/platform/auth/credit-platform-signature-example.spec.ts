import { signBankRequest } from './bank-signature';

/** The signed example of docs/credit-platform-api.md: a feed pull is signed as a bank request is, empty body. */
describe('docs/credit-platform-api.md signed example', () => {
  it('produces the signature the guide prints', () => {
    expect(
      signBankRequest(
        'c2VjcmV0LWZvci1leGFtcGxlLW9ubHktMzItYnl0ZXMh',
        '1764400000',
        'GET',
        '/api/credit-platform/v1/feed?limit=100',
        '',
      ),
    ).toBe('v1=f09270332fe35cc648ce73a94dca28e6e3602c8483858bc1ed8e1b8761ca15f2');
  });
});
