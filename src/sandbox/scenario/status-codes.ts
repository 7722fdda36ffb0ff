// What a service's `errors` segment may say about status codes: either the share of requests
// answered 500 (`ratio`, the format's original form) or the share answered each code it lists
// (`codes: { "429": 0.2, "504": 0.05 }`: rate limiting, a gateway timing out, a token
// expiring). 200 answers the rest, so it is never listed and the shares add up to at most 1.

import { z } from 'zod';

const STATUS_CODE = /^[1-5]\d\d$/;

export const statusCodeShares = z
  .record(
    z.string().regex(STATUS_CODE, 'expected an HTTP status code such as 429 or 504'),
    z.number().min(0).max(1),
  )
  .superRefine((codes, ctx) => {
    if ('200' in codes) {
      ctx.addIssue({
        code: 'custom',
        path: ['200'],
        message: '200 answers the requests no listed code does: list only the others',
      });
    }
    const total = Object.values(codes).reduce((sum, share) => sum + share, 0);
    if (total > 1 + 1e-9) {
      ctx.addIssue({ code: 'custom', message: `the shares add up to ${total}, more than every request (1)` });
    }
  });

/** Each segment says `ratio` or `codes`, not both and not neither. */
export function ratioOrCodes(
  segments: readonly { ratio?: number | undefined; codes?: Record<string, number> | undefined }[],
  ctx: z.RefinementCtx,
): void {
  segments.forEach((segment, index) => {
    if ((segment.ratio === undefined) === (segment.codes === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [index],
        message:
          'a segment has either `ratio` (the share answered 500) or `codes` (the share per status code)',
      });
    }
  });
}
