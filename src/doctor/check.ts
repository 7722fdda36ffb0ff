// One finding of `opswarden doctor`: what was checked, what it found, and for a failure
// what to do about it. Printed one line each, ✓ or ✗, so a failing setup reads as a list
// of fixes. Details quote URLs without their credentials and error text with secrets
// redacted: doctor's output gets pasted into tickets and chats.

import { printable } from '../printable.ts';
import { redactString } from '../shape/redact.ts';

export interface Check {
  ok: boolean;
  /** What was checked: `prometheus http://…`, `kubernetes prod: RBAC`. */
  subject: string;
  detail: string;
  /** For a failure: what to change. */
  fix?: string;
}

export const passed = (subject: string, detail: string): Check => ({ ok: true, subject, detail });
export const failed = (subject: string, detail: string, fix: string): Check => ({
  ok: false,
  subject,
  detail,
  fix,
});

/** A URL as it may be shown: no user or password. */
export function shownUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

/** An error's first line, secrets redacted, control characters replaced. */
export function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = message.split('\n')[0] ?? '';
  return printable(redactString(first).text);
}

export function formatCheck(check: Check): string {
  const line = `${check.ok ? '✓' : '✗'} ${check.subject}: ${check.detail}`;
  return check.fix ? `${line} → ${check.fix}` : line;
}
