import {
  CONTRACT_CODE_ALPHABET,
  CONTRACT_CODE_LENGTH,
  contractCodeHash,
  formatContractCode,
  generateContractCode,
  normaliseContractCode,
  phoneLast4Hash,
} from './contract-code';

describe('contract codes', () => {
  it('draws 16 characters of the unambiguous alphabet, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateContractCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toHaveLength(CONTRACT_CODE_LENGTH);
      for (const ch of code) expect(CONTRACT_CODE_ALPHABET).toContain(ch);
    }
    expect(CONTRACT_CODE_ALPHABET).not.toMatch(/[01258BILOSZ]/);
  });

  it('skips bytes that would bias the draw', () => {
    // 240 = 256 - 256 % 24 and above are rejected; 0 and 23 map to the first and last characters.
    let call = 0;
    const random = (size: number) => Buffer.alloc(size, call++ === 0 ? 250 : 23);
    expect(generateContractCode(random)).toBe('Y'.repeat(CONTRACT_CODE_LENGTH));
    expect(call).toBe(2);
  });

  it('prints in groups of four and reads back what a person types', () => {
    const code = 'KAQX4MHAR9TD3WNC';
    const printed = formatContractCode(code);
    expect(printed).toMatch(/^.{4}-.{4}-.{4}-.{4}$/);
    expect(normaliseContractCode(printed.toLowerCase())).toBe(code);
    expect(normaliseContractCode(` ${printed.replace(/-/g, ' ')} `)).toBe(code);
    expect(normaliseContractCode(code.slice(1))).toBeNull();
    expect(normaliseContractCode(`${code.slice(1)}0`)).toBeNull();
  });

  it('hashes with the key, the phone digits bound to the contract', () => {
    const code = generateContractCode();
    expect(contractCodeHash('k1', code)).toBe(contractCodeHash('k1', code));
    expect(contractCodeHash('k1', code)).not.toBe(contractCodeHash('k2', code));
    expect(phoneLast4Hash('k', 'c1', '1234')).not.toBe(phoneLast4Hash('k', 'c2', '1234'));
    expect(phoneLast4Hash('k', 'c1', '1234')).not.toBe(phoneLast4Hash('k', 'c1', '1235'));
  });
});
