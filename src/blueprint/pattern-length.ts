/**
 * How short a string matching a `pattern` can be: used to note (json-schema.ts)
 * and prove (samples/unsatisfiable.ts) a pattern that needs more characters
 * than `maxLength` allows. RandExp's parser (ret) gives the pattern's tokens.
 */
import RandExp from 'randexp';

/**
 * The fewest characters any string matching `pattern` holds (a match is a
 * substring, so the string is at least as long). ASCII patterns only: the
 * parser counts UTF-16 units, JSON Schema lengths count code points.
 */
export function shortestMatch(pattern: string): number | undefined {
  if (!/^[\x20-\x7e]*$/.test(pattern) || /\\[pPuxk]/.test(pattern)) return undefined;
  try {
    return tokenLength((new RandExp(pattern) as unknown as { tokens: Token }).tokens);
  } catch {
    return undefined;
  }
}

interface Token {
  type: number;
  stack?: Token[];
  options?: Token[][];
  min?: number;
  value?: Token;
  followedBy?: boolean;
  notFollowedBy?: boolean;
}

// ret's token types: ROOT 0, GROUP 1, POSITION 2, SET 3, RANGE 4, REPETITION 5, REFERENCE 6, CHAR 7.
function tokenLength(token: Token): number {
  switch (token.type) {
    case 0:
    case 1: {
      if (token.followedBy || token.notFollowedBy) return 0;
      const sequence = (tokens: Token[]) => tokens.reduce((sum, child) => sum + tokenLength(child), 0);
      return token.options ? Math.min(...token.options.map(sequence)) : sequence(token.stack ?? []);
    }
    case 3:
    case 4:
    case 7:
      return 1;
    case 5:
      return (token.min ?? 0) * tokenLength(token.value!);
    default:
      // Positions (^, $, \b) and back-references may match nothing.
      return 0;
  }
}
