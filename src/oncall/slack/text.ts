// Text for Slack from what opswarden does not control: an agent's reason, a tool's arguments,
// alert annotations, error messages. In Slack's mrkdwn `&`, `<` and `>` are control
// characters (`<!channel>` notifies a channel, `<@U…>` mentions, `<https://x|label>` links),
// so every untrusted string is escaped and cut to the size its Block Kit field allows; the
// links opswarden itself adds are built here too, from the configured console URL.

/** Block Kit's limits (https://docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  buttonText: 75,
  confirmTitle: 100,
  confirmText: 300,
  /** The notification text beside blocks (Slack truncates long ones; keep it short). */
  fallbackText: 3000,
} as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/** `text` escaped for mrkdwn and at most `max` characters long (cut with an ellipsis, never inside an escape). */
export function mrkdwn(text: string, max: number): string {
  // Escaping only lengthens: a text longer than `max` need not be escaped whole to know it is cut.
  if (text.length <= max) {
    const escaped = text.replace(/[&<>]/g, (c) => ESCAPES[c]!);
    if (escaped.length <= max) return escaped;
  }
  let out = '';
  for (const char of text) {
    const piece = ESCAPES[char] ?? char;
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out + ELLIPSIS;
}

/** Like mrkdwn, on one line: for names and values shown inline. */
export function inline(text: string, max: number): string {
  return mrkdwn(text.replace(/\s+/g, ' ').trim(), max);
}

/** Plain text (headers, buttons, dialogs: Slack parses no markup there), cut to `max`. */
export function plain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '-';
  if (flat.length <= max) return flat;
  let out = '';
  for (const char of flat) {
    if (out.length + char.length > max - ELLIPSIS.length) break;
    out += char;
  }
  return out + ELLIPSIS;
}

/** Compact JSON of a value in a code span, escaped and bounded. */
export function codeJson(value: unknown, max: number): string {
  const fence = '```';
  // A fence inside the value would end the code block early: break it up.
  const json = (JSON.stringify(value) ?? 'null').replaceAll(fence, '`\u200b``');
  return `${fence}${mrkdwn(json, max - 2 * fence.length)}${fence}`;
}

/** A link opswarden adds: the URL from the config (escaped as Slack asks), the label ours. */
export function link(url: string, label: string): string {
  return `<${url.replace(/[&<>|]/g, (c) => (c === '|' ? '%7C' : ESCAPES[c]!))}|${mrkdwn(label, 200)}>`;
}

/** The console's page of a ticket or an incident (the console's hash routes). */
export const consoleLinks = {
  approval: (consoleUrl: string, id: string) => `${consoleUrl}#/approvals/${encodeURIComponent(id)}`,
  incident: (consoleUrl: string, id: string) => `${consoleUrl}#/incidents/${encodeURIComponent(id)}`,
  postmortem: (consoleUrl: string, id: string) =>
    `${consoleUrl}#/incidents/${encodeURIComponent(id)}/postmortem`,
};

/** A time shown in each reader's own time zone (Slack's date token), the ISO text as fallback. */
export function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return inline(iso, 40);
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time_secs}|${new Date(ms).toISOString()}>`;
}
