import { signBankRequest } from './bank-signature';

/** The signed example of docs/platform-api.md: platform requests are signed as bank requests are. */
describe('docs/platform-api.md signed example', () => {
  it('produces the signature the guide prints', () => {
    const body =
      '{"lessonRecords":[{"externalId":"NP-L-000123","contractExternalId":"NP-2026-000042","taughtOn":"2026-11-27","lessons":1}]}';
    expect(
      signBankRequest(
        'c2VjcmV0LWZvci1leGFtcGxlLW9ubHktMzItYnl0ZXMh',
        '1764400000',
        'POST',
        '/api/platform/v1/lesson-records',
        body,
      ),
    ).toBe('v1=d3e751f4a1de6822cdf4f559da266c3cc5e39001838ab8d0420cce5d420fbe02');
  });
});
