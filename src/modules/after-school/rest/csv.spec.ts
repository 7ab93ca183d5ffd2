import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes separators and quotes, defuses formulas, keeps numbers, starts with a BOM', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['王, 老师', 3],
          ['=HYPERLINK("x")', 1.5],
          ['say "hi"', 0],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"王, 老师",3\r\n"\'=HYPERLINK(""x"")",1.5\r\n"say ""hi""",0\r\n');
  });
});
