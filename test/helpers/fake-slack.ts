// A Slack workspace on 127.0.0.1 for the tests: the Web API methods opswarden calls
// (chat.postMessage, chat.update, chat.postEphemeral, users.info, and auth.test for
// `opswarden doctor`) answered the way Slack documents them
// (https://docs.slack.dev/reference/methods), so the official
// @slack/web-api WebClient talks to it as to Slack: a bot token in `Authorization: Bearer`
// (form bodies as the WebClient sends them, or JSON), `{ ok: false, error }` for what Slack
// refuses (unknown channel, bot not in it, invalid blocks per ./slack-block-kit.ts, no text,
// no such message or user), a `ts` per message, thread replies, ephemeral messages. The tests
// read what was posted, and press a message's buttons as a user would: Slack's signed
// block_actions POST to opswarden's /slack/interactions.

import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockProblems } from './slack-block-kit.ts';

export interface FakeSlackUser {
  id: string;
  name?: string;
  /** On the profile (users.info shows it with the users:read.email scope). */
  email?: string;
  deleted?: boolean;
  isBot?: boolean;
}

export interface FakeSlackOptions {
  /** The bot token the workspace accepts. */
  token: string;
  team?: string;
  /** Channel ids that exist (the bot is in them unless listed in notIn). */
  channels: string[];
  /** Channels that exist but the bot was never invited to. */
  notIn?: string[];
  users?: FakeSlackUser[];
}

export interface SlackMessageRecord {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  /** Each earlier version, oldest first (chat.update keeps them here). */
  history: MessageContent[];
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  text?: string;
  blocks?: unknown[];
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The error answered, if any. */
  error?: string;
}

export interface InteractionReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary keys of the JSON answer
  body: any;
  /** What was sent, for a test that replays or tampers with it. */
  sent: { body: string; headers: Record<string, string> };
}

export interface ButtonPressOptions {
  /** opswarden's base URL (http://127.0.0.1:port): the press goes to /slack/interactions. */
  url: string;
  signingSecret: string;
  user: string;
  /** The workspace of the user; the fake's own when absent. */
  team?: string;
  action: 'approve' | 'reject';
  channel: string;
  /** The message whose button is pressed. */
  ts: string;
  /** The button's value as sent; the pressed button's own when absent. */
  approvalId?: string;
  /** Unix seconds of the signature; now when absent. */
  timestamp?: number;
  /** Press the button as first posted: a client that has not caught up with the message's updates. */
  asFirstPosted?: boolean;
}

