import { OperationDefinitionNode, parse } from 'graphql';
import { measureOperation } from './query-limits';

function measure(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return measureOperation(operation, document);
}

describe('measureOperation', () => {
  it('counts nested field levels', () => {
    expect(measure('{ a }').depth).toBe(1);
    expect(measure('{ a { b { c } } }').depth).toBe(3);
  });

  it('follows fragments and inline fragments, and survives fragment cycles', () => {
    expect(measure('{ a { ...F } } fragment F on T { b { c } }').depth).toBe(3);
    expect(measure('{ a { ... on T { b { c { d } } } } }').depth).toBe(4);
    expect(measure('{ a { ...F } } fragment F on T { b { ...F } }').depth).toBe(2);
  });

  it('counts aliases', () => {
    expect(measure('{ x: a y: a z: b { w: c } }').aliases).toBe(4);
  });
});
