// The few Block Kit pieces opswarden's messages are made of (header, section, fields,
// context, buttons), each built within Slack's limits so a message is never refused as
// invalid_blocks however long the ticket's or incident's text is. Text handed to these
// builders is mrkdwn already escaped by ./text.ts; they only bound it.

import { plain, SLACK_LIMITS } from './text.ts';

export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  /** mrkdwn: no automatic linking of bare URLs, channel names or mentions. */
  verbatim?: boolean;
  emoji?: boolean;
}

export interface Button {
  type: 'button';
  action_id: 'approve' | 'reject';
  text: TextObject;
  value: string;
  style: 'primary' | 'danger';
  confirm?: {
    title: TextObject;
    text: TextObject;
    confirm: TextObject;
    deny: TextObject;
  };
}

export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text: TextObject }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'actions'; block_id: string; elements: Button[] };

/** A message: its blocks and the notification text Slack shows where blocks are not rendered. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const md = (text: string): TextObject => ({ type: 'mrkdwn', text, verbatim: true });
const plainText = (text: string, max: number): TextObject => ({
  type: 'plain_text',
  text: plain(text, max),
  emoji: true,
});

export function header(text: string): SlackBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.header) };
}

/** A section of escaped mrkdwn lines: whole lines are kept while they fit, then "… and N more". */
export function section(lines: readonly string[]): SlackBlock {
  return { type: 'section', text: md(fitLines(lines, SLACK_LIMITS.sectionText)) };
}

/** Label/value pairs shown two by two (labels ours, values escaped mrkdwn); at most ten. */
export function fields(pairs: readonly [label: string, value: string][]): SlackBlock {
  return {
    type: 'section',
    fields: pairs
      .slice(0, SLACK_LIMITS.fields)
      .map(([label, value]) => md(fitLines([`*${label}*`, value], SLACK_LIMITS.field))),
  };
}

export function context(parts: readonly string[]): SlackBlock {
  return {
    type: 'context',
    elements: parts
      .slice(0, SLACK_LIMITS.contextElements)
      .map((part) => md(fitLines([part], SLACK_LIMITS.field))),
  };
}

/** Approve (confirmed in a dialog) and Reject, both carrying the ticket's id. */
export function decisionButtons(approvalId: string, question: string): SlackBlock {
  return {
    type: 'actions',
    block_id: 'decision',
    elements: [
      {
        type: 'button',
        action_id: 'approve',
        text: plainText('Approve', SLACK_LIMITS.buttonText),
        value: approvalId,
        style: 'primary',
        confirm: {
          title: plainText('Approve this action?', SLACK_LIMITS.confirmTitle),
          text: plainText(question, SLACK_LIMITS.confirmText),
          confirm: plainText('Approve', 30),
          deny: plainText('Cancel', 30),
        },
      },
      {
        type: 'button',
        action_id: 'reject',
        text: plainText('Reject', SLACK_LIMITS.buttonText),
        value: approvalId,
        style: 'danger',
      },
    ],
  };
}

/** A message of these blocks (a handful each: well under Slack's 50), its notification text bounded. */
export function message(text: string, blocks: readonly SlackBlock[]): SlackMessage {
  return { text: fitLines([text], SLACK_LIMITS.fallbackText), blocks: [...blocks] };
}

/**
 * Joins lines (each escaped mrkdwn) while the total fits `max`; the rest is announced as
 * "… and N more". A single line longer than `max` is cut where no escape or link is split.
 */
export function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const more = `… and ${lines.length - i} more`;
    const extra = (kept.length ? 1 : 0) + line.length;
    const roomForMore = i < lines.length - 1 ? more.length + 1 : 0;
    if (length + extra + roomForMore <= max) {
      kept.push(line);
      length += extra;
      continue;
    }
    if (kept.length) kept.push(more);
    else {
      kept.push(cutLine(line, max - roomForMore));
      if (roomForMore) kept.push(`… and ${lines.length - i - 1} more`);
    }
    break;
  }
  return kept.join('\n') || '-';
}

/** The longest prefix of an escaped line within `max - 1` that ends outside an entity or a <…> link, plus "…". */
function cutLine(line: string, max: number): string {
  let end = max - 1;
  const open = line.lastIndexOf('<', end);
  if (open >= 0 && line.indexOf('>', open) >= end) end = open;
  const amp = line.lastIndexOf('&', end);
  if (amp >= 0 && line.indexOf(';', amp) >= end) end = amp;
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(line.charAt(end - 1))) end -= 1;
  return `${line.slice(0, end)}…`;
}