type Answer = Record<string, unknown>;
type MessageContent = { text?: string; blocks?: unknown[] };
type Failure = { error: string } | { httpStatus: number };

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly ephemerals: EphemeralRecord[] = [];
  readonly team: string;
  readonly #opts: FakeSlackOptions;
  readonly #messages: SlackMessageRecord[] = [];
  readonly #failures = new Map<string, Failure[]>();
  #server: Server | undefined;
  #url = '';
  #seq = 0;

  private constructor(opts: FakeSlackOptions) {
    this.#opts = opts;
    this.team = opts.team ?? 'T0FAKETEAM';
  }

  static async start(opts: FakeSlackOptions): Promise<FakeSlack> {
    const slack = new FakeSlack(opts);
    const server = createServer((req, res) => {
      slack
        .#handle(req)
        .then(({ status, body }) => {
          res.writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            // Slack's rate limit answer says when to come back.
            ...(status === 429 ? { 'retry-after': '1' } : {}),
          });
          res.end(JSON.stringify(body));
        })
        .catch((err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(err.message);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    slack.#server = server;
    slack.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return slack;
  }

  /** The Web API base URL, for `oncall.slack.apiUrl`. */
  get apiUrl(): string {
    return `${this.#url}/api/`;
  }

  /** Top-level messages (not thread replies), optionally of one channel, oldest first. */
  messages(channel?: string): SlackMessageRecord[] {
    return this.#messages.filter((m) => !m.threadTs && (channel === undefined || m.channel === channel));
  }

  message(channel: string, ts: string): SlackMessageRecord | undefined {
    return this.#messages.find((m) => m.channel === channel && m.ts === ts);
  }

  /** The replies in a message's thread, oldest first. */
  replies(channel: string, threadTs: string): SlackMessageRecord[] {
    return this.#messages.filter((m) => m.channel === channel && m.threadTs === threadTs);
  }

  /** The next call of `method` fails: with a Slack error code, or an HTTP status. */
  failNext(method: string, failure: Failure): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), failure]);
  }

  /**
   * A user presses a button of a posted message: the block_actions payload Slack would send,
   * form-encoded and signed with the app's signing secret, POSTed to opswarden. Throws when
   * the message has no such button (a test cannot press what is not shown).
   */
  async pressButton(opts: ButtonPressOptions): Promise<InteractionReply> {
    const { body, headers } = this.signedPress(opts);
    return postInteraction(opts.url, body, headers);
  }

  /** The signed request of a button press, not sent: for a test that replays or alters it. */
  signedPress(opts: Omit<ButtonPressOptions, 'url'>): { body: string; headers: Record<string, string> } {
    const message = this.message(opts.channel, opts.ts);
    if (!message) throw new Error(`no message ${opts.ts} in ${opts.channel}`);
    const shown = opts.asFirstPosted ? (message.history[0] ?? message) : message;
    const button = buttonsOf(shown).find((b) => b.action_id === opts.action);
    if (!button) throw new Error(`message ${opts.ts} in ${opts.channel} shows no ${opts.action} button`);
    const team = opts.team ?? this.team;
    const payload = {
      type: 'block_actions',
      user: {
        id: opts.user,
        username: opts.user.toLowerCase(),
        name: opts.user.toLowerCase(),
        team_id: team,
      },
      api_app_id: 'A0FAKEAPP01',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: opts.ts, channel_id: opts.channel, is_ephemeral: false },
      trigger_id: `${Date.now()}.${randomUUID()}`,
      team: { id: team, domain: 'fake-workspace' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: opts.channel, name: 'ops' },
      message: { type: 'message', ts: opts.ts, text: shown.text, blocks: shown.blocks, user: 'U0FAKEBOT' },
      state: { values: {} },
      response_url: `${this.#url}/actions/${randomUUID()}`,
      actions: [
        {
          action_id: button.action_id,
          block_id: button.block_id,
          text: button.text,
          value: opts.approvalId ?? button.value,
          style: button.style,
          type: 'button',
          action_ts: `${(Date.now() / 1000).toFixed(6)}`,
        },
      ],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return { body, headers: signSlackRequest(opts.signingSecret, body, opts.timestamp) };
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; body: Answer }> {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = url.pathname.replace(/^\/api\//, '');
    const args = await readArgs(req);
    const call: ApiCall = { method, args };
    this.calls.push(call);
    const answer = (body: Answer, status = 200) => {
      if (body.ok === false) call.error = String(body.error);
      return { status, body };
    };
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      return answer({ ok: false, error: 'unknown_method' }, 404);
    }
    const failure = this.#failures.get(method)?.shift();
    if (failure && 'httpStatus' in failure)
      return answer(
        { ok: false, error: failure.httpStatus === 429 ? 'ratelimited' : 'http' },
        failure.httpStatus,
      );
    if (failure) return answer({ ok: false, error: failure.error });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? args.token;
    if (!bearer) return answer({ ok: false, error: 'not_authed' });
    if (bearer !== this.#opts.token) return answer({ ok: false, error: 'invalid_auth' });
    return answer(this.#method(method, args));
  }

  #method(method: string, args: Record<string, unknown>): Answer {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake-workspace.slack.com/',
          team: 'Fake Workspace',
          team_id: this.team,
          user: 'opswarden',
          user_id: 'U0FAKEBOT',
          bot_id: 'B0FAKEBOT',
        };
      case 'chat.postMessage':
        return this.#post(args);
      case 'chat.update':
        return this.#update(args);
      case 'chat.postEphemeral':
        return this.#ephemeral(args);
      case 'users.info':
        return this.#userInfo(args);
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  /** The content of a message call, or the error Slack answers for it. */
  #content(args: Record<string, unknown>): MessageContent | { refusal: Answer } {
    const text = typeof args.text === 'string' && args.text ? args.text : undefined;
    let blocks: unknown = args.blocks;
    if (typeof blocks === 'string') {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return { refusal: { ok: false, error: 'invalid_blocks_format' } };
      }
    }
    if (blocks !== undefined) {
      const problems = blockProblems(blocks);
      if (problems.length)
        return { refusal: { ok: false, error: 'invalid_blocks', response_metadata: { messages: problems } } };
    }
    if (!text && (blocks === undefined || (blocks as unknown[]).length === 0))
      return { refusal: { ok: false, error: 'no_text' } };
    return { ...(text ? { text } : {}), ...(blocks !== undefined ? { blocks: blocks as unknown[] } : {}) };
  }

  #channelError(channel: unknown): Answer | undefined {
    if (typeof channel !== 'string' || !this.#opts.channels.includes(channel))
      return { ok: false, error: 'channel_not_found' };
    if (this.#opts.notIn?.includes(channel)) return { ok: false, error: 'not_in_channel' };
    return undefined;
  }

  #post(args: Record<string, unknown>): Answer {
    const refused = this.#channelError(args.channel);
    if (refused) return refused;
    const content = this.#content(args);
    if ('refusal' in content) return content.refusal;
    const channel = args.channel as string;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`;
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    this.#messages.push({ channel, ts, ...content, ...(threadTs ? { threadTs } : {}), history: [] });
    return {
      ok: true,
      channel,
      ts,
      message: { type: 'message', ts, user: 'U0FAKEBOT', bot_id: 'B0FAKEBOT', ...content },
    };
  }

  #update(args: Record<string, unknown>): Answer {
    const refused = this.#channelError(args.channel);
    if (refused) return refused;
    if (typeof args.ts !== 'string') return { ok: false, error: 'message_not_found' };
    const message = this.message(args.channel as string, args.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    const content = this.#content(args);
    if ('refusal' in content) return content.refusal;
    message.history.push({ text: message.text, blocks: message.blocks });
    message.text = content.text;
    // Blocks left out of an update are kept (Slack's documented behaviour).
    if (content.blocks) message.blocks = content.blocks;
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
  }

  #ephemeral(args: Record<string, unknown>): Answer {
    const refused = this.#channelError(args.channel);
    if (refused) return refused;
    if (!this.#opts.users?.some((u) => u.id === args.user)) return { ok: false, error: 'user_not_found' };
    const content = this.#content(args);
    if ('refusal' in content) return content.refusal;
    this.ephemerals.push({ channel: args.channel as string, user: args.user as string, ...content });
    return {
      ok: true,
      message_ts: `${Math.floor(Date.now() / 1000)}.${String(++this.#seq).padStart(6, '0')}`,
    };
  }

  #userInfo(args: Record<string, unknown>): Answer {
    const user = this.#opts.users?.find((u) => u.id === args.user);
    if (!user) return { ok: false, error: 'user_not_found' };
    return {
      ok: true,
      user: {
        id: user.id,
        team_id: this.team,
        name: user.name ?? user.id.toLowerCase(),
        deleted: user.deleted ?? false,
        is_bot: user.isBot ?? false,
        profile: {
          real_name: user.name ?? user.id,
          display_name: user.name ?? '',
          ...(user.email ? { email: user.email } : {}),
        },
      },
    };
  }
}

interface ButtonJson {
  action_id: string;
  block_id?: string;
  text: unknown;
  value?: string;
  style?: string;
}

function buttonsOf(message: MessageContent): ButtonJson[] {
  return (message.blocks ?? []).flatMap((block) => {
    const b = block as { type?: string; block_id?: string; elements?: ButtonJson[] };
    return b.type === 'actions' ? (b.elements ?? []).map((e) => ({ ...e, block_id: b.block_id })) : [];
  });
}

/** The arguments of a Web API call: a form body (the WebClient's way) or JSON. */
async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').startsWith('application/json'))
    return JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(text));
}

/** Slack's request signature headers for `body` (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
export function signSlackRequest(
  signingSecret: string,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** POSTs an interaction body to opswarden's /slack/interactions as Slack does. */
export async function postInteraction(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<InteractionReply> {
  const res = await fetch(`${url}/slack/interactions`, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, sent: { body, headers } };
}
