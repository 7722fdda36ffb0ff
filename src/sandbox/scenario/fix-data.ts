// What a fix's `data` value asks of the value the world holds for that key: `"*"`
// any value; a comparison (`">=32"`, also `>`, `<=`, `<`) a decimal number that compares
// so, for fixes that only work past a threshold (a pool raised back to a size that holds
// the load, not any size); anything else exactly that value. A value that starts like a
// comparison (">=", "<=", or ">"/"<" before a digit) but does not end in a number is a
// scenario error, not an exact value.

/** `>=`/`<=` and anything after; `>`/`<` only before a number, so "<none>" stays an exact value. */
const COMPARISON = /^(>=|<=|[<>](?=\s*[-+.\d]))\s*(.*)$/s;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

type Operator = '>=' | '<=' | '>' | '<';

/** Why `pattern` is not a valid fix data value, or undefined when it is. */
export function fixDataProblem(pattern: string): string | undefined {
  const comparison = COMPARISON.exec(pattern);
  if (comparison && !DECIMAL.test(comparison[2]!.trim())) {
    return `"${pattern}" compares with ${comparison[1]} but "${comparison[2]}" is not a decimal number (e.g. ">=32")`;
  }
  return undefined;
}

/** Whether the key's value (a ConfigMap's data, a Deployment's replicas as text) meets `pattern`. */
export function fixDataMatches(pattern: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (pattern === '*') return true;
  const comparison = COMPARISON.exec(pattern);
  if (!comparison) return value === pattern;
  if (typeof value !== 'string' || !DECIMAL.test(value)) return false;
  const set = Number(value);
  const bound = Number(comparison[2]!.trim());
  switch (comparison[1] as Operator) {
    case '>=':
      return set >= bound;
    case '>':
      return set > bound;
    case '<=':
      return set <= bound;
    case '<':
      return set < bound;
  }
}
