/** Text helpers shared by validation's general path and its fast path. */
import { ARN_MATCHERS } from './arnPatterns';

/** A whole-text check against one of the API model's patterns. */
export interface PatternMatcher {
  test(text: string): boolean;
}

/**
 * Two unbounded wildcards in one pattern let a backtracking engine try every split of the text
 * between them (quadratic or worse), so such a pattern must have a hand matcher.
 */
const UNSAFE_AS_REGEX = /\.[*+]/;

const patterns = new Map<string, PatternMatcher>();

/** The matcher of an API model pattern; every one runs in time linear in the text. */
export function patternOf(source: string): PatternMatcher {
  let pattern = patterns.get(source);
  if (!pattern) {
    const byHand = ARN_MATCHERS.get(source);
    if (byHand) pattern = { test: byHand };
    else if (UNSAFE_AS_REGEX.test(source)) throw new Error(`Pattern ${source} needs a linear-time matcher`);
    else pattern = new RegExp(`^(?:${source})$`, 'u');
    patterns.set(source, pattern);
  }
  return pattern;
}

/** Unicode code points in a string (what `[...text].length` counts), without allocating. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}
