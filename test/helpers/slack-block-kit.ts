// What Slack checks in a message's blocks before it accepts it, and what it renders from
// them, for the fake Slack Web API (./fake-slack.ts) and the tests that read its messages:
// Block Kit's documented limits (https://docs.slack.dev/reference/block-kit: 50 blocks, a
// section's text 3000 characters, ten fields of 2000, a header 150 plain-text characters,
// buttons with an action_id, …) and the `<…>` entities mrkdwn turns into mentions and links.

export interface TextObjectJson {
  type: string;
  text: string;
  verbatim?: boolean;
  emoji?: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Slack's complaints about `blocks` ("must be … [json-pointer:/blocks/0/text]"); none when valid. */
export function blockProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  const say: Say = (path, what) => {
    problems.push(`[ERROR] ${what} [json-pointer:${path}]`);
  };
  if (!Array.isArray(blocks)) {
    say('/blocks', 'must be an array');
    return problems;
  }
  if (blocks.length > 50) say('/blocks', 'no more than 50 items allowed');
  for (const [i, block] of blocks.entries()) checkBlock(block, `/blocks/${i}`, say);
  return problems;
}

type Say = (path: string, what: string) => void;

function checkText(
  value: unknown,
  path: string,
  say: Say,
  opts: { max: number; plainOnly?: boolean } = { max: 3000 },
): void {
  if (!isObject(value)) {
    say(path, 'must be a text object');
  } else if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    say(`${path}/type`, 'must be plain_text or mrkdwn');
  } else if (typeof value.text !== 'string' || value.text.length < 1) {
    say(`${path}/text`, 'must be at least 1 character');
  } else {
    if (opts.plainOnly && value.type !== 'plain_text') say(`${path}/type`, 'must be plain_text');
    if (value.text.length > opts.max) say(`${path}/text`, `must be less than ${opts.max + 1} characters`);
    if (value.verbatim !== undefined && value.type !== 'mrkdwn') say(`${path}/verbatim`, 'only for mrkdwn');
    if (value.emoji !== undefined && value.type !== 'plain_text') say(`${path}/emoji`, 'only for plain_text');
  }
}

/** The items of an array of `min` to `max` items, or none (and a complaint). */
function items(value: unknown, path: string, say: Say, min: number, max: number): unknown[] {
  if (Array.isArray(value) && value.length >= min && value.length <= max) return value;
  say(path, `must have ${min} to ${max} items`);
  return [];
}

function checkBlock(block: unknown, path: string, say: Say): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    say(path, 'must be an object with a type');
    return;
  }
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length > 255))
    say(`${path}/block_id`, 'must be a string of at most 255 characters');
  switch (block.type) {
    case 'header':
      checkText(block.text, `${path}/text`, say, { max: 150, plainOnly: true });
      break;
    case 'divider':
      break;
    case 'section':
      if (block.text === undefined && block.fields === undefined) say(path, 'must have text or fields');
      if (block.text !== undefined) checkText(block.text, `${path}/text`, say);
      if (block.fields !== undefined) {
        for (const [i, field] of items(block.fields, `${path}/fields`, say, 1, 10).entries())
          checkText(field, `${path}/fields/${i}`, say, { max: 2000 });
      }
      break;
    case 'context':
      for (const [i, element] of items(block.elements, `${path}/elements`, say, 1, 10).entries())
        checkText(element, `${path}/elements/${i}`, say);
      break;
    case 'actions': {
      const ids = new Set<string>();
      for (const [i, element] of items(block.elements, `${path}/elements`, say, 1, 25).entries()) {
        const at = `${path}/elements/${i}`;
        checkButton(element, at, say);
        if (isObject(element) && typeof element.action_id === 'string') {
          if (ids.has(element.action_id)) say(`${at}/action_id`, 'must be unique in the block');
          ids.add(element.action_id);
        }
      }
      break;
    }
    default:
      say(`${path}/type`, `unsupported block type ${block.type}`);
  }
}

function checkButton(element: unknown, path: string, say: Say): void {
  if (!isObject(element) || element.type !== 'button') {
    say(path, 'must be a button');
    return;
  }
  checkText(element.text, `${path}/text`, say, { max: 75, plainOnly: true });
  if (typeof element.action_id !== 'string' || !element.action_id || element.action_id.length > 255)
    say(`${path}/action_id`, 'is required, at most 255 characters');
  if (element.value !== undefined && (typeof element.value !== 'string' || element.value.length > 2000))
    say(`${path}/value`, 'must be a string of at most 2000 characters');
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger')
    say(`${path}/style`, 'must be primary or danger');
  const c = element.confirm;
  if (c === undefined) return;
  if (!isObject(c)) {
    say(`${path}/confirm`, 'must be a confirmation dialog object');
    return;
  }
  checkText(c.title, `${path}/confirm/title`, say, { max: 100, plainOnly: true });
  checkText(c.text, `${path}/confirm/text`, say, { max: 300 });
  checkText(c.confirm, `${path}/confirm/confirm`, say, { max: 30, plainOnly: true });
  checkText(c.deny, `${path}/confirm/deny`, say, { max: 30, plainOnly: true });
}

/** Every text object of the blocks, in order (fields, context elements, buttons and dialogs included). */
export function textObjects(blocks: unknown): TextObjectJson[] {
  const found: TextObjectJson[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) for (const item of v) visit(item);
    else if (!isObject(v)) return;
    else if ((v.type === 'mrkdwn' || v.type === 'plain_text') && typeof v.text === 'string')
      found.push(v as unknown as TextObjectJson);
    else for (const value of Object.values(v)) visit(value);
  };
  visit(blocks);
  return found;
}

/**
 * The `<…>` entities Slack renders as mentions, channel links, dates and links: in the
 * mrkdwn text objects and the message's text (plain_text shows them as typed).
 */
export function entitiesOf(message: { text?: string; blocks?: unknown }): string[] {
  const sources = [
    message.text ?? '',
    ...textObjects(message.blocks ?? []).flatMap((t) => (t.type === 'mrkdwn' ? [t.text] : [])),
  ];
  return sources.flatMap((s) => [...s.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!));
}

/** The text a reader sees: every text object, mrkdwn's escapes undone, entities shown as their label. */
export function visibleText(message: { text?: string; blocks?: unknown }): string {
  return textObjects(message.blocks ?? [])
    .map((t) =>
      t.type === 'mrkdwn'
        ? t.text
            .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&amp;/g, '&')
        : t.text,
    )
    .join('\n');
}
