import { withoutSuggestion } from './graphql.setup';

describe('withoutSuggestion', () => {
  it('drops the trailing "Did you mean …?" that names schema fields', () => {
    expect(withoutSuggestion('Cannot query field "townshipz" on type "Query". Did you mean "townships"?')).toBe(
      'Cannot query field "townshipz" on type "Query".',
    );
    expect(withoutSuggestion('Unknown argument "x".')).toBe('Unknown argument "x".');
  });

  it('reads a message that repeats the phrase in client text in one pass, keeping what precedes the last one', () => {
    // A client string echoed in the message (e.g. a non-integer value) may repeat the phrase many times:
    // a backtracking pattern took seconds on this; the answer must still be the text before the last one.
    const echoed = 'Did you mean '.repeat(50_000);
    const message = `Int cannot represent non-integer value: "${echoed}"`;
    expect(withoutSuggestion(message)).toBe(message);
    expect(withoutSuggestion(`${message} Did you mean "first"?`)).toBe(message);
  });
});
