// Secrets cut over several pieces of text (log lines, array items), which no pattern sees
// whole: a private key whose BEGIN line opens a block the next lines continue (PEM, PuTTY),
// and a YAML env entry whose `name: DB_PASSWORD` line is followed by `value: hunter2`. The
// pieces are followed in order, one SplitSecrets per stream, and what belongs to the secret
// is masked before the pieces are regrouped (log templates) or redacted one by one.

import { secretName } from './names.ts';
import { mark, maskForName } from './text.ts';

const PEM_NAME = '(?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?';
const BLOCK_BEGIN = new RegExp(`-----BEGIN ${PEM_NAME}-----|PuTTY-User-Key-File-\\d+:`, 'g');
const BLOCK_END = new RegExp(`-----END ${PEM_NAME}-----|Private-MAC:[ \\t]*[0-9a-f]+`);
/** Lines of a key's body: base64, the armor headers of an encrypted or PuTTY key, blank lines. */
const BLOCK_BODY = /^\s*[A-Za-z0-9+/=]*\s*$|[A-Za-z0-9+/=]{16,}|^\s*[A-Za-z][\w-]*:\s/;
/** A key's body has at most this many lines (PGP keys are the longest). */
const MAX_BLOCK_LINES = 400;
/** A line that ends on `name: X` (YAML) where the next line may hold X's value. */
const NAME_LINE =
  /(?:^|[\s{,])\\*["']?(?:name|Name|key|Key)\\*["']?[ \t]*[:=][ \t]*\\*["']?([A-Za-z_][\w.-]*)\\*["']?[ \t]*,?[ \t]*$/;
const VALUE_LINE = /^([ \t]*(?:-[ \t]*)?\\*["']?(?:value|Value)\\*["']?[ \t]*[:=][ \t]*)(.+?)[ \t]*$/;

export class SplitSecrets {
  #inBlock = false;
  #blockLines = 0;
  #pendingName: string | undefined;

  /**
   * The piece to redact instead of `piece`: masked while inside a key (with what follows
   * its end), a value line with its value masked, or undefined when nothing carries over.
   */
  next(piece: string): string | undefined {
    const replaced = this.#continue(piece);
    const rest = replaced ?? piece;
    this.#inBlock ||= opensBlock(rest);
    const name = this.#inBlock ? undefined : NAME_LINE.exec(rest)?.[1];
    this.#pendingName = name && secretName(name) ? name : undefined;
    return replaced;
  }

  #continue(piece: string): string | undefined {
    const name = this.#pendingName;
    this.#pendingName = undefined;
    if (this.#inBlock) {
      const end = BLOCK_END.exec(piece);
      if (end) {
        this.#inBlock = false;
        return `${mark('private_key')}${piece.slice(end.index + end[0].length)}`;
      }
      if (++this.#blockLines <= MAX_BLOCK_LINES && BLOCK_BODY.test(piece)) return mark('private_key');
      this.#inBlock = false;
    }
    this.#blockLines = 0;
    const value = name === undefined ? undefined : VALUE_LINE.exec(piece);
    if (!value) return undefined;
    const kind = maskForName(name!, value[2]!);
    return kind ? `${value[1]}${mark(kind)}` : undefined;
  }
}

/** Whether the text begins a private key it does not end. */
function opensBlock(text: string): boolean {
  if (!text.includes('-----BEGIN ') && !text.includes('PuTTY-User-Key-File-')) return false;
  let last = -1;
  for (const m of text.matchAll(BLOCK_BEGIN)) last = m.index + m[0].length;
  return last >= 0 && !BLOCK_END.test(text.slice(last));
}
