// Shortens untrusted log text for the output without splitting a token: the cut falls
// before a delimiter, so a secret in the text is either whole (and the redactor, which
// runs afterwards, masks it) or gone.

const ELLIPSIS = '…';

export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars - ELLIPSIS.length;
  while (end > 0 && !isDelimiter(text.charCodeAt(end))) end--;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Whitespace and the punctuation that ends a value: space , ; " ' ( ) [ ] { } < > | */
function isDelimiter(code: number): boolean {
  return code <= 32 || DELIMITERS.has(code);
}

const DELIMITERS = new Set([...',;"\'()[]{}<>|'].map((c) => c.charCodeAt(0)));
